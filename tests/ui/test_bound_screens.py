"""What every screen bound to the board shares (`FollowingScreen`): a change made on any of
them is saved in the background, a change another process writes is reloaded with the
focus kept, and a screen hidden under another catches up when it is back in front."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from mlboard.models import Board
from mlboard.services import cards
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository, repository
from mlboard.storage.board_cache import CACHE_ENV, BoardCache, content_digest
from mlboard.ui.app import MlboardApp
from mlboard.ui.graph.screen import GraphScreen
from mlboard.ui.screens import following
from mlboard.ui.screens.board import BoardScreen
from mlboard.ui.screens.following import FollowingScreen
from mlboard.ui.screens.planning import PlanningScreen
from mlboard.ui.widgets.plan_table import PlanTable

AppFactory = Callable[..., MlboardApp]
SIZE = (120, 40)
ELSEWHERE = "Relabelled by another process"


def focused_card(screen: FollowingScreen) -> str | None:
    if isinstance(screen, BoardScreen):
        card = screen.grid.focused_card
        return card.id if card else None
    if isinstance(screen, PlanningScreen):
        table = screen.focused
        return table.cursor_id if isinstance(table, PlanTable) else None
    assert isinstance(screen, GraphScreen)
    return screen.view.focused


def on_file(path: Path) -> Board:
    return BoardRepository(path).load().board


# screen: (key that opens it from the board, key that changes the board, what the file then says)
CHANGES: dict[str, tuple[str | None, str, Callable[[Board], bool]]] = {
    "board": (None, "L", lambda board: board.cards["ML-2"].status == "doing"),
    "planning": ("p", "enter", lambda board: board.cards["ML-2"].sprint is None),
    "graph": ("g", "L", lambda board: board.cards["ML-2"].status == "doing"),
}


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[Any], done: Callable[[], bool]) -> None:
    """Let the screens' timers run (reload every 0.5 s) until `done()`, 4 s at most."""
    for _ in range(80):
        await asyncio.sleep(0.05)
        await settle(pilot)
        if done():
            return
    raise AssertionError("not seen in 4 s")


@pytest.mark.parametrize("name", sorted(CHANGES))
async def test_a_change_on_any_bound_screen_is_saved_and_a_reload_keeps_the_focus(
    board_path: Path, make_app: AppFactory, name: str
) -> None:
    opening, key, saved = CHANGES[name]
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        if opening is not None:
            await pilot.press(opening)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowingScreen)
        if isinstance(screen, GraphScreen):
            screen.view.focus_node("ML-2")  # the board's focused card, as on the board
        assert focused_card(screen) == "ML-2"
        await pilot.press(key)
        await settle(pilot)
        assert saved(on_file(board_path)), "saved by the worker, the screen still open"
        assert not app.service.dirty
        focus = focused_card(screen)
        assert focus is not None
        BoardService.open(board_path).do(cards.edit_card, "ML-4", title=ELSEWHERE)
        await until(pilot, lambda: screen.shown is not None and "ML-4" in screen.shown.cards)
        await until(pilot, lambda: screen.shown.cards["ML-4"].title == ELSEWHERE)  # type: ignore[union-attr]
        assert app.screen is screen and focused_card(screen) == focus
        assert app.service.board is screen.shown and saved(screen.shown)


async def test_a_screen_under_another_catches_up_when_it_is_back(
    board_path: Path, make_app: AppFactory
) -> None:
    """The board screen under the planning screen neither redraws nor reloads on its
    timer (that was a rebuild of the whole board view per change); back in front, it shows
    what changed meanwhile."""
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        drawn = board.shown
        await pilot.press("p")
        await settle(pilot)
        planning = app.screen
        assert isinstance(planning, PlanningScreen)
        BoardService.open(board_path).do(cards.edit_card, "ML-4", title=ELSEWHERE)
        await until(pilot, lambda: planning.shown.cards["ML-4"].title == ELSEWHERE)  # type: ignore[union-attr]
        assert planning.shown is app.service.board
        await asyncio.sleep(0.6)  # a tick of the board screen's timer
        await settle(pilot)
        assert board.shown is drawn
        await pilot.press("escape")
        await pilot.pause()
        assert board.shown is app.service.board
        assert board.grid.view.board.cards["ML-4"].title == ELSEWHERE


async def test_a_costly_save_waits_for_a_pause_in_the_keys(
    board_path: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a save costs much of the interpreter (a big board), quick changes share one
    write made at the first pause, so no key waits behind a save; leaving the screen or
    opening a dialog writes at once, and so does quitting."""
    # A longer pause than the real 0.4 s: on a loaded machine, settling the screen after two
    # keys took longer than that and the save came before the check that it waits.
    monkeypatch.setattr(following, "PAUSE_SECONDS", 1.5)
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        planning = app.screen
        assert isinstance(planning, PlanningScreen)
        planning._save_cpu = 1.0  # as a 10,000-card board's save would have measured
        await pilot.press("enter", "enter")  # ML-2 and ML-3 out of the sprint
        await settle(pilot)
        assert on_file(board_path).cards["ML-2"].sprint == "S1" and app.service.dirty
        await asyncio.sleep(1.6)  # the pause
        await settle(pilot)
        board = on_file(board_path)
        assert board.cards["ML-2"].sprint is None and board.cards["ML-3"].sprint is None
        await pilot.press("enter")
        await pilot.press("escape")  # leaving: written at once
        await settle(pilot)
        assert not app.service.dirty
        assert sum(1 for c in on_file(board_path).cards.values() if c.sprint == "S1") == 5


async def test_the_file_is_kept_in_the_cache_when_the_changes_stop(
    board_path: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened, read again after another process wrote it, and written by a change made here:
    each time, once the changes have stopped for a while, the file's content is kept in the
    user's cache, and the next open of those bytes is the cache's (here any board is worth
    keeping; a real one takes 20 ms to decode)."""
    monkeypatch.setattr(repository, "CACHE_DECODES_OVER", 0.0)
    monkeypatch.setattr(following, "PAUSE_SECONDS", 0.1)
    # longer than the screen's look at the file every WATCH_SECONDS, which found nothing
    # new and yet started the wait again: nothing was ever kept
    monkeypatch.setattr(following, "IDLE_SECONDS", following.WATCH_SECONDS + 0.3)
    cache = BoardCache.for_user()
    assert cache is not None

    def cached() -> bool:
        return cache.holds(board_path, content_digest(board_path.read_bytes()))

    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, cached)
        BoardService.open(board_path).do(cards.edit_card, "ML-4", title=ELSEWHERE)
        assert not cached()
        await until(pilot, lambda: app.service.board.cards["ML-4"].title == ELSEWHERE)
        await until(pilot, cached)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")  # a commit, saved at the pause, then kept when idle
        await until(pilot, lambda: not app.service.dirty)
        await until(pilot, cached)
    entry = cache.get(board_path, content_digest(board_path.read_bytes()))
    assert entry is not None
    monkeypatch.setenv(CACHE_ENV, "off")  # the file decoded
    assert entry.board == BoardRepository(board_path).load().board
    assert entry.board.cards["ML-4"].title == ELSEWHERE


async def test_on_a_big_board_even_the_first_save_waits_for_a_pause(
    board_path: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before a save has been measured, its cost is expected from the board's size: on a
    big board the first change's save waits for a pause too (it ran at once and held the
    next two keys for ~100 ms at 10,000 cards). Here every board counts as big."""
    monkeypatch.setattr(following, "CPU_PER_CARD", 1.0)
    monkeypatch.setattr(following, "PAUSE_SECONDS", 1.0)
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.service.dirty and on_file(board_path).cards["ML-2"].sprint == "S1"
        await until(pilot, lambda: not app.service.dirty)
        assert on_file(board_path).cards["ML-2"].sprint is None
