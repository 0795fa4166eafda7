"""A card's fields as they were at a moment, read back from the event history.

Events are taken in their order in `board.events` (never by their key), so the history
reads the same whatever the events are keyed by. A card's value at a moment is what its last
change up to then set; before its first change, what that change replaced; with no change at
all, the value it has now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mlboard.models import Board, Card, Event, EventKind

SPRINT_KINDS = (EventKind.COMMITTED, EventKind.CARRIED, EventKind.REMOVED)


@dataclass(frozen=True)
class Change:
    """One change of a field: where in the history, when, from what, to what."""

    pos: int
    at: datetime
    before: str | None
    after: str | None


def field_of(event: Event) -> str | None:
    """The card field an event changes: status, sprint, or the edited field; None for others."""
    kind = event.kind
    if kind in (EventKind.MOVED, EventKind.CREATED, EventKind.DELETED):
        return "status"
    if kind in SPRINT_KINDS:
        return "sprint"
    if kind is EventKind.EDITED:
        return event.field
    return None


def change_of(pos: int, event: Event) -> Change:
    if event.kind is EventKind.CREATED:
        return Change(pos, event.at, None, event.to)
    if event.kind is EventKind.DELETED:
        return Change(pos, event.at, event.from_, None)
    return Change(pos, event.at, event.from_, event.to)


class Timeline:
    """The changes of the named card fields, per card, read in one pass over the history."""

    def __init__(self, board: Board, fields: tuple[str, ...]) -> None:
        self.board = board
        self.changes: dict[str, dict[str, list[Change]]] = {f: {} for f in fields}
        for pos, event in enumerate(board.events):
            name = field_of(event)
            if event.card is None or name not in self.changes:
                continue
            self.changes[name].setdefault(event.card, []).append(change_of(pos, event))

    def cards(self) -> set[str]:
        """Every card the board has now or the history of these fields names."""
        found = set(self.board.cards)
        for per_card in self.changes.values():
            found.update(per_card)
        return found

    def current(self, card_id: str, name: str) -> str | None:
        card = self.board.cards.get(card_id)
        return None if card is None else current_text(card, name)

    def at(self, card_id: str, name: str, moment: datetime) -> str | None:
        """The field's value at `moment`, changes made at `moment` included."""
        found = self.changes[name].get(card_id)
        if not found:
            return self.current(card_id, name)
        last = None
        for change in found:
            if change.at <= moment and (last is None or change.at >= last.at):
                last = change
        if last is not None:
            return last.after
        return min(found, key=lambda c: c.at).before

    def before(self, card_id: str, name: str, pos: int) -> str | None:
        """The field's value just before the event at position `pos` of the history."""
        found = self.changes[name].get(card_id)
        if not found:
            return self.current(card_id, name)
        last = None
        for change in found:
            if change.pos >= pos:
                return change.before if last is None else last.after
            last = change
        return last.after if last is not None else self.current(card_id, name)

    def first(self, card_id: str, name: str) -> str | None:
        """The field's first value that was set (not None): a card's first estimate."""
        found = self.changes[name].get(card_id, [])
        for value in [*(c.before for c in found[:1]), *(c.after for c in found)]:
            if value not in (None, "None"):
                return value
        return self.current(card_id, name)


def current_text(card: Card, name: str) -> str | None:
    """A card field as an event writes it (``5.0`` for points, None when unset)."""
    value = getattr(card, name)
    return None if value is None else str(value)


def number(text: str | None) -> float:
    """Points written in an event (``5.0``), 0 when none or unreadable."""
    try:
        return float(text) if text not in (None, "None") else 0.0
    except ValueError:
        return 0.0
