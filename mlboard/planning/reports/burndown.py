"""A sprint's burndown: the points committed at its start, each scope change on its day,
the points remaining at the end of each day, and the ideal line.

The one burndown of mlboard: `mlboard burndown`, the board's header, velocity and the review
read it. Everything comes from the history: which cards were in the sprint at its start,
with the points they had then; a card committed or carried in later, taken out, deleted or
re-estimated is a scope change on the day it happened. A closed sprint ends at its close
(the carry-over at close burns nothing down), so later edits never change it; an active one
runs to `now`. Days are taken in `now`'s time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mlboard.models import Board, Sprint, SprintState
from mlboard.planning.reports.common import by_number, iso
from mlboard.planning.reports.timeline import SPRINT_KINDS, Change, Timeline, number
from mlboard.planning.reports.value import Value

DAY = timedelta(days=1)
FIELDS = ("status", "sprint", "points")


@dataclass(frozen=True)
class ScopeChange(Value):
    """A card added, removed or re-estimated during the sprint: the scope's change in points
    (`from_` and `to` only for a re-estimate)."""

    OMIT_NONE = frozenset({"from_", "to"})

    at: str | None
    card: str
    kind: str  # "added", "removed" or "re-estimated"
    points: float
    from_: float | None = None
    to: float | None = None


@dataclass(frozen=True)
class BurndownDay(Value):
    """One sprint day: the ideal line, and at the day's end the scope and the points
    remaining (None for days still to come)."""

    date: str
    ideal: float
    scope: float | None
    remaining: float | None


@dataclass(frozen=True)
class BurndownReport(Value):
    """A sprint's burndown: committed at the start, the scope changes, every day's line.

    `days` holds every day of the sprint (and up to its close when it closed late). A
    planned sprint has no days so far and commits its cards' current points.
    """

    sprint: str
    state: str
    start: str
    end: str
    frozen: bool
    committed_points: float
    committed: tuple[str, ...]
    added_points: float
    removed_points: float
    re_estimated_points: float
    scope_points: float
    completed_points: float
    remaining_points: float
    changes: tuple[ScopeChange, ...]
    days: tuple[BurndownDay, ...]

    def remaining_series(self) -> tuple[float, ...]:
        """The points remaining at the end of each day so far."""
        return tuple(d.remaining for d in self.days if d.remaining is not None)


def burndown_report(
    board: Board, sprint: Sprint, now: datetime, timeline: Timeline | None = None
) -> BurndownReport:
    """The burndown of `sprint` up to its close, or up to `now` while it runs."""
    timeline = timeline or Timeline(board, FIELDS, sprint_cards(board, sprint.id))
    zone = now.tzinfo or UTC
    snap = sprint.snapshot
    started = sprint.state is not SprintState.PLANNED
    if sprint.started_at is not None:
        start = sprint.started_at
    elif started:  # active or closed without a recorded start: from its first day
        start = datetime.combine(sprint.start, time(), tzinfo=zone)
    else:  # planned: what is committed so far
        start = now
    end = snap.closed_at if snap is not None else (now if started else start)
    burn = _Burn(board, sprint.id, timeline, start)
    committed = burn.scope()
    committed_ids = by_number(burn.member)
    rows: list[tuple[float, float]] = []  # each day so far: scope, remaining
    last = end.astimezone(zone).date() if started else sprint.start - DAY
    if snap is None:
        last = min(last, sprint.end)
    day = sprint.start
    for name, card, change in timeline.in_order(FIELDS, burn.relevant):
        if change.at <= start or change.at > end or (snap is not None and change.at == end):
            continue
        while day <= last and change.at >= _end_of(day, zone):
            rows.append(burn.row())
            day += DAY
        burn.apply(name, card, change)
    while day <= last:
        rows.append(burn.row())
        day += DAY
    total = max((sprint.end - sprint.start).days + 1, 1)
    days = _with_ideal(rows, sprint, committed, total, last)
    scope, remaining = burn.scope(), burn.remaining()
    return BurndownReport(
        sprint=sprint.id,
        state=sprint.state.value,
        start=sprint.start.isoformat(),
        end=sprint.end.isoformat(),
        frozen=snap is not None,
        committed_points=committed,
        committed=tuple(committed_ids),
        added_points=burn.total("added"),
        removed_points=abs(burn.total("removed")),
        re_estimated_points=burn.total("re-estimated"),
        scope_points=scope,
        completed_points=round(scope - remaining, 6),
        remaining_points=remaining,
        changes=tuple(burn.changes),
        days=days,
    )


def sprint_cards(board: Board, sprint_id: str) -> set[str]:
    """The cards in the sprint now, or that the history shows going in or out of it."""
    found = {c.id for c in board.cards.values() if c.sprint == sprint_id}
    for event in board.events:
        if event.kind in SPRINT_KINDS and sprint_id in (event.to, event.from_) and event.card:
            found.add(event.card)
    return found


def burndown(board: Board, sprint: Sprint, now: datetime) -> list[float]:
    """The points committed at the start, then remaining at the end of each day so far."""
    report = burndown_report(board, sprint, now)
    if sprint.state is SprintState.PLANNED:
        return []
    return [report.committed_points, *report.remaining_series()]


def _end_of(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day + DAY, time(), tzinfo=zone)


def _with_ideal(
    rows: list[tuple[float, float]], sprint: Sprint, committed: float, total: int, last: date
) -> tuple[BurndownDay, ...]:
    """Every sprint day with the ideal line: committed at the start, zero at the last day."""
    out: list[BurndownDay] = []
    day = sprint.start
    index = 0
    while day <= max(sprint.end, last):
        scope, remaining = rows[index] if index < len(rows) else (None, None)
        left = max(total - (day - sprint.start).days - 1, 0)
        ideal = round(committed * left / total, 2)
        out.append(BurndownDay(day.isoformat(), ideal, scope, remaining))
        index += 1
        day += DAY
    return tuple(out)


@dataclass
class _Burn:
    """The sprint's cards, their points and whether they are done, moved forward event by event."""

    board: Board
    sprint_id: str
    timeline: Timeline
    start: datetime
    member: set[str] = field(default_factory=set)
    points: dict[str, float] = field(default_factory=dict)
    done: dict[str, bool] = field(default_factory=dict)
    changes: list[ScopeChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        columns = self.board.done_ids()
        self.relevant = self.timeline.in_sprint(self.sprint_id)
        for card in self.relevant:
            if self.timeline.at(card, "sprint", self.start) == self.sprint_id:
                self.member.add(card)
            self.points[card] = number(self.timeline.at(card, "points", self.start))
            self.done[card] = self.timeline.at(card, "status", self.start) in columns
        self.columns = columns

    def scope(self) -> float:
        return sum(self.points[c] for c in self.member)

    def remaining(self) -> float:
        return sum(self.points[c] for c in self.member if not self.done.get(c, False))

    def row(self) -> tuple[float, float]:
        return self.scope(), self.remaining()

    def total(self, kind: str) -> float:
        return float(sum(c.points for c in self.changes if c.kind == kind))

    def apply(self, name: str, card: str, change: Change) -> None:
        """One change of a card's sprint, status (None once deleted) or points."""
        self.points.setdefault(card, 0.0)
        if name == "sprint" or (name == "status" and change.after is None):
            inside = name == "sprint" and change.after == self.sprint_id
            if inside != (card in self.member):
                kind = "added" if inside else "removed"
                self._scope_change(card, change, kind, self.points[card])
                if inside:
                    self.member.add(card)
                else:
                    self.member.discard(card)
        elif name == "status":
            self.done[card] = change.after in self.columns
        elif name == "points":
            new = number(change.after)
            if card in self.member and new != self.points[card]:
                self._scope_change(card, change, "re-estimated", new - self.points[card])
            self.points[card] = new

    def _scope_change(self, card: str, step: Change, kind: str, points: float) -> None:
        scope = -points if kind == "removed" else points  # the scope's change
        change = ScopeChange(iso(step.at), card, kind, scope)
        if kind == "re-estimated":
            change = replace(change, from_=number(step.before), to=number(step.after))
        self.changes.append(change)
