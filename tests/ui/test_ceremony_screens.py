"""The planning, standup, review and retro screens (`p`, `s`, `r`, `R`) on the sample board."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Select, Static
from textual.worker import WorkerCancelled

from mlboard.package_data import sample_board
from mlboard.planning import reports
from mlboard.services import cards
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.ceremony import CeremonyScreen

# the sample board's history ends on 2026-11-26 (a Thursday) in the middle of sprint S6
SAMPLE_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SIZE = (120, 40)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    copy = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board("scrum"), copy)
    return copy


def app_on(path: Path) -> MlboardApp:
    app = MlboardApp(BoardService.open(path, FixedClock(SAMPLE_NOW)))
    app.animation_level = "none"
    return app


async def settle(app: MlboardApp) -> CeremonyScreen:
    while True:
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:  # superseded by a newer one (exclusive workers): wait for it
            continue
    screen = app.screen
    assert isinstance(screen, CeremonyScreen)
    return screen


def header(screen: CeremonyScreen) -> str:
    return str(screen.query_one("#report-header", Static).render())


def shown(screen: CeremonyScreen) -> str:
    return screen.query_one("#report", Markdown).source


@pytest.mark.parametrize(
    ("key", "title", "render"),
    [
        ("s", "Standup", reports.render_standup_text),
        ("r", "Sprint review", reports.render_review_text),
        ("R", "Retrospective", reports.render_retro_text),
    ],
)
async def test_each_key_opens_its_report_as_the_cli_prints_it(
    sample: Path, key: str, title: str, render: object
) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = await settle(app)
        await pilot.pause()
        assert header(screen).startswith(title)
        assert shown(screen) not in ("", "Computing…")
        await pilot.press("escape")
        assert type(app.screen).__name__ == "BoardScreen"


async def test_review_steps_through_sprints_and_shows_the_trend(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        screen = await settle(app)
        await pilot.pause()
        assert "S6" in header(screen)
        assert "tested" in shown(screen)
        await pilot.press("left_square_bracket")
        await settle(app)
        await pilot.pause()
        assert "S5" in header(screen)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(app)
        await pilot.pause()
        assert "S7" in header(screen)  # the planned sprint is the last one


async def test_standup_steps_back_a_working_day(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = await settle(app)
        await pilot.pause()
        assert "0.907 → 0.911" in shown(screen)
        await pilot.press("left")
        await settle(app)
        await pilot.pause()
        assert screen.day is not None and screen.day.isoformat() == "2026-11-25"
        assert "2026-11-25" in header(screen)


async def test_a_change_elsewhere_is_shown(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = await settle(app)
        other = BoardService.open(sample, FixedClock(SAMPLE_NOW - timedelta(minutes=5)))
        other.do(cards.log_metrics, "TR-43", {"accuracy": 0.95})
        for _ in range(30):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if "0.911 → 0.95 (+0.039), 2 runs" in shown(screen):
                break
        assert "0.911 → 0.95 (+0.039), 2 runs" in shown(screen)  # first → last (issue 9)


async def test_flow_shows_wip_aging_and_cycle_time_without_steps(tmp_path: Path) -> None:
    copy = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board("kanban"), copy)
    app = app_on(copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        screen = await settle(app)
        await pilot.pause()
        assert header(screen) == "Flow · last 30 days · 1 column over its limit"
        text = shown(screen)
        assert "## Aging" in text and "## Cycle time" in text and "## Cumulative flow" in text
        await pilot.press("left", "a")  # neither steps nor notes here
        assert app.screen is screen and screen.sprint is None and screen.day is None
        assert screen.check_action("step", (-1,)) is False


async def test_a_standup_note_is_added_saved_and_shown(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = await settle(app)
        await pilot.press("a")
        form = app.screen
        assert type(form).__name__ == "PromptModal"
        await pilot.press("enter")  # no text yet: refused in the form
        assert app.screen is form and "empty" in str(form.query_one("#error").render())
        person = str(form.query_one("#f-person", Select).value)
        form.query_one("#f-text", Input).value = "pairing on the triage threshold"
        await pilot.press("enter")
        await settle(app)
        await pilot.pause()
        assert "pairing on the triage threshold" in shown(screen)
        notes = BoardRepository(sample).load().board.standup_notes
        assert (notes[-1].person, notes[-1].kind, notes[-1].day.isoformat()) == (
            person,
            "today",
            "2026-11-26",
        )


async def test_a_retro_note_goes_on_the_sprint_shown(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        screen = await settle(app)
        await pilot.press("left")  # the sprint before the one shown first
        await settle(app)
        sprint = screen.sprint
        await pilot.press("a")
        form = app.screen
        form.query_one("#f-kind", Select).value = "action"
        form.query_one("#f-text", Input).value = "book the labelling vendor a sprint ahead"
        form.query_one("#f-card", Input).value = "tr-99"
        await pilot.press("ctrl+s")
        assert app.screen is form and "TR-99" in str(form.query_one("#error").render())
        form.query_one("#f-card", Input).value = "tr-50"
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert "book the labelling vendor a sprint ahead" in shown(screen)
        note = BoardRepository(sample).load().board.retro_notes[-1]
        assert (note.sprint, note.kind, note.card) == (sprint, "action", "TR-50")


async def test_review_has_no_note_key(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("r",):
            await pilot.press(key)
            screen = await settle(app)
            await pilot.press("a")
            assert app.screen is screen
            await pilot.press("escape")


Snap = Callable[..., bool]


def opening(key: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(("key", "size"), [("r", (120, 40)), ("p", (120, 40)), ("s", (80, 24))])
def test_snapshot(snap_compare: Snap, sample: Path, key: str, size: tuple[int, int]) -> None:
    assert snap_compare(app_on(sample), terminal_size=size, run_before=opening(key))


@pytest.mark.parametrize("name", sorted(reports.REPORTS))
async def test_every_registered_report_reads_the_same_on_the_screen_and_the_command_line(
    sample: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One registry under both front ends: the screen of a report shows, word for word,
    the Markdown `mlboard NAME` prints, headed by the entry's title."""
    from mlboard.cli import main
    from mlboard.cli.context import Context

    kind = reports.REPORTS[name]
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(CeremonyScreen(name, app.service))
        screen = await settle(app)
        await pilot.pause()
        on_screen, heading = shown(screen), header(screen)
    status = main(["--board", str(sample), name], Context(sample, clock=FixedClock(SAMPLE_NOW)))
    printed = capsys.readouterr().out
    assert status == (1 if name == "plan" else 0)  # the sample's planned sprint has errors
    assert on_screen == printed.removesuffix("\n") and on_screen.startswith("# ")
    assert heading.startswith(kind.title) and len(heading.split(" · ")) > 1


async def test_a_report_that_lands_after_the_screen_closed_is_dropped(sample: Path) -> None:
    """The report comes back from its worker as a value (`Computed`): one finishing just
    after `esc` closed the screen must not look for the screen's widgets."""
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = await settle(app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        screen._show(app.service.board, None, "late", [])  # raised NoMatches
        assert app.is_running
