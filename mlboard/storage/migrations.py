"""Schema migrations: each step turns the tables of version N into those of version N + 1."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson

from mlboard.models.event_key import new_keys

Tables = dict[str, Any]


def events_by_key(tables: Tables) -> Tables:
    """1 → 2: events keyed by a sequence number become keyed by time-ordered keys.

    Each key is derived from the event alone and the ones before it: its time (pushed past
    the previous key's, so the old order is kept, models/event_key.py) and, as the random
    part, a hash of the event's own fields. Two clones migrating the same history get the same
    keys, so a merge of their files recognises the shared events.
    """
    rows = tables.get("events", {})
    if not isinstance(rows, dict):
        return tables  # the loader words the error (`events: not a table`)
    ordered = sorted(rows.items(), key=lambda item: _sequence(item[0], item[1]))
    migrated: dict[str, Any] = {}
    newest: str | None = None
    for _, row in ordered:
        if not isinstance(row, dict):
            raise ValueError("an event is not an object")
        event = {name: value for name, value in row.items() if name != "seq"}
        at = datetime.fromisoformat(str(event["at"]).replace("Z", "+00:00"))
        digest = hashlib.sha256(orjson.dumps(row, option=orjson.OPT_SORT_KEYS)).hexdigest()
        newest = new_keys(at, digest[:6], 1, newest)[0]
        event["key"] = newest
        migrated[newest] = event
    tables["events"] = migrated
    tables.setdefault("conflicts", {})
    return tables


def _sequence(stored: str, row: Any) -> tuple[int, str]:
    seq = row.get("seq") if isinstance(row, dict) else None
    return (seq if type(seq) is int else 0, stored)


# version N → the function that upgrades N to N + 1. The first released schema is 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: events_by_key}


def migrate(tables: Tables, from_version: int, to_version: int) -> Tables:
    """Apply every step from `from_version` up to `to_version`."""
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables)
        tables.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version + 1
    return tables
