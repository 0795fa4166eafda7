"""Undo by restoring what one change touched, leaving everyone else's later changes alone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlboard.models import BadInput, Board, Card, ConflictError, find_cycle_ids
from mlboard.services.draft import Draft, Operation, revise

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
    """An operation that sets what differs between `current` and `target` (fields of the
    touched cards, board parts) back to `target`.

    `board` may hold another writer's later changes: a field or board part they did not
    change since `current` is set back; one they changed is a refusal (`ConflictError`), so
    undo never silently reverts someone else's change.
    """

    def operation(board: Board, now: datetime) -> Draft:
        cards = dict(board.cards)
        for card_id in touched:
            card = _restored(card_id, board.cards.get(card_id), current, target)
            if card is None:
                cards.pop(card_id, None)
            else:
                cards[card_id] = card
        update: dict[str, Any] = {"cards": cards}
        for name in _COLLECTIONS:
            if getattr(current, name) != getattr(target, name):
                if getattr(board, name) != getattr(current, name):
                    raise ConflictError(f"cannot undo: the board's {name} changed since")
                update[name] = getattr(target, name)
        restored = board.model_copy(update=update)
        _check(restored, touched)
        return Draft(restored, touched)

    return operation


def _restored(card_id: str, now: Card | None, current: Board, target: Board) -> Card | None:
    """The card `card_id` with the fields that differ between `current` and `target` set to
    their `target` values; a refusal when someone else changed one of them since."""
    was, wanted = current.cards.get(card_id), target.cards.get(card_id)
    if now == was:
        return wanted
    if now is None or was is None or wanted is None:
        raise ConflictError(f"cannot undo: {card_id} was changed since by someone else")
    fields = [
        name for name in type(was).model_fields if getattr(was, name) != getattr(wanted, name)
    ]
    taken = [name for name in fields if getattr(now, name) != getattr(was, name)]
    if taken:
        raise ConflictError(
            f"cannot undo: {card_id}'s {taken[0]} was changed since by someone else"
        )
    try:
        return revise(now, **{name: getattr(wanted, name) for name in fields})
    except BadInput as exc:
        raise ConflictError(f"cannot undo: {card_id}: {exc}") from None


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
