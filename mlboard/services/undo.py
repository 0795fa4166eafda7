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


def summarize(before: Board, after: Board, touched: frozenset[str]) -> str:
    """What a change did to the cards it touched, in words: `ML-3 In Progress → To Do`,
    `ML-7 deleted`, `ML-7 back`, `ML-2 title, points`; the board's own parts by name."""
    parts: list[str] = []
    for card_id in sorted(touched):
        old, new = before.cards.get(card_id), after.cards.get(card_id)
        if old is None and new is not None:
            parts.append(
                f"{card_id} back" if _ever_existed(before, card_id) else f"{card_id} added"
            )
        elif new is None and old is not None:
            parts.append(f"{card_id} deleted")
        elif old is not None and new is not None and old != new:
            if old.status != new.status:
                was, now = before.column(old.status).title, after.column(new.status).title
                parts.append(f"{card_id} {was} → {now}")
            else:
                fields = [f for f in type(new).model_fields if getattr(old, f) != getattr(new, f)]
                parts.append(f"{card_id} {', '.join(fields[:3])}")
    parts += [
        name.replace("_", " ")
        for name in _COLLECTIONS
        if getattr(before, name) != getattr(after, name)
    ]
    return "; ".join(parts[:4]) + (f" and {len(parts) - 4} more" if len(parts) > 4 else "")


def _ever_existed(board: Board, card_id: str) -> bool:
    return any(e.card == card_id for e in board.events)


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
