"""Issue 10, item 12: quitting never drops a change silently.

Quitting writes what is pending first; when writing fails, it asks: save again, quit anyway
(exit status 1), or cancel. The write is made to fail for real: the board file's path
becomes a folder (root ignores a read-only mode, and these tests may run as root).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mlboard.services import cards
from mlboard.services.session import bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.modals.quit import UnsavedQuitModal
from mlboard.ui.screens.board import BoardScreen

AppFactory = Callable[..., MlboardApp]
SIZE = (100, 30)


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """The board file's path is a folder meanwhile: every save fails."""
    away = path.with_name(path.name + ".away")
    os.rename(path, away)
    path.mkdir()
    try:
        yield
    finally:
        path.rmdir()
        os.rename(away, path)


def status_on_file(path: Path, card_id: str) -> str:
    return BoardRepository(path).load().board.card(card_id).status


def board_screen(app: MlboardApp) -> BoardScreen:
    screen = next(s for s in app.screen_stack if isinstance(s, BoardScreen))
    return screen


async def test_quit_after_a_failed_save_asks_and_saving_again_writes_it(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert board_screen(app).grid.focused_card.id == "ML-2"  # type: ignore[union-attr]
        with unwritable(board_path):
            await pilot.press("L")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("Not saved" in n.message for n in app._notifications)
            await pilot.press("q")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, UnsavedQuitModal)
            assert not app._exit
            await pilot.press("c")  # cancel: back on the board, the move still on screen
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen) and not app._exit
            assert app.service.board.card("ML-2").status == "doing"
            await pilot.press("q")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, UnsavedQuitModal)
        assert status_on_file(board_path, "ML-2") == "todo"
        await pilot.press("s")  # the file is back: save again, then quit
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0
    assert status_on_file(board_path, "ML-2") == "doing"


async def test_quit_anyway_from_the_palette_exits_non_zero(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with unwritable(board_path):
            await pilot.press("L")
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+p", *"quit")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, UnsavedQuitModal)
            await pilot.press("q")
            await pilot.pause()
            assert app._exit
    assert app.return_code == 1
    assert status_on_file(board_path, "ML-2") == "todo"


async def test_ctrl_q_writes_a_change_not_yet_saved_before_quitting(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.service.apply("move", bind(cards.move_card, "ML-2", "review"))  # no save started
        assert app.service.dirty
        await pilot.press("ctrl+q")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0
    assert status_on_file(board_path, "ML-2") == "review"
