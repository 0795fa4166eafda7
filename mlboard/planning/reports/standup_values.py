"""The standup digest's values: per person the cards in play and the changes of the window,
the pipelines and the compute blockers (`standup.standup_report` builds them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlboard.models import EventKind
from mlboard.planning.reports.value import Json, Value


@dataclass(frozen=True)
class MetricChange(Value):
    """A metric's results in the window, first to last (`previous`: the value before it)."""

    at: str | None
    card: str | None
    kind: str  # "metric"
    metric: str
    dataset: str
    from_: float | None
    to: float | None
    change: float | None
    previous: float | None
    runs: int
    note: str | None


@dataclass(frozen=True)
class MoveChange(Value):
    """A card created, moved, or given an outcome: from what, to what."""

    OMIT_NONE = frozenset({"note"})

    at: str | None
    card: str | None
    kind: str  # "created", "moved" or "outcome"
    from_: str | None
    to: str | None
    note: str | None = None


@dataclass(frozen=True)
class BlockerChange(Value):
    """A blocker raised (with its note) or resolved."""

    at: str | None
    card: str | None
    kind: str  # "blocked" or "unblocked"
    blocker: str | None
    note: str | None = None

    def to_json(self) -> Json:
        out = super().to_json()
        if self.kind != EventKind.BLOCKED.value:
            del out["note"]
        return out


Change = MetricChange | MoveChange | BlockerChange


@dataclass(frozen=True)
class OpenBlocker(Value):
    kind: str
    note: str
    since: str | None
    eta: str | None


@dataclass(frozen=True)
class HeldCard(Value):
    """A card in play: where it is, what blocks it, which unfinished cards it waits for."""

    id: str
    title: str
    category: str
    status: str
    points: float | None
    blockers: tuple[OpenBlocker, ...]
    blocked_by: tuple[str, ...]


@dataclass(frozen=True)
class StandupNote(Value):
    kind: str
    text: str


@dataclass(frozen=True)
class PersonDigest(Value):
    """One person's (None: nobody's) cards in play, changes in the window, notes of the day."""

    person: str | None
    name: str
    cards: tuple[HeldCard, ...]
    changes: tuple[Change, ...]
    notes: tuple[StandupNote, ...]

    @property
    def quiet(self) -> bool:
        return not (self.changes or self.cards or self.notes)


@dataclass(frozen=True)
class PipelineChange(Value):
    at: str | None
    from_: str | None
    to: str | None


@dataclass(frozen=True)
class PipelineState(Value):
    name: str
    status: str
    last_run: str | None
    note: str
    changes: tuple[PipelineChange, ...]


@dataclass(frozen=True)
class ComputeBlocker(Value):
    card: str
    title: str
    assignee: str | None
    note: str
    since: str | None
    eta: str | None


@dataclass(frozen=True)
class StandupReport(Value):
    """The standup of `date`: the window `since`–`until`, person by person, pipelines,
    compute blockers; `columns` gives each column id its title."""

    date: str
    since: str | None
    until: str | None
    sprint: str | None
    columns: Mapping[str, str]
    people: tuple[PersonDigest, ...]
    pipelines: tuple[PipelineState, ...]
    compute_blockers: tuple[ComputeBlocker, ...]
