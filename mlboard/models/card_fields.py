"""A card's fields, listed once: the table that the command line's `add`/`edit` options, the
card form, the "edited" events and `mlboard show` all read.

Each entry says what the pydantic model cannot: the label people read, the CLI flag with its
metavar and help, the form's placeholder, whether a change is an "edited" event and where the
card sheet shows it. The rest comes from the model (`Card`, or `Experiment` for the fields an
experiment card keeps in `card.experiment`): the kind of value (number, whole number, list,
one of an enum's values, one line or long text), the choices, the default and the length
limit. Adding a field to `Card` needs one entry here; `tests/models/test_card_fields.py`
fails until it has one.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from mlboard.models.card import Card, Experiment
from mlboard.models.enums import Category
from mlboard.models.limits import TEXT_MAX

Kind = Literal[
    "text", "long", "number", "int", "list", "choice", "column", "sprint", "time", "record"
]
"""`text` one line, `long` text that may span lines (up to TEXT_MAX), `number` a float, `int`
a whole number, `list` a tuple of values (comma-separated in the form, a repeatable flag on
the command line), `choice` one of an enum's values, `column` a column id of the board,
`sprint` a sprint id (typed also `current` or `backlog`), `time` a date or time, `record` a
nested value (blockers, results, a confusion matrix)."""

OnAdd = Literal["argument", "required", "option"]
"""How `mlboard add` takes the field: its positional argument, a required or an optional flag."""


@dataclass(frozen=True)
class CardField:
    """One field of a card; build entries with :func:`_entry`, which reads the model."""

    name: str
    """The model's field name, also the keyword of `add_card`/`edit_card`."""
    label: str
    """What the card form calls it."""
    kind: Kind
    experiment: bool
    """Kept in `card.experiment`: applies to experiment cards only."""
    choices: tuple[str, ...]
    """The values of a `choice` field (or of a list of choices), in the enum's order."""
    default: str
    """The form's text for a card without the value: a choice's default, else empty."""
    max_length: int | None
    """The model's length limit (characters of a text, items of a list)."""
    blank_is_none: bool
    """An empty form entry means "no value" (numbers; names that cannot be empty)."""
    editable: bool
    """`add_card`/`edit_card` take it (the others have operations or stamps of their own)."""
    form: bool
    """The card form shows it."""
    event: bool
    """A change records an "edited" event naming the field (the others have their own)."""
    flag: str | None
    metavar: str | None
    help: str | None
    on_add: OnAdd
    placeholder: str
    heading: str
    """What `mlboard show` calls it."""
    sheet: bool
    """`mlboard show` has a row for it (the title heads the sheet, other fields have
    paragraphs of their own)."""
    empty: str | None
    """The sheet's text when the value is missing; None leaves the row out."""
    mark: str
    """Written before each item in text: ``#`` makes the labels ``#nlp #q4-goal``."""

    @property
    def dest(self) -> str:
        """The attribute argparse stores the flag's value in."""
        return (self.flag or "").lstrip("-").replace("-", "_")

    @property
    def categories(self) -> frozenset[Category]:
        """The categories of card the field applies to."""
        return frozenset({Category.EXPERIMENT} if self.experiment else Category)

    def listing(self, items: tuple[Any, ...]) -> str:
        """A list's items in text for people: ``ml-engineer, analyst``, ``#nlp #q4-goal``."""
        if self.mark:
            return " ".join(f"{self.mark}{item}" for item in items)
        return ", ".join(str(item) for item in items)

    def value(self, card: Card) -> Any:
        """The card's value (None for an experiment field of a card without an experiment)."""
        holder: Any = card.experiment if self.experiment else card
        return None if holder is None else getattr(holder, self.name)

    def text(self, card: Card) -> str:
        """The value as the form shows it and reads it back: lists comma-separated, numbers
        short (``3``, ``2.5``), an enum by its value; `default` when there is none."""
        value = self.value(card)
        if value is None:
            return self.default
        if self.kind == "list":
            return ", ".join(str(item) for item in value)
        if self.kind == "number":
            return f"{value:g}"
        return str(value)


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The type inside ``X | None`` and ``Annotated[X, ...]``, whether None is allowed, and the
    constraints found on the way."""
    nullable, constraints = False, []
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(get_args(annotation))
            annotation = args[0]
        elif origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                constraints += item.metadata if isinstance(item, FieldInfo) else [item]
        else:
            return annotation, nullable, constraints


def _limit(constraints: list[Any], name: str) -> int | None:
    values = [getattr(c, name) for c in constraints if hasattr(c, name)]
    return min(values) if values else None


def _kind(annotation: Any, max_length: int | None) -> tuple[Kind, tuple[str, ...]]:
    if get_origin(annotation) is tuple:
        item, _, _ = _unwrap(get_args(annotation)[0])
        enum = isinstance(item, type) and issubclass(item, StrEnum)
        return "list", tuple(member.value for member in item) if enum else ()
    if isinstance(annotation, type):
        if issubclass(annotation, StrEnum):
            return "choice", tuple(member.value for member in annotation)
        if issubclass(annotation, bool):
            raise TypeError("a yes/no card field needs a kind of its own")
        if issubclass(annotation, float):
            return "number", ()
        if issubclass(annotation, int):
            return "int", ()
        if issubclass(annotation, (date, datetime)):
            return "time", ()
        if issubclass(annotation, BaseModel):
            return "record", ()
    return ("long" if max_length == TEXT_MAX else "text"), ()


def _entry(
    name: str,
    label: str,
    *,
    flag: str | None = None,
    metavar: str | None = None,
    help: str | None = None,
    on_add: OnAdd = "option",
    placeholder: str = "",
    kind: Kind | None = None,
    editable: bool = True,
    form: bool | None = None,
    event: bool = False,
    heading: str | None = None,
    sheet: bool = False,
    empty: str | None = None,
    mark: str = "",
) -> CardField:
    """An entry whose kind, choices, default and limits are read from the model."""
    model: type[BaseModel] = Card if name in Card.model_fields else Experiment
    info = model.model_fields[name]
    annotation, nullable, constraints = _unwrap(info.annotation)
    constraints += info.metadata
    max_length = _limit(constraints, "max_length")
    found, choices = _kind(annotation, max_length)
    kind = kind or found
    default = ""
    if kind == "choice" and not info.is_required() and info.default is not None:
        default = str(info.default)
    cannot_be_empty = any(isinstance(c, MinLen) and c.min_length > 0 for c in constraints)
    if kind == "choice" and metavar is None:
        metavar = "|".join(choices)
    return CardField(
        name=name,
        label=label,
        kind=kind,
        experiment=model is Experiment,
        choices=choices,
        default=default,
        max_length=max_length,
        blank_is_none=kind in ("number", "int") or (nullable and cannot_be_empty),
        editable=editable,
        form=editable if form is None else form,
        event=event,
        flag=flag,
        metavar=metavar,
        help=help,
        on_add=on_add,
        placeholder=placeholder,
        heading=heading or name.replace("_", " "),
        sheet=sheet,
        empty=empty,
        mark=mark,
    )


# In the order people read them: the card form, the rows of the card sheet and the options of
# `mlboard add`/`edit` all follow it.
CARD_FIELDS: tuple[CardField, ...] = (
    _entry("title", "Title", flag="--title", on_add="argument", event=True),
    _entry("category", "Category", flag="--category", on_add="required", event=True, sheet=True),
    _entry("status", "Column", flag="--status", metavar="COLUMN", kind="column", sheet=True),
    _entry(
        "points",
        "Points",
        flag="--points",
        metavar="N",
        placeholder="e.g. 3",
        event=True,
        sheet=True,
        empty="-",
    ),
    _entry(
        "assignee",
        "Assignee",
        flag="--assignee",
        metavar="HANDLE",
        placeholder="handle",
        event=True,
        sheet=True,
        empty="-",
    ),
    _entry(
        "sprint",
        "Sprint",
        flag="--sprint",
        metavar="ID|current|backlog",
        kind="sprint",
        placeholder="S3, current or backlog",
        sheet=True,
        empty="backlog",
    ),
    _entry(
        "labels",
        "Labels",
        flag="--label",
        metavar="LABEL",
        help="label (repeatable)",
        placeholder="nlp, q4-goal (#label in the filter)",
        event=True,
        sheet=True,
        mark="#",
    ),
    _entry(
        "description",
        "Description",
        flag="--description",
        metavar="TEXT",
        placeholder="what and why (enter adds a line)",
        event=True,
    ),
    _entry(
        "roles",
        "Roles",
        flag="--role",
        metavar="ROLE",
        help="role needed (repeatable)",
        placeholder="ml-engineer, data-engineer",
        event=True,
        sheet=True,
    ),
    _entry(
        "depends_on",
        "Depends on",
        flag="--depends-on",
        metavar="ID",
        help="dependency (repeatable)",
        placeholder="card ids, e.g. ML-12, ML-15",
        sheet=True,
    ),
    _entry(
        "datasets",
        "Datasets",
        flag="--data",
        metavar="DATASET",
        help="dataset needed",
        placeholder="tickets-2026q3",
        event=True,
        sheet=True,
    ),
    _entry("gpu_hours", "GPU hours", flag="--gpu-hours", metavar="H", event=True, sheet=True),
    _entry("pool", "GPU pool", flag="--pool", metavar="POOL", event=True),
    _entry(
        "criteria",
        "Criteria",
        flag="--accept",
        metavar="CRITERION",
        help="e.g. 'precision>0.92@holdout'",
        placeholder="precision>0.92@holdout, recall>0.85",
        event=True,
    ),
    _entry("hypothesis", "Hypothesis", flag="--hypothesis", metavar="TEXT", sheet=True, empty="-"),
    _entry(
        "method",
        "Evaluation",
        flag="--method",
        metavar="TEXT",
        help="evaluation method",
        placeholder="how it is measured",
        sheet=True,
        empty="-",
    ),
    _entry(
        "conclusive",
        "Conclusive if",
        flag="--conclusive",
        metavar="TEXT",
        help="what counts as a conclusive result",
        placeholder="the rule",
        sheet=True,
        empty="-",
    ),
    _entry(
        "timebox",
        "Time-box",
        flag="--timebox",
        metavar="SPRINTS",
        placeholder="sprints",
        heading="time-box",
        sheet=True,
    ),
    _entry("outcome", "Outcome", editable=False, form=True, sheet=True),  # set_outcome
    _entry("learnings", "Learnings", placeholder="what was learned", sheet=True),
    _entry("failures", "Failure analysis", form=False, event=True),  # mlboard failure
    _entry("confusion", "Confusion matrix", form=False, event=True),  # mlboard confusion
    # kept by operations of their own, or stamped by the services
    _entry("id", "Id", editable=False),
    _entry("blockers", "Blockers", editable=False),  # block, unblock
    _entry("metrics", "Results", editable=False),  # log
    _entry("experiment", "Experiment", editable=False),  # its fields are entries of their own
    _entry("carried", "Carried over", editable=False),  # sprint close
    _entry("source", "Source", editable=False),  # imports: dvc:STAGE, jira:KEY
    _entry("created_at", "Created", editable=False),
    _entry("started_at", "Started", editable=False),
    _entry("done_at", "Done", editable=False),
)

FIELD = {field.name: field for field in CARD_FIELDS}
EDITABLE = tuple(field for field in CARD_FIELDS if field.editable)
"""What `add_card` and `edit_card` take."""
FLAGGED = tuple(field for field in CARD_FIELDS if field.flag)
"""The options of `mlboard add` and `mlboard edit`."""
FORM = tuple(field for field in CARD_FIELDS if field.form)
"""The card form's fields."""
SHEET = tuple(field for field in CARD_FIELDS if field.sheet)
"""The card sheet's rows: facts, then (for an experiment) the experiment's."""
