"""What an operation returns: the new board and which cards it touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mlboard.models import BadInput, Board, Card
from mlboard.models.errors import first_error
from mlboard.models.hints import Hint


@dataclass(frozen=True)
class Draft:
    """`backup` names a destructive change: the file as it was is kept before it is written,
    whichever front end made the change."""

    board: Board
    touched: frozenset[str] = frozenset()
    subject: str | None = None
    warnings: tuple[Hint, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
    backup: str | None = None


Operation = Callable[[Board, datetime], Draft]
M = TypeVar("M", bound=BaseModel)


def revise(card: Card, **changes: Any) -> Card:
    """A validated copy of `card` with `changes` (model_copy alone would skip validation)."""
    return build_card({**dict(card), **changes})


def build(model: type[M], what: str, **values: Any) -> M:
    """A validated `model` (limits included), or BadInput naming the field and the limit."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise BadInput(first_error(exc, what)) from None


def build_card(data: dict[str, Any]) -> Card:
    try:
        return Card.model_validate(data)
    except ValidationError as exc:
        raise BadInput(first_error(exc)) from None


def with_cards(board: Board, *cards: Card, removed: tuple[str, ...] = ()) -> Board:
    updated = dict(board.cards)
    for card_id in removed:
        updated.pop(card_id, None)
    for card in cards:
        updated[card.id] = card
    return board.model_copy(update={"cards": updated})
