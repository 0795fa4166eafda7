"""The board: columns, people, datasets, pipelines, compute pools, sprints, cards, history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from mlboard.models.card import MAX_INT, Baseline, Card, Criterion, Frozen
from mlboard.models.conflict import Conflict
from mlboard.models.enums import (
    DatasetStatus,
    EventKind,
    Mode,
    PipelineStatus,
    Role,
    SprintState,
)
from mlboard.models.errors import NotFound
from mlboard.models.event_key import KEY_PATTERN
from mlboard.models.hints import AddPerson
from mlboard.models.limits import TITLE_MAX, Handle, Name, Text, Title, suggest_handle

# 2: events keyed by a time-ordered key unique across clones (was a sequence number); the
# `conflicts` table of merges.
SCHEMA_VERSION = 2
ID_PATTERN = r"^[a-z][a-z0-9_-]*$"


class Column(Frozen):
    id: str = Field(pattern=ID_PATTERN)
    title: Title
    wip: int | None = Field(default=None, ge=1, le=MAX_INT)
    hard: bool = False
    done: bool = False

    @field_validator("title")
    @classmethod
    def _one_line_title(cls, value: str) -> str:
        """A column title heads one line of the board: no newline or tab inside it."""
        value = " ".join(value.split())
        if not value:
            raise ValueError("column title is empty")
        return value


DEFAULT_COLUMNS: tuple[Column, ...] = (
    Column(id="backlog", title="Backlog"),
    Column(id="todo", title="To Do"),
    Column(id="doing", title="In Progress"),
    Column(id="review", title="Review"),
    Column(id="done", title="Done", done=True),
)


class Person(Frozen):
    handle: Handle
    roles: tuple[Role, ...] = ()
    name: str = Field(default="", max_length=TITLE_MAX)


class Dataset(Frozen):
    name: Name
    status: DatasetStatus = DatasetStatus.MISSING
    pipeline: str | None = None


class Pipeline(Frozen):
    name: Name
    status: PipelineStatus = PipelineStatus.OK
    last_run: datetime | None = None
    note: Text = ""


class ComputePool(Frozen):
    name: Name
    gpu_hours: float = Field(ge=0)


class Reservation(Frozen):
    """GPU hours of a pool set aside for a sprint (by another team's job, a shared cluster...)."""

    pool: str
    gpu_hours: float = Field(ge=0)
    note: Text = ""


class SprintSnapshot(Frozen):
    """Figures frozen at sprint close, so later edits never rewrite history."""

    committed: tuple[str, ...] = ()
    completed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    carried_over: tuple[str, ...] = ()
    committed_points: float = 0
    completed_points: float = 0
    closed_at: datetime


class Sprint(Frozen):
    id: str = Field(pattern=r"^S\d+$")
    name: str = Field(default="", max_length=TITLE_MAX)
    goal: Text = ""
    measurable_goal: Criterion | None = None
    start: date
    end: date
    state: SprintState = SprintState.PLANNED
    reservations: tuple[Reservation, ...] = ()
    started_at: datetime | None = None
    snapshot: SprintSnapshot | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Sprint:
        if self.end < self.start:
            raise ValueError(f"sprint {self.id} ends before it starts")
        return self

    @property
    def number(self) -> int:
        return int(self.id[1:])


class Event(Frozen):
    """One entry of the append-only history every report is computed from."""

    key: str = Field(pattern=KEY_PATTERN)  # see models/event_key.py
    at: datetime
    kind: EventKind
    card: str | None = None
    field: str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    sprint: str | None = None
    note: str | None = None


class StandupNote(Frozen):
    day: date
    person: str
    kind: Literal["yesterday", "today", "blocker", "note"] = "note"
    text: Text


class RetroNote(Frozen):
    sprint: str
    person: str | None = None
    kind: Literal["went-well", "to-improve", "action"] = "to-improve"
    text: Text
    card: str | None = None


class Board(Frozen):
    name: Title
    key: str = Field(pattern=r"^[A-Z][A-Z0-9]{0,9}$")
    mode: Mode = Mode.SCRUM
    sprint_days: int = Field(default=14, ge=1, le=90)
    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    people: tuple[Person, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    pipelines: tuple[Pipeline, ...] = ()
    pools: tuple[ComputePool, ...] = ()
    sprints: tuple[Sprint, ...] = ()
    cards: dict[str, Card] = Field(default_factory=dict)
    events: tuple[Event, ...] = ()
    standup_notes: tuple[StandupNote, ...] = ()
    retro_notes: tuple[RetroNote, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    next_number: int = Field(default=1, ge=1, le=MAX_INT)

    @field_validator("columns")
    @classmethod
    def _columns_usable(cls, columns: tuple[Column, ...]) -> tuple[Column, ...]:
        if not columns:
            raise ValueError("a board needs at least one column")
        ids = [c.id for c in columns]
        if len(set(ids)) != len(ids):
            raise ValueError("column ids repeat")
        return columns

    @model_validator(mode="before")
    @classmethod
    def _next_number_follows_the_cards(cls, data: Any) -> Any:
        """A board built without a `next_number` continues after its highest card; one
        that states it (every board file does) is checked instead."""
        if isinstance(data, dict) and "next_number" not in data and data.get("cards"):
            cards = data["cards"]
            if isinstance(cards, dict):
                highest, _ = highest_card_number(data.get("key"), cards)
                data = {**data, "next_number": highest + 1}
        return data

    @model_validator(mode="after")
    def _references_resolve(self) -> Board:
        check_references(self)
        return self

    # --- lookups -------------------------------------------------------------------------

    def card(self, card_id: str) -> Card:
        found = self.cards.get(card_id) or self.cards.get(card_id.upper())
        if found is None:
            raise NotFound(f"no card {card_id!r} on board {self.name!r}")
        return found

    def column(self, column_id: str) -> Column:
        for column in self.columns:
            if column.id == column_id:
                return column
        known = ", ".join(c.id for c in self.columns)
        raise NotFound(f"no column {column_id!r} (columns: {known})")

    def column_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.columns)

    def done_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.columns if c.done)

    def is_done(self, card: Card) -> bool:
        return card.status in self.done_ids()

    def person(self, handle: str) -> Person:
        for person in self.people:
            if person.handle == handle:
                return person
        raise NotFound(
            f"no person {handle!r}", action=AddPerson(suggest_handle(handle) or "HANDLE")
        )

    def dataset(self, name: str) -> Dataset:
        for dataset in self.datasets:
            if dataset.name == name:
                return dataset
        raise NotFound(f"no dataset {name!r}")

    def pipeline(self, name: str) -> Pipeline:
        for pipeline in self.pipelines:
            if pipeline.name == name:
                return pipeline
        raise NotFound(f"no pipeline {name!r}")

    def pool(self, name: str) -> ComputePool:
        for pool in self.pools:
            if pool.name == name:
                return pool
        raise NotFound(f"no compute pool {name!r}")

    def sprint(self, sprint_id: str) -> Sprint:
        for sprint in self.sprints:
            if sprint.id == sprint_id.upper():
                return sprint
        raise NotFound(f"no sprint {sprint_id!r}")

    def active_sprint(self) -> Sprint | None:
        return next((s for s in self.sprints if s.state is SprintState.ACTIVE), None)

    def open_sprint_ids(self) -> frozenset[str]:
        """The planned and the active sprint: the ones cards can still join or leave."""
        return frozenset(s.id for s in self.sprints if s.state is not SprintState.CLOSED)

    def planned_sprint(self) -> Sprint | None:
        return next((s for s in self.sprints if s.state is SprintState.PLANNED), None)

    def last_closed_sprint(self) -> Sprint | None:
        closed = [s for s in self.sprints if s.state is SprintState.CLOSED]
        return max(closed, key=lambda s: s.number) if closed else None

    def next_card_id(self) -> str:
        return f"{self.key}-{self.next_number}"

    def newest_event_key(self) -> str | None:
        """The largest event key (events are kept in key order)."""
        return self.events[-1].key if self.events else None

    def open_conflicts(self, table: str | None = None, key: str | None = None) -> list[Conflict]:
        """Unresolved conflict records, optionally only those of one entity."""
        return [
            c
            for c in self.conflicts
            if c.is_open and (table is None or c.table == table) and (key is None or c.key == key)
        ]


def check_references(board: Board) -> None:
    """Every id a card names exists, and dependencies form no cycle."""
    columns = set(board.column_ids())
    sprints = {s.id for s in board.sprints}
    for key, card in board.cards.items():
        if key != card.id:
            raise ValueError(f"card stored under {key!r} has id {card.id!r}")
        if card.status not in columns:
            raise ValueError(f"{card.id}.status: no column {card.status!r}")
        if card.sprint is not None and card.sprint not in sprints:
            raise ValueError(f"{card.id}.sprint: no sprint {card.sprint!r}")
        for dep in card.depends_on:
            if dep not in board.cards:
                raise ValueError(f"{card.id}.depends_on: no card {dep!r}")
    _check_next_number(board)
    cycle = find_cycle(board.cards)
    if cycle:
        raise ValueError("dependency cycle " + " → ".join((*cycle, cycle[0])))
    if sum(1 for s in board.sprints if s.state is SprintState.ACTIVE) > 1:
        raise ValueError("sprints: more than one is active")
    if len({e.key for e in board.events}) != len(board.events):
        raise ValueError("events: an event key repeats")
    if len({c.id for c in board.conflicts}) != len(board.conflicts):
        raise ValueError("conflicts: a conflict id repeats")


def highest_card_number(key: Any, card_ids: Iterable[Any]) -> tuple[int, str]:
    """The highest number among the ids ``KEY-N`` of the board's own key, and that id."""
    prefix = f"{key}-"
    highest, highest_id = 0, ""
    for card_id in card_ids:
        if isinstance(card_id, str) and card_id.startswith(prefix):
            digits = card_id[len(prefix) :].lstrip("0") or "0"
            if not digits.isdigit():
                continue
            number = int(digits) if len(digits) <= 16 else MAX_INT + 1
            if number > highest:
                highest, highest_id = number, card_id
    return highest, highest_id


def _check_next_number(board: Board) -> None:
    """The next card id must be free: a `next_number` at or below a card of the board's key
    would make the next new card replace that card."""
    highest, highest_id = highest_card_number(board.key, board.cards)
    if highest >= board.next_number:
        raise ValueError(
            f"board.next_number: {board.next_number} is not above the highest card number"
            f" ({highest_id}); the next new card would replace it (set it to {highest + 1})"
        )


def find_cycle(cards: dict[str, Card]) -> tuple[str, ...]:
    """A dependency cycle as card ids, or ``()``; iterative DFS, no networkx needed (every
    load runs it: a card needing nothing is finished as soon as it is met)."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = finished
    for root, card in cards.items():
        if root in state or not card.depends_on:  # a card needing nothing closes no cycle
            continue
        state[root] = 1
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(card.depends_on))]
        while stack:
            node, deps = stack[-1]
            for nxt in deps:
                seen = state.get(nxt)
                if seen is None:
                    needed = cards.get(nxt)
                    if needed is None:
                        continue
                    if not needed.depends_on:
                        state[nxt] = 2
                        continue
                    state[nxt] = 1
                    stack.append((nxt, iter(needed.depends_on)))
                    break
                if seen == 1:
                    path = [on_stack for on_stack, _ in stack]
                    return tuple(path[path.index(nxt) :])
            else:
                state[node] = 2
                stack.pop()
    return ()
