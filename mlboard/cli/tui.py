"""Opening the terminal UI; Textual is imported only here, and only when needed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mlboard.models import BadInput
from mlboard.resources import sample_board


def open_board(path: Path, theme: str | None) -> int:
    """`run` creates a missing board, and reports a broken one in one line (exit 2) before
    the screen takes over."""
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
