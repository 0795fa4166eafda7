"""Flow figures: WIP per column, aging, cycle time, cumulative flow and a sprint's burndown.

Cumulative flow and burndown start from the board as it is now and walk the history
backwards, undoing each event, so a card that predates the history still counts where it is.
Days are taken in `now`'s time zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mlboard.models import Board, Event, EventKind, Sprint
from mlboard.planning.reports.common import Report, median

DAY = timedelta(days=1)
CFD_DAYS = 30


def flow(board: Board, now: datetime, days: int = CFD_DAYS) -> Report:
    """The Kanban view of the last `days` days: WIP against the limits, aging of work in
    progress (experiments against their time-box), cycle time and throughput of the cards
    finished in the window, cumulative flow."""
    times = cycle_time(board, now, days)
    return {
        "days": days,
        "date": now.date().isoformat(),
        "wip": wip(board),
        "aging": aging(board, now),
        "cycle_time": times,
        "throughput_per_week": round(times["count"] * 7 / days, 1),
        "cumulative_flow": cumulative_flow(board, now, days),
    }


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
        age = _days(card.started_at, now)
        entry: Report = {"card": card.id, "title": card.title, "status": card.status}
        entry |= {"category": card.category.value, "assignee": card.assignee, "age_days": age}
        if card.experiment is not None:
            limit = card.experiment.timebox * board.sprint_days
            entry |= {"timebox_days": limit, "over_timebox": age > limit}
        out.append(entry)
    out.sort(key=lambda e: -float(e["age_days"]))
    return out


def cycle_time(board: Board, now: datetime, days: int | None = None) -> Report:
    """Days from start to done of the cards finished (in the last `days` days when given)."""
    since = now - days * DAY if days is not None else None
    done = board.done_ids()
    spans: dict[str, list[float]] = {}
    for card in board.cards.values():
        if card.started_at is None or card.done_at is None or card.status not in done:
            continue
        if since is None or card.done_at >= since:
            spans.setdefault(card.category.value, []).append(_days(card.started_at, card.done_at))
    every = [d for values in spans.values() for d in values]
    return {
        "count": len(every),
        "median_days": median(every),
        "p85_days": _percentile(every, 0.85),
        "by_category": {
            category: {"count": len(values), "median_days": median(values)}
            for category, values in sorted(spans.items())
        },
    }


def _days(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 86400, 1)


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


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


def burndown(board: Board, sprint: Sprint, now: datetime) -> list[float]:
    """Remaining points of a sprint: at its start, then at the end of each day so far.

    The sprint's cards at each moment (committed, carried in, removed) and whether they were
    done come from the history; points are the cards' current ones. A closed sprint ends at
    its close (the carry-over at close does not burn anything down), an open one today.
    """
    zone = now.tzinfo or UTC
    start = sprint.started_at or datetime.combine(sprint.start, time(), tzinfo=zone)
    cutoff = sprint.snapshot.closed_at if sprint.snapshot else now
    last = cutoff.astimezone(zone).date()
    if sprint.snapshot is None:
        last = min(last, sprint.end)
    if last < sprint.start:
        return []
    state = _BurnState(board, sprint.id, board.done_ids())
    values: list[float] = []
    day = last
    for event in _newest_first(board.events, start):
        while day >= sprint.start and event.at < min(_end_of(day, zone), cutoff):
            values.append(state.remaining)
            day -= DAY
        state.undo(event)
    while day >= sprint.start:
        values.append(state.remaining)
        day -= DAY
    values.append(state.remaining)
    values.reverse()
    return values


class _BurnState:
    """Which cards are in the sprint and which are done, rewound event by event."""

    def __init__(self, board: Board, sprint_id: str, done: frozenset[str]) -> None:
        self.sprint_id = sprint_id
        self.done_columns = done
        self.points = {cid: c.points or 0.0 for cid, c in board.cards.items()}
        self.member = {cid for cid, c in board.cards.items() if c.sprint == sprint_id}
        self.done = {cid for cid, c in board.cards.items() if c.status in done}
        self.remaining = sum(self.points[c] for c in self.member if c not in self.done)

    def undo(self, event: Event) -> None:
        card = event.card
        if card is None:
            return
        before = card in self.member and card not in self.done
        self._rewind(card, event)
        after = card in self.member and card not in self.done
        if before != after:
            self.remaining += self.points.get(card, 0.0) * (1 if after else -1)

    def _rewind(self, card: str, event: Event) -> None:
        kind = event.kind
        if kind is EventKind.MOVED:
            self._set(self.done, card, event.from_ in self.done_columns)
        elif kind is EventKind.CREATED:
            self.member.discard(card)
        elif kind in (EventKind.COMMITTED, EventKind.CARRIED, EventKind.REMOVED):
            if event.to == self.sprint_id:
                self.member.discard(card)
            if event.from_ == self.sprint_id:
                self.member.add(card)

    @staticmethod
    def _set(items: set[str], card: str, present: bool) -> None:
        if present:
            items.add(card)
        else:
            items.discard(card)
