"""The terminal UI. Textual is imported only when `run` (or `build_app`) is called."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlboard.models import Board
    from mlboard.services.clock import Clock
    from mlboard.services.session import BoardService
    from mlboard.ui.app import MlboardApp

DEMO_NOTICE = "Demo: a throwaway copy of the sample board; change anything."


def build_app(
    path: Path, *, theme: str | None = None, demo: bool = False, clock: Clock | None = None
) -> MlboardApp:
    """The app on the board file at `path`, which must exist (`ask_first_run` asks first).

    Start-up allocates the whole board at once: the garbage collector is kept out of it and
    the loaded objects are frozen, so later collections do not walk 10,000 cards again. A
    process that started without the collector (the executable) gets it back once the app
    has drawn its first frame (`MlboardApp.on_mount`): start-up makes no garbage worth the
    ≈ 70 collections (5 ms) it took. Raises `MlboardError` for a board that cannot be opened.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        from mlboard.services.session import BoardService
        from mlboard.storage import BoardRepository

        service = BoardService(BoardRepository(path), clock)
        from mlboard.ui.app import MlboardApp

        app = MlboardApp(service, theme=theme, notice=DEMO_NOTICE if demo else None)
        service.after_write = _hooks_reported_to(app, service)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return app


def _hooks_reported_to(app: MlboardApp, service: BoardService) -> Callable[[Board, Board], None]:
    """The user's hooks after each save (run in the saving worker); problems as notices."""

    def after_write(before: Board, after: Board) -> None:
        from mlboard.services.hooks import fire
        from mlboard.ui.config import config_dir

        for problem in fire(config_dir(), before, after, service.clock.now()):
            try:
                app.call_from_thread(app.notify, problem, severity="warning", timeout=8)
            except RuntimeError:  # already on the app's thread
                app.notify(problem, severity="warning", timeout=8)

    return after_write


def ask_first_run(path: Path, found_by: str, theme: str | None = None) -> str:
    """Ask what to do about a board file that does not exist: create, demo or quit."""
    from mlboard.ui.first_run import FirstRunApp

    return FirstRunApp(path, found_by, theme).run() or "quit"


def run(path: Path, *, theme: str | None = None, demo: bool = False) -> int:
    """Open the board file at `path`; the exit status."""
    from mlboard.models import MlboardError
    from mlboard.models.text import visible
    from mlboard.ui.hints import error_text

    try:
        app = build_app(path, theme=theme, demo=demo)
    except MlboardError as exc:
        print(f"mlboard: {visible(error_text(exc))}", file=sys.stderr)
        return exc.exit_status
    app.run()
    if app.return_code:  # e.g. "quit anyway" after a failed save: the user's choice stands
        return app.return_code
    return write_what_is_left(app.service)


def write_what_is_left(service: BoardService) -> int:
    """The last write after the app ended, whatever ended it: a browser tab closing (which
    stops the app without its quit action), or a quit before a save waiting for the key's
    repaint or a pause in the keys had started. Nothing applied on screen is left unwritten."""
    from mlboard.models import MlboardError
    from mlboard.models.text import visible
    from mlboard.ui.hints import error_text

    if not service.dirty:
        return 0
    try:
        service.flush()
    except (MlboardError, OSError) as exc:
        print(f"mlboard: not saved: {visible(error_text(exc))}", file=sys.stderr)
        return 1
    return 0
