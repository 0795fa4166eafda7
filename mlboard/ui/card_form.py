"""The card form's fields, as text in and operation keyword arguments out.

The form only converts text (numbers, comma lists); every rule is checked by the
services and models when the screen dry-runs the operation on the current board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from mlboard.models import BadInput, Board, Card, Category, Outcome
from mlboard.services import cards
from mlboard.services.draft import Draft, Operation

Kind = Literal["text", "number", "int", "list", "category", "status", "outcome"]


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: Kind = "text"
    placeholder: str = ""
    experiment: bool = False


FIELDS: tuple[FormField, ...] = (
    FormField("title", "Title"),
    FormField("category", "Category", "category"),
    FormField("status", "Column", "status"),
    FormField("points", "Points", "number", "e.g. 3"),
    FormField("assignee", "Assignee", placeholder="handle"),
    FormField("description", "Description"),
    FormField("criteria", "Criteria", "list", "precision>0.92@holdout, recall>0.85"),
    FormField("depends_on", "Depends on", "list", "card ids, e.g. ML-12, ML-15"),
    FormField("datasets", "Datasets", "list", "tickets-2026q3"),
    FormField("roles", "Roles", "list", "ml-engineer, data-engineer"),
    FormField("labels", "Labels", "list", "nlp, q4-goal (#label in the filter)"),
    FormField("gpu_hours", "GPU hours", "number"),
    FormField("pool", "GPU pool"),
    FormField("sprint", "Sprint", placeholder="S3, current or backlog"),
    FormField("hypothesis", "Hypothesis", experiment=True),
    FormField("method", "Evaluation", placeholder="how it is measured", experiment=True),
    FormField("conclusive", "Conclusive if", placeholder="the rule", experiment=True),
    FormField("timebox", "Time-box", "int", "sprints", experiment=True),
    FormField("outcome", "Outcome", "outcome", experiment=True),
)

_OPTIONAL = frozenset({"points", "gpu_hours", "pool", "timebox"})


def initial_values(card: Card | None, defaults: dict[str, str]) -> dict[str, str]:
    """The form's starting text: the card's values, or `defaults` for a new card."""
    if card is None:
        return {"outcome": Outcome.OPEN.value} | {
            f.name: defaults.get(f.name, "") for f in FIELDS if f.name != "outcome"
        }
    experiment = card.experiment
    values: dict[str, str] = {
        "title": card.title,
        "category": card.category.value,
        "status": card.status,
        "points": f"{card.points:g}" if card.points is not None else "",
        "assignee": card.assignee or "",
        "description": card.description,
        "criteria": ", ".join(str(c) for c in card.criteria),
        "depends_on": ", ".join(card.depends_on),
        "datasets": ", ".join(card.datasets),
        "roles": ", ".join(r.value for r in card.roles),
        "labels": ", ".join(card.labels),
        "gpu_hours": f"{card.gpu_hours:g}" if card.gpu_hours is not None else "",
        "pool": card.pool or "",
        "sprint": card.sprint or "",
        "hypothesis": experiment.hypothesis if experiment else "",
        "method": experiment.method if experiment else "",
        "conclusive": experiment.conclusive if experiment else "",
        "timebox": str(experiment.timebox) if experiment else "",
        "outcome": experiment.outcome.value if experiment else Outcome.OPEN.value,
    }
    return values


def _convert(field: FormField, text: str) -> Any:
    text = text.strip()
    if field.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if not text and field.name in _OPTIONAL:
        return None
    if field.kind == "number":
        try:
            return float(text)
        except ValueError:
            raise BadInput(f"{field.label.lower()}: {text!r} is not a number") from None
    if field.kind == "int":
        try:
            return int(text)
        except ValueError:
            raise BadInput(f"{field.label.lower()}: {text!r} is not a whole number") from None
    return text


def changed_fields(values: dict[str, str], initial: dict[str, str]) -> dict[str, Any]:
    """Keyword arguments for add_card/edit_card: the fields whose text changed.

    Experiment fields are left out unless the card is an experiment; the outcome is not a
    field of those operations (see `card_operation`). Raises BadInput.
    """
    experiment = values.get("category") == Category.EXPERIMENT.value
    out: dict[str, Any] = {}
    for field in FIELDS:
        if field.kind == "outcome":
            continue
        text = values.get(field.name, "")
        if text == initial.get(field.name, "") or (field.experiment and not experiment):
            continue
        value = _convert(field, text)
        if value is not None:
            out[field.name] = value
    return out


def column_choices(board: Board) -> list[tuple[str, str]]:
    return [(column.title, column.id) for column in board.columns]


def card_operation(card_id: str | None, form: dict[str, str], initial: dict[str, str]) -> Operation:
    """One operation (one undo step) for the form: add or edit, then a changed outcome.

    `card_id` None adds a card; `initial` is what the form started with.
    """
    fields = changed_fields(form, initial if card_id else {})
    outcome = form.get("outcome", Outcome.OPEN.value)
    new_outcome = outcome != initial.get("outcome") and form.get("category") == "experiment"

    def operation(board: Board, now: datetime) -> Draft:
        if card_id is None:
            rest = dict(fields)  # the operation runs again on replay: leave `fields` whole
            title, category = rest.pop("title", ""), rest.pop("category", "")
            first = cards.add_card(board, now, title, category, **rest)
        else:
            first = cards.edit_card(board, now, card_id, **fields)
        if not new_outcome or first.subject is None:
            return first
        second = cards.set_outcome(first.board, now, first.subject, outcome)
        return Draft(
            second.board,
            first.touched | second.touched,
            first.subject,
            first.warnings + second.warnings,
            {**first.notes, **second.notes},
        )

    return operation
