"""A merge's conflict record in one line for people: what `mlboard check` lists and the card's
sheet shows (`mlboard show`, the TUI's card view). Board text passes the output sanitizer."""

from __future__ import annotations

from typing import Any

import orjson

from mlboard.models.conflict import EXISTS, Conflict
from mlboard.models.text import visible


def value_text(value: Any, width: int = 60) -> str:
    """A recorded value as JSON (strings quoted, so `"3"` and `3` differ), cut to `width`."""
    text = orjson.dumps(value).decode()
    return visible(text if len(text) <= width else text[: width - 3] + "...")


def conflict_line(conflict: Conflict) -> str:
    """``C-1a2b3c4d  card TR-5 status: ours "done", theirs "review" → kept ours``."""
    if conflict.field == EXISTS:
        what = conflict.note or "deleted on one branch, changed on the other: kept"
        return visible(f"{conflict.id}  {conflict.entity}: {what}")
    note = visible(f" ({conflict.note})") if conflict.note else ""
    return (
        f"{conflict.id}  {conflict.entity} {conflict.field}: ours {value_text(conflict.ours)}, "
        f"theirs {value_text(conflict.theirs)} → kept {conflict.chosen}{note}"
    )
