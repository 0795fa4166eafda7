"""Close a merge's conflict record: keep the value the board holds, or take ours, theirs or
a value of one's own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from mlboard.models import BadInput, Board, Card, EventKind, NotFound, RuleViolation
from mlboard.models.board import check_references
from mlboard.models.conflict import EXISTS, Conflict
from mlboard.models.errors import first_error
from mlboard.services.cards import delete_card, move_card
from mlboard.services.draft import Draft

_ROWS = {
    "people": "handle",
    "datasets": "name",
    "pipelines": "name",
    "pools": "name",
    "sprints": "id",
    "columns": "id",
}


def find_conflict(board: Board, ident: str) -> Conflict:
    """A conflict by its id, or the one open conflict of a card (or other row) named so."""
    for conflict in board.conflicts:
        if conflict.id.lower() == ident.lower():
            return conflict
    named = [c for c in board.open_conflicts() if c.key.upper() == ident.upper()]
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(f"{c.id} ({c.field})" for c in named)
        raise BadInput(f"{ident} has {len(named)} open conflicts: {ids}; resolve them by id")
    raise NotFound(f"no open conflict {ident!r} (mlboard check lists them)")


def parse_take(conflict: Conflict, current: Any, take: str | None) -> Any:
    """The value `--take` names: ours, theirs, JSON (``3``, ``["ML-2"]``, ``null``) or text;
    none keeps the value the board holds now."""
    if take is None:
        return current
    if take.lower() in ("ours", "theirs"):
        return conflict.ours if take.lower() == "ours" else conflict.theirs
    try:
        return orjson.loads(take)
    except orjson.JSONDecodeError:
        return take


def current_value(board: Board, conflict: Conflict) -> Any:
    """The conflicted field as the board holds it now, in the file's JSON form."""
    if conflict.field == EXISTS:
        return _row(board, conflict) is not None
    if conflict.table == "board":
        data = board.model_dump(mode="json", include={conflict.field})
        return data.get(conflict.field)
    row = _row(board, conflict)
    if row is None:
        return None
    return row.model_dump(mode="json", by_alias=True).get(conflict.field)


def resolve_conflict(board: Board, now: datetime, ident: str, take: str | None = None) -> Draft:
    conflict = find_conflict(board, ident)
    if not conflict.is_open:
        raise RuleViolation(f"conflict {conflict.id} is already resolved")
    value = parse_take(conflict, current_value(board, conflict), take)
    changed, touched = _apply(board, now, conflict, value)
    closed = conflict.model_copy(update={"resolved_at": now, "resolution": value})
    conflicts = tuple(closed if c.id == conflict.id else c for c in changed.conflicts)
    after = changed.model_copy(update={"conflicts": conflicts})
    try:
        check_references(after)
    except ValueError as exc:
        raise RuleViolation(f"cannot take {value!r} for {conflict.field}: {exc}") from None
    return Draft(after, touched, conflict.id)


def _apply(board: Board, now: datetime, c: Conflict, value: Any) -> tuple[Board, frozenset[str]]:
    if c.field == EXISTS:
        if type(value) is not bool:
            raise BadInput(f"{c.entity}: take true (keep it) or false (delete it)")
        row = _row(board, c)
        if value or row is None:
            if value and row is None:
                raise RuleViolation(f"{c.entity} is gone; it cannot be kept any more")
            return board, frozenset()
        if c.table == "cards":
            draft = delete_card(board, now, c.key)
            return draft.board, draft.touched
        field = "columns" if c.table == "columns" else c.table
        rows = tuple(r for r in getattr(board, field) if r is not row)
        return board.model_copy(update={field: rows}), frozenset()
    if c.table == "board":
        data = board.model_dump(mode="json", exclude={"cards", "events", "conflicts"})
        data[c.field] = value
        try:
            settings = Board.model_validate(data)
        except ValidationError as exc:
            raise BadInput(first_error(exc)) from None
        return board.model_copy(update={c.field: getattr(settings, c.field)}), frozenset()
    row = _row(board, c)
    if row is None:
        raise RuleViolation(f"{c.entity} is gone; delete the conflict's subject first")
    if c.table == "cards" and c.field == "status" and isinstance(value, str):
        draft = move_card(board, now, c.key, value)  # a move's rules: WIP, start/done times
        return draft.board, draft.touched
    data = row.model_dump(mode="json", by_alias=True)
    data[c.field] = value
    try:
        new = type(row).model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"{c.entity}: {first_error(exc)}") from None
    if c.table == "cards":
        return board.model_copy(update={"cards": {**board.cards, c.key: new}}), frozenset({c.key})
    rows = tuple(new if r is row else r for r in getattr(board, c.table))
    return board.model_copy(update={c.table: rows}), frozenset()


def _row(board: Board, conflict: Conflict) -> BaseModel | None:
    if conflict.table == "cards":
        return board.cards.get(conflict.key)
    if conflict.table == "board":
        return board
    key = _ROWS[conflict.table]
    return next(
        (r for r in getattr(board, conflict.table) if str(getattr(r, key)) == conflict.key), None
    )


def find_renumbered(board: Board, card_id: str) -> tuple[Card, str | None]:
    """The card `card_id` names, and a line when a merge renumbered a card that had the id:
    the other branch's card under its new id when no card holds the old one any more, else
    the card holding the id, with a pointer to the renumbered one."""
    moves = [e for e in board.events if e.kind is EventKind.RENUMBERED and e.from_ and e.to]
    wanted = card_id.upper()
    moved = [e for e in moves if e.from_ == wanted and e.to in board.cards]
    if wanted in board.cards:
        lines = [
            f"note: {e.from_} from the other branch of a merge is now {e.to} (mlboard show {e.to})"
            for e in moved
        ]
        return board.cards[wanted], "\n".join(lines) or None
    if moved:
        target = moved[-1].to
        assert target is not None
        return board.cards[target], f"note: {wanted} was renumbered {target} by a merge"
    return board.card(card_id), None
