"""Flow figures: WIP per column, aging, cycle time and cumulative flow.

Cumulative flow starts from the board as it is now and walk the history
backwards, undoing each event, so a card that predates the history still counts where it is.
Days are taken in `now`'s time zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mlboard.models import Board, Event, EventKind
from mlboard.planning.reports.common import (
    Report,
    age_days,
    median,
    nearest_rank,
    over_timebox,
    timebox_days,
)

DAY = timedelta(days=1)
CFD_DAYS = 30


def flow(board: Board, now: datetime, days: int = CFD_DAYS) -> Report:
    """The Kanban view of the last `days` days: WIP against the limits, aging of work in
    progress (experiments against their time-box), cycle time and throughput of the cards
    finished in the window, cumulative flow."""
    times = cycle_time(board, now, days)
    report: Report = {
        "days": days,
        "date": now.date().isoformat(),
        "wip": wip(board),
        "aging": aging(board, now),
        "cycle_time": times,
        "throughput_per_week": round(times["count"] * 7 / days, 1),
        "cumulative_flow": cumulative_flow(board, now, days),
    }
    report["advice"] = flow_advice(report)
    return report


def flow_advice(report: Report) -> list[str]:
    """What the figures suggest doing: finish before starting in a column over its limit,
    decide about experiments past their time-box."""
    advice = [
        f"{c['title']} holds {c['count']} cards over its limit of {c['limit']}: "
        "finish before starting more."
        for c in report["wip"]
        if c["over"]
    ]
    over = [e["card"] for e in report["aging"] if e.get("over_timebox")]
    if over:
        advice.append(
            f"{', '.join(over)} ran past the time-box: decide to extend, split or stop, "
            "and record the outcome."
        )
    return advice


def wip(board: Board) -> list[Report]:
    """Cards per column against its WIP limit."""
    counts = dict.fromkeys(board.column_ids(), 0)
    for card in board.cards.values():
        counts[card.status] += 1
    return [
        {
            "column": c.id,
            "title": c.title,
            "count": counts[c.id],
            "limit": c.wip,
            "hard": c.hard,
            "over": c.wip is not None and counts[c.id] > c.wip,
        }
        for c in board.columns
    ]


def aging(board: Board, now: datetime) -> list[Report]:
    """Started, unfinished cards, oldest first; experiments against their time-box in days."""
    done = board.done_ids()
    out: list[Report] = []
    for card in board.cards.values():
        if card.started_at is None or card.status in done:
            continue
        age = age_days(card.started_at, now)
        entry: Report = {"card": card.id, "title": card.title, "status": card.status}
        entry |= {"category": card.category.value, "assignee": card.assignee, "age_days": age}
        limit = timebox_days(board, card)
        if limit is not None:
            entry |= {"timebox_days": limit, "over_timebox": over_timebox(board, card, now)}
        out.append(entry)
    out.sort(key=lambda e: -float(e["age_days"]))
    return out


def cycle_time(board: Board, now: datetime, days: int | None = None) -> Report:
    """Days from start to done of the cards finished (in the last `days` days when given):
    their median and 85th percentile by nearest rank (the ⌈0.85 n⌉-th smallest), and each
    card (the day it was done in `now`'s time zone), oldest first, for the scatter chart."""
    since = now - days * DAY if days is not None else None
    done = board.done_ids()
    zone = now.tzinfo or UTC
    spans: dict[str, list[float]] = {}
    finished: list[Report] = []
    for card in board.cards.values():
        if card.started_at is None or card.done_at is None or card.status not in done:
            continue
        if since is None or card.done_at >= since:
            span = age_days(card.started_at, card.done_at)
            spans.setdefault(card.category.value, []).append(span)
            entry: Report = {"card": card.id, "category": card.category.value, "days": span}
            entry["date"] = card.done_at.astimezone(zone).date().isoformat()
            entry["done_at"] = card.done_at.isoformat()
            finished.append(entry)
    every = [d for values in spans.values() for d in values]
    finished.sort(key=lambda c: (c["done_at"], c["card"]))
    return {
        "count": len(every),
        "median_days": median(every),
        "p85_days": nearest_rank(every, 85),
        "by_category": {
            category: {"count": len(values), "median_days": median(values)}
            for category, values in sorted(spans.items())
        },
        "cards": finished,
    }


def cumulative_flow(board: Board, now: datetime, days: int = CFD_DAYS) -> Report:
    """Cards per column at the end of each of the last `days` days, oldest first."""
    zone = now.tzinfo or UTC
    today = now.astimezone(zone).date()
    counts = dict.fromkeys(board.column_ids(), 0)
    for card in board.cards.values():
        counts[card.status] += 1
    rows: list[Report] = []
    day = today
    first = today - (days - 1) * DAY
    for event in _newest_first(board.events, _end_of(first - DAY, zone)):
        while day >= first and event.at < _end_of(day, zone):
            rows.append({"date": day.isoformat(), "counts": dict(counts)})
            day -= DAY
        _undo_status(counts, event)
    while day >= first:
        rows.append({"date": day.isoformat(), "counts": dict(counts)})
        day -= DAY
    rows.reverse()
    return {"columns": list(board.column_ids()), "days": rows}


def _end_of(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day + DAY, time(), tzinfo=zone)


def _newest_first(events: tuple[Event, ...], stop: datetime) -> Iterator[Event]:
    for event in reversed(events):
        if event.at < stop:
            return
        yield event


def _undo_status(counts: dict[str, int], event: Event) -> None:
    """Take back what a created, moved or deleted event did to the column counts."""
    if event.kind is EventKind.CREATED:
        _bump(counts, event.to, -1)
    elif event.kind is EventKind.MOVED:
        _bump(counts, event.to, -1)
        _bump(counts, event.from_, 1)
    elif event.kind is EventKind.DELETED:
        _bump(counts, event.from_, 1)


def _bump(counts: dict[str, int], column: str | None, step: int) -> None:
    if column in counts:
        counts[column] = max(0, counts[column] + step)
