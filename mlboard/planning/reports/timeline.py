"""A card's fields as they were at a moment, read back from the event history.

Events are taken in their order in `board.events` (never by their key), so the history
reads the same whatever the events are keyed by. A card's value at a moment is what its last
change up to then set; before its first change, what that change replaced; with no change at
all, the value it has now.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from mlboard.models import Board, Card, Event, EventKind

SPRINT_KINDS = (EventKind.COMMITTED, EventKind.CARRIED, EventKind.REMOVED)


class Change(NamedTuple):
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
    kind = event.kind
    before = None if kind is EventKind.CREATED else event.from_
    after = None if kind is EventKind.DELETED else event.to
    return Change(pos, event.at, before, after)


class Timeline:
    """The changes of the named card fields, per card, read in one pass over the history."""

    def __init__(
        self, board: Board, fields: tuple[str, ...], cards: Collection[str] | None = None
    ) -> None:
        """The changes of `fields`, of every card or only of `cards`."""
        self.board = board
        self.changes: dict[str, dict[str, list[Change]]] = {f: {} for f in fields}
        self._sprints: dict[str, set[str]] | None = None
        for pos, event in enumerate(board.events):
            card = event.card
            if card is None or (cards is not None and card not in cards):
                continue
            name = field_of(event)
            if name in self.changes:
                self.changes[name].setdefault(card, []).append(change_of(pos, event))

    def in_sprint(self, sprint_id: str) -> set[str]:
        """The cards that are in the sprint now or ever went in or out of it."""
        if self._sprints is None:
            self._sprints = {}
            for card in self.board.cards.values():
                if card.sprint is not None:
                    self._sprints.setdefault(card.sprint, set()).add(card.id)
            for card_id, changes in self.changes["sprint"].items():
                for change in changes:
                    for sprint in (change.before, change.after):
                        if sprint is not None:
                            self._sprints.setdefault(sprint, set()).add(card_id)
        return set(self._sprints.get(sprint_id, ()))

    def in_order(
        self, fields: tuple[str, ...], cards: Collection[str]
    ) -> list[tuple[str, str, Change]]:
        """The changes of `fields` of `cards`, in the history's order."""
        found = [
            (name, card, change)
            for name in fields
            for card in cards
            for change in self.changes[name].get(card, ())
        ]
        found.sort(key=lambda item: item[2].pos)
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
