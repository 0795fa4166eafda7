"""A sprint's burndown as Markdown: committed at the start, scope changes, the days."""

from __future__ import annotations

from mlboard.planning.reports.burndown import BurndownReport, ScopeChange
from mlboard.planning.reports.markdown.text import day, number

CHANGE_WORDS = {"added": "added", "removed": "taken out", "re-estimated": "re-estimated"}


def render_burndown_text(report: BurndownReport) -> str:
    """Committed points, each scope change on its day, remaining against the ideal line."""
    state = "frozen at its close" if report.frozen else report.state
    lines = [f"# Burndown — {report.sprint} ({state})", ""]
    committed = report.committed
    listed = f" ({', '.join(committed)})" if committed else ""
    lines.append(f"Committed at the start: {number(report.committed_points)} pts{listed}")
    lines.append(
        f"Scope changes: +{number(report.added_points)} added, "
        f"−{number(report.removed_points)} taken out, "
        f"{report.re_estimated_points:+g} re-estimated → "
        f"{number(report.scope_points)} pts in scope"
    )
    lines += [f"- {_change(c)}" for c in report.changes]
    lines += [
        f"Completed {number(report.completed_points)} pts; "
        f"{number(report.remaining_points)} remaining.",
        "",
        "| day | remaining | scope | ideal |",
        "|---|---|---|---|",
    ]
    for row in report.days:
        lines.append(
            f"| {day(row.date)} | {_cell(row.remaining)} | {_cell(row.scope)} "
            f"| {number(row.ideal)} |"
        )
    return "\n".join([*lines, ""])


def _change(change: ScopeChange) -> str:
    what = CHANGE_WORDS.get(change.kind, change.kind)
    text = f"{day(change.at)}: {change.card} {what} ({change.points:+g} pts"
    if change.kind == "re-estimated":
        text += f", {number(change.from_)} → {number(change.to)}"
    return text + ")"


def _cell(value: float | None) -> str:
    return "" if value is None else number(value)
