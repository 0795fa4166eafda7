"""`mlboard merge-file BASE OURS THEIRS`: git's merge driver (gitattributes(5), "Defining a
custom merge driver"). The merged board replaces OURS, atomically, and only on success."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mlboard.models import Board
from mlboard.services.merge.board import Merged, merge_boards
from mlboard.services.merge.values import MergeError
from mlboard.storage.atomic import write_atomically
from mlboard.storage.document import DocumentWriter, UnwritableNumber
from mlboard.storage.repository import BoardRepository, Loaded


def merge_files(base: Path, ours: Path, theirs: Path, at: datetime, salt: str) -> Merged:
    """Merge the three files; the result is written over `ours`.

    An empty BASE (git's stand-in when both branches added the file) counts as a board with
    theirs' settings and nothing else: every row is new on both sides.
    """
    mine, other = _load(ours, "ours"), _load(theirs, "theirs")
    if base.is_file() and base.stat().st_size == 0:
        settings = ("name", "key", "mode", "sprint_days", "columns")
        origin = Board(**{name: getattr(other.board, name) for name in settings})
    else:
        origin = _load(base, "base").board
    merged = merge_boards(origin, mine.board, other.board, at, salt)
    try:
        document = DocumentWriter().document(merged.board, max(mine.rev, other.rev) + 1)
    except UnwritableNumber as exc:
        raise MergeError(f"the merged board cannot be written: {exc}") from None
    write_atomically(ours, document)
    return merged


def _load(path: Path, side: str) -> Loaded:
    from mlboard.models import BoardLoadError

    try:
        return BoardRepository(path).load()
    except BoardLoadError as exc:
        raise BoardLoadError(f"{side} ({path.name}): {exc}") from None
