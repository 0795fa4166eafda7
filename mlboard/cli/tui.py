"""Opening the terminal UI; Textual is imported only here, and only when needed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mlboard.models import BadInput, Board
from mlboard.resources import sample_board
from mlboard.storage import BoardRepository


def open_board(path: Path, theme: str | None) -> int:
    repo = BoardRepository(path)
    if not repo.exists():
        name = path.resolve().parent.name or "mlboard"
        repo.create(Board(name=name, key="ML"))
    else:
        repo.load()  # a broken file is one line and exit 2, before the screen takes over
    from mlboard.ui import run

    return run(path, theme=theme)


def open_demo(sample: str, theme: str | None) -> int:
    try:
        source = sample_board(sample)
    except FileNotFoundError as exc:
        raise BadInput(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="mlboard-demo-") as folder:
        copy = Path(folder) / "mlboard.json"
        shutil.copyfile(source, copy)
        from mlboard.ui import run

        return run(copy, theme=theme, demo=True)
