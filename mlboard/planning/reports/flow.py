"""Flow figures: WIP per column, aging, cycle time and cumulative flow.

Cumulative flow starts from the board as it is now and walk the history
backwards, undoing each event, so a card that predates the history still counts where it is.
Days are taken in `now`'s time zone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mlboard.models import Board, Event, EventKind
from mlboard.planning.reports.common import (
    age_days,
    median,
    nearest_rank,
    over_timebox,
    timebox_days,
)
from mlboard.planning.reports.value import Value

DAY = timedelta(days=1)
CFD_DAYS = 30


@dataclass(frozen=True)
class WipColumn(Value):
    """A column's cards against its WIP limit."""

    column: str
    title: str
    count: int
    limit: int | None
    hard: bool
    over: bool


@dataclass(frozen=True)
class Aging(Value):
    """A started, unfinished card's age; an experiment's against its time-box (the two
    time-box fields only for experiments)."""

    OMIT_NONE = frozenset({"timebox_days", "over_timebox"})

    card: str
    title: str
    status: str
    category: str
    assignee: str | None
    age_days: float
    timebox_days: int | None = None
    over_timebox: bool | None = None


@dataclass(frozen=True)
class CategoryCycle(Value):
    count: int
    median_days: float | None


@dataclass(frozen=True)
class FinishedCard(Value):
    """A card counted in the cycle time: its days from start to done, and the day (in the
    report's time zone) and moment it was done."""

    card: str
    category: str
    days: float
    date: str
    done_at: str


@dataclass(frozen=True)
class CycleTime(Value):
    """Days from start to done: median and 85th percentile (nearest rank), per category,
    and each card counted, oldest first (the scatter chart's points)."""

    count: int
    median_days: float | None
    p85_days: float | None
    by_category: Mapping[str, CategoryCycle]
    cards: tuple[FinishedCard, ...]


@dataclass(frozen=True)
class FlowDay(Value):
    """Cards per column at the end of a day."""

    date: str
    counts: Mapping[str, int]


@dataclass(frozen=True)
class CumulativeFlow(Value):
    columns: tuple[str, ...]
    days: tuple[FlowDay, ...]


@dataclass(frozen=True)
class FlowReport(Value):
    """The Kanban view of the last `days` days, and what the figures suggest doing."""

    days: int
    date: str
    wip: tuple[WipColumn, ...]
    aging: tuple[Aging, ...]
    cycle_time: CycleTime
    throughput_per_week: float
    cumulative_flow: CumulativeFlow
    advice: tuple[str, ...]

    @property
    def columns_over(self) -> int:
        """How many columns hold more cards than their limit."""
        return sum(1 for column in self.wip if column.over)


def flow(board: Board, now: datetime, days: int = CFD_DAYS) -> FlowReport:
    """The Kanban view of the last `days` days: WIP against the limits, aging of work in
    progress (experiments against their time-box), cycle time and throughput of the cards
    finished in the window, cumulative flow."""
    times = cycle_time(board, now, days)
    columns, ages = wip(board), aging(board, now)
    return FlowReport(
        days=days,
        date=now.date().isoformat(),
        wip=columns,
        aging=ages,
        cycle_time=times,
        throughput_per_week=round(times.count * 7 / days, 1),
        cumulative_flow=cumulative_flow(board, now, days),
        advice=flow_advice(columns, ages),
    )


def flow_advice(columns: tuple[WipColumn, ...], ages: tuple[Aging, ...]) -> tuple[str, ...]:
    """What the figures suggest doing: finish before starting in a column over its limit,
    decide about experiments past their time-box."""
    advice = [
        f"{c.title} holds {c.count} cards over its limit of {c.limit}: finish before starting more."
        for c in columns
        if c.over
    ]
    over = [e.card for e in ages if e.over_timebox]
    if over:
        advice.append(
            f"{', '.join(over)} ran past the time-box: decide to extend, split or stop, "
            "and record the outcome."
        )
    return tuple(advice)


def wip(board: Board) -> tuple[WipColumn, ...]:
    """Cards per column against its WIP limit."""
    counts = dict.fromkeys(board.column_ids(), 0)
    for card in board.cards.values():
        counts[card.status] += 1
    return tuple(
        WipColumn(
            c.id, c.title, counts[c.id], c.wip, c.hard, c.wip is not None and counts[c.id] > c.wip
        )
        for c in board.columns
    )


def aging(board: Board, now: datetime) -> tuple[Aging, ...]:
    """Started, unfinished cards, oldest first; experiments against their time-box in days."""
    done = board.done_ids()
    out: list[Aging] = []
    for card in board.cards.values():
        if card.started_at is None or card.status in done:
            continue
        age = age_days(card.started_at, now)
        limit = timebox_days(board, card)
        late = over_timebox(board, card, now) if limit is not None else None
        out.append(
            Aging(
                card.id, card.title, card.status, card.category.value, card.assignee, age,
                limit, late,
            )
        )  # fmt: skip
    out.sort(key=lambda e: -e.age_days)
    return tuple(out)


def cycle_time(board: Board, now: datetime, days: int | None = None) -> CycleTime:
    """Days from start to done of the cards finished (in the last `days` days when given):
    their median and 85th percentile by nearest rank (the ⌈0.85 n⌉-th smallest), and each
    card (the day it was done in `now`'s time zone), oldest first, for the scatter chart."""
    since = now - days * DAY if days is not None else None
    done = board.done_ids()
    zone = now.tzinfo or UTC
    spans: dict[str, list[float]] = {}
    finished: list[FinishedCard] = []
    for card in board.cards.values():
        if card.started_at is None or card.done_at is None or card.status not in done:
            continue
        if since is None or card.done_at >= since:
            span = age_days(card.started_at, card.done_at)
            spans.setdefault(card.category.value, []).append(span)
            day = card.done_at.astimezone(zone).date().isoformat()
            finished.append(
                FinishedCard(card.id, card.category.value, span, day, card.done_at.isoformat())
            )
    every = [d for values in spans.values() for d in values]
    finished.sort(key=lambda c: (c.done_at, c.card))
    return CycleTime(
        count=len(every),
        median_days=median(every),
        p85_days=nearest_rank(every, 85),
        by_category={
            category: CategoryCycle(len(values), median(values))
            for category, values in sorted(spans.items())
        },
        cards=tuple(finished),
    )


def cumulative_flow(board: Board, now: datetime, days: int = CFD_DAYS) -> CumulativeFlow:
    """Cards per column at the end of each of the last `days` days, oldest first."""
    zone = now.tzinfo or UTC
    today = now.astimezone(zone).date()
    counts = dict.fromkeys(board.column_ids(), 0)
    for card in board.cards.values():
        counts[card.status] += 1
    rows: list[FlowDay] = []
    day = today
    first = today - (days - 1) * DAY
    for event in _newest_first(board.events, _end_of(first - DAY, zone)):
        while day >= first and event.at < _end_of(day, zone):
            rows.append(FlowDay(day.isoformat(), dict(counts)))
            day -= DAY
        _undo_status(counts, event)
    while day >= first:
        rows.append(FlowDay(day.isoformat(), dict(counts)))
        day -= DAY
    rows.reverse()
    return CumulativeFlow(tuple(board.column_ids()), tuple(rows))


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
