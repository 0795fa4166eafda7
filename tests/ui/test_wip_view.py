"""Issue 10, item 13 on the board screen: a hard WIP limit counts, and shows, every card."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from mlboard.models import Board
from mlboard.services import cards, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.board_model import LANES, build_view
from mlboard.ui.screens.board import BoardScreen

AppFactory = Callable[..., MlboardApp]
START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def clock() -> FixedClock:
    return FixedClock(START)


def full_column_board(path: Path) -> Path:
    """In Progress at its hard limit of 3 with cards started before the sprint; S1 active
    with ML-4 in To Do; ML-5 planned for S2 (waiting in To Do)."""
    BoardRepository(path).create(Board(name="wip", key="ML"))
    service = BoardService.open(path, clock())
    do = service.apply
    for i in range(3):
        do("add", bind(cards.add_card, f"started before {i}", "data", status="doing"))
    do("wip", bind(resources.configure_column, "doing", wip=3, hard=True))
    do("add", bind(cards.add_card, "sprint work", "engineering"))
    do("add", bind(cards.add_card, "next sprint", "experiment"))
    do("new", bind(sprints.new_sprint))
    do("commit", bind(sprints.commit_cards, ["ML-4"]))
    do("start", bind(sprints.start_sprint))
    do("new", bind(sprints.new_sprint))
    do("commit", bind(sprints.commit_cards, ["ML-5"]))
    service.flush()
    return path


def board_screen(app: MlboardApp) -> BoardScreen:
    screen = app.screen_stack[-1]
    assert isinstance(screen, BoardScreen)
    return screen


async def test_the_board_counts_and_shows_cards_outside_the_sprint_and_l_is_refused(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = full_column_board(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = board_screen(app).grid
        header = grid.render_line(0).text
        assert "In Progress 3/3" in header and "To Do 2" in header
        for card_id in ("ML-1", "ML-2", "ML-3", "ML-5"):
            spot = grid.view.find(card_id)
            assert spot is not None and grid.view.is_outside(spot), card_id
        spot = grid.view.find("ML-4")
        assert spot is not None and not grid.view.is_outside(spot)
        data = LANES.index(grid.view.board.card("ML-1").category)
        lane = grid.render_line(1 + grid.view.lane_top[data]).text
        assert "Data · 0 · +3 outside the sprint" in lane
        assert grid.focus_card("ML-4")
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert board_screen(app).service.board.card("ML-4").status == "todo"
        assert BoardRepository(path).load().board.card("ML-4").status == "todo"
        messages = [n.message for n in app._notifications]
        assert any("In Progress would hold 4 cards" in m and "hard limit" in m for m in messages)
        assert grid.focus_card("ML-1")  # an outside card moves like any other, out of the column
        await pilot.press("L")
        await app.workers.wait_for_complete()
        assert BoardRepository(path).load().board.card("ML-1").status == "review"
        assert "In Progress 2/3" in grid.render_line(0).text


def test_over_wip_shows_in_the_sprint_header(tmp_path: Path) -> None:
    from mlboard.ui.sprint_figures import sprint_figures
    from mlboard.ui.widgets.board_header import _detail

    path = full_column_board(tmp_path / "mlboard.json")
    service = BoardService.open(path, clock())
    service.do(resources.configure_column, "doing", None, 2, True)  # lowered below the count
    view = build_view(service.board)
    figures = sprint_figures(service.board, service.clock.now())
    assert _detail(view, figures, view.card_filter).plain == (
        "over WIP: In Progress 3/2 · No sprint goal"
    )


async def test_an_undo_that_would_pass_the_limit_is_refused_on_screen(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = full_column_board(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = board_screen(app)
        assert screen.grid.focus_card("ML-1")
        await pilot.press("L")  # out of In Progress: 2/3
        await app.workers.wait_for_complete()
        BoardService.open(path, clock()).do(cards.move_card, "ML-5", "doing")  # another process
        screen._reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "In Progress 3/3" in screen.grid.render_line(0).text
        await pilot.press("u")
        await pilot.pause()
        assert screen.service.board.card("ML-1").status == "review"
        messages = [n.message for n in app._notifications]
        assert any("In Progress would hold 4 cards" in m for m in messages)
        assert app.is_running
        BoardService.open(path, clock()).do(cards.move_card, "ML-5", "review")  # a place again
        screen._reload()
        await app.workers.wait_for_complete()
        await pilot.press("u")  # the refused undo was kept: it applies now
        await app.workers.wait_for_complete()
        assert screen.service.board.card("ML-1").status == "doing"
