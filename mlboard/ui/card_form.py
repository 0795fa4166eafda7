"""The card form's fields (the card field table's, models/card_fields.py), as text in and
operation keyword arguments out.

The form only converts text (numbers, comma lists); every rule is checked by the
services and models when the screen dry-runs the operation on the current board.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlboard.models import BadInput, Board, Card, Outcome
from mlboard.models.card_fields import FORM, CardField
from mlboard.services import cards
from mlboard.services.draft import Draft, Operation


def initial_values(card: Card | None, defaults: dict[str, str]) -> dict[str, str]:
    """The form's starting text: the card's values, or `defaults` for a new card."""
    if card is None:
        return {f.name: defaults.get(f.name, f.default) for f in FORM}
    return {f.name: f.text(card) for f in FORM}


def _convert(field: CardField, text: str) -> Any:
    text = text.strip()
    if field.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if not text and field.blank_is_none:
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

    Fields that do not apply to the card's category are left out; the outcome is not a
    field of those operations (see `card_operation`). Raises BadInput.
    """
    category = values.get("category", "")
    out: dict[str, Any] = {}
    for field in FORM:
        if not field.editable:
            continue
        text = values.get(field.name, "")
        if text == initial.get(field.name, "") or category not in field.categories:
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
