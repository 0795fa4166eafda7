"""Find the board file the way git finds `.git`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

BOARD_FILENAME = "mlboard.json"
ENV_VAR = "MLBOARD_BOARD"


def find_board(
    explicit: str | os.PathLike[str] | None,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """`--board PATH`, then `$MLBOARD_BOARD`, then the nearest `mlboard.json` upwards, else
    `./mlboard.json` (which may not exist yet). A folder given explicitly means its board file.
    """
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    chosen = explicit if explicit is not None else environ.get(ENV_VAR) or None
    if chosen is not None:
        path = Path(chosen).expanduser()
        if not path.is_absolute():
            path = cwd / path
        return path / BOARD_FILENAME if path.is_dir() else path
    for folder in (cwd, *cwd.parents):
        candidate = folder / BOARD_FILENAME
        if candidate.is_file():
            return candidate
    return cwd / BOARD_FILENAME
