"""The retrospective as Markdown."""

from __future__ import annotations

from mlboard.planning.reports.estimation import EstimationRow
from mlboard.planning.reports.markdown.text import day, number, plural, sprint_head
from mlboard.planning.reports.retro_values import (
    CarriedCard,
    Handoff,
    Incident,
    RetroReport,
    SprintVelocity,
)


def render_retro_text(report: RetroReport) -> str:
    """The retrospective for the team."""
    lines = [*sprint_head("Retrospective", report.sprint), "", *_estimation_lines(report)]
    lines += _velocity_lines(report.velocity)
    lines += _carried_lines(report.carried_over)
    closed = report.sprint is not None and report.sprint.closed
    lines += _incident_lines(report.data_incidents, "open at the close" if closed else "still open")
    lines += _handoff_lines(report.handoff)
    if report.notes:
        lines.append("## Notes")
        for n in report.notes:
            who = f"{n.person}: " if n.person else ""
            card = f" ({n.card})" if n.card else ""
            lines.append(f"- [{n.kind}] {who}{n.text}{card}")
        lines.append("")
    if report.advice:
        lines += ["## Advice", *(f"- {a}" for a in report.advice), ""]
    return "\n".join(lines)


def _estimation_lines(report: RetroReport) -> list[str]:
    lines = [
        "## Estimation",
        "| category | committed | added | completed | carried | completed / taken "
        "| first → final estimate | sprints spent |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for category, row in report.estimation.items():
        if row.committed or row.added:
            lines.append(f"| {category} | " + " | ".join(_row_cells(row)) + " |")
    split = report.research_vs_rest
    left = "carried" if report.sprint is not None and report.sprint.closed else "open"
    research, rest = _share(split.research, left), _share(split.rest, left)
    lines += ["", f"Research stories: {research}; the rest: {rest}."]
    lines += [f"Research estimates {_growth(split.research)}; the rest {_growth(split.rest)}."]
    stories = [s for row in report.estimation.values() for s in row.stories]
    grew = [
        f"{s.card} {number(s.first_estimate)} → {number(s.final_estimate)}"
        for s in stories
        if s.grew
    ]
    if grew:
        lines.append("Stories that grew: " + ", ".join(grew) + ".")
    over = [
        f"{s.card} ({s.sprints} sprints on a {s.timebox}-sprint time-box)"
        for s in stories
        if s.over_timebox
    ]
    if over:
        lines.append("Over their time-box: " + ", ".join(over) + ".")
    return [*lines, ""]


def _growth(row: EstimationRow) -> str:
    if row.growth is None:
        return "had no points"
    first, final = number(row.first_estimate_points), number(row.final_estimate_points)
    return f"went from {first} to {final} points ({row.grew} grew)"


def _row_cells(row: EstimationRow) -> list[str]:
    cells = [
        f"{count} ({number(points)} pts)"
        for count, points in (
            (row.committed, row.committed_points),
            (row.added, row.added_points),
            (row.completed, row.completed_points),
            (row.carried, row.carried_points),
        )
    ]
    estimates = f"{number(row.first_estimate_points)} → {number(row.final_estimate_points)}"
    return [*cells, percent(row.accuracy), estimates, str(row.sprints_spent)]


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _share(row: EstimationRow, left: str) -> str:
    if row.accuracy is None:
        return "none taken in"
    taken = row.committed_points + row.added_points
    return (
        f"{number(row.completed_points)} of {number(taken)} points completed "
        f"({percent(row.accuracy)}), {row.carried} {left}"
    )


def _velocity_lines(velocity: tuple[SprintVelocity, ...]) -> list[str]:
    if not velocity:
        return []
    lines = [
        "## Velocity (points)",
        "| sprint | committed at start | added | taken out | re-estimated | completed |",
        "|---|---|---|---|---|---|",
    ]
    for v in velocity:
        lines.append(
            f"| {v.sprint} | {number(v.committed_points)} | +{number(v.added_points)} "
            f"| −{number(v.removed_points)} | {v.re_estimated_points:+g} "
            f"| {number(v.completed_points)} |"
        )
    return [*lines, ""]


def _carried_lines(carried: tuple[CarriedCard, ...]) -> list[str]:
    lines = [f"## Carried over: {plural(len(carried), 'card')}"]
    where_to = {"carried": " → {to}", "returned": " → backlog", "open": ", not done yet"}
    for c in carried:
        where = where_to[c.state].format(to=c.to)
        box = f", time-box {c.timebox} sprint(s)" if c.timebox else ""
        kind = "research" if c.research else c.category
        times = f", carried {c.times}×" if c.times else ""
        note = f": {c.note}" if c.note else ""
        lines.append(f"- {c.card} {c.title} ({kind}{times}{box}){where}{note}")
    return [*lines, ""]


def _incident_lines(incidents: tuple[Incident, ...], still: str) -> list[str]:
    lines = [f"## Data incidents: {len(incidents)}"]
    for i in incidents:
        what = f"{i.card} {i.kind} blocker" if i.card else f"pipeline {i.pipeline} failing"
        state = f"resolved {day(i.resolved_at)}" if i.resolved_at else still
        if i.raised_before_sprint:
            state = "raised before the sprint, " + state
        note = f": {i.note}" if i.note else ""
        lines.append(f"- {what}{note} (since {day(i.since)}, {state}, {number(i.hours_open)} h)")
    return [*lines, ""]


def _handoff_lines(handoff: Handoff) -> list[str]:
    if not handoff.count:
        return ["## Handoff", "No card went through review.", ""]
    slowest = ", ".join(f"{s.card} ({number(s.hours)} h)" for s in handoff.slowest)
    return [
        "## Handoff",
        f"Median {number(handoff.median)} h in {handoff.column} over "
        f"{plural(handoff.count, 'card')}; slowest: {slowest}",
        "",
    ]
