"""Conflict records: what a merge kept when both sides changed one field to different values."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, JsonValue

from mlboard.models.card import Frozen

CONFLICT_ID_PATTERN = r"^C-[0-9a-f]{6,16}$"
# The tables a conflict can name; `board` is the settings document (name, mode, columns...).
ConflictTable = Literal[
    "board",
    "cards",
    "people",
    "datasets",
    "pipelines",
    "pools",
    "sprints",
    "columns",
]
# A conflict's `field` when one side deleted the entity and the other changed it: the values
# are then true (it exists) or false (deleted).
EXISTS = "(exists)"


class Conflict(Frozen):
    """Both sides of a merge changed `table`/`key`.`field`; `chosen` says which value the
    board holds now (the later change wins), the other is kept here until someone resolves it.

    Values are JSON, as the board file writes the field (`null` for "absent").
    """

    id: str = Field(pattern=CONFLICT_ID_PATTERN)
    table: ConflictTable
    key: str
    field: str = Field(min_length=1)
    base: JsonValue = None
    ours: JsonValue = None
    theirs: JsonValue = None
    chosen: Literal["ours", "theirs"]
    at: datetime
    note: str = ""
    resolved_at: datetime | None = None
    resolution: JsonValue = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def entity(self) -> str:
        """``card TR-5``, ``sprint S3``, ``board``: what a person calls the thing."""
        if self.table == "board":
            return "board"
        return f"{self.table.removesuffix('s').replace('people', 'person')} {self.key}"
