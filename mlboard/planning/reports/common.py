"""What the reports share: which sprint, which cards were in it, and values as of a moment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from mlboard.models import Board, Card, EventKind, MetricResult, Outcome, Sprint, SprintState
from mlboard.planning.reports.timeline import Timeline, number
from mlboard.planning.reports.value import Json, Value


def default_sprint(board: Board) -> Sprint | None:
    """The sprint `review` and `retro` look at: the active one, else the last closed one."""
    return board.active_sprint() or board.last_closed_sprint()


def pick_sprint(board: Board, sprint_id: str | None) -> Sprint | None:
    """The named sprint (NotFound if unknown), else the default one."""
    return board.sprint(sprint_id) if sprint_id else default_sprint(board)


def iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


BRIEF_FIELDS = ("title", "category", "status", "points", "assignee")


@dataclass(frozen=True)
class CardBrief(Value):
    """A card's id, title, category, status, points and assignee; a deleted card has only
    its id (the other fields None, no assignee in its JSON form)."""

    id: str
    title: str | None
    category: str | None
    status: str | None
    points: float | None
    assignee: str | None
    deleted: bool = field(default=False, metadata={"json": False})

    def to_json(self) -> Json:
        out = super().to_json()
        if self.deleted:
            del out["assignee"]
        return out


def card_brief(
    board: Board, card_id: str, past: tuple[Timeline, datetime] | None = None
) -> CardBrief:
    """A card's brief as it is now; with `past` (a timeline of `BRIEF_FIELDS` and a moment)
    as it was at that moment: a closed sprint's cards as they were at its close."""
    card = board.cards.get(card_id)
    if card is None:
        return CardBrief(card_id, None, None, None, None, None, deleted=True)
    if past is None:
        return CardBrief(
            card.id, card.title, card.category.value, card.status, card.points, card.assignee
        )
    timeline, moment = past
    title, category, status, points, assignee = (
        timeline.at(card_id, name, moment) for name in BRIEF_FIELDS
    )
    return CardBrief(
        card.id,
        title,
        category,
        status,
        number(points) if points is not None else None,
        assignee,
    )


def by_number(ids: Iterable[str]) -> list[str]:
    """Card ids in card-number order, each once."""

    def key(card_id: str) -> tuple[int, str]:
        head, _, tail = card_id.rpartition("-")
        return (int(tail) if tail.isdigit() else 0, head)

    return sorted(dict.fromkeys(ids), key=key)


@dataclass(frozen=True)
class Membership:
    """Who was in a sprint: frozen figures for a closed sprint, live ones otherwise.

    `committed` were in at the start, `added` came in after it, `completed` were done and
    `unfinished` were not (at close, or now); `start`–`end` is the sprint's time window.
    """

    sprint: Sprint | None
    committed: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    completed: tuple[str, ...]
    unfinished: tuple[str, ...]
    start: datetime
    end: datetime

    @property
    def members(self) -> tuple[str, ...]:
        return self.completed + self.unfinished

    @property
    def closed(self) -> bool:
        return self.sprint is not None and self.sprint.snapshot is not None


def membership(board: Board, sprint: Sprint | None, now: datetime) -> Membership:
    """The sprint's cards; with no sprint (Kanban), every card on the board."""
    if sprint is None:
        done = board.done_ids()
        ids = by_number(board.cards)
        first = board.events[0].at if board.events else now
        return Membership(
            None,
            tuple(ids),
            (),
            (),
            tuple(i for i in ids if board.cards[i].status in done),
            tuple(i for i in ids if board.cards[i].status not in done),
            first,
            now,
        )
    start = sprint.started_at or day_start(sprint.start)
    snap = sprint.snapshot
    if snap is not None:
        return Membership(
            sprint,
            snap.committed,
            snap.added,
            snap.removed,
            snap.completed,
            snap.carried_over,
            start,
            snap.closed_at,
        )
    return _live_membership(board, sprint, start, now)


def _live_membership(board: Board, sprint: Sprint, start: datetime, now: datetime) -> Membership:
    started = sprint.state is SprintState.ACTIVE and sprint.started_at is not None
    added: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for event in board.events:
        if event.card is None:
            continue
        if event.kind in (EventKind.COMMITTED, EventKind.CARRIED) and event.to == sprint.id:
            if event.card not in seen and started and event.at > start:
                added.append(event.card)
            seen.add(event.card)
        elif (
            event.kind is EventKind.REMOVED
            and event.from_ == sprint.id
            and started
            and event.at > start
        ):
            removed.append(event.card)
    done = board.done_ids()
    members = by_number(c.id for c in board.cards.values() if c.sprint == sprint.id)
    late = set(added)
    return Membership(
        sprint,
        tuple(i for i in members if i not in late),
        tuple(by_number(added)),
        tuple(by_number(removed)),
        tuple(i for i in members if board.cards[i].status in done),
        tuple(i for i in members if board.cards[i].status not in done),
        start,
        now,
    )


def results_until(card: Card, cutoff: datetime | None) -> tuple[MetricResult, ...]:
    """The card's metric results logged up to `cutoff` (all when None)."""
    if cutoff is None:
        return card.metrics
    return tuple(r for r in card.metrics if r.at <= cutoff)


def hours(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 3600, 1)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def age_days(start: datetime, end: datetime) -> float:
    """Days from `start` to `end`, to a tenth of a day."""
    return round((end - start).total_seconds() / 86400, 1)


def timebox_days(board: Board, card: Card) -> int | None:
    """An experiment's time-box in days: its sprints × the board's sprint length."""
    return card.experiment.timebox * board.sprint_days if card.experiment else None


def over_timebox(board: Board, card: Card, now: datetime) -> bool:
    """An open experiment started more than its time-box ago (the one rule of `plan` and
    `flow`): the time elapsed, exactly, against time-box × sprint days."""
    limit = timebox_days(board, card)
    if limit is None or card.started_at is None or card.experiment is None:
        return False
    if card.experiment.outcome is not Outcome.OPEN:
        return False
    return now - card.started_at > timedelta(days=limit)


def nearest_rank(values: list[float], percent: int) -> float | None:
    """The percentile by nearest rank: the smallest value with at least `percent` % of the
    values at or below it, the ⌈percent × n / 100⌉-th smallest (in integers, so no rounding):
    p85 of 20 values is the 17th, of 100 values the 85th."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-percent * len(ordered) // 100))
    return ordered[rank - 1]
