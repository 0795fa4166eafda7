"""Undo by restoring what one change touched, leaving everyone else's later changes alone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlboard.models import Board, ConflictError, find_cycle_ids
from mlboard.services.draft import Draft, Operation

_COLLECTIONS = (
    "name",
    "mode",
    "sprint_days",
    "columns",
    "people",
    "datasets",
    "pipelines",
    "pools",
    "sprints",
    "standup_notes",
    "retro_notes",
)


def restore(current: Board, target: Board, touched: frozenset[str]) -> Operation:
    """An operation that sets the touched cards, and any board part that differs between
    `current` and `target`, back to their state in `target`."""

    def operation(board: Board, now: datetime) -> Draft:
        cards = dict(board.cards)
        for card_id in touched:
            wanted = target.cards.get(card_id)
            if wanted is None:
                cards.pop(card_id, None)
            else:
                cards[card_id] = wanted
        update: dict[str, Any] = {"cards": cards}
        for name in _COLLECTIONS:
            if getattr(current, name) != getattr(target, name):
                update[name] = getattr(target, name)
        restored = board.model_copy(update=update)
        _check(restored, touched)
        return Draft(restored, touched)

    return operation


def _check(board: Board, touched: frozenset[str]) -> None:
    gone = {cid for cid in touched if cid not in board.cards}
    columns = set(board.column_ids())
    sprints = {s.id for s in board.sprints}
    for card in board.cards.values():
        missing = gone.intersection(card.depends_on)
        if missing:
            raise ConflictError(f"cannot undo: {card.id} now depends on {sorted(missing)[0]}")
        if card.status not in columns or (card.sprint and card.sprint not in sprints):
            raise ConflictError(f"cannot undo: {card.id} refers to something that is gone")
    if find_cycle_ids(board.cards):
        raise ConflictError("cannot undo: it would close a dependency cycle")
