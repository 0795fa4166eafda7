"""Issue 11 on the board screen: `K` / `J` reorder a cell (focus follows the card, saved,
undoable), the Done column shows its latest cards and how many more, column counts under a
filter say "2 of 5"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mlboard.models import Board
from mlboard.services import cards
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.board import BoardScreen
from mlboard.ui.widgets.card_bar import CardBar

START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
SIZE = (120, 40)
AppFactory = Callable[..., MlboardApp]


def kanban_board(path: Path, todo: int = 3, done: int = 0) -> Path:
    """A Kanban board: `todo` data cards in To Do, then `done` data cards finished a day apart."""
    BoardRepository(path).create(Board(name="order", key="ML", mode="kanban"))
    clock = FixedClock(START)
    service = BoardService.open(path, clock)
    for n in range(todo):
        service.apply("add", bind(cards.add_card, f"todo {n + 1}", "data", status="todo"))
    for n in range(done):
        clock.advance(timedelta(days=1))
        service.apply("add", bind(cards.add_card, f"done {n + 1}", "data", status="done"))
    service.flush()
    return path


def _screen(app: MlboardApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def _cell(path: Path) -> list[str]:
    from mlboard.services.ranking import cell_of

    board = BoardRepository(path).load().board
    return [c.id for c in cell_of(board, board.card("ML-1"))]


async def test_shift_k_and_j_move_the_card_and_the_focus_follows(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = kanban_board(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = _screen(app).grid
        await pilot.press("j", "j")
        assert grid.focused_card is not None and grid.focused_card.id == "ML-3"
        await pilot.press("K")
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-1", "ML-3", "ML-2"]
        assert grid.focused_card.id == "ML-3" and grid.cursor.row == 1
        await pilot.press("K", "K")  # the second is at the top already: a notice, no change
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-3", "ML-1", "ML-2"] and grid.cursor.row == 0
        await pilot.press("J")
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-1", "ML-3", "ML-2"] and grid.focused_card.id == "ML-3"
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-3", "ML-1", "ML-2"]


async def test_k_under_a_filter_moves_above_the_card_shown_above(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = kanban_board(tmp_path / "mlboard.json", todo=4)
    service = BoardService.open(path, FixedClock(START))
    for card_id in ("ML-1", "ML-3"):
        service.do(cards.edit_card, card_id, labels=["nlp"])
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = _screen(app).grid
        await pilot.press("slash", *"#nlp", "enter")
        assert grid.view.shown_ids() == ["ML-1", "ML-3"]
        await pilot.press("j", "K")
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-3", "ML-1", "ML-2", "ML-4"]
        assert grid.view.shown_ids() == ["ML-3", "ML-1"] and grid.focused_card.id == "ML-3"  # type: ignore[union-attr]


async def test_column_counts_under_a_filter_say_how_many_of_all(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = kanban_board(tmp_path / "mlboard.json", todo=5)
    service = BoardService.open(path, FixedClock(START))
    for card_id in ("ML-1", "ML-3"):
        service.do(cards.edit_card, card_id, labels=["nlp"])
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = _screen(app).grid
        assert " To Do 5 " in grid.render_line(0).text
        await pilot.press("slash", *"#nlp", "enter")
        header = grid.render_line(0).text
        assert " To Do 2 of 5 " in header and " In Progress 0 of 0 " in header
        await pilot.press("L")  # ML-1 to In Progress: the view is patched, not rebuilt
        header = grid.render_line(0).text
        assert " To Do 1 of 4 " in header and " In Progress 1 of 1 " in header
        await pilot.press("escape")
        assert " To Do 4 " in grid.render_line(0).text


async def test_done_shows_the_latest_cards_and_how_many_more(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = kanban_board(tmp_path / "mlboard.json", todo=1, done=7)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = _screen(app).grid
        done = [c.id for c in grid.view.columns].index("done")
        assert " Done 7 " in grid.render_line(0).text  # the count says every card
        await pilot.press(*"l" * done)
        assert grid.focused_card is not None and grid.focused_card.id == "ML-8"  # the latest
        await pilot.press("j", "j")
        assert grid.focused_card.id == "ML-6"  # type: ignore[union-attr]
        lane_top = grid.view.lane_top[0]
        more_line = lane_top + 3 * 4 + 1  # under the third card (+1: the column headers' line)
        assert "+4 more (enter)" in grid.render_line(more_line).text
        assert grid.view.height == lane_top + 1 + 3 * 4 + 3  # the lane grew by three cards only
        await pilot.press("j")
        assert grid.focused_card is None and grid.view.is_more(grid.cursor)
        bar = _screen(app).query_one(CardBar)
        assert str(bar.render()) == "enter shows every finished card"  # not "no card here"
        await pilot.press("enter")
        assert grid.view.rows(0, done) == 7
        await pilot.pause()
        assert str(bar.render()) == "enter shows the latest 3 finished cards again"
        assert "latest 3 (enter)" in grid.render_line(lane_top + 7 * 4 + 1).text
        assert grid.view.is_more(grid.cursor)
        await pilot.press("enter")
        assert grid.view.rows(0, done) == 3 and grid.view.is_more(grid.cursor)
        await pilot.press("k", "enter")  # on a card, enter opens it as before
        from mlboard.ui.modals.card_view import CardViewModal

        assert isinstance(app.screen, CardViewModal)


async def test_jumping_to_a_hidden_done_card_shows_them_all(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = kanban_board(tmp_path / "mlboard.json", todo=1, done=5)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        screen.focus_card("ML-2")  # the first finished: not among the latest three
        assert screen.grid.focused_card is not None and screen.grid.focused_card.id == "ML-2"


def test_snapshot_done_more_line_focused(
    snap_compare: Callable[..., bool], tmp_path: Path, make_app: AppFactory
) -> None:
    """A done column's latest three cards, the focused "+3 more" line under them, titles over
    two lines."""
    path = kanban_board(tmp_path / "mlboard.json", todo=2, done=6)
    service = BoardService.open(path, FixedClock(START))
    service.do(cards.edit_card, "ML-1", title="Fine-tune the intent classifier on the holdout")
    keys = ["l", "l", "l", "l", "j", "j", "j"]
    assert snap_compare(make_app(path), press=keys, terminal_size=(100, 30))


def test_the_patched_view_keeps_the_order_a_rebuilt_one_shows() -> None:
    """`update_view` takes every changed card out before putting any back: a deleted card
    next to one whose dependency it was, and a cell whose ranks all changed at once."""
    from mlboard.services import ranking
    from mlboard.ui.board_model import build_view, update_view

    now = START
    board = Board(name="b", key="ML", mode="kanban")
    for n in range(5):
        board = cards.add_card(board, now, f"c{n}", "data", status="todo").board
    board = cards.link(board, now, "ML-2", "ML-1").board
    tied = {i: board.card(i).model_copy(update={"rank": "m"}) for i in ("ML-3", "ML-4")}
    board = board.model_copy(update={"cards": {**board.cards, **tied}})
    view = build_view(board)
    for change in (
        ranking.rank_card(board, now, "ML-5", after="ML-3"),  # ties: the whole cell re-ranked
        cards.delete_card(board, now, "ML-1"),  # ML-2 changes too (its dependency is gone)
    ):
        assert len(change.touched) > 1
        assert update_view(view, change.board).cells == build_view(change.board).cells


async def test_the_reorder_keys_are_remapped_by_their_ids(
    tmp_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    (private_config / "keys.toml").write_text('"board.rank-down" = "ctrl+j"\n')
    path = kanban_board(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+j")
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-2", "ML-1", "ML-3"]
        await pilot.press("J")  # its old key does nothing now
        await app.workers.wait_for_complete()
        assert _cell(path) == ["ML-2", "ML-1", "ML-3"]
