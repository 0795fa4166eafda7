"""The terminal UI. Textual is imported only when `run` is called."""

from __future__ import annotations

import sys
from pathlib import Path


def run(path: Path, *, theme: str | None = None, demo: bool = False) -> int:
    """Open the board file at `path` (a new board when there is none); the exit status."""
    from mlboard.models import Board, MlboardError
    from mlboard.services.session import BoardService
    from mlboard.storage import BoardRepository

    try:
        repo = BoardRepository(path)
        if not repo.exists():
            repo.create(Board(name=path.resolve().parent.name or "board", key="ML"))
        service = BoardService(repo)
    except MlboardError as exc:
        print(f"mlboard: {exc}", file=sys.stderr)
        return exc.exit_status
    from mlboard.ui.app import MlboardApp

    notice = "Demo: a throwaway copy of the sample board; change anything." if demo else None
    app = MlboardApp(service, theme=theme, notice=notice)
    app.run()
    return app.return_code or 0
