"""The sprint review's values: the sprint and its measurable goal, the cards, points,
criteria, trends, experiments, failure notes and confusion matrices (`review.review_report`
builds them; the retrospective shares the sprint's part)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlboard.planning.derived import CriterionState
from mlboard.planning.reports.common import CardBrief
from mlboard.planning.reports.value import Value


@dataclass(frozen=True)
class MeasurableGoal(Value):
    """The sprint's measurable goal against the result that stands for the sprint (`basis`
    "best": the best one in the direction its criterion gives) and the card that logged it."""

    criterion: str
    status: str
    value: float | None
    basis: str
    card: str | None
    at: str | None


@dataclass(frozen=True)
class SprintInfo(Value):
    id: str
    name: str
    goal: str
    state: str
    start: str
    end: str
    measurable_goal: MeasurableGoal | None

    @property
    def closed(self) -> bool:
        return self.state == "closed"


@dataclass(frozen=True)
class ReviewPoints(Value):
    """Committed at the start, the scope changes and completed (its burndown); with no
    sprint, only committed and completed (the three changes None, left out of the JSON)."""

    OMIT_NONE = frozenset({"added", "removed", "re_estimated"})

    committed: float
    added: float | None
    removed: float | None
    re_estimated: float | None
    completed: float


@dataclass(frozen=True)
class CardCriteria(Value):
    card: str
    title: str
    criteria: tuple[CriterionState, ...]


@dataclass(frozen=True)
class TrendPoint(Value):
    sprint: str
    value: float
    card: str


@dataclass(frozen=True)
class Trend(Value):
    """A metric on a dataset, sprint by sprint, oldest first."""

    metric: str
    dataset: str
    basis: str  # "best" or "latest"
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class ExperimentEntry(Value):
    card: str
    title: str
    hypothesis: str
    outcome: str
    learnings: str
    carried: int
    timebox: int


@dataclass(frozen=True)
class Experiments(Value):
    """How many experiments have each outcome, how many were tested, and each one."""

    counts: Mapping[str, int]
    tested: int
    list_: tuple[ExperimentEntry, ...]


@dataclass(frozen=True)
class FailureNotes(Value):
    card: str
    title: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Confused(Value):
    true: str
    predicted: str
    count: int


@dataclass(frozen=True)
class Confusion(Value):
    """A card's confusion matrix, its accuracy, recall per label, most frequent mistakes."""

    card: str
    title: str
    dataset: str
    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    accuracy: float | None
    recall: Mapping[str, float | None]
    top_confusions: tuple[Confused, ...]


@dataclass(frozen=True)
class ReviewReport(Value):
    """The review of a sprint (None: the whole board, in Kanban)."""

    sprint: SprintInfo | None
    completed: tuple[CardBrief, ...]
    not_completed: tuple[CardBrief, ...]
    added: tuple[CardBrief, ...]
    removed: tuple[CardBrief, ...]
    points: ReviewPoints
    criteria: tuple[CardCriteria, ...]
    trends: tuple[Trend, ...]
    experiments: Experiments
    failures: tuple[FailureNotes, ...]
    confusion: tuple[Confusion, ...]
