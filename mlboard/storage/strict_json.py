"""Reading JSON exactly: what a board file holds must survive a load and a save unchanged."""

from __future__ import annotations

import codecs
import json
from typing import Any


class NotExactJSON(ValueError):
    """The bytes are JSON a board cannot represent exactly; the message says why."""


def refuse_bom(raw: bytes) -> None:
    """JSON has no byte-order mark; say so plainly instead of "not valid JSON"."""
    if raw.startswith(codecs.BOM_UTF8):
        raise NotExactJSON(
            "the file starts with a UTF-8 byte-order mark (BOM), which JSON does not allow;"
            " save it as UTF-8 without BOM"
        )


def refuse_duplicate_keys(raw: bytes) -> None:
    """Refuse an object that repeats a key. JSON readers keep the last value of a repeated
    key, so the first would be lost without a word at the next save.

    Call it on bytes a JSON parser has already accepted: it only adds this check."""
    json.loads(raw, object_pairs_hook=_refuse_duplicates)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                shown = key if len(key) <= 60 else key[:59] + "…"
                raise NotExactJSON(
                    f"the key {shown!r} appears twice in one object (a bad merge or a hand"
                    " edit?); only one could be kept, so the file is refused"
                )
            seen.add(key)
    return result
