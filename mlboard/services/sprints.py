"""Sprint operations: plan a sprint, commit cards, start it, close it with carry-over."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from mlboard.models import (
    BadInput,
    Board,
    Card,
    Criterion,
    EventKind,
    Mode,
    RuleViolation,
    Sprint,
    SprintSnapshot,
    SprintState,
)
from mlboard.models.hints import CloseSprint, CreateSprint, FieldName
from mlboard.models.limits import TEXT_MAX
from mlboard.services import parse
from mlboard.services.draft import Draft, build, with_cards

MAX_SPRINT_DAYS = 90  # as a board's own sprint length


def _require_scrum(board: Board) -> None:
    if board.mode is Mode.KANBAN:
        raise parse.kanban_refusal()


def _next_id(board: Board) -> str:
    return f"S{max((s.number for s in board.sprints), default=0) + 1}"


def new_sprint(
    board: Board,
    now: datetime,
    name: str = "",
    goal: str = "",
    start: date | None = None,
    days: int | None = None,
    measurable_goal: str | None = None,
) -> Draft:
    _require_scrum(board)
    planned = board.planned_sprint()
    if planned is not None:
        raise RuleViolation(f"sprint {planned.id} is already planned; start or use it first")
    length = days if days is not None else board.sprint_days
    if length < 1:
        raise RuleViolation("a sprint lasts at least one day")
    if length > MAX_SPRINT_DAYS:
        raise BadInput(f"a sprint lasts at most {MAX_SPRINT_DAYS} days, not {length}")
    if start is None:
        ends = [s.end for s in board.sprints if s.state is not SprintState.CLOSED]
        start = max(ends) + timedelta(days=1) if ends else now.date()
    if start > date.max - timedelta(days=length):
        raise BadInput(f"a sprint starting {start.isoformat()} would end past the year 9999")
    measure = Criterion.parse(measurable_goal) if measurable_goal else None
    if measure is not None and measure.baseline is not None:
        raise BadInput(
            f"a sprint's measurable goal is absolute ({measurable_goal!r} compares with a "
            "baseline: put it on a card with ",
            FieldName("criteria"),
            ")",
        )
    sprint_id = _next_id(board)
    sprint = build(
        Sprint,
        "sprint",
        id=sprint_id,
        name=name or f"Sprint {sprint_id[1:]}",
        goal=goal,
        measurable_goal=measure,
        start=start,
        end=start + timedelta(days=length - 1),
    )
    return Draft(board.model_copy(update={"sprints": (*board.sprints, sprint)}), subject=sprint_id)


def commit_cards(board: Board, now: datetime, card_ids: Sequence[str]) -> Draft:
    """Put cards into the planned sprint (or the active one when none is planned)."""
    _require_scrum(board)
    chosen = [board.card(card_id) for card_id in card_ids]
    target = board.planned_sprint() or board.active_sprint()
    if target is None:
        raise RuleViolation("no planned or active sprint", action=CreateSprint())
    cards = []
    first = board.columns[0].id
    second = board.columns[1].id if len(board.columns) > 1 else first
    for card in chosen:
        if board.is_done(card):
            raise RuleViolation(f"{card.id} is already done")
        status = second if card.status == first else card.status
        cards.append(card.model_copy(update={"sprint": target.id, "status": status}))
    touched = frozenset(c.id for c in cards)
    return Draft(with_cards(board, *cards), touched, target.id)


def remove_cards(board: Board, now: datetime, card_ids: Sequence[str]) -> Draft:
    """Take cards out of their planned or active sprint, back to the product backlog (a card
    in the sprint's first working column goes back to the backlog column, as it came)."""
    _require_scrum(board)
    open_sprints = board.open_sprint_ids()
    first = board.columns[0].id
    second = board.columns[1].id if len(board.columns) > 1 else first
    cards = []
    left: str | None = None
    for card in (board.card(card_id) for card_id in card_ids):
        if card.sprint not in open_sprints:
            raise RuleViolation(f"{card.id} is in no planned or active sprint")
        if board.is_done(card):  # it counts as done work of its sprint
            raise RuleViolation(f"{card.id} is already done")
        left = card.sprint
        status = first if card.status == second else card.status
        cards.append(card.model_copy(update={"sprint": None, "status": status}))
    touched = frozenset(c.id for c in cards)
    return Draft(with_cards(board, *cards), touched, left)


def start_sprint(board: Board, now: datetime) -> Draft:
    _require_scrum(board)
    active = board.active_sprint()
    if active is not None:
        raise RuleViolation(f"sprint {active.id} is still active", action=CloseSprint(active.id))
    planned = board.planned_sprint()
    if planned is None:
        raise RuleViolation("no planned sprint", action=CreateSprint())
    started = planned.model_copy(update={"state": SprintState.ACTIVE, "started_at": now})
    return Draft(_replace_sprint(board, started), subject=planned.id)


def _replace_sprint(board: Board, sprint: Sprint) -> Board:
    sprints = tuple(sprint if s.id == sprint.id else s for s in board.sprints)
    if not any(s.id == sprint.id for s in board.sprints):
        sprints = (*sprints, sprint)
    return board.model_copy(update={"sprints": sprints})


def close_sprint(
    board: Board,
    now: datetime,
    carry_to: Literal["next", "backlog"] = "next",
    notes: Mapping[str, str] | None = None,
) -> Draft:
    """Close the active sprint: freeze its figures, carry unfinished work over.

    Unfinished experiments always go to the next sprint (their time-box keeps counting);
    other unfinished cards go to the next sprint or back to the product backlog.
    """
    _require_scrum(board)
    sprint = board.active_sprint()
    if sprint is None:
        raise RuleViolation("no active sprint to close")
    notes = {board.card(k).id: v for k, v in (notes or {}).items()}
    for card_id, text in notes.items():
        if len(text) > TEXT_MAX:
            raise BadInput(
                f"note on {card_id}: at most {TEXT_MAX:,} characters (got {len(text):,})"
            )
    members = [c for c in board.cards.values() if c.sprint == sprint.id]
    done = [c for c in members if board.is_done(c)]
    unfinished = [c for c in members if not board.is_done(c)]
    needs_next = any(c.is_experiment or carry_to == "next" for c in unfinished)
    next_sprint = board.planned_sprint()
    after = board
    if needs_next and next_sprint is None:
        created = new_sprint(after, now)
        next_sprint = created.board.sprints[-1]
        after = created.board
    moved: list[Card] = []
    first = board.columns[0].id
    for card in unfinished:
        if card.is_experiment or carry_to == "next":
            assert next_sprint is not None
            moved.append(
                card.model_copy(update={"sprint": next_sprint.id, "carried": card.carried + 1})
            )
        else:
            moved.append(card.model_copy(update={"sprint": None, "status": first}))
    snapshot = snapshot_of(board, sprint, done, unfinished, now)
    closed = sprint.model_copy(update={"state": SprintState.CLOSED, "snapshot": snapshot})
    after = with_cards(_replace_sprint(after, closed), *moved)
    touched = frozenset(c.id for c in moved)
    return Draft(after, touched, sprint.id, notes=dict(notes), backup="sprint-close")


def snapshot_of(
    board: Board, sprint: Sprint, done: list[Card], unfinished: list[Card], now: datetime
) -> SprintSnapshot:
    started = sprint.started_at
    committed: list[str] = []
    added: list[str] = []
    removed: list[str] = []
    for event in board.events:
        if event.kind in (EventKind.COMMITTED, EventKind.CARRIED) and event.to == sprint.id:
            target = added if started is not None and event.at > started else committed
            if event.card and event.card not in committed and event.card not in added:
                target.append(event.card)
        elif event.kind is EventKind.REMOVED and event.from_ == sprint.id and event.card:
            if started is not None and event.at > started:
                removed.append(event.card)
            elif event.card in committed:  # taken out again while planning
                committed.remove(event.card)
    in_sprint = {c.id for c in done} | {c.id for c in unfinished}
    committed += [cid for cid in sorted(in_sprint) if cid not in committed and cid not in added]

    def points(ids: list[str]) -> float:
        return sum((board.cards[i].points or 0) for i in ids if i in board.cards)

    completed = [c.id for c in done]
    return SprintSnapshot(
        committed=tuple(committed),
        completed=tuple(completed),
        added=tuple(added),
        removed=tuple(dict.fromkeys(removed)),
        carried_over=tuple(c.id for c in unfinished),
        committed_points=points(committed),
        completed_points=points(completed),
        closed_at=now,
    )
