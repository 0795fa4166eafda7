"""The TUI words an error's hint in keys and screens, never in commands or flags (issue 9):
the same inputs as tests/test_hints.py's command lines, through the TUI's own code paths."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from mlboard.models import Board
from mlboard.services import cards
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp

from .conftest import AppFactory, clock

SIZE = (160, 50)


def front_end_free(text: str) -> bool:
    return "mlboard " not in text and "--" not in text


async def card_form_error(
    app: MlboardApp, pilot: object, card_id: str, **values: str
) -> str | None:
    """Open the card form on `card_id`, type `values`, ctrl+s: the form's error line, or None
    when the form took them and closed."""
    app.screen.focus_card(card_id)  # type: ignore[attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    for name, value in values.items():
        app.screen.query_one(f"#f-{name}", Input).value = value
    form = app.screen
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return None if app.screen is not form else str(form.query_one("#error", Label).render())


def board_without_sprints(path: Path) -> Path:
    BoardRepository(path).create(Board(name="b", key="TR"))
    service = BoardService.open(path, clock())
    service.apply("add", bind(cards.add_card, "ingest", "data"))
    service.flush()
    return path


async def test_a_sprint_that_does_not_exist_points_to_the_planning_keys(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = board_without_sprints(tmp_path / "mlboard.json")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        error = await card_form_error(app, pilot, "TR-1", sprint="current")
        assert error == (
            "no active or planned sprint (create one: p then N on the planning screen)"
        )
        await pilot.press("escape")
    assert path.read_bytes() == before


async def test_kanban_mode_points_to_the_mode_key(kanban_path: Path, make_app: AppFactory) -> None:
    app = make_app(kanban_path)
    async with app.run_test(size=SIZE) as pilot:
        error = await card_form_error(app, pilot, "ML-9", sprint="current")
        assert error == (
            "the board is in Kanban mode, which has no sprints "
            "(switch to Scrum with: t on the board)"
        )
        await pilot.press("escape")


async def test_a_bad_handle_suggests_one_without_a_command(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        error = await card_form_error(app, pilot, "ML-1", assignee="bob smith")
        assert error is not None and error.endswith(
            "is not a handle: use letters, digits, '.', '_' and '-' (e.g. bob-smith)"
        )
        assert front_end_free(error)
        await pilot.press("escape")


async def test_a_relative_sprint_goal_names_the_card_forms_field(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = board_without_sprints(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        app.screen.query_one("#f-measure", Input).value = "ctr>=baseline*1.05@ab"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#error", Label).render())
        assert error == (
            "a sprint's measurable goal is absolute ('ctr>=baseline*1.05@ab' compares with a "
            "baseline: put it on a card with Criteria)"
        )


async def test_a_board_file_gone_while_open_points_to_the_first_run_key(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board_path.unlink()
        said: list[str] = []
        for _ in range(30):  # the reload timer looks twice a second
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            said = [n.message for n in app._notifications if n.severity == "error"]
            if said:
                break
        assert said == [
            f"Could not reload: {board_path}: no board file here "
            "(create one: start the app in that folder and press c)"
        ]


async def test_a_warning_names_no_command(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        error = await card_form_error(app, pilot, "ML-1", assignee="zoe", datasets="nowhere")
        assert error is None
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications if n.severity == "warning"]
        assert said == [
            "zoe is not on the board (add zoe to the board's people with the person command)",
            "dataset 'nowhere' is not on the board "
            "(add nowhere to the board's datasets with the dataset command)",
        ]


async def test_a_missing_baseline_points_to_no_command(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """The same criterion `mlboard show` explains with `mlboard baseline ctr=VALUE --dataset
    ab`: the card view and the card form's facts say it without a command line."""
    from textual.widgets import Static

    from mlboard.ui.modals.card_modal import CardModal
    from mlboard.ui.modals.card_view import CardViewModal

    path = board_without_sprints(tmp_path / "mlboard.json")
    service = BoardService.open(path, clock())
    service.apply("criteria", bind(cards.edit_card, "TR-1", criteria=["ctr>=baseline*1.05@ab"]))
    service.flush()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.focus_card("TR-1")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardViewModal)
        sheet = str(app.screen.query_one("#card-sheet Static", Static).render())
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CardModal)
        facts = str(app.screen.query_one(".facts Static", Static).render())
        await pilot.press("escape")
    said = "ctr: no baseline recorded (record the baseline of ctr on ab with the baseline command)"
    assert said in sheet and said in facts
    assert front_end_free(sheet) and front_end_free(facts)


async def test_the_planning_check_names_no_command(tmp_path: Path, make_app: AppFactory) -> None:
    """`mlboard plan` says `(mlboard dataset add nowhere)`, `(mlboard person add zoe --role R)`
    and `conclude it (mlboard outcome) or drop it`; the planning screen says it in its terms."""
    from textual.widgets import Static

    from mlboard.services import resources, sprints

    path = board_without_sprints(tmp_path / "mlboard.json")
    service = BoardService.open(path, clock())
    service.apply("person", bind(resources.add_person, "ana", ["analyst"]))
    service.apply("edit", bind(cards.edit_card, "TR-1", datasets=["nowhere"], assignee="zoe"))
    design = dict(hypothesis="h", method="m", conclusive="c", timebox=1)
    service.apply("add", bind(cards.add_card, "e", "experiment", **design))
    service.apply("new", bind(sprints.new_sprint))
    service.apply("commit", bind(sprints.commit_cards, ["TR-2"]))
    for _ in range(2):  # carried over twice (into the next sprint): past its time-box
        service.apply("start", bind(sprints.start_sprint))
        service.apply("close", bind(sprints.close_sprint))
    service.apply("commit", bind(sprints.commit_cards, ["TR-1"]))
    service.flush()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            shown = str(app.screen.query_one("#findings-text", Static).render())
            if "nowhere" in shown:
                break
    assert (
        "dataset 'nowhere', which is not on the board (add nowhere to the board's datasets "
        in shown
    )
    assert (
        "who is not on the board (add zoe to the board's people with the person command)" in shown
    )
    assert "conclude it (set its Outcome with e on the board) or drop it" in shown
    assert front_end_free(shown)


async def test_a_hint_names_the_key_as_remapped_in_keys_toml(
    tmp_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    """With `board.open-planning = "P"`, the hint says P: `p` no longer opens planning."""
    (private_config / "keys.toml").write_text('"board.open-planning" = "P"\n')
    path = board_without_sprints(tmp_path / "mlboard.json")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        error = await card_form_error(app, pilot, "TR-1", sprint="current")
        assert error == (
            "no active or planned sprint (create one: P then N on the planning screen)"
        )
    (private_config / "keys.toml").unlink()
    other = make_app(path)  # the next app, without the remap, names the default key again
    async with other.run_test(size=SIZE):
        from mlboard.ui.hints import key

        assert key("board.open-planning") == "p"
