"""The standup digest as Markdown."""

from __future__ import annotations

from collections.abc import Mapping

from mlboard.planning.reports.markdown.text import day, metric_change, number
from mlboard.planning.reports.standup_values import (
    BlockerChange,
    Change,
    ComputeBlocker,
    HeldCard,
    MetricChange,
    PipelineState,
    StandupReport,
)


def render_standup_text(report: StandupReport) -> str:
    """Person by person: changes since the previous working day, then today's cards."""
    columns = report.columns
    since = day(report.since)
    lines = [f"# Standup — {day(report.date)} (since {since})", ""]
    quiet = [p.person for p in report.people if p.quiet]
    for person in report.people:
        if person.person in quiet:
            continue
        lines.append(f"## {person.person or 'unassigned'}")
        # A blank line closes each list: Markdown reads a line right after a list item as
        # more of that item ("• TR-27 To Do → Backlog Cards:").
        changes = [_change_line(c, columns) for c in person.changes]
        lines += [f"Since {since}:", *(f"- {c}" for c in changes)] if changes else ["No changes."]
        cards = [_held_line(c, columns) for c in person.cards]
        lines += ["", "Cards:", *(f"- {c}" for c in cards)] if cards else ["", "No cards in play."]
        notes = [f"- {n.kind}: {n.text}" for n in person.notes]
        lines += ["", "Notes:", *notes] if notes else []
        lines.append("")
    if quiet:
        lines += ["Nothing in play, no changes: " + ", ".join(str(p) for p in quiet), ""]
    lines += _pipeline_lines(report.pipelines)
    lines += _compute_lines(report.compute_blockers)
    return "\n".join(lines)


def _change_line(change: Change, columns: Mapping[str, str]) -> str:
    card, kind = change.card, change.kind
    if isinstance(change, MetricChange):
        runs = f", {change.runs} runs" if change.runs > 1 else ""
        text = metric_change(change.metric, change.from_, change.to, change.dataset)
        return f"{card} {text}{runs}"
    if isinstance(change, BlockerChange):
        if kind == "unblocked":
            return f"{card} unblocked ({change.blocker})"
        note = f": {change.note}" if change.note else ""
        return f"{card} blocked ({change.blocker}){note}"
    if kind == "moved":
        return f"{card} {_column(change.from_, columns)} → {_column(change.to, columns)}"
    if kind == "created":
        return f"{card} added to {_column(change.to, columns)}"
    note = f" — {change.note}" if change.note else ""
    return f"{card} outcome: {change.to}{note}"


def _column(column: str | None, columns: Mapping[str, str]) -> str:
    return columns.get(column or "", column or "–")


def _held_line(card: HeldCard, columns: Mapping[str, str]) -> str:
    points = f", {number(card.points)} pts" if card.points is not None else ""
    text = f"{card.id} {card.title} — {_column(card.status, columns)}{points}"
    for blocker in card.blockers:
        note = f": {blocker.note}" if blocker.note else ""
        eta = f", ETA {day(blocker.eta)}" if blocker.eta else ""
        text += f" · blocked ({blocker.kind}{note}, since {day(blocker.since)}{eta})"
    if card.blocked_by:
        text += " · waits for " + ", ".join(card.blocked_by)
    return text


def _pipeline_lines(pipelines: tuple[PipelineState, ...]) -> list[str]:
    if not pipelines:
        return []
    lines = ["## Pipelines"]
    for p in pipelines:
        note = f" — {p.note}" if p.note else ""
        run = f" (last run {day(p.last_run)})" if p.last_run else ""
        lines.append(f"- {p.name}: {p.status}{note}{run}")
    return [*lines, ""]


def _compute_lines(blockers: tuple[ComputeBlocker, ...]) -> list[str]:
    if not blockers:
        return []
    lines = ["## Compute blockers"]
    for b in blockers:
        who = f" ({b.assignee})" if b.assignee else ""
        eta = f", ETA {day(b.eta)}" if b.eta else ""
        lines.append(f"- {b.card}{who}: {b.note or 'GPU contention'}, since {day(b.since)}{eta}")
    return [*lines, ""]
