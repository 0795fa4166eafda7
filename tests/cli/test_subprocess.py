"""The installed `mlboard` command in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_kit import MLBOARD


def mlboard(
    *argv: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MLBOARD, *argv], cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_a_session_in_a_fresh_folder(tmp_path: Path) -> None:
    assert mlboard("init", "--key", "TR", cwd=tmp_path).returncode == 0
    added = mlboard("add", "Ingest tickets", "--category", "data", cwd=tmp_path)
    assert added.stdout == "TR-1\n"
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    # found like git finds .git: from a sub-folder, the nearest board up
    listed = mlboard("list", "--json", cwd=sub)
    assert [c["id"] for c in json.loads(listed.stdout)] == ["TR-1"]
    moved = mlboard("move", "TR-1", "doing", cwd=sub)
    assert moved.returncode == 0, moved.stderr
    other = tmp_path / "elsewhere"
    other.mkdir()
    env = {"MLBOARD_BOARD": str(tmp_path / "mlboard.json")}
    shown = mlboard("show", "TR-1", "--json", cwd=other, env=env)
    assert json.loads(shown.stdout)["status"] == "doing"


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "mlboard.json").write_text('{"meta": {"1": {"schema_version": 1}}, "cards": 7}')
    for argv in (("list",), ("show", "ML-1"), ("move", "ML-1", "done"), ("check",)):
        result = mlboard(*argv, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert mlboard("frobnicate", cwd=tmp_path).returncode == 2
    cycle = tmp_path / "cycle"
    cycle.mkdir()
    mlboard("init", cwd=cycle)
    mlboard("add", "a", "--category", "data", cwd=cycle)
    mlboard("add", "b", "--category", "data", "--depends-on", "ML-1", cwd=cycle)
    refused = mlboard("link", "ML-1", "--on", "ML-2", cwd=cycle)
    assert refused.returncode == 1 and "ML-1 → ML-2 → ML-1" in refused.stderr


def test_the_command_line_never_imports_textual() -> None:
    code = (
        "import sys, mlboard.cli, mlboard.cli.parser; "
        "mlboard.cli.parser.build_parser(); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_list_and_move_do_not_import_networkx(tmp_path: Path) -> None:
    mlboard("init", cwd=tmp_path)
    mlboard("add", "a", "--category", "data", cwd=tmp_path)
    code = (
        "import sys\nfrom mlboard.cli import main\n"
        "assert main(['list']) == 0\n"
        "print('filelock' in sys.modules)\n"  # reading needs no lock
        "assert main(['move', 'ML-1', 'doing']) == 0\n"
        "print('networkx' in sys.modules, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    lines = result.stdout.splitlines()
    assert (lines[-3], lines[-1]) == ("False", "False False"), result.stderr


def test_a_mistyped_command_is_not_taken_for_a_new_board(tmp_path: Path) -> None:
    result = mlboard("lsit", cwd=tmp_path)
    assert result.returncode == 2 and "neither a command nor a board file" in result.stderr
    assert list(tmp_path.iterdir()) == []
