"""Columns that fit the team: add, rename, remove (only when empty) and reorder.

A research Kanban can read Idea → Running → Analysis → Done. Cards keep their column by id,
so a rename never moves a card; a column can only go when no card is in it, and the board
always keeps one done column (reports count finished work by it).
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import ValidationError

from mlboard.models import BadInput, Board, Column, RuleViolation
from mlboard.models.errors import first_error
from mlboard.services.draft import Draft

_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def column_id_for(name: str) -> str:
    """`Analysis` → `analysis`, `Needs review` → `needs-review`."""
    slug = _NOT_ID.sub("-", name.strip().lower()).strip("-")
    if not slug or not slug[0].isalpha():
        raise BadInput(f"column name {name!r} must start with a letter")
    return slug


def add_column(
    board: Board,
    now: datetime,
    name: str,
    after: str | None = None,
    wip: int | None = None,
    hard: bool = False,
    done: bool = False,
) -> Draft:
    """A new column after `after`, or else just before the first done column."""
    column_id = column_id_for(name)
    if column_id in board.column_ids():
        raise BadInput(f"a column {column_id!r} is already on the board")
    try:
        column = Column(id=column_id, title=name.strip(), wip=wip or None, hard=hard, done=done)
    except ValidationError as exc:
        raise BadInput(first_error(exc, "column")) from None
    columns = list(board.columns)
    if after is not None:
        index = columns.index(board.column(after)) + 1
    else:
        index = next((i for i, c in enumerate(columns) if c.done), len(columns))
    columns.insert(index, column)
    return Draft(board.model_copy(update={"columns": tuple(columns)}), subject=column_id)


def remove_column(board: Board, now: datetime, column_id: str) -> Draft:
    """Remove an empty column; the last done column and the last column stay."""
    column = board.column(column_id)
    held = [c.id for c in board.cards.values() if c.status == column.id]
    if held:
        more = f" and {len(held) - 1} more" if len(held) > 1 else ""
        raise RuleViolation(
            f"column {column.id!r} still holds {held[0]}{more}: move them out first"
        )
    rest = tuple(c for c in board.columns if c.id != column.id)
    if not rest:
        raise RuleViolation("a board needs at least one column")
    if column.done and not any(c.done for c in rest):
        raise RuleViolation(f"{column.id!r} is the board's only done column; add another first")
    return Draft(board.model_copy(update={"columns": rest}), subject=column.id)


def move_column(board: Board, now: datetime, column_id: str, after: str | None) -> Draft:
    """Put a column right after `after`, or first when `after` is None."""
    column = board.column(column_id)
    rest = [c for c in board.columns if c.id != column.id]
    if after is None:
        index = 0
    else:
        anchor = board.column(after)
        if anchor.id == column.id:
            raise BadInput(f"cannot move {column.id!r} after itself")
        index = rest.index(anchor) + 1
    rest.insert(index, column)
    return Draft(board.model_copy(update={"columns": tuple(rest)}), subject=column.id)
