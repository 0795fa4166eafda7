"""Pilot tests and snapshots of the dependency graph screen (`g` from the board).

Update the snapshots after a deliberate change: ``.venv/bin/pytest tests/ui/test_graph_screen.py
--snapshot-update``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pipeline_kit import pipeline_cards
from textual.pilot import Pilot
from textual.widgets import Input

from mlboard.drawing.geometry import Direction
from mlboard.models import Blocker, BlockerKind, Board, Card, Category, Sprint
from mlboard.package_data import sample_board
from mlboard.planning.collapse import neighbourhood
from mlboard.planning.graph import dependency_graph
from mlboard.planning.picture import card_pictures
from mlboard.services import cards
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.graph.compass import Compass
from mlboard.ui.graph.screen import GraphScreen
from mlboard.ui.graph.view import GraphView
from mlboard.ui.modals.card_modal import CardModal
from mlboard.ui.modals.help import HelpModal
from mlboard.ui.screens.board import BoardScreen

AppFactory = Callable[..., MlboardApp]
Snap = Callable[..., bool]
SIZE = (120, 40)
T0 = datetime(2026, 11, 2, tzinfo=UTC)

STAGES = (Category.DATA, Category.ENGINEERING, Category.EXPERIMENT, Category.TECH_DEBT)
COLUMNS = ("backlog", "todo", "doing", "review", "done")


def card(number: int, title: str, category: str, status: str, **extra: Any) -> Card:
    fields = {"title": title, "category": category, "status": status, "created_at": T0}
    return Card.model_validate({"id": f"ML-{number}", **fields, **extra})


def write(path: Path, made: list[Card], sprints: tuple[Sprint, ...] = ()) -> Path:
    board = Board(
        name="pipeline",
        key="ML",
        sprints=sprints,
        cards={c.id: c for c in made},
        next_number=len(made) + 1,
    )
    BoardRepository(path).create(board)
    return path


def write_pipeline(path: Path, *, blocked: bool = True) -> Path:
    """The 12-card pipeline (tests/pipeline_kit.py), ML-3 blocked unless `blocked` is off."""
    sprint = Sprint(id="S1", name="Sprint 1", start=date(2026, 11, 2), end=date(2026, 11, 13))
    return write(path, pipeline_cards(T0, blocked=blocked), (sprint,))


@pytest.fixture
def pipeline_path(tmp_path: Path) -> Path:
    return write_pipeline(tmp_path / "mlboard.json")


def write_big(path: Path) -> Path:
    """240 cards in four stages, each depending on one or two earlier cards; a few blocked."""
    blocker = Blocker(kind=BlockerKind.COMPUTE, note="GPU queue", since=T0)
    made = []
    for n in range(1, 241):
        stage = (n - 1) * 4 // 240
        deps = sorted({f"ML-{d}" for d in (n - 1, n - 7 - n % 5) if d >= 1})
        made.append(
            card(
                n,
                f"Task {n}",
                STAGES[stage].value,
                COLUMNS[n % 5],
                points=1 + n % 3,
                depends_on=tuple(deps),
                blockers=(blocker,) if n % 37 == 0 else (),
            )
        )
    return write(path, made)


@pytest.fixture
def big_path(tmp_path: Path) -> Path:
    return write_big(tmp_path / "mlboard.json")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for layouts and saves, then for the screen to take their results."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_graph(pilot: Pilot[Any], focus: str | None = None) -> GraphScreen:
    await pilot.press("g")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GraphScreen)
    if focus is not None:
        screen.view.focus_node(focus)
        await pilot.pause()
    return screen


def boxes(screen: GraphScreen) -> set[str]:
    assert screen.scene is not None
    return set(screen.scene.picture.layout.boxes)


def header(screen: GraphScreen) -> str:
    return str(screen.query_one("#graph-header").render())


async def test_arrows_and_hjkl_go_to_the_nearest_box(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-6")
        assert screen.scene is not None
        layout = screen.scene.picture.layout
        moves: list[tuple[str, str, Direction]] = [
            ("down", "j", "down"),
            ("up", "k", "up"),
            ("left", "h", "left"),
            ("right", "l", "right"),
        ]
        for key, vim, direction in moves:
            for press in (key, vim):
                screen.view.focus_node("ML-8")
                await pilot.press(press)
                assert screen.view.focused == layout.nearest("ML-8", direction)
        screen.view.focus_node("ML-6")
        await pilot.press("k")
        assert screen.view.focused == "ML-5"
        await pilot.press("j", "j")
        assert screen.view.focused in {"ML-7", "ML-8"}


@pytest.mark.parametrize("name", ["pipeline", "big", "sample"])
def test_compass_answers_as_the_layout_does(name: str, tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    if name == "sample":
        path = sample_board("scrum")
    else:
        (write_pipeline if name == "pipeline" else write_big)(path)
    layout = next(card_pictures(BoardRepository(path).load().board)).layout
    compass = Compass(layout)
    directions: tuple[Direction, ...] = ("up", "down", "left", "right")
    for node in layout.boxes:
        for direction in directions:
            assert compass.nearest(node, direction) == layout.nearest(node, direction)


async def test_brackets_follow_edges_and_come_back(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-10")
        await pilot.press("left_square_bracket")
        dependency = screen.view.focused
        assert dependency in {"ML-4", "ML-5", "ML-8"}
        await pilot.press("right_square_bracket")  # back the way it came
        assert screen.view.focused == "ML-10"
        await pilot.press("right_square_bracket")
        assert screen.view.focused == "ML-12"
        await pilot.press("right_square_bracket")  # ML-12 has no dependents: stays
        assert screen.view.focused == "ML-12"
        await pilot.press("left_square_bracket")
        assert screen.view.focused == "ML-10"


async def test_graph_keys_are_remappable(
    pipeline_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    (private_config / "keys.toml").write_text('"graph.follow-dependency" = "u"\n')
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-6")
        await pilot.press("u")
        assert screen.view.focused == "ML-5"


async def test_enter_opens_the_card_and_saves_an_edit(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_graph(pilot, "ML-5")
        await pilot.press("enter")
        modal = app.screen
        assert isinstance(modal, CardModal)
        assert modal.heading == "ML-5"
        modal.query_one("#f-title", Input).value = "Clean and dedupe dataset"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GraphScreen)
        saved = BoardRepository(pipeline_path).load().board.cards["ML-5"]
        assert saved.title == "Clean and dedupe dataset"


async def test_mouse_focuses_and_double_click_opens(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-1")
        assert screen.scene is not None
        box = screen.scene.picture.layout.boxes["ML-4"]
        x, y = screen.view.origin
        offset = (box.x + x + 3, box.y + y + 1)
        await pilot.click(GraphView, offset=offset)
        assert screen.view.focused == "ML-4"
        await pilot.click(GraphView, offset=offset, times=2)
        assert isinstance(app.screen, CardModal)


async def test_shift_keys_move_the_card_and_the_picture_keeps_its_shape(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-5")
        assert screen.scene is not None
        before, graph = screen.scene.picture.layout.orders, screen.scene.graph
        await pilot.press("L")
        await settle(pilot)
        assert BoardRepository(pipeline_path).load().board.cards["ML-5"].status == "doing"
        assert screen.scene.board.cards["ML-5"].status == "doing"
        assert screen.scene.picture.layout.orders == before
        assert screen.scene.graph is graph  # same dependencies: the graph is reused
        assert screen.view.focused == "ML-5"
        await pilot.press("H", "H")
        await settle(pilot)
        assert BoardRepository(pipeline_path).load().board.cards["ML-5"].status == "backlog"
        await pilot.press("escape")  # the board shows the move too
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.grid.view.board.cards["ML-5"].status == "backlog"


async def test_category_and_sprint_filters(pipeline_path: Path, make_app: AppFactory) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert boxes(screen) == {"ML-1", "ML-2", "ML-3", "ML-5"}
        assert "#data" in header(screen)
        await pilot.press("c")
        await settle(pilot)
        assert boxes(screen) == {"ML-7", "ML-8", "ML-9", "ML-11"}
        await pilot.press("backspace")  # clears the filters
        await settle(pilot)
        assert len(boxes(screen)) == 12
        await pilot.press("s")
        await settle(pilot)
        assert boxes(screen) == {f"ML-{n}" for n in range(1, 9)}
        assert "sprint S1" in header(screen)
        await pilot.press("s")  # no sprint: the product backlog
        await settle(pilot)
        assert boxes(screen) == {"ML-9", "ML-10", "ML-11", "ML-12"}


async def test_neighbourhood_grows_shrinks_and_goes_back(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-6")
        full = screen.scene
        graph = dependency_graph(BoardRepository(pipeline_path).load().board)
        await pilot.press("n")
        await settle(pilot)
        assert boxes(screen) == set(neighbourhood(graph, "ML-6", 2))
        assert "around ML-6 ±2" in header(screen)
        await pilot.press("minus")
        await settle(pilot)
        assert boxes(screen) == {"ML-5", "ML-6", "ML-7", "ML-8"}
        await pilot.press("plus", "plus")
        await settle(pilot)
        assert boxes(screen) == set(neighbourhood(graph, "ML-6", 3))
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.scene is full  # the view left behind, not laid out again
        assert screen.view.focused == "ML-6"


async def test_big_board_opens_collapsed_and_zooms_in_and_out(
    big_path: Path, make_app: AppFactory
) -> None:
    app = make_app(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot)
        assert boxes(screen) == {c.value for c in STAGES}
        assert "240 cards in 4 groups" in header(screen)
        screen.view.focus_node("engineering")
        await pilot.press("enter")
        await settle(pilot)
        shown = boxes(screen)
        assert len(shown) == 60
        assert all(61 <= int(n.split("-")[1]) <= 120 for n in shown)
        await pilot.press("L")  # a card, not a group: it moves
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert boxes(screen) == {c.value for c in STAGES}
        assert screen.view.focused == "engineering"
        await pilot.press("z")  # every card, flat
        await settle(pilot)
        assert len(boxes(screen)) == 240
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_nothing_to_draw(tmp_path: Path, make_app: AppFactory) -> None:
    app = make_app(write(tmp_path / "mlboard.json", []))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot)
        assert screen.view.picture is None
        assert "0 cards" in header(screen)
        await pilot.press("j", "left_square_bracket", "enter", "L", "n", "c")
        await settle(pilot)
        assert screen.view.focused is None


async def test_palette_runs_graph_actions_and_shows_cards(
    big_path: Path, make_app: AppFactory
) -> None:
    app = make_app(big_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot)
        await pilot.press("ctrl+p", *"graph: Category")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.chosen.category is Category.DATA
        await pilot.press("backspace")
        await settle(pilot)
        screen.show_card("ML-70")  # what the palette's card hit runs
        await settle(pilot)
        assert screen.chosen.group == "engineering"
        assert screen.view.focused == "ML-70"


async def test_escape_g_help_and_live_reload(pipeline_path: Path, make_app: AppFactory) -> None:
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot, "ML-7")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        ids = {row[2] for row in app.screen.keys}
        assert {"graph.follow-dependency", "graph.move-left", "graph.show-neighbourhood"} <= ids
        await pilot.press("escape")
        other = BoardService.open(pipeline_path)
        other.do(cards.move_card, "ML-7", "review")
        for _ in range(40):  # the graph screen's own reload timer (the board's waits below it)
            await asyncio.sleep(0.05)
            await settle(pilot)
            if screen.scene and screen.scene.board.cards["ML-7"].status == "review":
                break
        assert screen.scene is not None
        assert screen.scene.board.cards["ML-7"].status == "review"
        assert screen.view.focused == "ML-7"
        await pilot.press("g")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GraphScreen)


async def open_for_snapshot(pilot: Pilot[Any], focus: str | None = None) -> None:
    await open_graph(pilot, focus)
    await settle(pilot)


def test_snapshot_pipeline(snap_compare: Snap, pipeline_path: Path, make_app: AppFactory) -> None:
    assert snap_compare(make_app(pipeline_path), terminal_size=SIZE, run_before=open_for_snapshot)


def test_snapshot_critical_path_focused(
    snap_compare: Snap, tmp_path: Path, make_app: AppFactory
) -> None:
    """Nothing blocked: the critical path stands out; the focus is on one of its cards."""

    async def run(pilot: Pilot[Any]) -> None:
        await open_for_snapshot(pilot, "ML-6")

    app = make_app(write_pipeline(tmp_path / "mlboard.json", blocked=False))
    assert snap_compare(app, terminal_size=(100, 30), run_before=run)


def test_snapshot_collapsed(snap_compare: Snap, big_path: Path, make_app: AppFactory) -> None:
    assert snap_compare(make_app(big_path), terminal_size=(100, 30), run_before=open_for_snapshot)


def test_snapshot_80x24(snap_compare: Snap, pipeline_path: Path, make_app: AppFactory) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await open_for_snapshot(pilot, "ML-3")

    assert snap_compare(make_app(pipeline_path), terminal_size=(80, 24), run_before=run)


async def test_escape_closes_the_graph_even_inside_a_filter(
    pipeline_path: Path, make_app: AppFactory
) -> None:
    """Issue 11: esc leaves the screen; backspace steps back a filter."""
    app = make_app(pipeline_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_graph(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert screen.chosen.category is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
