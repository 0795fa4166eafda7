"""The retrospective's values: estimation, velocity, carry-over, data incidents, handoff,
notes and advice (`retro.retro_report` builds them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlboard.planning.reports.estimation import EstimationRow, ResearchVsRest
from mlboard.planning.reports.review_values import SprintInfo
from mlboard.planning.reports.value import Value


@dataclass(frozen=True)
class SprintVelocity(Value):
    """A closed sprint's points: committed at its start, the scope changes, completed."""

    sprint: str
    committed_points: float
    added_points: float
    removed_points: float
    re_estimated_points: float
    completed_points: float


@dataclass(frozen=True)
class CarriedCard(Value):
    """An unfinished card: `state` "open" (the sprint runs), "carried" (to the sprint `to`)
    or "returned" (to the backlog); title, category and points as at the close."""

    card: str
    state: str
    title: str | None
    category: str | None
    research: bool
    points: float | None
    to: str | None
    times: int
    timebox: int | None
    note: str | None


@dataclass(frozen=True)
class Incident(Value):
    """A data or pipeline blocker of a card, or a failing pipeline (`pipeline` set, no
    card), open at some time in the sprint."""

    OMIT_NONE = frozenset({"pipeline"})

    card: str | None
    title: str | None
    pipeline: str | None
    kind: str
    note: str
    since: str | None
    resolved_at: str | None
    hours_open: float
    raised_before_sprint: bool


@dataclass(frozen=True)
class SlowHandoff(Value):
    card: str
    hours: float


@dataclass(frozen=True)
class Handoff(Value):
    """Hours cards waited in the handoff column: how many, median, max, the slowest."""

    column: str | None
    count: int
    median: float | None
    max: float | None
    slowest: tuple[SlowHandoff, ...]


@dataclass(frozen=True)
class RetroNote(Value):
    person: str | None
    kind: str
    text: str
    card: str | None


@dataclass(frozen=True)
class RetroReport(Value):
    """The retrospective of a sprint (None: the whole board, in Kanban)."""

    sprint: SprintInfo | None
    estimation: Mapping[str, EstimationRow]
    research_vs_rest: ResearchVsRest
    velocity: tuple[SprintVelocity, ...]
    carried_over: tuple[CarriedCard, ...]
    data_incidents: tuple[Incident, ...]
    handoff_hours: float | None
    handoff: Handoff
    notes: tuple[RetroNote, ...]
    advice: tuple[str, ...]
