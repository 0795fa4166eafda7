"""Pilot tests of the board screen's key flows, on a small board and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, Select

from mlboard.models import BlockerKind, Mode
from mlboard.services import cards
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.modals.card_modal import CardModal
from mlboard.ui.modals.help import HelpModal
from mlboard.ui.modals.prompt import PromptModal
from mlboard.ui.screens.board import BoardScreen

SIZE = (120, 40)
AppFactory = Callable[..., MlboardApp]


def on_file(path: Path, card_id: str) -> str:
    return BoardRepository(path).load().board.cards[card_id].status


def screen_of(app: object) -> BoardScreen:
    for screen in app.screen_stack:  # type: ignore[attr-defined]
        if isinstance(screen, BoardScreen):
            return screen
    raise AssertionError("no board screen")


async def test_opens_on_first_card_of_active_sprint(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = screen_of(app)
        assert board.grid.focused_card is not None
        assert board.grid.focused_card.id == "ML-2"
        assert [c.id for c in board.grid.view.columns] == ["todo", "doing", "review", "done"]


async def test_move_undo_redo_are_saved_at_once(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "doing"
        assert screen_of(app).grid.focused_card.id == "ML-2"  # type: ignore[union-attr]
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "todo"
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "doing"
        await pilot.press("H", "H")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "backlog"
        grid = screen_of(app).grid
        assert grid.view.columns[0].id == "backlog"  # shown while a sprint card sits there
        assert grid.focused_card.id == "ML-2"  # type: ignore[union-attr]


async def test_focus_moves_between_lanes_and_columns(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        grid = screen_of(app).grid
        await pilot.press("l")
        assert grid.focused_card.id == "ML-1"  # type: ignore[union-attr]
        await pilot.press("j")
        assert grid.focused_card.id == "ML-3"  # type: ignore[union-attr]
        await pilot.press("right_square_bracket", "h")
        assert grid.focused_card.id == "ML-5"  # type: ignore[union-attr]
        await pilot.press("j")
        assert grid.focused_card.id == "ML-6"  # type: ignore[union-attr]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert grid.focused_card.id == "ML-2"  # type: ignore[union-attr]


async def test_edit_card_title(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, CardModal)
        title = app.screen.query_one("#f-title", Input)
        title.value = "Clean and dedupe ticket text"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, CardModal)
        saved = BoardRepository(board_path).load().board.cards["ML-2"]
        assert saved.title == "Clean and dedupe ticket text"


async def test_edit_refuses_invalid_values_in_the_modal(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        modal = app.screen
        modal.query_one("#f-points", Input).value = "-2"
        await pilot.press("ctrl+s")
        assert app.screen is modal
        assert "points" in str(modal.query_one("#error").render())
        modal.query_one("#f-criteria", Input).value = "precision>>1"
        modal.query_one("#f-points", Input).value = "2"
        await pilot.press("ctrl+s")
        assert "criterion" in str(modal.query_one("#error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_at_80x24_the_card_dialog_keeps_its_buttons_and_error_in_view(
    board_path: Path, make_app: AppFactory
) -> None:
    """The facts and the fields scroll; the error line and the buttons stay on screen, even
    for a card with a blocker of every kind above its form."""
    service = BoardService.open(board_path, FixedClock(datetime(2026, 11, 20, tzinfo=UTC)))
    for kind in BlockerKind:
        service.do(cards.block, "ML-2", kind.value, f"waiting on the {kind.value} team")
    app = make_app(board_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        modal = app.screen
        modal.query_one("#f-points", Input).value = "-2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = modal.query_one(".dialog").region
        assert modal.region.contains_region(dialog)
        for selector in ("#error", "#ok", "#cancel"):
            region = modal.query_one(selector).region
            assert region.height == 1 and dialog.contains_region(region), selector
            assert region.bottom < dialog.bottom, selector  # above the dialog's border
        facts = modal.query_one(".facts")
        assert facts.max_scroll_y > 0  # six blockers do not fit: they scroll, by keys too
        await pilot.press("escape")
        await pilot.press("e", "shift+tab")
        assert app.screen.focused is app.screen.query_one(".facts")
        await pilot.press("down")
        assert app.screen.query_one(".facts").scroll_y == 1


async def test_new_card_lands_in_the_focused_lane_and_column(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "l", "l")
        await pilot.press("n")
        assert isinstance(app.screen, CardModal)
        await pilot.press(*"Shadow deploy")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        board = BoardRepository(board_path).load().board
        card = board.cards["ML-11"]
        assert (card.title, card.category.value, card.status) == (
            "Shadow deploy",
            "engineering",
            "review",
        )
        assert card.sprint == "S1"
        assert screen_of(app).grid.focused_card.id == "ML-11"  # type: ignore[union-attr]


async def test_delete_asks_first(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "n")
        assert "ML-2" in screen_of(app).service.board.cards
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        assert "ML-2" not in BoardRepository(board_path).load().board.cards
        kept = BoardRepository(board_path).backups()  # as `mlboard rm` keeps one
        assert len(kept) == 1 and "rm-ML-2" in kept[0].name
        assert "ML-2" in BoardRepository(kept[0]).load().board.cards
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert "ML-2" in BoardRepository(board_path).load().board.cards


async def test_block_and_unblock(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, PromptModal)
        app.screen.query_one("#f-note", Input).value = "GPU queue full"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        card = BoardRepository(board_path).load().board.cards["ML-2"]
        assert [(b.kind.value, b.note) for b in card.open_blockers] == [("data", "GPU queue full")]
        await pilot.press("b", "ctrl+s")  # first choice is now "resolve data blocker"
        await app.workers.wait_for_complete()
        assert not BoardRepository(board_path).load().board.cards["ML-2"].open_blockers


async def test_log_metric(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "m")
        await pilot.press(*"accuracy=0.93")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        card = BoardRepository(board_path).load().board.cards["ML-3"]
        assert card.metrics[-1].name == "accuracy" and card.metrics[-1].value == 0.93


async def test_dependency_closing_a_cycle_is_refused_with_the_cycle(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "D")  # on ML-1; ML-4 → ML-2 → ML-1 already
        await pilot.press(*"ML-4", "enter")
        modal = app.screen
        assert isinstance(modal, PromptModal)
        error = str(modal.query_one("#error").render())
        assert "ML-1 → ML-2 → ML-4 → ML-1" in error or "cycle" in error
        assert "ML-4" in error and "ML-2" in error
        await pilot.press("escape")
        assert BoardRepository(board_path).load().board.cards["ML-1"].depends_on == ()
        await pilot.press("D", *"ML-6", "enter")
        await app.workers.wait_for_complete()
        assert BoardRepository(board_path).load().board.cards["ML-1"].depends_on == ("ML-6",)


async def test_filter_by_assignee_category_and_blocked(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        grid = screen_of(app).grid
        await pilot.press("slash", *"@bo", "enter")
        assert sorted(grid.view.shown_ids()) == ["ML-1", "ML-2", "ML-7"]
        await pilot.press("slash")
        app.screen.query_one("#f-query", Input).value = "!blocked"
        await pilot.press("enter")
        assert sorted(grid.view.shown_ids()) == ["ML-1", "ML-2", "ML-4"]
        await pilot.press("slash")
        app.screen.query_one("#f-query", Input).value = "in:nowhere"
        await pilot.press("enter")
        assert isinstance(app.screen, PromptModal)  # refused, says which columns exist
        app.screen.query_one("#f-query", Input).value = ""
        await pilot.press("enter")
        assert grid.view.shown == 9  # the sprint's 8 and ML-10, in Review outside the sprint
        await pilot.press("slash", *"clean", "enter")
        assert grid.view.shown_ids() == ["ML-2"]
        await pilot.press("escape")
        assert grid.view.shown == 9


async def test_mode_switch_after_confirmation(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "n")
        assert screen_of(app).service.board.mode is Mode.SCRUM
        await pilot.press("t", "y")
        await app.workers.wait_for_complete()
        assert BoardRepository(board_path).load().board.mode is Mode.KANBAN
        grid = screen_of(app).grid
        assert grid.view.columns[0].id == "backlog"
        assert grid.view.shown == 10


async def test_help_lists_the_screen_keys(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        ids = {row[2] for row in app.screen.keys}
        assert {"board.move-right", "board.undo", "board.focus-down"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_palette_jumps_to_a_card(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"ML-7")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_of(app).grid.focused_card.id == "ML-7"  # type: ignore[union-attr]


async def test_palette_runs_an_action(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Move →")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "doing"


async def test_live_reload_keeps_focus(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # ML-1
        other = BoardService.open(board_path)
        other.do(cards.edit_card, "ML-1", title="Label 6k support tickets")
        other.do(cards.add_card, "Inserted before", "data", status="doing", sprint="S1")
        board = screen_of(app)
        for _ in range(30):
            await pilot.pause(0.1)
            if board.service.board.cards["ML-1"].title.startswith("Label 6k"):
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert board.grid.view.board.cards["ML-1"].title == "Label 6k support tickets"
        assert board.grid.focused_card.id == "ML-1"  # type: ignore[union-attr]


async def test_views_open_by_name(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        for key, screen in (("p", "PlanningScreen"), ("f", "CeremonyScreen")):
            await pilot.press(key)
            assert type(app.screen).__name__ == screen
            await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GraphScreen"


async def test_remapped_key_from_config(
    board_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    (private_config / "keys.toml").write_text('"board.move-right" = "x"\n')
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        assert on_file(board_path, "ML-2") == "doing"


async def test_external_conflicting_change_is_not_overwritten(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        screen.service.apply("move", bind(cards.move_card, "ML-2", "doing"))
        other = BoardService.open(board_path)
        other.do(cards.delete_card, "ML-2")
        screen._save()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "ML-2" not in BoardRepository(board_path).load().board.cards
        assert "ML-2" not in screen.grid.view.board.cards


async def test_mouse_focuses_folds_and_opens(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        grid = screen_of(app).grid
        width = grid.scrollable_content_region.width // 4
        await pilot.click(grid, offset=(width + 5, 3))  # In Progress, first data card
        assert grid.focused_card.id == "ML-1"  # type: ignore[union-attr]
        await pilot.click(grid, offset=(2, 1), times=2)  # the Data lane's header
        assert grid.view.lane_top[1] == 1  # the Data lane is one line now
        await pilot.click(grid, offset=(2, 3), times=2)  # Experiment moved up: ML-4
        assert isinstance(app.screen, CardModal)


async def test_edit_sets_an_experiment_outcome_in_one_undo_step(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "e")  # ML-3, an experiment
        modal = app.screen
        modal.query_one("#f-outcome", Select).value = "promising"
        modal.query_one("#f-points", Input).value = "5"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        card = BoardRepository(board_path).load().board.cards["ML-3"]
        assert card.experiment is not None and card.experiment.outcome.value == "promising"
        assert card.points == 5
        await pilot.press("u")
        await app.workers.wait_for_complete()
        card = BoardRepository(board_path).load().board.cards["ML-3"]
        assert card.experiment is not None and card.experiment.outcome.value == "open"
        assert card.points == 8


async def test_focus_follows_a_card_another_process_moved(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # ML-1 in In Progress
        BoardService.open(board_path).do(cards.move_card, "ML-1", "review")
        grid = screen_of(app).grid
        for _ in range(30):
            await pilot.pause(0.1)
            if grid.view.board.cards["ML-1"].status == "review":
                break
        assert grid.focused_card.id == "ML-1"  # type: ignore[union-attr]
        assert grid.view.columns[grid.cursor.column].id == "review"


async def test_palette_lists_every_board_action(board_path: Path, make_app: AppFactory) -> None:
    from mlboard.ui.palette import BoardCommands

    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = BoardCommands(app.screen)
        found = [hit.help or "" async for hit in provider.discover()]
        ids = {text.rsplit(" ", 1)[-1] for text in found}
        for binding in BoardScreen.BINDINGS:
            assert getattr(binding, "id", None) in ids


async def test_a_long_lane_keeps_its_header_in_sight(
    board_path: Path, make_app: AppFactory
) -> None:
    service = BoardService.open(board_path)
    for n in range(12):
        service.do(cards.add_card, f"Slice {n}", "data", status="todo", sprint="S1")
    app = make_app(board_path)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = screen_of(app).grid
        await pilot.press(*["j"] * 10)
        assert grid.scroll_offset.y > 0
        assert grid.render_line(1).text.startswith("▾ Data")
        focused = grid.view.card_line(grid.cursor) + 1 - grid.scroll_offset.y
        assert focused >= 2  # the focused card is never under the pinned header


async def test_changes_made_on_another_screen_show_on_return(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        board = screen_of(app)
        await pilot.press("question_mark")
        board.service.apply("edit", bind(cards.edit_card, "ML-2", title="Changed meanwhile"))
        await pilot.press("escape")
        await pilot.pause()
        assert board.grid.view.board.cards["ML-2"].title == "Changed meanwhile"


async def test_help_scrolls_at_once_with_keys(board_path: Path, make_app: AppFactory) -> None:
    """At 80×24 the list is longer than the dialog: j/↓ scroll it without a `tab` first."""
    from textual.widgets import DataTable

    app = make_app(board_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.press(*["j"] * 20, "down", "k")
        await pilot.pause()
        assert table.cursor_row == 20 and table.scroll_y > 0


async def test_the_filter_applies_as_it_is_typed_and_esc_brings_the_board_back(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        grid = screen_of(app).grid
        everything = grid.view.shown
        await pilot.press("slash", *"@bo")
        await pilot.pause(0.4)
        assert isinstance(app.screen, PromptModal)  # still typing
        assert sorted(grid.view.shown_ids()) == ["ML-1", "ML-2", "ML-7"]
        # Half typed (set at once: typed key by key on a loaded machine, the pause can
        # come between two keys and apply "@bo i", a whole query): what is shown stays.
        app.screen.query_one(Input).value = "@bo in:do"
        await pilot.pause(0.4)
        assert sorted(grid.view.shown_ids()) == ["ML-1", "ML-2", "ML-7"]
        await pilot.press("escape")
        await pilot.pause()
        assert grid.view.shown == everything and not screen_of(app).card_filter.active
