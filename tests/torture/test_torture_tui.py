"""The terminal UI and a command-line writer on one file (found by bench/torture.py's
"tui + cli" run): a key acting on the focused card acts on that card, even when the save of
the card's creation was replayed onto another process's write and the card got a new id."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from torture_boards import seed_board

from mlboard.services import cards
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.board import BoardScreen

pytestmark = pytest.mark.torture


async def test_a_move_after_a_renumbered_add_moves_the_tuis_card_not_the_other_processs(
    tmp_path: Path,
) -> None:
    path = seed_board(tmp_path / "mlboard.json")
    service = BoardService.open(path)
    app = MlboardApp(service)
    app.animation_level = "none"
    held, go = threading.Event(), threading.Event()

    def other_process() -> None:  # holds the board's lock, then adds a card under it
        repo = BoardRepository(path)
        with repo.locked():
            held.set()
            go.wait(10)
            BoardService(repo).do(cards.add_card, "from the shell", "data")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = threading.Thread(target=other_process)
        other.start()
        assert held.wait(10)
        await pilot.press("n", "t", "enter")  # TR-13 in the TUI's memory; its save waits
        go.set()
        other.join(10)
        await app.workers.wait_for_complete()  # saved, replayed: the TUI's card is TR-14
        await pilot.pause()
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = next(s for s in app.screen_stack if isinstance(s, BoardScreen))
        focused = screen.grid.focused_card
    board = BoardRepository(path).load().board
    shell = next(c for c in board.cards.values() if c.title == "from the shell")
    mine = next(c for c in board.cards.values() if c.title == "t")
    assert shell.status == "backlog", f"L moved the other process's {shell.id}"
    assert focused is not None and focused.id == mine.id
