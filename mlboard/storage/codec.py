"""Board ↔ TinyDB tables. Each table is keyed by the entity's own id, never a TinyDB doc_id."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from mlboard.models import SCHEMA_VERSION, Board, Card, Event
from mlboard.models.errors import error_message
from mlboard.storage.seal import SEAL_FIELD, UNSEALED, is_sealed

TABLES = (
    "meta",
    "board",
    "cards",
    "people",
    "datasets",
    "pipelines",
    "pools",
    "sprints",
    "events",
    "standup_notes",
    "retro_notes",
    "conflicts",
    "baselines",
)
_KEYED: dict[str, str] = {
    "cards": "id",
    "people": "handle",
    "datasets": "name",
    "pipelines": "name",
    "pools": "name",
    "sprints": "id",
    "events": "key",  # time-ordered keys, unique across clones: the file sorts them in time order
    "conflicts": "id",
}
_NUMBERED = ("standup_notes", "retro_notes", "baselines")
_SETTINGS = ("name", "key", "mode", "sprint_days", "columns", "next_number")
SEQ_WIDTH = 8


class DecodeError(ValueError):
    """The tables do not make a valid board; the message names the field."""


def encode(board: Board, rev: int) -> dict[str, dict[str, Any]]:
    data = board.model_dump(mode="json", by_alias=True)
    tables: dict[str, dict[str, Any]] = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "rev": rev, SEAL_FIELD: UNSEALED}},
        "board": {"1": {name: data[name] for name in _SETTINGS}},
        "cards": data["cards"],
    }
    for table, key in _KEYED.items():
        if table != "cards":
            tables[table] = {item[key]: item for item in data[table]}
    for table in _NUMBERED:
        tables[table] = {f"{i:0{SEQ_WIDTH}d}": item for i, item in enumerate(data[table], 1)}
    return tables


def meta_of(tables: dict[str, Any]) -> dict[str, Any]:
    meta = tables.get("meta")
    if not isinstance(meta, dict) or not meta:
        raise DecodeError("meta: missing (not an mlboard board file)")
    doc = next(iter(meta.values()))
    if not isinstance(doc, dict) or type(doc.get("schema_version")) is not int:
        raise DecodeError("meta.schema_version: missing or not an integer")
    return doc


def decode(tables: dict[str, Any]) -> Board:
    unknown = sorted(set(tables) - set(TABLES) - {"_default"})
    if unknown:
        raise DecodeError(f"{unknown[0]}: unknown table")
    settings_table = _table(tables, "board")
    if len(settings_table) != 1:
        raise DecodeError("board: expected exactly one settings document")
    settings = next(iter(settings_table.values()))
    if not isinstance(settings, dict):
        raise DecodeError("board: the settings document is not an object")
    data: dict[str, Any] = dict(settings)
    cards = _table(tables, "cards")
    data["cards"] = {key: cards[key] for key in sorted(cards, key=_number_key)}
    # The file sorts keys as text; come back in an order that does not depend on it: sprints
    # by number (S2 before S10), names alphabetically, numbered rows by number.
    order: dict[str, list[str]] = {}
    for table, field in _KEYED.items():
        if table != "cards":
            rows = _table(tables, table)
            order[table] = sorted(rows, key=_number_key if table == "sprints" else None)
            for key in order[table]:
                # A row stored under another key than its own id would be dropped or
                # duplicated by the next save (tables are keyed by that id).
                row = rows[key]  # a dict, or a model (events) when read by `decode_current`
                stored = row.get(field, key) if isinstance(row, dict) else getattr(row, field, key)
                if stored != key:
                    raise DecodeError(
                        f"{table}.{key}.{field}: stored under {key!r} but is {stored!r}"
                    )
            data[table] = [rows[k] for k in order[table]]
    for table in _NUMBERED:
        rows = _table(tables, table)
        order[table] = sorted(rows, key=_number_key)
        data[table] = [rows[k] for k in order[table]]
    try:
        return Board.model_validate(data)
    except ValidationError as exc:
        raise DecodeError(describe(exc, order)) from None


def decode_current(raw: bytes) -> tuple[dict[str, Any], Board] | None:
    """(meta, board) of a valid file of the current schema, or None for any other file.

    The quick path: pydantic parses the bytes and validates the cards and events in one
    pass, without building the intermediate dicts (on 10,000 cards ≈ 40% less time and a
    lower peak). None sends the caller to the general path (parse, migrate, `decode`), which
    also words every error; so a file loads the same either way, or fails the same way.
    Only a file mlboard wrote itself, as its seal proves, is read this way: pydantic's parser
    keeps the last of a repeated key without a word, which the general path refuses.
    """
    if not is_sealed(raw):
        return None
    try:
        parsed = _file_model().model_validate_json(raw)
    except ValidationError:
        return None
    fields = dict(parsed)
    tables = {name: fields[name] for name in parsed.model_fields_set & set(TABLES)}
    # What pydantic's parser reads but orjson refuses (NaN, Infinity, integers past 64 bits)
    # can only hide in the parts no model checks.
    if not (_plain_json(tables.get("meta")) and _plain_json(fields["tinydb_default"])):
        return None
    try:
        meta = meta_of(tables)
        if meta["schema_version"] != SCHEMA_VERSION:
            return None
        return meta, decode(tables)
    except DecodeError:
        return None


@cache
def _file_model() -> type[BaseModel]:
    """The file's tables: the many rows (cards, events) as models, the others as plain
    values that `decode` validates."""
    row_types: dict[str, Any] = {"cards": Card, "events": Event}
    tables: dict[str, Any] = {
        name: (dict[str, row_types.get(name, Any)], {})  # type: ignore[misc]
        for name in TABLES
    }
    return create_model(
        "FileTables",
        __config__=ConfigDict(extra="forbid"),
        tinydb_default=(dict[str, Any], Field(default={}, alias="_default")),
        **tables,
    )


def _plain_json(value: Any) -> bool:
    """Whether orjson would read `value` back as it is: finite floats, 64-bit integers."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int):
        return -(2**63) <= value < 2**64
    if isinstance(value, dict):
        return all(_plain_json(item) for item in value.values())
    if isinstance(value, list):
        return all(_plain_json(item) for item in value)
    return True


def _table(tables: dict[str, Any], name: str) -> dict[str, Any]:
    table = tables.get(name, {})
    if not isinstance(table, dict):
        raise DecodeError(f"{name}: not a table (expected a JSON object)")
    return table


def _number_key(text: str) -> tuple[int, str, str]:
    """Order by the trailing number (``ML-2`` before ``ML-10``), compared without int():
    a key of thousands of digits must not raise (Python limits int() of long strings)."""
    digits = text[len(text.rstrip("0123456789")) :].lstrip("0")
    return (len(digits), digits, text)


def describe(exc: ValidationError, order: dict[str, list[str]]) -> str:
    """The first validation error as ``table.key.field: message``, with the row's key in the
    file (validation sees the rows of a table as a list)."""
    error = exc.errors(include_url=False)[0]
    loc = [str(part) for part in error["loc"]]
    if loc and loc[0] in order:
        if len(loc) > 1 and loc[1].isdigit() and int(loc[1]) < len(order[loc[0]]):
            loc[1] = order[loc[0]][int(loc[1])]
    elif loc and loc[0] in _SETTINGS:
        loc.insert(0, "board")
    message = error_message(error)
    where = ".".join(loc)
    return f"{where}: {message}" if where else message
