"""Three-way merge of one entity's fields, as the board file writes them (JSON values).

A field one side changed takes that side's value; a field both sides changed to the same value
takes it; a field both changed to different values is a clash: the later side's value wins and
the clash is reported, so the caller keeps the other value in a conflict record.

Lists merge as sets (what one side added is added, what one side removed is removed), which is
what dependencies, roles, datasets, criteria, metric results and failure notes mean; blockers
merge one by one, keyed by kind and start time; an experiment merges field by field. Every
other value (a snapshot, a confusion matrix, a measurable goal) is one value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Literal

import orjson

from mlboard.models import RuleViolation


class MergeError(RuleViolation):
    """The two sides cannot be made one valid board; the message says why (exit 1)."""


Side = Literal["ours", "theirs"]
MISSING: Any = object()  # a field or list item one version lacks


@dataclass(frozen=True)
class Clash:
    """Both sides changed `field` to different values; `chosen` is in the result."""

    field: str
    base: Any
    ours: Any
    theirs: Any
    chosen: Side


def identity(value: Any) -> bytes:
    """A hashable, order-independent stand-in for a JSON value."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _blocker_key(item: Any) -> Hashable:
    if isinstance(item, dict):
        return (item.get("kind"), item.get("since"))
    return identity(item)


# Fields whose value is an object merged field by field, or a list merged item by item.
NESTED = frozenset({"experiment"})
KEYED_LISTS: dict[str, Callable[[Any], Hashable]] = {"blockers": _blocker_key}
ATOMIC = frozenset({"snapshot", "confusion", "measurable_goal"})  # a card's labels: a set
# Time stamps a move sets, which follow the card's status rather than anyone's choice: work
# started when either branch started it; the done time comes from the side whose status won.
FOLLOWERS = frozenset({"started_at", "done_at"})
# A card's place in its cell (models/rank.py): both sides reordering one card is no conflict
# worth a record; the later reorder wins, and any rank is a valid place.
LATER_WINS = frozenset({"rank"})


def merge_entity(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any], later: Side
) -> tuple[dict[str, Any], list[Clash]]:
    """Merge two changed versions of one entity against its base (None: both added it)."""
    clashes: list[Clash] = []
    result: dict[str, Any] = {}
    base_fields = base or {}
    for name in dict.fromkeys([*ours, *theirs]):
        b = base_fields.get(name, MISSING) if base is not None else MISSING
        o, t = ours.get(name, MISSING), theirs.get(name, MISSING)
        value, clashed = merge_field(name, b, o, t, later)
        if clashed and (name in FOLLOWERS or name in LATER_WINS):
            if name == "started_at" and isinstance(o, str) and isinstance(t, str):
                value = min(o, t)  # ISO times of one zone compare as text
        elif clashed:
            clashes.append(Clash(name, _plain(b), _plain(o), _plain(t), later))
        if value is not MISSING:
            result[name] = value
    return result, clashes


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def merge_field(name: str, base: Any, ours: Any, theirs: Any, later: Side) -> tuple[Any, bool]:
    """The merged value of one field and whether the two sides clashed on it."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    if name in NESTED and all(isinstance(v, dict) for v in (ours, theirs)):
        merged, clashes = merge_entity(base if isinstance(base, dict) else {}, ours, theirs, later)
        return merged, bool(clashes)
    if name not in ATOMIC and all(isinstance(v, list) for v in (ours, theirs)):
        old = base if isinstance(base, list) else []
        if name in KEYED_LISTS:
            return merge_keyed_list(old, ours, theirs, KEYED_LISTS[name], later)
        return merge_set_list(old, ours, theirs), False
    return (ours if later == "ours" else theirs), True


def merge_set_list(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Ours, without what theirs removed, then what theirs added (in theirs' order)."""
    base_ids = {identity(v) for v in base}
    ours_ids = {identity(v) for v in ours}
    theirs_ids = {identity(v) for v in theirs}
    removed = base_ids - theirs_ids
    result = [v for v in ours if identity(v) not in removed]
    seen = {identity(v) for v in result}
    for value in theirs:
        ident = identity(value)
        if ident not in base_ids and ident not in ours_ids and ident not in seen:
            result.append(value)
            seen.add(ident)
    return result


def merge_keyed_list(
    base: list[Any],
    ours: list[Any],
    theirs: list[Any],
    key: Callable[[Any], Hashable],
    later: Side,
) -> tuple[list[Any], bool]:
    """Items matched by `key`; each merged like an entity: added, removed, changed."""
    old = {key(v): v for v in base}
    mine = {key(v): v for v in ours}
    other = {key(v): v for v in theirs}
    clashed = False
    result: list[Any] = []
    for k in dict.fromkeys([*mine, *other]):
        b, o, t = old.get(k, MISSING), mine.get(k, MISSING), other.get(k, MISSING)
        if o is MISSING or t is MISSING:
            present = o if t is MISSING else t
            gone_side_unchanged = b is not MISSING and present == b
            if b is MISSING or not gone_side_unchanged:
                if b is not MISSING:
                    clashed = True  # removed on one side, changed on the other: keep it
                result.append(present)
            continue
        if o == t or t == b:
            result.append(o)
        elif o == b:
            result.append(t)
        elif isinstance(o, dict) and isinstance(t, dict):
            merged, clashes = merge_entity(b if isinstance(b, dict) else None, o, t, later)
            clashed = clashed or bool(clashes)
            result.append(merged)
        else:
            clashed = True
            result.append(o if later == "ours" else t)
    return result, clashed
