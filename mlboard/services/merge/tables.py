"""Three-way merge of a board's keyed tables: rows matched by their own id, merged field by
field; clashes become conflict records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from mlboard.models import Board, Event
from mlboard.models.conflict import EXISTS, Conflict, ConflictTable
from mlboard.services.merge.values import Clash, Side, identity, merge_entity, merge_set_list

Row = TypeVar("Row", bound=BaseModel)


def dump(row: BaseModel | None) -> dict[str, Any] | None:
    return None if row is None else row.model_dump(mode="json", by_alias=True)


def conflict_id(table: str, key: str, clash: Clash) -> str:
    """The same clash gets the same id wherever it is merged (clones merging alike agree)."""
    text = identity([table, key, clash.field, clash.base, clash.ours, clash.theirs])
    return "C-" + hashlib.sha256(text).hexdigest()[:8]


@dataclass
class Sides:
    """The three boards of a merge and what each side did since the base."""

    base: Board
    ours: Board
    theirs: Board
    at: datetime
    conflicts: list[Conflict] = field(default_factory=list)
    _times: dict[Side, dict[str, datetime]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = {e.key for e in self.base.events}
        for side, board in (("ours", self.ours), ("theirs", self.theirs)):
            times: dict[str, datetime] = {}
            for event in board.events:
                if event.key not in known:
                    for name in (event.card or "", ""):  # the card's latest, and the latest
                        if name not in times or times[name] < event.at:
                            times[name] = event.at
            self._times[side] = times  # type: ignore[index]

    def later(self, card_id: str = "") -> Side:
        """The side whose latest change (to this card, or to anything) is later; ties: ours."""
        ours, theirs = self._times["ours"].get(card_id), self._times["theirs"].get(card_id)
        if theirs is not None and (ours is None or theirs > ours):
            return "theirs"
        return "ours"

    def record(self, table: ConflictTable, key: str, clash: Clash, note: str = "") -> None:
        ident = conflict_id(table, key, clash)
        if any(c.id == ident for c in self.conflicts):
            return
        self.conflicts.append(
            Conflict(
                id=ident,
                table=table,
                key=key,
                field=clash.field,
                base=clash.base,
                ours=clash.ours,
                theirs=clash.theirs,
                chosen=clash.chosen,
                at=self.at,
                note=note,
            )
        )

    def merge_rows(
        self,
        table: ConflictTable | Literal["conflicts"],
        base: Row | None,
        ours: Row | None,
        theirs: Row | None,
        key: str,
        model: type[Row],
        *,
        later: Side,
    ) -> Row | None:
        """One row: taken from the side that changed it, or merged field by field."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        if ours is None or theirs is None:  # deleted on one side, changed on the other
            kept: Side = "theirs" if ours is None else "ours"
            if table != "conflicts":  # records of records: the later side's, quietly
                clash = Clash(EXISTS, base is not None, ours is not None, theirs is not None, kept)
                gone = "ours" if ours is None else "theirs"
                self.record(table, key, clash, f"deleted on {gone}, changed on {kept}: kept")
            return theirs if ours is None else ours
        old, mine, other = dump(base), dump(ours) or {}, dump(theirs) or {}
        data, clashes = merge_entity(old, mine, other, later)
        try:
            merged = model.model_validate(data)
        except ValidationError:  # the mix breaks a rule of the row: the later side's whole row
            merged = ours if later == "ours" else theirs
            clashes = [
                Clash(name, (old or {}).get(name), mine.get(name), other.get(name), later)
                for name in data
                if mine.get(name) != other.get(name)
            ]
        if table != "conflicts":
            for clash in clashes:
                self.record(table, key, clash)
        return merged

    def merge_table(
        self,
        table: ConflictTable | Literal["conflicts"],
        base: Sequence[Row],
        ours: Sequence[Row],
        theirs: Sequence[Row],
        key_of: Callable[[Row], str],
        model: type[Row],
    ) -> tuple[Row, ...]:
        """A table kept as a tuple: ours' order, then theirs' new rows after the row they
        follow in theirs."""
        old = {key_of(r): r for r in base}
        mine = {key_of(r): r for r in ours}
        other = {key_of(r): r for r in theirs}
        order = list(mine)
        previous: str | None = None
        for k in other:
            if k not in mine:
                at = 0 if previous is None else len(order)
                if previous in order:
                    at = order.index(previous) + 1
                order.insert(at, k)
            previous = k
        later = self.later()
        rows = []
        for k in order:
            row = self.merge_rows(
                table, old.get(k), mine.get(k), other.get(k), k, model, later=later
            )
            if row is not None:
                rows.append(row)
        return tuple(rows)


def merge_notes(base: Sequence[Row], ours: Sequence[Row], theirs: Sequence[Row]) -> tuple[Row, ...]:
    """Notes have no id: a note one side added is added, one a side removed is removed."""
    by_identity = {identity(dump(n)): n for n in (*base, *ours, *theirs)}
    merged = merge_set_list(
        [dump(n) for n in base], [dump(n) for n in ours], [dump(n) for n in theirs]
    )
    return tuple(by_identity[identity(n)] for n in merged)


def union_events(ours: Sequence[Event], theirs: Sequence[Event]) -> dict[str, Event]:
    """Both logs by key; a key both hold is one event. Two different events under one key (a
    random part drawn twice in the same microsecond) are both kept: theirs gets a longer key
    that sorts right after ours'."""
    events = {e.key: e for e in ours}
    for event in theirs:
        mine = events.get(event.key)
        if mine is None:
            events[event.key] = event
        elif mine != event:
            n = 0
            while (key := f"{event.key}{n:02x}") in events:
                n += 1
            events[key] = event.model_copy(update={"key": key})
    return events
