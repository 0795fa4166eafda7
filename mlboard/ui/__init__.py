"""The terminal UI. Textual is imported only when `run` (or `build_app`) is called."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlboard.services.clock import Clock
    from mlboard.storage import BoardRepository
    from mlboard.ui.app import MlboardApp

DEMO_NOTICE = "Demo: a throwaway copy of the sample board; change anything."


def ensure_board(path: Path) -> BoardRepository:
    """The board file at `path`, created (named after its folder) when there is none."""
    from mlboard.models import Board
    from mlboard.storage import BoardRepository

    repo = BoardRepository(path)
    if not repo.exists():
        repo.create(Board(name=path.resolve().parent.name or "board", key="ML"))
    return repo


def build_app(
    path: Path, *, theme: str | None = None, demo: bool = False, clock: Clock | None = None
) -> MlboardApp:
    """The app on the board file at `path` (a new board when there is none).

    Start-up allocates the whole board at once: the garbage collector is kept out of it and
    the loaded objects are frozen, so later collections do not walk 10,000 cards again.
    Raises `MlboardError` for a board that cannot be opened.
    """
    gc.disable()
    try:
        from mlboard.services.session import BoardService

        repo = ensure_board(path)
        service = BoardService(repo, clock)
        from mlboard.ui.app import MlboardApp

        app = MlboardApp(service, theme=theme, notice=DEMO_NOTICE if demo else None)
    finally:
        gc.freeze()
        gc.enable()  # the app is long-lived, even when the executable started without it
    return app


def run(path: Path, *, theme: str | None = None, demo: bool = False) -> int:
    """Open the board file at `path`; the exit status."""
    from mlboard.models import MlboardError

    try:
        app = build_app(path, theme=theme, demo=demo)
    except MlboardError as exc:
        print(f"mlboard: {exc}", file=sys.stderr)
        return exc.exit_status
    app.run()
    try:  # a change made just before quitting (`L` then `q`, a closed browser tab) whose
        app.service.flush()  # background save had not run yet: the executable ends at once
    except (MlboardError, OSError) as exc:
        print(f"mlboard: not saved: {exc}", file=sys.stderr)
        return 1
    return app.return_code or 0
