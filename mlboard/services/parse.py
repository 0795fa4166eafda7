"""Turn user text into domain values, with one-line errors that list the choices."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from mlboard.models import BadInput, Board, Criterion, Mode, RuleViolation, SprintState

E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], value: str | E, what: str) -> E:
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        options = " | ".join(member.value for member in enum)
        raise BadInput(f"{what} {value!r} is not one of {options}") from None


def criteria(texts: list[str] | tuple[str, ...]) -> tuple[Criterion, ...]:
    return tuple(Criterion.parse(text) for text in texts)


def iso_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"{what} {text!r} is not a date like 2026-11-30") from None


def sprint_ref(board: Board, ref: str | None) -> str | None:
    """`current` (the active sprint, else the planned one), `backlog` (none), or a sprint id."""
    if ref is None or ref.lower() in ("", "backlog", "none"):
        return None
    if board.mode is Mode.KANBAN:
        raise RuleViolation(kanban_refusal())
    if ref.lower() in ("current", "active"):
        sprint = board.active_sprint() or board.planned_sprint()
        if sprint is None:
            raise RuleViolation("no active or planned sprint (create one: mlboard sprint new)")
        return sprint.id
    sprint = board.sprint(ref)
    if sprint.state is SprintState.CLOSED:
        raise RuleViolation(f"sprint {sprint.id} is closed")
    return sprint.id


def kanban_refusal() -> str:
    return "the board is in Kanban mode, which has no sprints (switch with: mlboard mode scrum)"
