"""The planning check as Markdown."""

from __future__ import annotations

from mlboard.planning.reports.markdown.text import plural
from mlboard.planning.reports.plan import PlanReport


def render_plan_text(report: PlanReport) -> str:
    """Findings grouped by check, errors first within each check."""
    findings = report.findings
    errors = report.error_count
    scope = f"sprint {report.sprint}" if report.sprint else "work in progress"
    lines = [f"# Planning check — {scope}", ""]
    if not findings:
        return "\n".join([*lines, "No findings: the sprint is ready.", ""])
    lines += [f"{plural(errors, 'error')}, {plural(len(findings) - errors, 'warning')}", ""]
    checks = list(dict.fromkeys(f.check for f in findings))
    for check in checks:
        lines.append(f"## {check}")
        ordered = sorted((f for f in findings if f.check == check), key=lambda f: not f.is_error)
        lines += [f"- {f.severity.upper()}: {f.message}" for f in ordered]
        lines.append("")
    return "\n".join(lines)
