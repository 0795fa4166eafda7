"""What a focus move repaints: the lines of the two cards whose focus changed and the card
bar, never the whole board, the header or the key bar; cached lines look like fresh ones."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widget import Widget

from mlboard.package_data import sample_board
from mlboard.ui.board_model import CARD_HEIGHT, LANES, Spot
from mlboard.ui.widgets.board_grid import BoardGrid
from mlboard.ui.widgets.board_header import BoardHeader
from mlboard.ui.widgets.card_bar import CardBar
from mlboard.ui.widgets.key_bar import KeyBar

from .conftest import AppFactory

SIZE = (200, 60)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board("kanban"), path)
    return path


def spy_refreshes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[Region, ...]]]:
    """Every `refresh` call of the board's widgets: the regions asked for (() = all)."""
    calls: dict[str, list[tuple[Region, ...]]] = {}
    real = Widget.refresh

    def refresh(self: Widget, *regions: Region, **kwargs: Any) -> Widget:
        if isinstance(self, BoardGrid | BoardHeader | CardBar | KeyBar):
            calls.setdefault(type(self).__name__, []).append(regions)
        return real(self, *regions, **kwargs)

    monkeypatch.setattr(Widget, "refresh", refresh)
    return calls


def find_spot(grid: BoardGrid, below: bool) -> Spot:
    """The top card of a cell with a card under it (`below`), or with an empty cell on
    its right, in the lane shown first so that no move scrolls."""
    view = grid.view
    for lane in range(len(LANES)):
        for column in range(len(view.columns) - 1):
            cell = view.cell(lane, column)
            wanted = len(cell) > 1 if below else cell and not view.cell(lane, column + 1)
            if wanted:
                return Spot(lane, column, 0)
    raise AssertionError("the sample has no such cell")


def painted(grid: BoardGrid) -> list[str]:
    return [repr(list(grid.render_line(y))) for y in range(grid.size.height)]


@pytest.mark.parametrize(("key", "below"), [("j", True), ("l", False)])
async def test_a_focus_move_repaints_only_the_two_cards_and_the_card_bar(
    sample: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, key: str, below: bool
) -> None:
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        grid = app.screen.query_one(BoardGrid)
        spot = find_spot(grid, below)
        card = grid.view.card_at(spot)
        assert card is not None and grid.focus_card(card.id)
        await pilot.pause()
        offset = grid.scroll_offset
        calls = spy_refreshes(monkeypatch)
        await pilot.press(key)
        await pilot.pause()
        assert grid.scroll_offset == offset
        assert set(calls) == {"BoardGrid", "CardBar"}, calls  # no header, no key bar
        regions = [region for call in calls["BoardGrid"] for region in call]
        assert len(regions) == len(calls["BoardGrid"]), "never the whole board"
        top = grid.view.card_line(spot) + 1 - offset.y
        heights = sorted(region.height for region in regions)
        if below:  # the card left and the card under it
            assert heights == [CARD_HEIGHT, CARD_HEIGHT]
            assert {r.y for r in regions} == {top, top + CARD_HEIGHT + 1}
        else:  # the card left, and the lane's header line that marks the empty cell
            assert heights[-1] == CARD_HEIGHT and heights[:-1] and set(heights[:-1]) == {1}
            lane_row = grid.view.lane_top[spot.lane] + 1 - offset.y
            assert {r.y for r in regions if r.height == 1} <= {lane_row, 1}


async def test_cached_lines_look_like_freshly_painted_ones_after_moves_and_scrolls(
    sample: Path, make_app: AppFactory
) -> None:
    app = make_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = app.screen.query_one(BoardGrid)
        for key in ("j", "j", "l", "l", "j", "pagedown", "k", "h", "right_square_bracket", "k"):
            await pilot.press(key)
            await pilot.pause()
            shown = painted(grid)
            grid._lines.clear()
            grid._cache.clear()
            assert painted(grid) == shown, key
