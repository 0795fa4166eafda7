"""Merge two versions of a board against their common base (the heart of `mlboard merge-file`).

Every table is merged by its rows' own ids (cards, sprints, people, datasets, pipelines,
pools, columns, conflict records), field by field against the base; events are the union of
both logs; notes merge as sets. When both sides created a card under the same id, ours keeps
it and theirs' card gets the next free number everywhere it is named, with a `renumbered`
event. Both sides changing one field differently: the later change wins and the other value
is kept in a conflict record. The result passes the board's validation or the merge fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from mlboard.models import (
    Board,
    Card,
    Column,
    ComputePool,
    Dataset,
    Event,
    EventKind,
    Person,
    Pipeline,
    Sprint,
)
from mlboard.models.conflict import Conflict, ConflictTable
from mlboard.models.errors import first_error
from mlboard.models.event_key import new_keys
from mlboard.services.merge.renumber import rename_cards
from mlboard.services.merge.repair import repair
from mlboard.services.merge.tables import Sides, merge_notes, union_events
from mlboard.services.merge.values import Clash, MergeError, merge_field

_SETTINGS = ("name", "key", "mode", "sprint_days")
_RESOURCES: tuple[tuple[ConflictTable, str, type[Any]], ...] = (
    ("people", "handle", Person),
    ("datasets", "name", Dataset),
    ("pipelines", "name", Pipeline),
    ("pools", "name", ComputePool),
    ("sprints", "id", Sprint),
)


@dataclass(frozen=True)
class Merged:
    board: Board
    renumbered: tuple[tuple[str, str], ...]  # (old id, new id) of theirs' cards
    conflicts: tuple[Conflict, ...]  # the conflict records this merge opened


def merge_boards(base: Board, ours: Board, theirs: Board, at: datetime, salt: str) -> Merged:
    """The merged board; `at` and `salt` stamp the events the merge itself records."""
    theirs, base = _replay_renames(ours, theirs, base)
    ours, base = _replay_renames(theirs, ours, base)
    renames = _collisions(base, ours, theirs)
    theirs = rename_cards(theirs, renames)
    sides = Sides(base, ours, theirs, at)
    cards = _merge_cards(sides, _stand_in_bases(base, ours, theirs))
    data: dict[str, Any] = {}
    later = sides.later()
    for name in _SETTINGS:
        b, o, t = (getattr(board, name) for board in (base, ours, theirs))
        value, clashed = merge_field(name, b, o, t, later)
        if clashed:
            sides.record("board", "board", Clash(name, _json(b), _json(o), _json(t), later))
        data[name] = value
    data["columns"] = sides.merge_table(
        "columns", base.columns, ours.columns, theirs.columns, lambda c: c.id, Column
    )
    for table, key, model in _RESOURCES:
        data[table] = sides.merge_table(
            table,
            getattr(base, table),
            getattr(ours, table),
            getattr(theirs, table),
            _key_of(key),
            model,
        )
    for notes in ("standup_notes", "retro_notes", "baselines"):  # rows without ids: as sets
        data[notes] = merge_notes(
            getattr(base, notes), getattr(ours, notes), getattr(theirs, notes)
        )
    events = union_events(ours.events, theirs.events)
    newest = max(events) if events else None
    keys = new_keys(at, salt, len(renames), newest)
    for key, (old, new) in zip(keys, sorted(renames.items()), strict=True):
        note = f"merge: {old} from the other branch is now {new}; {old} is this branch's card"
        events[key] = Event(
            key=key, at=at, kind=EventKind.RENUMBERED, card=new, from_=old, to=new, note=note
        )
    cards = repair(sides, cards, data)
    previous = sides.merge_table(
        "conflicts",
        base.conflicts,
        ours.conflicts,
        theirs.conflicts,
        lambda c: c.id,
        Conflict,
    )
    known = {c.id for c in previous}
    opened = tuple(c for c in sides.conflicts if c.id not in known)  # not already on record
    data["conflicts"] = previous + opened
    numbers = [c.number for c in cards.values()]
    data["next_number"] = max(
        base.next_number, ours.next_number, theirs.next_number, *(n + 1 for n in numbers)
    )
    data["cards"] = cards
    data["events"] = tuple(events[k] for k in sorted(events))
    try:
        board = Board.model_validate(data)
    except ValidationError as exc:
        raise MergeError(first_error(exc)) from None
    return Merged(board, tuple(sorted(renames.items())), opened)


def _key_of(attribute: str) -> Callable[[Any], str]:
    return lambda row: str(getattr(row, attribute))


def _json(value: Any) -> Any:
    return getattr(value, "value", value)


def _created(board: Board) -> dict[str, str]:
    """Card id → the key of the event that created it."""
    return {e.card: e.key for e in board.events if e.kind is EventKind.CREATED and e.card}


def _replay_renames(done: Board, other: Board, base: Board) -> tuple[Board, Board]:
    """Renumberings `done` recorded in an earlier merge that `other` has not seen: the card
    `other` (and the base) still hold under the old id is the one that moved."""
    seen = {e.key for e in other.events}
    renames = [
        e
        for e in done.events
        if e.kind is EventKind.RENUMBERED and e.key not in seen and e.from_ and e.to
    ]
    if not renames:
        return other, base
    created_done = _created(done)
    for event in renames:
        assert event.from_ is not None and event.to is not None
        moved_key = created_done.get(event.to)
        for_other = _created(other).get(event.from_) == moved_key
        if moved_key is not None and for_other and event.to not in other.cards:
            other = rename_cards(other, {event.from_: event.to})
            if _created(base).get(event.from_) == moved_key and event.to not in base.cards:
                base = rename_cards(base, {event.from_: event.to})
    return other, base


def _collisions(base: Board, ours: Board, theirs: Board) -> dict[str, str]:
    """Theirs' new cards whose id ours also gave a new card → the next free ids."""
    clashing = sorted((ours.cards.keys() & theirs.cards.keys()) - base.cards.keys(), key=_number)
    if not clashing:
        return {}
    created_ours, created_theirs = _created(ours), _created(theirs)
    every = (*base.cards, *ours.cards, *theirs.cards)
    free = max(
        base.next_number, ours.next_number, theirs.next_number, *(_number(i) + 1 for i in every)
    )
    renames: dict[str, str] = {}
    for card_id in clashing:
        mine = created_ours.get(card_id)
        if mine is not None and mine == created_theirs.get(card_id):
            continue  # one card both sides hold (the same commit reached both): merge it
        renames[card_id] = f"{card_id.rsplit('-', 1)[0]}-{free}"
        free += 1
    return renames


def _number(card_id: str) -> int:
    return int(card_id.rsplit("-", 1)[1])


def _stand_in_bases(base: Board, ours: Board, theirs: Board) -> dict[str, Card]:
    """A base for each card both sides hold but the base lacks (one commit that reached both
    branches, by a cherry-pick say): the side with no change of its own to the card since."""
    shared = (ours.cards.keys() & theirs.cards.keys()) - base.cards.keys()
    if not shared:
        return {}
    changes: dict[str, list[set[str]]] = {card_id: [set(), set()] for card_id in shared}
    for index, board in enumerate((ours, theirs)):
        for event in board.events:
            if event.card in changes and event.kind is not EventKind.RENUMBERED:
                changes[event.card][index].add(event.key)
    stand_ins = {}
    for card_id, (mine, other) in changes.items():
        if mine <= other:
            stand_ins[card_id] = ours.cards[card_id]  # only theirs changed it: theirs wins
        elif other <= mine:
            stand_ins[card_id] = theirs.cards[card_id]
    return stand_ins


def _merge_cards(sides: Sides, stand_ins: dict[str, Card]) -> dict[str, Card]:
    base = {**stand_ins, **sides.base.cards}
    ours, theirs = sides.ours.cards, sides.theirs.cards
    cards: dict[str, Card] = {}
    for card_id in dict.fromkeys([*ours, *theirs, *base]):
        card = sides.merge_rows(
            "cards",
            base.get(card_id),
            ours.get(card_id),
            theirs.get(card_id),
            card_id,
            Card,
            later=sides.later(card_id),
        )
        if card is not None:
            cards[card_id] = card
    return cards
