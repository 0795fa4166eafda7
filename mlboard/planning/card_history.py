"""A card's history as lines people read: what happened to it, newest first."""

from __future__ import annotations

from collections.abc import Mapping

from mlboard.models import Board, Event, EventKind

_SAID: dict[EventKind, str] = {
    EventKind.CREATED: "created in {to}",
    EventKind.DELETED: "deleted from {from_}",
    EventKind.MOVED: "moved {from_} → {to}",
    EventKind.EDITED: "edited {field}",
    EventKind.BLOCKED: "blocked ({field}): {to}",
    EventKind.UNBLOCKED: "unblocked ({field})",
    EventKind.METRIC: "logged {field} = {to}",
    EventKind.COMMITTED: "committed to {to}",
    EventKind.REMOVED: "taken out of {from_}",
    EventKind.CARRIED: "carried over {from_} → {to}",
    EventKind.OUTCOME: "outcome {from_} → {to}",
    EventKind.LINKED: "now depends on {to}",
    EventKind.UNLINKED: "no longer depends on {from_}",
}


_COLUMN_KINDS = (EventKind.CREATED, EventKind.DELETED, EventKind.MOVED)


def describe(event: Event, titles: Mapping[str, str] | None = None) -> str:
    """One event in words: `moved To Do → In Progress`, `logged auc@holdout = 0.81 (was
    0.78)`; `titles` names columns by their titles."""
    template = _SAID.get(event.kind)
    if template is None:
        return f"{event.kind.value} {event.field or ''}".strip()
    to, from_ = event.to or "–", event.from_ or "–"
    if titles and event.kind in _COLUMN_KINDS:
        to, from_ = titles.get(to, to), titles.get(from_, from_)
    text = template.format(to=to, from_=from_, field=event.field or "a field")
    if event.kind is EventKind.METRIC and event.from_ is not None:
        text += f" (was {event.from_})"
    if event.note and event.kind is not EventKind.BLOCKED:
        text += f" — {event.note}"
    return text


def card_timeline(board: Board, card_id: str, limit: int = 50) -> tuple[list[str], int]:
    """The newest `limit` events of a card as `YYYY-MM-DD HH:MM  what happened` lines, and
    how many older ones were left out."""
    events = [e for e in board.events if e.card == card_id]
    shown = events[::-1][:limit]
    titles = {c.id: c.title for c in board.columns}
    lines = [f"{e.at:%Y-%m-%d %H:%M}  {describe(e, titles)}" for e in shown]
    return lines, len(events) - len(shown)
