"""Many people, one file: two TUIs and command-line writers at once.

Every acknowledged change is kept (a TUI's once its save finished, a command's once it exited
0); each TUI shows the others' changes within 2 s; two of them changing one card apply in
order or show a clear refusal, never a silent loss.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from textual.pilot import Pilot

from mlboard.models import Board, ConflictError
from mlboard.services import cards
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.board import BoardScreen

pytestmark = pytest.mark.slow

SIZE = (120, 40)
NOW = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
SHOWN_WITHIN = 2.0  # seconds, from the change being acknowledged to the other TUI showing it
AppFactory = Callable[..., MlboardApp]


def board_screen(app: MlboardApp) -> BoardScreen:
    return next(s for s in app.screen_stack if isinstance(s, BoardScreen))


def shown(app: MlboardApp) -> Board:
    """The board the app's grid is drawing."""
    return board_screen(app).grid.view.board


def on_file(path: Path) -> Board:
    return BoardRepository(path).load().board


async def cli(path: Path, *args: str) -> str:
    """A command-line writer; returns once it is acknowledged (exit 0)."""
    done = await asyncio.to_thread(run_mlboard, "--board", str(path), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


async def within(
    pilots: list[Pilot[int]], check: Callable[[], bool], what: str, seconds: float = SHOWN_WITHIN
) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not shown within {seconds} s: {what}")
        for pilot in pilots:
            await pilot.pause(0.02)


async def saved(*apps: MlboardApp) -> None:
    """The TUIs' background saves are done (their changes are acknowledged)."""
    for app in apps:
        await app.workers.wait_for_complete()
        assert not board_screen(app).service.dirty


def errors(app: MlboardApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def focus_and_press(pilot: Pilot[int], app: MlboardApp, card_id: str, *keys: str) -> None:
    assert board_screen(app).grid.focus_card(card_id)
    await pilot.press(*keys)


async def test_two_tuis_and_command_line_writers_keep_every_change(
    board_path: Path, make_app: AppFactory
) -> None:
    a, b = make_app(board_path), make_app(board_path)
    async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
        pilots = [pa, pb]
        # A moves a card: B shows it.
        await focus_and_press(pa, a, "ML-2", "L")
        await saved(a)
        await within(pilots, lambda: shown(b).cards["ML-2"].status == "doing", "A's move in B")
        # B and three command-line writers at once.
        move_b = focus_and_press(pb, b, "ML-4", "L")
        added, *_ = await asyncio.gather(
            cli(board_path, "add", "Retry with backoff", "--category", "engineering"),
            cli(board_path, "log", "ML-3", "accuracy=0.93"),
            cli(board_path, "move", "ML-6", "review"),
            move_b,
        )
        acknowledged = time.monotonic()  # the commands exited 0
        await saved(a, b)

        def everything(board: Board) -> bool:
            cards = board.cards
            return (
                cards["ML-2"].status == "doing"
                and cards["ML-4"].status == "doing"
                and cards["ML-6"].status == "review"
                and any(m.value == 0.93 for m in cards["ML-3"].metrics)
                and added in cards
            )

        for app in (a, b):
            left = SHOWN_WITHIN - (time.monotonic() - acknowledged)
            await within(pilots, lambda app=app: everything(shown(app)), f"all in {app}", left)
        assert everything(on_file(board_path))
        assert errors(a) == errors(b) == []


async def test_two_tuis_moving_one_card_apply_in_order(
    board_path: Path, make_app: AppFactory
) -> None:
    a, b = make_app(board_path), make_app(board_path)
    async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
        for app in (a, b):
            assert board_screen(app).grid.focus_card("ML-4")
        # Both press at once: seen or not yet seen the other's move, both moves apply, in order.
        await asyncio.gather(pa.press("L"), pb.press("L"))
        await saved(a, b)
        board = on_file(board_path)
        moves = [e for e in board.events if e.card == "ML-4" and e.kind == "moved"]
        assert [(e.from_, e.to) for e in moves][-2:] == [("todo", "doing"), ("doing", "review")]
        assert board.cards["ML-4"].status == "review"
        for app in (a, b):
            await within([pa, pb], lambda app=app: shown(app).cards["ML-4"].status == "review",
                         "both moves")  # fmt: skip


async def test_undo_keeps_another_writers_change_to_the_same_card(
    board_path: Path, make_app: AppFactory
) -> None:
    a = make_app(board_path)
    async with a.run_test(size=SIZE) as pa:
        await focus_and_press(pa, a, "ML-4", "L")
        await saved(a)
        await cli(board_path, "log", "ML-4", "f1=0.7")
        await within([pa], lambda: bool(shown(a).cards["ML-4"].metrics), "the logged metric")
        await pa.press("u")
        await saved(a)
        card = on_file(board_path).cards["ML-4"]
        assert card.status == "todo"  # the move is undone
        assert [m.value for m in card.metrics] == [0.7]  # the other writer's result is kept
        assert errors(a) == []


async def test_undo_of_a_field_someone_changed_since_is_refused(
    board_path: Path, make_app: AppFactory
) -> None:
    a = make_app(board_path)
    async with a.run_test(size=SIZE) as pa:
        await focus_and_press(pa, a, "ML-4", "L")
        await saved(a)
        await cli(board_path, "move", "ML-4", "review")
        await within([pa], lambda: shown(a).cards["ML-4"].status == "review", "the CLI's move")
        await pa.press("u")
        await saved(a)
        assert on_file(board_path).cards["ML-4"].status == "review"
        assert any("ML-4" in message and "undo" in message for message in errors(a))
        assert a.is_running


# --- the same rules in the service, without a screen ----------------------------------------


def two_sessions(path: Path) -> tuple[BoardService, BoardService]:
    return BoardService.open(path, FixedClock(NOW)), BoardService.open(path, FixedClock(NOW))


def test_a_stale_undo_replayed_at_save_keeps_the_other_writers_field(board_path: Path) -> None:
    mine, theirs = two_sessions(board_path)
    mine.do(cards.move_card, "ML-4", "doing")
    theirs.do(cards.log_metrics, "ML-4", {"f1": 0.7})
    assert (mine.undo() or "").startswith("move card")  # on an older board, not reloaded yet
    mine.flush()  # replayed onto the file: the status goes back, the metric stays
    card = on_file(board_path).cards["ML-4"]
    assert (card.status, [m.value for m in card.metrics]) == ("todo", [0.7])


def test_a_stale_undo_of_a_field_changed_since_is_refused_at_save(board_path: Path) -> None:
    mine, theirs = two_sessions(board_path)
    mine.do(cards.move_card, "ML-4", "doing")
    theirs.do(cards.move_card, "ML-4", "review")
    mine.undo()
    with pytest.raises(ConflictError, match="ML-4's status was changed since"):
        mine.flush()
    assert on_file(board_path).cards["ML-4"].status == "review"
    assert mine.board.cards["ML-4"].status == "review"  # the session shows the file's value


def test_undo_of_a_new_card_someone_else_changed_is_refused_and_kept(board_path: Path) -> None:
    mine, theirs = two_sessions(board_path)
    added = mine.do(cards.add_card, "Label more tickets", "data").subject
    assert added is not None
    theirs.do(cards.log_metrics, added, {"recall": 0.5})
    mine.reload_if_changed()
    with pytest.raises(ConflictError, match=f"{added} was changed since"):
        mine.undo()
    assert added in mine.board.cards  # nothing changed
    with pytest.raises(ConflictError, match=f"{added} was changed since"):
        mine.undo()  # the step is kept: asked again, the same answer
    assert added in on_file(board_path).cards


def test_a_refused_replay_still_saves_the_changes_before_it(board_path: Path) -> None:
    """Two changes wait for one save; the file changed meanwhile and the second no longer
    applies: the first is saved, the second is refused by name."""
    mine, theirs = two_sessions(board_path)
    mine.apply("move card", bind(cards.move_card, "ML-2", "doing"))
    mine.apply("link", bind(cards.link, "ML-6", "ML-7"))
    theirs.do(cards.delete_card, "ML-7")
    with pytest.raises(ConflictError, match="link no longer applies"):
        mine.flush()
    saved_board = on_file(board_path)
    assert saved_board.cards["ML-2"].status == "doing"
    assert "ML-7" not in saved_board.cards
    assert mine.board.cards["ML-2"].status == "doing" and not mine.dirty


async def test_a_change_to_a_card_deleted_meanwhile_is_refused_on_screen(
    board_path: Path, make_app: AppFactory
) -> None:
    """B deletes a card while A's move of it waits for the lock: A says its move was not
    saved, and shows the board without the card."""
    a = make_app(board_path)
    theirs = BoardService.open(board_path, FixedClock(NOW))
    async with a.run_test(size=SIZE) as pa:
        with theirs.repo.locked():  # A's save has to wait for it
            await focus_and_press(pa, a, "ML-6", "L")
            assert shown(a).cards["ML-6"].status == "doing"  # on screen at once
            theirs.do(cards.delete_card, "ML-6")
        await within([pa], lambda: "ML-6" not in shown(a).cards, "the deletion")
        await saved(a)
        assert "ML-6" not in on_file(board_path).cards
        refusals = [m for m in errors(a) if "move card no longer applies" in m]
        assert len(refusals) == 1 and refusals[0].startswith("Not saved: "), errors(a)
