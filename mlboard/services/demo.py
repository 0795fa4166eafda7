"""A sample board brought up to today, so the demo shows a team in the middle of its work."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from mlboard.models import Board


def days_to_today(board: Board, now: datetime) -> int:
    """Whole days that move the board's last day of work to today (to yesterday when its
    last event's time of day is still to come): the standup has the sample's last two days
    to show, and nothing lies in the future."""
    if not board.events:
        return 0
    last = board.events[-1].at
    target = now.date() if last.timetz() <= now.timetz() else now.date() - timedelta(days=1)
    return (target - last.date()).days


def shift_dates(board: Board, days: int) -> Board:
    """Every date and time on the board `days` later: history, sprints, blockers and their
    ETAs, results, notes. Durations and the order of things stay exactly as they were."""
    if days == 0:
        return board
    shifted = _shift(board, timedelta(days=days))
    assert isinstance(shifted, Board)
    return shifted


def _shift(value: Any, delta: timedelta) -> Any:
    if isinstance(value, datetime | date):  # a datetime is a date too
        return value + delta
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            moved = _shift(current, delta)
            if moved is not current:
                update[name] = moved
        return value.model_copy(update=update) if update else value
    if isinstance(value, tuple):
        items = tuple(_shift(item, delta) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        mapped = {key: _shift(item, delta) for key, item in value.items()}
        return mapped if any(mapped[k] is not value[k] for k in value) else value
    return value
