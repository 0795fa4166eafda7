"""Limits on texts and sizes, and handles: refused the same way by the command line, the
TUI and the loader, in one line that names the limit, with the board file unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.models import BadInput, Board, Card, ConfusionMatrix, NotFound
from mlboard.models.errors import first_error
from mlboard.models.hints import AddPerson
from mlboard.models.limits import CLASSES_MAX, NAME_MAX, TEXT_MAX, TITLE_MAX
from mlboard.services import cards, resources
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def run(board: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["--board", str(board), *argv], Context(board, clock=FixedClock(T0)))
    captured = capsys.readouterr()
    return status, captured.err


@pytest.fixture
def board(board_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for argv in (
        ["person", "add", "ana", "--role", "ml-engineer"],
        ["add", "Try a distilled model", "--category", "experiment"],
        ["sprint", "new"],
        ["pipeline", "add", "etl"],
    ):
        assert run(board_path, capsys, *argv)[0] == 0, argv
    return board_path


def refused(board: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one error line of a refused command; the file is left as it was."""
    before = board.read_bytes()
    status, err = run(board, capsys, *argv)
    assert status == 2, (argv, err)
    assert err.count("\n") == 1 and err.startswith("mlboard: "), err
    assert "internal error" not in err, err
    assert board.read_bytes() == before
    return err.strip()


def test_a_refused_input_names_the_limit(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_title, long_text = "t" * 250, "x" * (TEXT_MAX + 1)
    assert refused(board, capsys, "add", long_title, "--category", "data") == (
        "mlboard: title: at most 200 characters (got 250)"
    )
    assert refused(board, capsys, "edit", "ML-1", "--description", long_text).endswith(
        "description: at most 20,000 characters (got 20,001)"
    )
    for argv in (
        ["edit", "ML-1", "--hypothesis", long_text],
        ["block", "ML-1", "--kind", "data", "--note", long_text],
        ["log", "ML-1", "auc=0.8", "--note", long_text],
        ["outcome", "ML-1", "promising", "--note", long_text],
        ["failure", "ML-1", long_text],
        ["note", "retro", long_text, "--sprint", "S1"],
        ["note", "standup", "ana", long_text],
        ["pipeline", "set", "etl", "failing", "--note", long_text],
        ["sprint", "reserve", "nope", "--gpu-hours", "1", "--note", long_text],
    ):
        err = refused(board, capsys, *argv)
        assert "at most 20,000 characters (got 20,001)" in err or "no compute pool" in err, err
    assert refused(board, capsys, "log", "ML-1", "m" * 101 + "=0.5").endswith(
        "name: at most 100 characters (got 101)"
    )
    many = [f"m{i}=0.5" for i in range(1001)]
    assert refused(board, capsys, "log", "ML-1", *many).endswith(
        "at most 1,000 metric values at once (got 1,001)"
    )
    assert refused(board, capsys, "column", "doing", "--title", long_title).endswith(
        "title: at most 200 characters (got 250)"
    )
    assert refused(board, capsys, "dataset", "add", "d" * 101).endswith(
        "name: at most 100 characters (got 101)"
    )


def test_a_confusion_matrix_has_at_most_100_classes(
    board: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    size = CLASSES_MAX + 1
    source = tmp_path / "cm.json"
    source.write_text(
        json.dumps({"labels": [f"c{i}" for i in range(size)], "counts": [[0] * size] * size})
    )
    err = refused(board, capsys, "confusion", "ML-1", "--from", str(source))
    assert "labels: at most 100 items (got 101)" in err
    ok = CLASSES_MAX
    source.write_text(
        json.dumps({"labels": [f"c{i}" for i in range(ok)], "counts": [[1] * ok] * ok})
    )
    assert run(board, capsys, "confusion", "ML-1", "--from", str(source))[0] == 0


def test_the_limits_hold_at_the_edge() -> None:
    card = {"id": "ML-1", "category": "data", "status": "backlog", "created_at": T0}
    assert Card.model_validate({**card, "title": "t" * TITLE_MAX}).title == "t" * TITLE_MAX
    Card.model_validate({**card, "title": "t", "description": "d" * TEXT_MAX})
    with pytest.raises(ValidationError) as too_long:
        Card.model_validate({**card, "title": "t", "description": "d" * (TEXT_MAX + 1)})
    assert first_error(too_long.value) == "description: at most 20,000 characters (got 20,001)"
    with pytest.raises(ValidationError) as rows:
        ConfusionMatrix(labels=("a", "b"), counts=((1, 2), (3, 4) * 60))
    assert "at most 100 items" in first_error(rows.value)
    with pytest.raises(ValidationError):
        Card.model_validate({**card, "title": "t", "criteria": [{"metric": "a", "op": ">",
                            "threshold": 1}] * 101})  # fmt: skip


def test_the_loader_refuses_what_a_command_would_refuse(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(board.read_text())
    data["cards"]["ML-1"]["title"] = "t" * 201
    board.write_text(json.dumps(data))
    status, err = run(board, capsys, "list")
    assert status == 2 and "ML-1.title: at most 200 characters (got 201)" in err, err


# --- handles ---------------------------------------------------------------------------


def test_a_handle_is_checked_wherever_it_is_set(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hint = "(e.g. mlboard person add bob-smith --role R)"
    for argv in (
        ["edit", "ML-1", "--assignee", "bob smith"],
        ["add", "x", "--category", "data", "--assignee", "bob smith"],
        ["person", "add", "bob smith", "--role", "analyst"],
        ["note", "standup", "bob smith", "hi"],
        ["note", "retro", "hi", "--person", "bob smith"],
    ):
        err = refused(board, capsys, *argv)
        assert "'bob smith' is not a handle" in err and err.endswith(hint), err
    err = refused(board, capsys, "edit", "ML-1", "--assignee", "a\x1b[2Jb")
    assert "\x1b" not in err and "'a\\x1b[2Jb' is not a handle" in err
    assert refused(board, capsys, "edit", "ML-1", "--assignee", "a" * 101).endswith(
        "assignee: at most 100 characters (got 101)"
    )
    assert run(board, capsys, "edit", "ML-1", "--assignee", "ana")[0] == 0
    assert run(board, capsys, "edit", "ML-1", "--assignee", "josé.o-k_2")[0] == 0


def test_an_unknown_person_is_hinted_with_a_valid_handle(service: BoardService) -> None:
    with pytest.raises(NotFound) as unknown:
        service.board.person("Bob Smith")
    assert str(unknown.value) == "no person 'Bob Smith'"
    assert unknown.value.hint.action == AddPerson("bob-smith")
    with pytest.raises(BadInput, match="is not a handle"):
        resources.add_person(service.board, T0, "bob\tsmith", ["analyst"])


async def test_the_card_dialog_refuses_a_bad_assignee(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textual.widgets import Input, Label

    from mlboard.ui.app import MlboardApp

    before = board.read_bytes()
    app = MlboardApp(BoardService.open(board, FixedClock(T0)))
    app.animation_level = "none"
    async with app.run_test(size=(160, 50)) as pilot:
        app.screen.focus_card("ML-1")  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-assignee", Input).value = "bob smith"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#error", Label).render())
        assert "'bob smith' is not a handle" in error and error.endswith("(e.g. bob-smith)")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert board.read_bytes() == before


def test_a_limit_is_one_rule_for_every_front_end(service: BoardService) -> None:
    """The TUI's forms and the command line call the same service and so meet the same rule."""
    service.apply("add", bind(cards.add_card, "x", "data"))
    with pytest.raises(BadInput, match="title: at most 200 characters"):
        cards.edit_card(service.board, T0, "ML-1", title="t" * 201)
    with pytest.raises(BadInput, match="at most 100 characters"):
        cards.add_card(service.board, T0, "y", "data", datasets=["d" * (NAME_MAX + 1)])
    assert isinstance(Board(name="b" * TITLE_MAX, key="ML"), Board)
