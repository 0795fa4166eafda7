"""A card and the values it carries: blockers, criteria, metric results, experiment fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mlboard.models.criteria import (
    DEFAULT_DATASET,
    CriterionStatus,
    Relative,
    evaluate,
    parse_criterion,
)
from mlboard.models.enums import BlockerKind, Category, Op, Outcome, Role
from mlboard.models.errors import BadInput, first_error
from mlboard.models.limits import (
    CLASSES_MAX,
    CRITERIA_MAX,
    ITEMS_MAX,
    NAME_MAX,
    Label,
    Name,
    Text,
    Title,
)
from mlboard.models.rank import RANK_MAX, RANK_PATTERN

# The largest whole number a board holds: JSON readers agree on integers up to 2**53, and
# the file writer refuses anything past 64 bits, so a larger one could never be saved again.
MAX_INT = 2**53 - 1


class Frozen(BaseModel):
    """Immutable value: every change makes a new one, so undo is a stack of snapshots."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False
    )

    def model_post_init(self, context: Any) -> None:
        """Runs once per new value; unlike an "after" validator, not again each time a
        board is validated with the value in it (10,000 calls saved per board of cards).

        Pydantic keeps, per instance, the set of fields it was given. Values read from a
        board file are given every field: a 2 KB set per card, a fifth of a 10,000-card
        board's memory. Such values share one set instead (safe: they are frozen, and
        `model_copy` copies the set before changing it)."""
        kind = type(self)
        shared = _SHARED_FIELDS.get(kind)
        if shared is None:
            every = set(kind.model_fields)
            unset = {n for n, f in kind.model_fields.items() if f.exclude_if is not None}
            shared = _SHARED_FIELDS[kind] = (every, every - unset, tuple(unset))
        every, written, unwritten = shared
        given = self.__pydantic_fields_set__
        if len(given) == len(every):
            object.__setattr__(self, "__pydantic_fields_set__", every)
        elif len(given) == len(written) and not any(name in given for name in unwritten):
            # every field the file writes (one left out while unset, as a card's rank)
            object.__setattr__(self, "__pydantic_fields_set__", written)


# Per model: every field, the fields a file always holds, those it leaves out while unset.
_SHARED_FIELDS: dict[type[Frozen], tuple[set[str], set[str], tuple[str, ...]]] = {}


class Blocker(Frozen):
    kind: BlockerKind
    note: Text = ""
    since: datetime
    eta: date | None = None
    resolved_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def exact_number(value: float) -> str:
    """``0.92``, ``1e-05``: short like ``:g`` when that reads back the same number, else
    Python's shortest exact form (``:g`` alone turns 0.1234567 into 0.123457)."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


class Criterion(Frozen):
    """``metric op threshold @ dataset``, e.g. precision > 0.92 on the holdout set.

    With `baseline` set the threshold is relative to the metric's recorded baseline: ``*``
    multiplies it (``ctr>=baseline*1.05``), ``+`` adds to it (``accuracy>=baseline+0.01``).
    """

    metric: Name
    op: Op
    threshold: float
    dataset: Name = DEFAULT_DATASET
    baseline: Relative | None = None

    @classmethod
    def parse(cls, text: str) -> Criterion:
        metric, op, threshold, dataset, relative = parse_criterion(text)
        try:
            return cls(
                metric=metric, op=op, threshold=threshold, dataset=dataset, baseline=relative
            )
        except ValidationError as exc:  # e.g. a threshold of 1e999
            raise BadInput(f"criterion {text!r}: {first_error(exc)}") from None

    def __str__(self) -> str:
        return f"{self.metric}{self.op.value}{self.target_text}@{self.dataset}"

    @property
    def target_text(self) -> str:
        """``0.92``, ``baseline*1.05``, ``baseline+0.01`` or ``baseline``; exact, since the
        card form shows this text and parses it back."""
        if self.baseline is None:
            return exact_number(self.threshold)
        if self.baseline == "*":
            return f"baseline*{exact_number(self.threshold)}"
        if self.threshold == 0:
            return "baseline"
        sign = "+" if self.threshold > 0 else ""
        return f"baseline{sign}{exact_number(self.threshold)}"

    def status(
        self,
        metrics: tuple[MetricResult, ...],
        baselines: tuple[Baseline, ...] = (),
        card: str | None = None,
    ) -> CriterionStatus:
        return evaluate(self, metrics, baselines, card)[0]


class Provenance(Frozen):
    """Where a value came from: the run (an id or URL), the commit, the file it was read from."""

    run: Text | None = None
    commit: Name | None = None
    source: Text | None = None


class MetricResult(Provenance):
    name: Name
    value: float
    dataset: Name = DEFAULT_DATASET
    at: datetime
    sprint: str | None = None
    note: Text = ""


class Baseline(Provenance):
    """The value a relative criterion compares with; for one card or (no card) the board."""

    name: Name
    value: float
    dataset: Name = DEFAULT_DATASET
    card: str | None = None
    at: datetime
    note: Text = ""


class Experiment(Frozen):
    hypothesis: Text = ""
    method: Text = ""
    conclusive: Text = ""
    timebox: int = Field(default=1, ge=1, le=MAX_INT)
    outcome: Outcome = Outcome.OPEN
    learnings: Text = ""

    @property
    def designed(self) -> bool:
        """Has a hypothesis, an evaluation method and a conclusive-result rule."""
        return bool(self.hypothesis.strip() and self.method.strip() and self.conclusive.strip())


_CountRow = Annotated[
    tuple[Annotated[int, Field(ge=0, le=MAX_INT)], ...], Field(max_length=CLASSES_MAX)
]


class ConfusionMatrix(Frozen):
    """Rows are true labels, columns predicted labels."""

    labels: tuple[Name, ...] = Field(max_length=CLASSES_MAX)
    counts: tuple[_CountRow, ...] = Field(max_length=CLASSES_MAX)
    dataset: Name = DEFAULT_DATASET

    @model_validator(mode="after")
    def _square(self) -> ConfusionMatrix:
        size = len(self.labels)
        if len(self.counts) != size or any(len(row) != size for row in self.counts):
            raise ValueError(f"confusion matrix must be {size}x{size} for {size} labels")
        if len(set(self.labels)) != size:
            twice = next(label for label in self.labels if self.labels.count(label) > 1)
            raise ValueError(f"confusion matrix labels repeat ({twice!r}): one row per class")
        return self


class Card(Frozen):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9]*-\d+$")
    title: Title
    description: Text = ""
    category: Category
    status: str
    points: float | None = Field(default=None, ge=0)
    assignee: Annotated[str, Field(max_length=NAME_MAX)] | None = None
    roles: tuple[Role, ...] = ()
    depends_on: tuple[str, ...] = Field(default=(), max_length=ITEMS_MAX)
    blockers: tuple[Blocker, ...] = ()
    criteria: tuple[Criterion, ...] = Field(default=(), max_length=CRITERIA_MAX)
    metrics: tuple[MetricResult, ...] = ()
    experiment: Experiment | None = None
    datasets: tuple[Name, ...] = Field(default=(), max_length=ITEMS_MAX)
    labels: tuple[Label, ...] = Field(default=(), max_length=ITEMS_MAX)
    gpu_hours: float | None = Field(default=None, ge=0)
    pool: Name | None = None
    sprint: str | None = None
    carried: int = Field(default=0, ge=0, le=MAX_INT)
    failures: tuple[Text, ...] = Field(default=(), max_length=ITEMS_MAX)
    confusion: ConfusionMatrix | None = None
    source: Text | None = None  # where an imported card came from: dvc:STAGE, jira:KEY…
    # Its place in its cell (models/rank.py); written only once set, so a board nobody
    # reordered keeps its bytes.
    rank: str | None = Field(
        default=None,
        max_length=RANK_MAX,
        pattern=RANK_PATTERN,
        exclude_if=lambda value: value is None,
    )
    created_at: datetime
    started_at: datetime | None = None
    done_at: datetime | None = None

    @field_validator("title")
    @classmethod
    def _one_line_title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("title is empty")
        return value

    def model_post_init(self, context: Any) -> None:
        super().model_post_init(context)
        depends_on = self.depends_on
        if depends_on:  # most cards have none: this runs for every card of a loaded board
            if self.id in depends_on:
                raise ValueError(f"{self.id} depends on itself")
            if len(set(depends_on)) != len(depends_on):
                raise ValueError(f"{self.id} lists a dependency twice")

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])

    @property
    def open_blockers(self) -> tuple[Blocker, ...]:
        return tuple(b for b in self.blockers if b.resolved_at is None)

    @property
    def is_experiment(self) -> bool:
        return self.category is Category.EXPERIMENT

    @property
    def weight(self) -> float:
        """Points for the critical path; a card without points counts 1."""
        return self.points if self.points is not None else 1.0
