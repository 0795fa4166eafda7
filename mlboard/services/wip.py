"""The WIP rule, once for every change that puts a card in a column.

A column's limit counts every card whose status is that column, whatever a view shows (in
Scrum mode, cards outside the active sprint and the next sprint's planned cards count too).
A change that brings a card into a column holding more cards than its limit is refused when
the limit is hard and warned about when it is soft. Changes that bring no card in (moving
cards out, editing a card in place, lowering a limit) are never refused by it.

`checked` wraps an operation with the rule; the session wraps every operation it applies,
undoes, redoes or replays, and forms wrap the operations they dry-run, so the CLI, the TUI
and any later front end meet the same rule with the same words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from mlboard.models import Board, RuleViolation
from mlboard.models.hints import Hint
from mlboard.services.draft import Draft, Operation


def arrivals(before: Board, after: Board, touched: frozenset[str]) -> Counter[str]:
    """Cards per column that the change brought into it (new cards, or a new status)."""
    entered: Counter[str] = Counter()
    for card_id in touched:
        new = after.cards.get(card_id)
        if new is None:
            continue
        old = before.cards.get(card_id)
        if old is None or old.status != new.status:
            entered[new.status] += 1
    return entered


def column_count(board: Board, column_id: str) -> int:
    """Every card in the column: what a WIP limit counts."""
    return sum(1 for card in board.cards.values() if card.status == column_id)


def admit(before: Board, draft: Draft) -> Draft:
    """`draft` with a warning per soft limit it passes; RuleViolation for a hard one; and
    a warning when a limit is set below the cards its column already holds.

    Counts only the columns a card entered and that have a limit, so a change that puts no
    card into a limited column costs one look at each touched card.
    """
    warnings = _limits_set_below_the_count(before, draft.board)
    entered = arrivals(before, draft.board, draft.touched)
    if not entered and not warnings:
        return draft
    for column in draft.board.columns:
        if column.wip is None or column.id not in entered:
            continue
        count = column_count(draft.board, column.id)
        if count <= column.wip:
            continue
        message = f"{column.title} would hold {count} cards, over its WIP limit of {column.wip}"
        if column.hard:
            raise RuleViolation(f"refused: {message} (hard limit)")
        warnings.append(Hint.of(message))
    if not warnings:
        return draft
    return replace(draft, warnings=(*warnings, *draft.warnings))


def _limits_set_below_the_count(before: Board, after: Board) -> list[Hint]:
    """A warning for each limit just set or changed below the cards its column holds."""
    if after.columns is before.columns:
        return []
    old = {c.id: (c.wip, c.hard) for c in before.columns}
    warnings: list[Hint] = []
    for column in after.columns:
        if column.wip is None or old.get(column.id) == (column.wip, column.hard):
            continue
        count = column_count(after, column.id)
        if count > column.wip:
            over = f"{column.title} holds {count} cards, over its WIP limit of {column.wip}"
            below = ": no card can enter until it is below" if column.hard else ""
            warnings.append(Hint.of(over + below))
    return warnings


@dataclass(frozen=True)
class Checked:
    """An operation under the WIP rule."""

    operation: Operation

    def __call__(self, board: Board, now: datetime) -> Draft:
        return admit(board, self.operation(board, now))


def checked(operation: Operation) -> Operation:
    """`operation` under the WIP rule (a checked operation is not wrapped twice)."""
    return operation if isinstance(operation, Checked) else Checked(operation)
