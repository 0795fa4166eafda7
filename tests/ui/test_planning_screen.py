"""Sprint planning (`p` in Scrum mode): commit and remove cards, plan, start and close sprints."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input, Select, Static

from mlboard.models import Board, Card, EventKind, Sprint
from mlboard.package_data import sample_board
from mlboard.planning import reports
from mlboard.services import sprints
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.hints import hint_text
from mlboard.ui.screens import following
from mlboard.ui.screens.ceremony import CeremonyScreen
from mlboard.ui.screens.planning import PlanningScreen, backlog_ids, sprint_ids
from mlboard.ui.widgets.plan_table import PlanTable

SAMPLE_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # mid sprint S6; S7 is planned
SIZE = (120, 40)


def copy_of(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board(name), path)
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_of(tmp_path, "scrum")


def app_on(path: Path) -> MlboardApp:
    app = MlboardApp(BoardService.open(path, FixedClock(SAMPLE_NOW)))
    app.animation_level = "none"
    return app


async def opened(app: MlboardApp, pilot: object) -> PlanningScreen:
    await pilot.press("p")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, PlanningScreen)
    return screen


def rows(screen: PlanningScreen, name: str) -> list[str]:
    return screen.query_one(f"#{name}", PlanTable).row_ids


def on_file(path: Path, card_id: str) -> str | None:
    return BoardRepository(path).load().board.cards[card_id].sprint


async def test_backlog_beside_the_planned_sprint_and_the_check_in_the_header(
    sample: Path,
) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        board = BoardRepository(sample).load().board
        assert rows(screen, "backlog") == backlog_ids(board)
        assert rows(screen, "sprint") == sprint_ids(board, board.sprint("S7"))
        report = reports.plan_report(board, None, SAMPLE_NOW, hint_text)  # in the TUI's words
        errors = sum(1 for f in report.findings if f.severity == "error")
        header = str(screen.query_one("#plan-header", Static).render())
        assert header.startswith("Planning · S7") and f"{errors} errors" in header
        assert screen.query_one("#plan-header").has_class("-errors")
        findings = str(screen.query_one("#findings-text", Static).render())
        assert all(f.message in findings for f in report.findings)


async def test_enter_commits_a_backlog_card_and_takes_a_sprint_card_out(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        first = rows(screen, "backlog")[0]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert first in rows(screen, "sprint") and first not in rows(screen, "backlog")
        assert on_file(sample, first) == "S7"
        await pilot.press("tab")
        table = screen.query_one("#sprint", PlanTable)
        assert screen.focused is table
        table.move_cursor(row=table.get_row_index(first))
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert first in rows(screen, "backlog") and first not in rows(screen, "sprint")
        assert rows(screen, "backlog") == sorted(rows(screen, "backlog"), key=lambda i: int(i[3:]))
        assert on_file(sample, first) is None


async def test_close_start_and_plan_the_next_sprint(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        board = BoardRepository(sample).load().board
        research = [
            c.id
            for c in board.cards.values()
            if c.sprint == "S6" and c.is_experiment and not board.is_done(c)
        ]
        assert research, "the sample's active sprint has research stories in flight"
        await pilot.press("S")  # S6 is still active: S7 cannot start, no question asked
        await pilot.pause()
        assert app.screen is screen
        assert BoardRepository(sample).load().board.sprint("S7").state.value == "planned"
        await pilot.press("C")
        form = app.screen
        form.query_one(f"#f-note-{research[0]}", Input).value = "needs the November holdout"
        form.query_one("#f-carry_to", Select).value = "backlog"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        board = BoardRepository(sample).load().board
        assert board.sprint("S6").snapshot is not None
        assert board.cards[research[0]].sprint == "S7"  # research always carries over
        carried = [e for e in board.events if e.kind is EventKind.CARRIED]
        assert carried[-len(research) :][0].note == "needs the November holdout"
        await pilot.press("S")
        assert "Start S7" in str(app.screen.query_one(".question").render())
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert BoardRepository(sample).load().board.sprint("S7").state.value == "active"
        await pilot.press("N")
        form = app.screen
        form.query_one("#f-days", Input).value = "ten"
        await pilot.press("ctrl+s")
        assert app.screen is form and "ten" in str(form.query_one("#error").render())
        form.query_one("#f-days", Input).value = "10"
        form.query_one("#f-name", Input).value = "Multilingual"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        s8 = BoardRepository(sample).load().board.sprint("S8")
        assert s8.name == "Multilingual" and (s8.end - s8.start).days == 9
        assert rows(screen, "sprint") == []  # the new planned sprint is the one shown


async def test_kanban_boards_get_the_check_of_work_in_flight(tmp_path: Path) -> None:
    app = app_on(copy_of(tmp_path, "kanban"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, CeremonyScreen) and app.screen.kind.name == "plan"


async def test_the_tables_draw_only_the_rows_in_sight(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the screen and a commit draw the rows in sight, never a table's worth of
    rows: the cost stays the same on 10,000 backlog cards."""
    app = app_on(sample)
    async with app.run_test(size=(120, 12)) as pilot:
        screen = await opened(app, pilot)
        table = screen.query_one("#backlog", PlanTable)
        assert table.row_count > table.size.height  # more rows than lines
        drawn: list[int] = []
        real = PlanTable.render_line

        def counting(self: PlanTable, y: int) -> object:
            drawn.append(y)
            return real(self, y)

        monkeypatch.setattr(PlanTable, "render_line", counting)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert drawn and max(drawn) < table.size.height
        assert len(rows(screen, "sprint")) == 4 + 1


async def test_workers_never_repr_the_board(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual names a worker after the repr of its arguments unless given a description:
    on 10,000 cards that repr took 0.6 s of every key that started a report."""
    from mlboard.models import Board

    calls: list[int] = []
    monkeypatch.setattr(Board, "__repr__", lambda self: calls.append(1) or "Board(…)")
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("p", "enter", "escape", "s", "escape", "r", "escape", "f", "escape", "g"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
        await pilot.pause()
    assert calls == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("days", "²"), ("days", "99999999"), ("start", "9999-12-25"), ("measure", "acc>1e999")],
)
async def test_odd_values_in_the_new_sprint_form_are_refused_in_the_form(
    tmp_path: Path, field: str, value: str
) -> None:
    path = copy_of(tmp_path, "scrum")
    service = BoardService.open(path, FixedClock(SAMPLE_NOW))
    service.do(sprints.close_sprint)
    service.do(sprints.start_sprint)  # S7 active, none planned: N may plan S8
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("N")
        form = app.screen
        form.query_one(f"#f-{field}", Input).value = value
        await pilot.press("ctrl+s")
        assert app.screen is form and str(form.query_one("#error").render())


async def test_the_cursor_stays_on_its_card_when_rows_above_it_go(sample: Path) -> None:
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        table = screen.query_one("#backlog", PlanTable)
        third = rows(screen, "backlog")[2]
        table.move_cursor(row=2)
        other = BoardService.open(sample, FixedClock(SAMPLE_NOW))
        other.do(sprints.commit_cards, rows(screen, "backlog")[:1])  # a row above the cursor
        for _ in range(30):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if len(rows(screen, "backlog")) == 6:
                break
        assert screen._cursor_id(table) == third


@pytest.mark.parametrize(("opening", "change"), [("p", "enter"), ("g", "L")])
async def test_a_failed_save_is_reported_once_on_the_screen_that_made_the_change(
    sample: Path, monkeypatch: pytest.MonkeyPatch, opening: str, change: str
) -> None:
    """The planning and graph screens share their saving (FollowingScreen)."""
    app = app_on(sample)

    def failing() -> None:
        raise OSError("disk full")

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(opening)
        await app.workers.wait_for_complete()
        await pilot.pause()
        monkeypatch.setattr(app.service, "flush", failing)
        await pilot.press(change)
        await app.workers.wait_for_complete()
        await pilot.pause()
        problems = [n.message for n in app._notifications if "Not saved" in n.message]
        assert len(problems) == 1 and "disk full" in problems[0], problems


async def test_vim_keys_and_panes_are_reachable_and_said(sample: Path) -> None:
    """`j`/`k` move the row, `l`/`h` and `tab` change list, and the key bar says so."""
    from mlboard.ui.keymap import key_table
    from mlboard.ui.widgets.key_bar import KeyBar

    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        backlog = screen.query_one("#backlog", PlanTable)
        await pilot.press("j", "j", "k")
        assert backlog.cursor_row == 1
        shown = [strip.text for strip in screen._compositor.render_strips()]
        for table in screen.query(PlanTable):  # repaint everything from scratch
            table._lines.clear()
            table._styles_cache.clear()
        assert [strip.text for strip in screen._compositor.render_strips()] == shown
        await pilot.press("l")
        assert screen.focused is screen.query_one("#sprint", PlanTable)
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#findings")
        await pilot.press("tab")
        assert screen.focused is backlog
        await pilot.press("h")
        assert screen.focused is backlog
        bar = str(screen.query_one(KeyBar).render())
        assert "tab Next list" in bar and "⏎ space Commit / remove" in bar
        help_keys = {description: keys for keys, description, _ in key_table(screen)}
        assert help_keys["Commit / remove"] == "⏎ space"
        assert "j" in help_keys["Down"].split() and "k" in help_keys["Up"].split()


async def test_patched_tables_show_what_a_fresh_fill_shows(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commits patch the tables (one row out, one in): the committed cards' rows stay,
    struck out, and the cursor goes on to the next card, so quick commits take the cards one
    after the other; at the pause the rows go, and the tables show what a fresh fill of
    both shows: same rows, same order, the cursor on the row under the committed cards."""
    monkeypatch.setattr(following, "PAUSE_SECONDS", 0.3)
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        backlog = screen.query_one("#backlog", PlanTable)
        await pilot.press("j")
        second, third, fourth = rows(screen, "backlog")[1:4]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert second not in rows(screen, "backlog") and third not in rows(screen, "backlog")
        assert backlog.cursor_row == 3 and backlog.cursor_id == fourth  # nothing slid
        lines = [strip.text for strip in screen._compositor.render_strips()]
        assert any(second in line for line in lines)  # still drawn, struck out
        await pilot.press("k")  # the cursor skips the struck-out rows
        assert backlog.cursor_row == 0
        await pilot.press("j", "l", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)  # the pause: the rows go
        await pilot.pause()
        board = app.service.board
        assert rows(screen, "backlog") == backlog_ids(board)
        assert rows(screen, "sprint") == sprint_ids(board, board.sprint("S7"))
        assert second not in rows(screen, "backlog") and third not in rows(screen, "backlog")
        assert backlog.cursor_row == 1 and backlog.cursor_id == fourth
        shown = [strip.text for strip in screen._compositor.render_strips()]
        for table in screen.query(PlanTable):  # repaint everything from scratch
            table._lines.clear()
            table._styles_cache.clear()
        assert [strip.text for strip in screen._compositor.render_strips()] == shown
        assert "Backlog · " + str(len(backlog_ids(board))) + " cards" in str(
            screen.query_one("#backlog-title").render()
        )


def backlog_board(path: Path, count: int) -> Path:
    """`count` backlog cards of varied width and a planned sprint holding the first three."""
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    made = {
        f"ML-{n}": Card(
            id=f"ML-{n}",
            title=f"Story {n} {'x' * (n % 7)}",
            category=("data", "experiment", "engineering")[n % 3],
            status="backlog",
            points=(1, 2, 3, 0.5)[n % 4],
            sprint="S1" if n <= 3 else None,
            created_at=at,
        )
        for n in range(1, count + 1)
    }
    sprint = Sprint(id="S1", start=date(2026, 11, 30), end=date(2026, 12, 11))
    board = Board(name="big", key="ML", cards=made, next_number=count + 1, sprints=(sprint,))
    BoardRepository(path).create(board)
    return path


async def commit_work(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """What one commit (of the backlog card on the 6th line of the table) draws and reads."""
    from textual.scrollbar import ScrollBar

    from mlboard.ui.screens import planning

    app = app_on(path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await opened(app, pilot)
        backlog = screen.query_one("#backlog", PlanTable)
        await pilot.press("h", *"jjjjj")  # the backlog, its 6th row
        await app.workers.wait_for_complete()
        await pilot.pause()
        work = {"backlog": 0, "sprint": 0, "scrollbar": 0, "in_backlog": 0, "over_bar": 0}
        drawn, bar, member = PlanTable.render_line, ScrollBar.render, planning.in_backlog
        refresh = PlanTable.refresh

        def refresh_counting(self: PlanTable, *regions: Region, **options: bool) -> object:
            # a repainted region reaching the scrollbar makes the screen draw it again
            rows_width = self.scrollable_content_region.width
            work["over_bar"] += sum(region.right > rows_width for region in regions)
            return refresh(self, *regions, **options)

        def counting(self: PlanTable, y: int) -> object:
            work[self.id or ""] += 1
            return drawn(self, y)

        def bar_counting(self: ScrollBar) -> object:
            work["scrollbar"] += isinstance(self.parent, PlanTable)
            return bar(self)

        def member_counting(*args: object) -> bool:
            work["in_backlog"] += 1
            return member(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(PlanTable, "render_line", counting)
        monkeypatch.setattr(ScrollBar, "render", bar_counting)
        monkeypatch.setattr(planning, "in_backlog", member_counting)
        monkeypatch.setattr(PlanTable, "refresh", refresh_counting)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        monkeypatch.undo()
        assert len(rows(screen, "sprint")) == 4
        work["view"] = backlog.size.height
    return work


@pytest.mark.slow
async def test_a_commit_draws_only_what_moved_and_the_same_on_any_backlog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit's work is the committed card's row (struck out, the rows under it stay until
    a pause), the next row the cursor goes to, the sprint's new row and the titles: no other
    card is looked at, no scrollbar drawn again, no table drawn whole (it was both tables
    twice and their scrollbars, then every backlog row under the commit) — as much on 3,000
    cards as on 300."""
    small = await commit_work(backlog_board(tmp_path / "small.json", 300), monkeypatch)
    large = await commit_work(backlog_board(tmp_path / "large.json", 3_000), monkeypatch)
    assert small == large
    assert small == {
        **small,
        "backlog": 2,
        "sprint": 1,
        "scrollbar": 0,
        "in_backlog": 1,
        "over_bar": 0,
    }
    few = await commit_work(backlog_board(tmp_path / "few.json", 40), monkeypatch)
    assert few["scrollbar"] == 0  # the row stays until the pause: the thumb too


async def test_a_check_that_lands_after_the_screen_closed_is_dropped(sample: Path) -> None:
    """The planning check runs in a worker: one finishing just after `esc` closed the screen
    must not look for the screen's widgets (it raised NoMatches and failed the app)."""
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        board = app.service.board
        screen._show_findings(board, reports.plan_report(board, None, SAMPLE_NOW, hint_text))
        assert app.is_running


async def test_f_shows_every_finding_on_the_report_screen(sample: Path) -> None:
    """The planning screen lists the first findings; `f` opens the whole check (what
    `mlboard plan` prints), and `esc` comes back to planning."""
    app = app_on(sample)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, CeremonyScreen) and app.screen.kind.name == "plan"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
