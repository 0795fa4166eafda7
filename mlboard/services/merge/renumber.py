"""Give a card another id everywhere a board names it: the card, dependencies, sprint
snapshots, events, retro notes and conflict records."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from mlboard.models import Baseline, Board, Event, EventKind, RetroNote, Sprint
from mlboard.models.conflict import Conflict

N = TypeVar("N", RetroNote, Baseline)


def rename_cards(
    board: Board,
    renames: Mapping[str, str],
    events_to_rewrite: Callable[[Event], bool] = lambda event: True,
) -> Board:
    """`board` with each card id `old` of `renames` called `new`.

    Only the events `events_to_rewrite` accepts are rewritten: in a merge, the history both
    branches share already names the other card of that id.
    """
    if not renames:
        return board

    def swap(card_id: str | None) -> str | None:
        return renames.get(card_id, card_id) if card_id is not None else None

    def swap_all(ids: Collection[str]) -> tuple[str, ...]:
        return tuple(renames.get(i, i) for i in ids)

    cards = {}
    for key, card in board.cards.items():
        update: dict[str, Any] = {}
        if key in renames:
            update["id"] = renames[key]
        if any(dep in renames for dep in card.depends_on):
            update["depends_on"] = swap_all(card.depends_on)
        new = card.model_copy(update=update) if update else card
        cards[new.id] = new
    return board.model_copy(
        update={
            "cards": cards,
            "sprints": tuple(_sprint(s, swap_all) for s in board.sprints),
            "events": tuple(_event(e, swap) if events_to_rewrite(e) else e for e in board.events),
            "retro_notes": tuple(_note(n, swap) for n in board.retro_notes),
            "baselines": tuple(_note(b, swap) for b in board.baselines),
            "conflicts": tuple(_conflict(c, renames) for c in board.conflicts),
        }
    )


def _sprint(sprint: Sprint, swap_all: Callable[[Collection[str]], tuple[str, ...]]) -> Sprint:
    snapshot = sprint.snapshot
    if snapshot is None:
        return sprint
    lists = ("committed", "completed", "added", "removed", "carried_over")
    update = {name: swap_all(getattr(snapshot, name)) for name in lists}
    return sprint.model_copy(update={"snapshot": snapshot.model_copy(update=update)})


def _event(event: Event, swap: Callable[[str | None], str | None]) -> Event:
    if event.kind is EventKind.RENUMBERED:  # names the old id on purpose
        return event
    card, from_, to = swap(event.card), swap(event.from_), swap(event.to)
    if (card, from_, to) == (event.card, event.from_, event.to):
        return event
    return event.model_copy(update={"card": card, "from_": from_, "to": to})


def _note(note: N, swap: Callable[[str | None], str | None]) -> N:
    """A retro note or a baseline, pointing at the renamed card."""
    card = swap(note.card)
    return note if card == note.card else note.model_copy(update={"card": card})


def _conflict(conflict: Conflict, renames: Mapping[str, str]) -> Conflict:
    if conflict.table != "cards" or conflict.key not in renames:
        return conflict
    return conflict.model_copy(update={"key": renames[conflict.key]})
