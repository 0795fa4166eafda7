"""`--chart` on burndown, retro, review and flow: the report's charts as plain text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.drawing.canvas import cell_width
from mlboard.package_data import sample_board
from mlboard.planning.charts import report_charts
from mlboard.services.clock import FixedClock

SAMPLE_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # mid-S6 in the sample's history


@pytest.fixture
def board(tmp_path: Path) -> Path:
    path = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board("scrum"), path)
    return path


def run(board: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--board", str(board), *argv], Context(board, clock=FixedClock(SAMPLE_NOW)))
    out, err = capsys.readouterr()
    return code, out, err


def test_burndown_chart_fits_80_columns_with_dates_values_and_a_legend(
    board: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(board, capsys, "burndown", "--chart")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Burndown S6 (active): 37 points committed at the start"
    assert all(cell_width(line) <= 80 for line in lines)
    axis = [line for line in lines if "┤" in line]
    assert axis[0].startswith("40 ┤") and axis[-1].startswith(" 0 ┤")  # values on the y axis
    assert "18 Nov" in lines[-2] and "1 Dec" in lines[-2]  # the sprint's first and last day
    assert lines[-1] == ". ideal   = scope   ● remaining"
    # the days so far (to Thu 26 Nov) are drawn: 9 of 14 remaining points, then none
    code, printed, _ = run(board, capsys, "burndown", "--json")
    (chart,) = report_charts("burndown", json.loads(printed))
    assert [i for i, _ in next(s for s in chart.series if s.name == "remaining").points] == list(
        range(9)
    )


def test_review_chart_draws_each_trend_with_its_threshold_labelled(
    board: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(board, capsys, "review", "--chart")
    assert code == 0
    assert all(cell_width(line) <= 100 for line in out.splitlines())
    charts = out.split("\n\n")
    titles = [c.splitlines()[0] for c in charts[:-1]]
    assert titles[0] == "accuracy on holdout (best result per sprint)"
    holdout = charts[0].splitlines()
    goal = next(line for line in holdout if "goal accuracy>=0.91" in line)
    assert goal.startswith("0.91 ┤") and "┄┄┄" in goal  # the line, its value and its label
    assert holdout[-1] == "● accuracy   ┄ goal accuracy>=0.91"
    assert charts[-1].startswith("One sprint so far, not drawn: accuracy on canary")


def test_retro_and_flow_charts(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(board, capsys, "retro", "--chart")
    assert code == 0 and out.startswith("Velocity: points per sprint\n")
    assert out.splitlines()[-2].split() == ["S1", "S2", "S3", "S4", "S5"]
    code, out, _ = run(board, capsys, "flow", "--chart", "--days", "14")
    assert code == 0
    cfd, cycle = out.split("\n\n")
    assert cfd.startswith("Cumulative flow: cards per column, last 14 days\n")
    assert cfd.splitlines()[-1] == "# Backlog   ░ To Do   ▒ In Progress   ▓ Review   █ Done"
    assert cycle.startswith("Cycle time: days from start to done")
    assert "┄ median" in cycle.splitlines()[-2] + cycle.splitlines()[-1]


@pytest.mark.parametrize(
    "argv",
    [
        ("burndown", "--chart", "--json"),
        ("review", "--chart", "--format", "json"),
        ("retro", "--chart", "--format", "html"),
        ("flow", "--chart", "--json"),
    ],
    ids=" ".join,
)
def test_chart_with_json_or_another_format_is_bad_input(
    board: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    before = board.read_bytes()
    code, out, err = run(board, capsys, *argv)
    assert (code, out) == (2, "")
    assert err == "mlboard: --chart draws the report as text: leave out --json and --format\n"
    assert board.read_bytes() == before


def test_chart_in_a_real_process_takes_the_terminal_width(board: Path) -> None:
    ran = run_mlboard(
        "--board", str(board), "retro", "--chart", timeout=60, env={**os.environ, "COLUMNS": "60"}
    )
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert max(cell_width(line) for line in lines) == 60  # the axis spans the width


def test_text_charts_need_no_terminal_library_nor_networkx(board: Path) -> None:
    code = (
        "import sys\n"
        "from mlboard.cli import main\n"
        f"assert main(['--board', {str(board)!r}, 'flow', '--chart']) == 0\n"
        "print([m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'plotext', 'textual_plotext', 'networkx')])\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "[]"
