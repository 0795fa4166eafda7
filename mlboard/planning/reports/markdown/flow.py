"""The Kanban flow report as Markdown."""

from __future__ import annotations

from mlboard.planning.reports.flow import Aging, CumulativeFlow, FlowReport, WipColumn
from mlboard.planning.reports.markdown.text import cell, day, number, plural


def render_flow_text(report: FlowReport) -> str:
    """Kanban flow for the team: WIP, aging, cycle time and cumulative flow."""
    days = report.days
    lines = [f"# Flow — last {plural(days, 'day')} to {day(report.date)}", ""]
    lines += ["## Work in progress", "| column | cards | limit |", "|---|---|---|"]
    for column in report.wip:
        limit = "–" if column.limit is None else str(column.limit)
        if column.limit is not None:
            limit += " hard" if column.hard else " soft"
        if column.over:
            limit += " — **over**"
        lines.append(f"| {cell(column.title)} | {column.count} | {limit} |")
    lines += ["", *_aging_lines(report.aging), *_cycle_lines(report)]
    lines += _cumulative_lines(report.cumulative_flow, report.wip)
    if report.advice:
        lines += ["## Advice", *(f"- {a}" for a in report.advice), ""]
    return "\n".join(lines)


def _aging_lines(aging: tuple[Aging, ...]) -> list[str]:
    if not aging:
        return ["## Aging", "Nothing started is unfinished.", ""]
    lines = ["## Aging (started, not done; oldest first)"]
    for entry in aging:
        who = f", @{entry.assignee}" if entry.assignee else ""
        age = f"{number(entry.age_days)} days"
        if entry.timebox_days is not None:
            age += f" of a {entry.timebox_days}-day time-box"
            age += " — **over**" if entry.over_timebox else ""
        lines.append(f"- {entry.card} {entry.title} ({entry.status}{who}): {age}")
    return [*lines, ""]


def _cycle_lines(report: FlowReport) -> list[str]:
    times = report.cycle_time
    head = f"## Cycle time (cards finished in the last {plural(report.days, 'day')})"
    if not times.count:
        return [head, "None finished.", ""]
    lines = [
        head,
        f"{plural(times.count, 'card')}: median {number(times.median_days)} days, "
        f"85th percentile (nearest rank) {number(times.p85_days)} days; "
        f"throughput {number(report.throughput_per_week)} a week.",
        "",
        "| category | finished | median days |",
        "|---|---|---|",
    ]
    for category, row in times.by_category.items():
        lines.append(f"| {category} | {row.count} | {number(row.median_days)} |")
    return [*lines, ""]


def _cumulative_lines(flow: CumulativeFlow, wip: tuple[WipColumn, ...]) -> list[str]:
    titles = {column.column: column.title for column in wip}
    columns = flow.columns
    lines = [
        "## Cumulative flow (cards per column at the end of each day)",
        "| day | " + " | ".join(cell(titles.get(c, c)) for c in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for row in flow.days:
        counts = " | ".join(str(row.counts.get(c, 0)) for c in columns)
        lines.append(f"| {day(row.date)} | {counts} |")
    return [*lines, ""]
