"""mlboard: a keyboard-driven Scrum/Kanban board for machine-learning teams, in the terminal.

For scripts and notebooks, `open_tinydb` reads the board file with TinyDB's own API::

    from tinydb import Query
    import mlboard

    db = mlboard.open_tinydb("mlboard.json")
    db.table("cards").search(Query().category == "experiment")

Importing `mlboard` costs nothing: the implementation (TinyDB, pydantic) is imported on the
first call, so the command line starts as fast as before.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing would cost ~7 ms here
if TYPE_CHECKING:
    import os
    from typing import Any

    from mlboard.models.errors import (
        BoardLoadError,
        BoardWriteError,
        ConflictError,
        MlboardError,
    )
    from mlboard.storage.tinydb_access import (
        BoardTinyDB,
        InvalidBoardWrite,
        ReadOnlyBoardError,
    )

# Names served lazily from the module that defines them.
_LAZY = {
    "InvalidBoardWrite": "mlboard.storage.tinydb_access",
    "ReadOnlyBoardError": "mlboard.storage.tinydb_access",
    "MlboardError": "mlboard.models.errors",
    "BoardLoadError": "mlboard.models.errors",
    "BoardWriteError": "mlboard.models.errors",
    "ConflictError": "mlboard.models.errors",
}


def open_tinydb(path: str | os.PathLike[str] | None = None, read_only: bool = True) -> BoardTinyDB:
    """The board file as a `tinydb.TinyDB` whose tables keep the board's own string keys, so
    TinyDB's `Query` works on every table (``cards``, ``people``, ``sprints``, ``events`` ...).

    `path` is the board file, or a folder holding ``mlboard.json``; None finds it like the
    command line does (`$MLBOARD_BOARD`, then the nearest ``mlboard.json`` upwards). The board
    is checked on open: a missing or invalid file raises `BoardLoadError` (one line, as
    `mlboard check` says it). Every read sees the file as it is now.

    Read-only by default: a write raises `ReadOnlyBoardError` and leaves the file untouched.
    With ``read_only=False`` each TinyDB write takes the board's lock, must leave tables that
    load as a valid board (else `InvalidBoardWrite`, with the loader's message) and is written
    atomically in mlboard's layout (a full disk or a read-only file: `BoardWriteError`); the
    first one keeps a backup (`mlboard restore`). Such
    writes record no history events: moves made this way do not show in burndown, flow or
    standup; use mlboard commands for those.
    """
    from mlboard.storage.tinydb_access import open_tinydb as open_board

    return open_board(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mlboard' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "BoardLoadError",
    "BoardWriteError",
    "ConflictError",
    "InvalidBoardWrite",
    "MlboardError",
    "ReadOnlyBoardError",
    "open_tinydb",
]
