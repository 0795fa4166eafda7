"""Issue 9: every printing command takes `--json` (and reports `--format`) the same way."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.package_data import sample_board

PRINTING = [
    ("list",), ("show", "TR-43"), ("standup",), ("review",), ("retro",), ("plan",),
    ("flow",), ("burndown",), ("graph",), ("sprint", "list"), ("check",), ("restore",),
    ("locate",),
]  # fmt: skip


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "mlboard.json"
    shutil.copyfile(sample_board("scrum"), path)
    return path


def run(board: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return run_mlboard("--board", str(board), *argv, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("argv", PRINTING, ids=" ".join)
def test_every_printing_command_takes_json(board: Path, argv: tuple[str, ...]) -> None:
    ran = run(board, *argv, "--json")
    assert ran.returncode in (0, 1), ran.stderr  # plan exits 1 on planning errors
    json.loads(ran.stdout)


@pytest.mark.parametrize("command", ["review", "retro", "flow", "standup", "graph"])
def test_json_and_format_json_are_one_option(board: Path, command: str) -> None:
    one, other = (
        json.loads(run(board, command, *o).stdout) for o in (["--json"], ["--format", "json"])
    )
    one.pop("until", None), other.pop("until", None)  # the standup's "now"
    assert one == other


def test_flow_json_carries_the_advice_the_text_shows(board: Path) -> None:
    report = json.loads(run(board, "flow", "--json").stdout)
    text = run(board, "flow").stdout
    assert report["advice"], "the sample has a column over its limit or a late experiment"
    assert all(advice in text for advice in report["advice"])
