"""The graph's first view fits the terminal, and the focused box is never cut (issue 11).

Checked on what the view renders: every card label on screen sits whole between its box's
borders, and every box in the rows shown lies inside the view's columns.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pipeline_kit import pipeline_cards
from textual.pilot import Pilot

from mlboard.models import Board, Sprint
from mlboard.package_data import sample_board
from mlboard.planning.picture import card_pictures
from mlboard.planning.zoom import Zoom
from mlboard.services import cards
from mlboard.services.session import bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.graph.screen import RESIZE_SECONDS, GraphScreen
from mlboard.ui.graph.view import GraphView

T0 = datetime(2026, 11, 2, tzinfo=UTC)
AppFactory = Callable[..., MlboardApp]
Snap = Callable[..., bool]
CARD_ID = re.compile(r"[A-Z]+-\d+")
BORDERS = "│┃"


@pytest.fixture
def scrum_path(tmp_path: Path) -> Path:
    """A copy of the 56-card sample board."""
    return Path(shutil.copy(sample_board("scrum"), tmp_path / "mlboard.json"))


@pytest.fixture
def kanban_path(tmp_path: Path) -> Path:
    return Path(shutil.copy(sample_board("kanban"), tmp_path / "mlboard.json"))


async def open_graph(pilot: Pilot[Any]) -> GraphScreen:
    await pilot.press("g")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GraphScreen)
    assert screen.scene is not None
    return screen


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rendered(view: GraphView) -> list[str]:
    region = view.scrollable_content_region
    return [view.render_line(y).text for y in range(region.height)]


def cut_labels(lines: list[str]) -> list[str]:
    """Card labels on screen not whole between two borders: `│ ✔ TR-7 Title… │`."""
    cut = []
    for line in lines:
        for found in CARD_ID.finditer(line):
            left = line[max(0, found.start() - 4) : found.start()]
            right = line[found.end() :]
            if len(left) < 4 or left[0] not in BORDERS or not re.match(r"[^│┃]*[│┃]", right):
                cut.append(line.strip())
    return cut


def boxes_cut(view: GraphView) -> list[str]:
    """Boxes in the rows shown that stick out of the view's left or right edge."""
    assert view.picture is not None
    left, top = view.origin
    region = view.scrollable_content_region
    return [
        node
        for node, box in view.picture.layout.boxes.items()
        if top + box.y < region.height
        and top + box.y + box.h > 0
        and (left + box.x < 0 or left + box.x + box.w > region.width)
    ]


def focus_whole(view: GraphView) -> bool:
    assert view.picture is not None and view.focused is not None
    box = view.picture.layout.boxes[view.focused]
    left, top = view.origin
    region = view.scrollable_content_region
    return (
        left + box.x >= 0
        and left + box.x + box.w <= region.width
        and top + box.y >= 0
        and top + box.y + box.h <= region.height
    )


def header(screen: GraphScreen) -> str:
    return str(screen.query_one("#graph-header").render())


@pytest.mark.parametrize(
    ("size", "zoom"), [((120, 36), Zoom.IDS), ((80, 24), Zoom.GROUPS), ((200, 50), Zoom.IDS)]
)
async def test_the_first_view_fits_the_terminal(
    scrum_path: Path, make_app: AppFactory, size: tuple[int, int], zoom: Zoom
) -> None:
    """The 56-card sample opened cut boxes at the left edge at 120×36 before."""
    app = make_app(scrum_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_graph(pilot)
        assert screen.scene is not None and screen.scene.zoom is zoom
        assert f"[{zoom}]" in header(screen)
        view = screen.view
        assert view.virtual_size.width <= view.scrollable_content_region.width  # no side scroll
        lines = rendered(view)
        assert cut_labels(lines) == []
        assert boxes_cut(view) == []
        assert focus_whole(view)
        if zoom is not Zoom.GROUPS:
            assert sum(len(CARD_ID.findall(line)) for line in lines) >= 20


async def test_kanban_sample_fits_too(kanban_path: Path, make_app: AppFactory) -> None:
    app = make_app(kanban_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_graph(pilot)
        assert screen.scene is not None and screen.scene.zoom is Zoom.IDS
        assert cut_labels(rendered(screen.view)) == []
        assert boxes_cut(screen.view) == []


@pytest.mark.slow
async def test_the_focused_box_stays_whole_as_the_focus_moves(
    scrum_path: Path, make_app: AppFactory
) -> None:
    app = make_app(scrum_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_graph(pilot)
        await pilot.press("Z")  # titles: wider than the view, so it scrolls sideways
        await settle(pilot)
        assert screen.scene is not None and screen.scene.zoom is Zoom.TITLES
        seen = {screen.view.focused}
        for key in "kkkkllllljjjjhhhhhhhkkllll]][[jjjlllllhhhh":
            await pilot.press(key)
            assert focus_whole(screen.view), (key, screen.view.focused)
            assert screen.view.focused not in cut_labels(rendered(screen.view))
            seen.add(screen.view.focused)
        assert len(seen) > 10


async def test_zoom_keys_step_through_the_levels(scrum_path: Path, make_app: AppFactory) -> None:
    app = make_app(scrum_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_graph(pilot)
        card = screen.view.focused
        expected = [Zoom.GROUPS, Zoom.TITLES, Zoom.IDS, Zoom.GROUPS]
        for key, zoom in zip("zzzz", expected, strict=True):
            await pilot.press(key)
            await settle(pilot)
            assert screen.scene is not None and screen.scene.zoom is zoom
            assert f"[{zoom}]" in header(screen)
            assert focus_whole(screen.view)
        await pilot.press("Z")  # back in: the cards, the focus on one of the group's
        await settle(pilot)
        assert screen.scene is not None and screen.scene.zoom is Zoom.IDS
        assert screen.view.focused is not None and screen.view.focused.startswith("TR-")
        screen.view.focus_node(card)
        await pilot.press("n")  # a neighbourhood keeps the level; it has no groups
        await settle(pilot)
        assert screen.scene.zoom is Zoom.IDS
        await pilot.press("z")
        await settle(pilot)
        assert screen.scene.zoom is Zoom.TITLES
        assert "[titles] ids ·" in header(screen)


async def test_a_resized_terminal_gets_the_level_that_fits(
    scrum_path: Path, make_app: AppFactory
) -> None:
    app = make_app(scrum_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_graph(pilot)
        assert screen.scene is not None and screen.scene.zoom is Zoom.IDS
        await pilot.resize_terminal(80, 24)
        for _ in range(20):
            await asyncio.sleep(RESIZE_SECONDS / 2)
            await settle(pilot)
            if screen.scene.zoom is Zoom.GROUPS:
                break
        assert screen.scene.zoom is Zoom.GROUPS
        assert boxes_cut(screen.view) == []


async def test_an_edit_keeps_the_level_the_view_opened_on(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """The 12-card pipeline in a view just wide enough for its titles: a longer title would
    not fit, yet the view stays on titles instead of switching under the user."""
    sprint = Sprint(id="S1", name="Sprint 1", start=date(2026, 11, 2), end=date(2026, 11, 13))
    made = {c.id: c for c in pipeline_cards(T0)}
    board = Board(name="pipeline", key="ML", sprints=(sprint,), cards=made, next_number=13)
    BoardRepository(tmp_path / "mlboard.json").create(board)
    width = next(card_pictures(board)).layout.width
    app = make_app(tmp_path / "mlboard.json")
    async with app.run_test(size=(width + 1, 40)) as pilot:
        screen = await open_graph(pilot)
        assert screen.scene is not None and screen.scene.zoom is Zoom.TITLES
        screen.apply("edit", bind(cards.edit_card, "ML-3", title="Validate the data schema twice"))
        await settle(pilot)
        assert next(card_pictures(screen.service.board)).layout.width > width  # titles fit no more
        assert screen.scene.board is screen.service.board
        assert screen.scene.zoom is Zoom.TITLES
        await pilot.press("z")  # the level is still the user's to change
        await settle(pilot)
        assert screen.scene.zoom is Zoom.IDS


def test_snapshot_first_view_of_the_sample(
    snap_compare: Snap, scrum_path: Path, make_app: AppFactory
) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await open_graph(pilot)

    assert snap_compare(make_app(scrum_path), terminal_size=(120, 36), run_before=run)
