"""The board file's bytes, assembled from per-row pieces so that a save costs what changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from pydantic import BaseModel

from mlboard.models import Board
from mlboard.storage.codec import encode
from mlboard.storage.finite import first_unwritable

OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


class UnwritableNumber(ValueError):
    """The board holds a NaN, an infinity or a whole number past `MAX_INT`; the message says
    where."""


class DocumentWriter:
    """Writes exactly the bytes of `dumps(encode(board, rev))`, but keeps each card's and
    event's encoded lines from one save to the next: rows are immutable, so a row that is
    still the same object is neither checked nor serialised again. On a 10,000-card board a
    save after a move encodes one card instead of all of them; the lines kept cost about the
    file's size.
    """

    def __init__(self) -> None:
        self._lines: dict[int, tuple[BaseModel, str, bytes]] = {}

    def document(self, board: Board, rev: int) -> bytes:
        """The file's bytes; `UnwritableNumber` if a number is NaN, infinite or too large
        (the file would no longer load)."""
        rows: dict[str, Mapping[str, BaseModel]] = {
            "cards": board.cards,
            "events": {e.key: e for e in board.events},
        }
        rest = board.model_copy(update={"cards": {}, "events": ()})
        where = first_unwritable(rest)
        if where is not None:
            raise UnwritableNumber(where)
        tables = encode(rest, rev)
        chunks = [b"{\n"]
        kept: dict[int, tuple[BaseModel, str, bytes]] = {}
        for index, name in enumerate(sorted(tables)):
            chunks.append((b",\n  " if index else b"  ") + _dumps(name) + b": ")
            if rows.get(name):
                self._add_rows(name, rows[name], kept, chunks)
            else:
                chunks.append(_nested(_dumps(tables[name]), 1))
        self._lines = kept
        chunks.append(b"\n}\n")
        return b"".join(chunks)

    def _add_rows(
        self,
        name: str,
        rows: Mapping[str, BaseModel],
        kept: dict[int, tuple[BaseModel, str, bytes]],
        chunks: list[bytes],
    ) -> None:
        """A table of rows at depth 1 of the file: a line per row at depth 2, in key order."""
        chunks.append(b"{\n")
        previous = self._lines
        for key in sorted(rows):
            row = rows[key]
            known = previous.get(id(row))
            if known is None or known[0] is not row or known[1] != key:
                where = first_unwritable(row, f"{name}.{key}.")
                if where is not None:
                    raise UnwritableNumber(where)
                text = _dumps(row.model_dump(mode="json", by_alias=True))
                known = (row, key, b"    " + _dumps(key) + b": " + _nested(text, 2))
            kept[id(row)] = known
            chunks.append(known[2])
            chunks.append(b",\n")
        chunks[-1] = b"\n  }"


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=OPTIONS)


def _nested(text: bytes, depth: int) -> bytes:
    """`text` (a value written at depth 0) as it is written `depth` levels in. Newlines occur
    only between tokens: inside strings JSON writes them as the escape ``\\n``."""
    return text.replace(b"\n", b"\n" + b"  " * depth)
