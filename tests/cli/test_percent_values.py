"""Issue 9, figure 1: a percent is read exactly, by one parser, on the command line and in the
TUI's metric dialog (`m`): `coverage=95%` is 0.95 and does not meet `coverage>95%`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.ui import dialogs

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def cli(path: Path, *argv: str) -> int:
    return main(["--board", str(path), *argv], Context(path, clock=FixedClock(T0)))


@pytest.mark.parametrize("typed", ["95%", "57.3%", "0.1%", "1e2%"])
def test_cli_and_dialog_read_a_percent_alike_and_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    path = tmp_path / "mlboard.json"
    assert cli(path, "init", "--key", "ML") == 0
    for _ in range(2):
        assert (
            cli(path, "add", "Coverage", "--category", "data", "--accept", f"coverage>{typed}") == 0
        )
    capsys.readouterr()
    assert cli(path, "log", "ML-1", f"coverage={typed}") == 0  # the command line
    service = BoardService.open(path, FixedClock(T0))  # the TUI's `m` dialog
    _, answer = dialogs.metric_dialog(service.board.card("ML-2"))
    label, operation = answer({"values": f"coverage={typed}", "dataset": "holdout", "note": ""})
    service.apply(label, operation)
    service.flush()
    capsys.readouterr()
    exact = Fraction(typed.rstrip("%")) / 100  # the test's own reading
    nearest = float(exact)  # the float nearest the exact fraction
    for card in ("ML-1", "ML-2"):
        assert cli(path, "show", card, "--json") == 0
        shown = json.loads(capsys.readouterr().out)
        (value,) = [m["value"] for m in shown["metrics"]]
        assert value == nearest
        (criterion,) = shown["derived"]["criteria"]
        assert criterion["status"] == "unmet"  # the value is not above the threshold


def test_dialog_accepts_what_the_cli_accepts(tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    assert cli(path, "init", "--key", "ML") == 0
    assert cli(path, "add", "Model", "--category", "experiment") == 0
    board = BoardService.open(path).board
    _, answer = dialogs.metric_dialog(board.card("ML-1"))
    _, operation = answer({"values": "auc=81%, f1=0.7", "dataset": "holdout", "note": ""})
    after = operation(board, T0).board.card("ML-1").metrics
    assert {(m.name, m.value) for m in after} == {("auc", 0.81), ("f1", 0.7)}
