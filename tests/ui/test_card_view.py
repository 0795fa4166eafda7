"""Issue 11: `enter` opens a card to read — everything `mlboard show` says, and its history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_kit import run_mlboard
from textual.widgets import Static

from mlboard.services import cards
from mlboard.services.session import BoardService
from mlboard.ui.app import MlboardApp
from mlboard.ui.modals.card_modal import CardModal
from mlboard.ui.modals.card_view import CardViewModal
from mlboard.ui.screens.board import BoardScreen

AppFactory = Callable[..., MlboardApp]


def sheet_text(app: MlboardApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def test_enter_shows_the_whole_card_and_e_edits_it(
    board_path: Path, make_app: AppFactory
) -> None:
    service = BoardService.open(board_path)
    long_title = "Try a distilled transformer " + "with a much longer title " * 4
    service.do(cards.edit_card, "ML-3", title=long_title.strip())
    service.do(cards.move_card, "ML-3", "doing")
    app = make_app(board_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen.grid.focus_card("ML-3")
        await pilot.press("enter")
        assert isinstance(app.screen, CardViewModal)
        text = sheet_text(app)
        assert long_title.strip() in text  # the full title, not cut at the card's width
        for part in ("hypothesis", "distillation keeps accuracy", "acceptance criteria",
                     "history, newest first", "moved To Do → In Progress"):  # fmt: skip
            assert part in text, part
        await pilot.press("j", "k", "e")
        await pilot.pause()
        assert isinstance(app.screen, CardModal)
        await pilot.press("escape")
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, BoardScreen)


def test_show_prints_the_same_sheet_with_its_history(board_path: Path) -> None:
    def show(*extra: str) -> str:
        ran = run_mlboard("--board", str(board_path), "show", "ML-3", *extra)
        assert ran.returncode == 0, ran.stderr
        return ran.stdout

    full = show()
    assert "history, newest first" in full and "created in Backlog" in full
    assert "history" not in show("--history", "0")
    one = show("--history", "1").split("history, newest first\n")[1].splitlines()
    assert len([line for line in one if line.startswith("  20")]) == 1
    assert one[-1].startswith("  … and ")


async def test_logging_a_metric_says_which_criterion_it_moved(
    board_path: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Input

    app = make_app(board_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen.grid.focus_card("ML-3")
        await pilot.press("m")
        app.screen.query_one("#f-values", Input).value = "accuracy=85%"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = "\n".join(n.message for n in app._notifications)
        assert "ML-3: logged." in said and "accuracy>=0.91@holdout: met → unmet" in said


def test_log_on_the_command_line_says_it_too(board_path: Path) -> None:
    ran = run_mlboard("--board", str(board_path), "log", "ML-3", "accuracy=0.85", "latency=40")
    assert ran.returncode == 0, ran.stderr
    assert "accuracy>=0.91@holdout: met → unmet" in ran.stdout
    assert "latency<50@holdout: unmet → met" in ran.stdout


async def test_the_dependency_dialog_finds_a_card_by_title_words(
    board_path: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Input

    from mlboard.storage import BoardRepository

    app = make_app(board_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen.grid.focus_card("ML-5")
        await pilot.press("D")
        field = app.screen.query_one("#f-dep", Input)
        assert field.placeholder.startswith("ML-")  # the board's own key
        field.value = "clean TICKET"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert "ML-2" in screen.service.board.card("ML-5").depends_on
        await pilot.press("D")
        app.screen.query_one("#f-dep", Input).value = "ticket"  # several match: said, kept
        await pilot.press("enter")
        await pilot.pause()
        assert "cards match 'ticket'" in str(app.screen.query_one(".problem").render())
    assert "ML-2" in BoardRepository(board_path).load().board.card("ML-5").depends_on


def test_card_refs() -> None:
    from mlboard.models import BadInput
    from mlboard.package_data import sample_board
    from mlboard.services.parse import card_ref
    from mlboard.storage import BoardRepository

    board = BoardRepository(sample_board("scrum")).load().board
    assert card_ref(board, "tr-43") == card_ref(board, "43") == "TR-43"
    assert card_ref(board, "ensemble router v3 + TF-IDF") == "TR-43"
    for bad in ("", "no such words at all", "router"):
        try:
            card_ref(board, bad)
        except BadInput:
            continue
        raise AssertionError(bad)
