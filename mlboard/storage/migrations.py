"""Schema migrations: each step turns the tables of version N into those of version N + 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Tables = dict[str, Any]

# version N → the function that upgrades N to N + 1. The first released schema is 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


def migrate(tables: Tables, from_version: int, to_version: int) -> Tables:
    """Apply every step from `from_version` up to `to_version`."""
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables)
        tables.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version + 1
    return tables
