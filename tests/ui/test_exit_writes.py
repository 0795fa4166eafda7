"""Nothing applied on screen is left unwritten when the app ends, whatever ends it.

A browser tab closing stops a served TUI without the app's quit action (textual-serve's
`quit` packet), and a save on a big board waits for a pause in the keys: `run()` writes what
is left after the app ended (`write_what_is_left`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mlboard.storage import BoardRepository
from mlboard.ui import write_what_is_left
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.board import BoardScreen

AppFactory = Callable[..., MlboardApp]


async def test_a_move_whose_save_waits_for_a_pause_is_written_after_the_app_ends(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen._save_cpu = 1.0  # as on a big board: the save waits for a pause in the keys
        assert screen.grid.focus_card("ML-2")
        await pilot.press("L")
        assert app.service.board.cards["ML-2"].status == "doing"  # on screen
        app.exit()  # what the tab's closing does: no quit action, no pause
    assert app.service.dirty  # the save never started
    assert BoardRepository(board_path).load().board.cards["ML-2"].status != "doing"
    assert write_what_is_left(app.service) == 0
    assert BoardRepository(board_path).load().board.cards["ML-2"].status == "doing"
    assert write_what_is_left(app.service) == 0  # nothing left: a second call writes nothing
