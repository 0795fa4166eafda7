"""Turn user text into domain values, with one-line errors that list the choices."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from mlboard.models import BadInput, Board, Criterion, Mode, RuleViolation, SprintState
from mlboard.models.hints import CreateSprint, SwitchMode

E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], value: str | E, what: str) -> E:
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        options = tuple(member.value for member in enum)
        raise BadInput(f"{what} {value!r} is not one of", choices=options) from None


def criteria(texts: list[str] | tuple[str, ...]) -> tuple[Criterion, ...]:
    return tuple(Criterion.parse(text) for text in texts)


_METRIC_NAME = re.compile(r"^[A-Za-z_][\w.\-/]*$")


def metric_value(name: str, text: str) -> float:
    """A logged value: ``0.81``, ``1e-3``, or a percent ``95%`` read exactly as 0.95.

    The percent is divided in decimal, so ``95%`` is the float nearest 0.95 (as ``0.95`` is),
    never 0.9500000000000001 that a criterion ``>95%`` would count as met.
    """
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        exact = Decimal(raw[:-1].strip() if percent else raw)
    except InvalidOperation:
        raise BadInput(f"metric {name}: {text!r} is not a number") from None
    if not exact.is_finite():
        raise BadInput(f"metric {name}: {text!r} is not a finite number")
    value = float(exact / 100 if percent else exact)
    if value in (float("inf"), float("-inf")):
        raise BadInput(f"metric {name}: {text!r} is not a finite number")
    return value


def metric_pairs(items: Iterable[str]) -> dict[str, float]:
    """``NAME=VALUE`` items (``auc=0.81``, ``coverage=95%``) → {name: value}, in order.

    The one reader of logged results: ``mlboard log`` passes its arguments, the TUI's
    metric dialog the words of its text field.
    """
    values: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not _METRIC_NAME.match(name):
            raise BadInput(f"{item!r} is not NAME=VALUE (e.g. auc=0.81)")
        values[name] = metric_value(name, text)
    return values


def metric_text(text: str) -> dict[str, float]:
    """``auc=0.81 f1=0.7`` or ``auc=0.81, f1=0.7`` (as typed in a dialog) → {name: value}."""
    values = metric_pairs(text.replace(",", " ").split())
    if not values:
        raise BadInput("give at least one NAME=VALUE, e.g. auc=0.81")
    return values


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
        raise kanban_refusal()
    if ref.lower() in ("current", "active"):
        sprint = board.active_sprint() or board.planned_sprint()
        if sprint is None:
            raise RuleViolation("no active or planned sprint", action=CreateSprint())
        return sprint.id
    sprint = board.sprint(ref)
    if sprint.state is SprintState.CLOSED:
        raise RuleViolation(f"sprint {sprint.id} is closed")
    return sprint.id


def kanban_refusal() -> RuleViolation:
    """The refusal of anything about sprints on a Kanban board."""
    return RuleViolation(
        "the board is in Kanban mode, which has no sprints", action=SwitchMode(Mode.SCRUM)
    )


def card_ref(board: Board, text: str, *, exclude: str | None = None) -> str:
    """A card named by its id (`TR-7`, `tr-7`), its number (`7`), or words of its title
    (`distilled router`, when one card other than `exclude` matches them all)."""
    wanted = text.strip()
    if not wanted:
        raise BadInput("give a card id, a number or words of its title")
    for candidate in (wanted.upper(), f"{board.key}-{wanted}"):
        if candidate in board.cards:
            return candidate
    words = wanted.lower().split()
    found = [
        card
        for card in board.cards.values()
        if card.id != exclude and all(word in card.title.lower() for word in words)
    ]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise BadInput(f"no card with the id or title words {wanted!r}")
    shown = ", ".join(f"{c.id} {c.title[:30]}" for c in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    raise BadInput(f"{len(found)} cards match {wanted!r}: {shown}{more}; give its id")
