"""The sprint review as Markdown."""

from __future__ import annotations

from mlboard.planning.derived import CriterionState
from mlboard.planning.reports.common import CardBrief
from mlboard.planning.reports.markdown.text import (
    OUTCOME_ORDER,
    number,
    plural,
    sprint_head,
)
from mlboard.planning.reports.review_values import (
    CardCriteria,
    Confusion,
    Experiments,
    FailureNotes,
    ReviewPoints,
    ReviewReport,
    Trend,
)


def experiments_line(experiments: Experiments) -> str:
    """``3 tested, 1 promising, 2 eliminated`` (and how many are still open)."""
    counts = experiments.counts
    parts = [f"{experiments.tested} tested"]
    parts += [f"{counts[o]} {o}" for o in OUTCOME_ORDER if counts.get(o)]
    if counts.get("open"):
        parts.append(f"{counts['open']} still open")
    return ", ".join(parts)


def trend_line(trend: Trend) -> str:
    """``accuracy 0.91 on holdout, up from 0.87 in S1``."""
    points = trend.points
    latest = points[-1]
    head = f"{trend.metric} {number(latest.value)} on {trend.dataset}"
    basis = "best result of each sprint: " if trend.basis == "best" else ""
    if len(points) == 1:
        return f"{head} ({basis}{latest.sprint}, first result)"
    previous = points[-2]
    if latest.value == previous.value:
        direction = "unchanged from"
    else:
        direction = "up from" if latest.value > previous.value else "down from"
    series = ", ".join(f"{p.sprint} {number(p.value)}" for p in points)
    return f"{head}, {direction} {number(previous.value)} in {previous.sprint} ({basis}{series})"


def render_review_text(report: ReviewReport) -> str:
    """The sprint review for stakeholders."""
    lines = [*sprint_head("Sprint review", report.sprint), ""]
    done, open_ = report.completed, report.not_completed
    points = report.points
    lines.append(
        f"## Completed: {plural(len(done), 'card')}, {number(points.completed)} points "
        f"({number(points.committed)} committed at the start{_scope_points(points)})"
    )
    lines += [f"- {_brief(c)}" for c in done] or ["- nothing"]
    lines += ["", f"## Not completed: {plural(len(open_), 'card')}"]
    lines += [f"- {_brief(c)} — {c.status}" for c in open_] or ["- nothing"]
    lines += _scope_lines(report.added, report.removed)
    lines += ["", *_criteria_lines(report.criteria)]
    lines += ["## Trends", *(f"- {trend_line(t)}" for t in report.trends)]
    if not report.trends:
        lines.append("- no metric results logged in a sprint yet")
    lines += ["", "## Experiments", experiments_line(report.experiments)]
    for e in report.experiments.list_:
        learnt = f": {e.learnings}" if e.learnings else ""
        lines.append(f"- {e.card} {e.title} — {e.outcome}{learnt}")
    lines.append("")
    lines += _failure_lines(report.failures)
    lines += _confusion_lines(report.confusion)
    return "\n".join(lines)


def _scope_points(points: ReviewPoints) -> str:
    changes = [
        f"{sign}{number(value)} {what}"
        for value, sign, what in ((points.added, "+", "added"), (points.removed, "−", "taken out"))
        if value
    ]
    if points.re_estimated:
        changes.append(f"{points.re_estimated:+g} re-estimated")
    return "; " + ", ".join(changes) if changes else ""


def _brief(card: CardBrief) -> str:
    points = f" ({number(card.points)} pts)" if card.points is not None else ""
    return f"{card.id} {card.title or '(deleted)'}{points}"


def _scope_lines(added: tuple[CardBrief, ...], removed: tuple[CardBrief, ...]) -> list[str]:
    parts = [
        f"{len(cards)} {what} ({', '.join(c.id for c in cards)})"
        for what, cards in (("added after the start", added), ("removed", removed))
        if cards
    ]
    return ["", "Scope change: " + "; ".join(parts)] if parts else []


def _criteria_lines(criteria: tuple[CardCriteria, ...]) -> list[str]:
    if not criteria:
        return []
    lines = ["## Acceptance criteria"]
    for entry in criteria:
        states = "; ".join(_criterion_state(c) for c in entry.criteria)
        lines.append(f"- {entry.card} {entry.title}: {states}")
    return [*lines, ""]


def _criterion_state(c: CriterionState) -> str:
    """``precision>0.92@holdout met (0.93)``, or for a relative criterion ``ctr 0.0329 vs
    baseline 0.031 (+6.1%, needs +5%): met``; then where the deciding result came from."""
    if c.get("baseline"):
        state = str(c["text"])
    else:
        state = f"{c['metric']}{c['op']}{c['threshold']:g}@{c['dataset']} {c['status']}"
        state += f" ({number(c['value'])})" if c["value"] is not None else ""
    origin = [f"run {c['run']}"] if c.get("run") else []
    origin += [f"commit {str(c['commit'])[:12]}"] if c.get("commit") else []
    origin += [f"from {c['source']}"] if c.get("source") else []
    return state + (f" [{', '.join(origin)}]" if origin else "")


def _failure_lines(failures: tuple[FailureNotes, ...]) -> list[str]:
    if not failures:
        return []
    lines = ["## Failure analysis"]
    for entry in failures:
        lines += [f"- {entry.card} {entry.title}: {note}" for note in entry.notes]
    return [*lines, ""]


def _confusion_lines(matrices: tuple[Confusion, ...]) -> list[str]:
    lines: list[str] = []
    for m in matrices:
        accuracy = f", accuracy {m.accuracy:.3g}" if m.accuracy is not None else ""
        lines += [f"## Confusion matrix — {m.card} {m.title} on {m.dataset}{accuracy}"]
        top = ", ".join(f"{c.true} → {c.predicted} ({c.count})" for c in m.top_confusions)
        if top:
            lines.append(f"Most confused (true → predicted): {top}")
        lines += ["", "| true \\ predicted | " + " | ".join(m.labels) + " |"]
        lines.append("|---" * (len(m.labels) + 1) + "|")
        for label, row in zip(m.labels, m.counts, strict=True):
            lines.append(f"| {label} | " + " | ".join(str(n) for n in row) + " |")
        lines.append("")
    return lines
