"""The forked command runner behaves like `subprocess.run` of the real executable."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from cli_kit import MLBOARD, run_mlboard

from mlboard.storage import BoardRepository


def outcome(ran: subprocess.CompletedProcess[str], cwd: Path) -> tuple[int, str, str]:
    def said(text: str) -> str:
        return text.replace(str(cwd), "<board folder>")

    return ran.returncode, said(ran.stdout), said(ran.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ("init", "--key", "TR"),
        ("list",),
        ("nosuch",),
        ("add",),  # argparse's own exit 2
        ("add", "x", "--category", "wrong"),
        ("--version",),
    ],
    ids=" ".join,
)
def test_a_forked_command_prints_and_exits_as_the_executable(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    env = {**os.environ, "COLUMNS": "70"}
    forked, execed = tmp_path / "forked" / "team", tmp_path / "execed" / "team"
    for side in (forked, execed):
        side.mkdir(parents=True)
        if argv[0] != "init":
            run_mlboard("init", cwd=side)
            run_mlboard("add", "seen", "--category", "data", cwd=side)
    by_fork = run_mlboard(*argv, cwd=forked, env=env)
    by_exec = subprocess.run(
        [*MLBOARD, *argv], cwd=execed, env=env, capture_output=True, text=True, timeout=60
    )
    assert outcome(by_fork, forked) == outcome(by_exec, execed)


def test_the_environment_working_directory_and_stdin_are_the_requested_ones(
    tmp_path: Path,
) -> None:
    board = tmp_path / "elsewhere.json"
    env = {**os.environ, "MLBOARD_BOARD": str(board)}
    assert run_mlboard("init", cwd=tmp_path, env=env).returncode == 0
    assert board.is_file() and not (tmp_path / "mlboard.json").exists()
    metrics = tmp_path / "m.json"
    metrics.write_text('{"auc": 0.8}')
    run_mlboard("add", "x", "--category", "experiment", cwd=tmp_path, env=env)
    logged = run_mlboard("log", "ML-1", "--from", "-", cwd=tmp_path, env=env, input='{"auc": 0.8}')
    assert logged.returncode == 0, logged.stderr
    assert "auc" in run_mlboard("show", "ML-1", cwd=tmp_path, env=env).stdout


def test_a_hanging_command_is_killed_at_its_timeout(tmp_path: Path) -> None:
    run_mlboard("init", cwd=tmp_path)
    locked = BoardRepository(tmp_path / "mlboard.json").locked()  # a write waits for the lock
    with locked, pytest.raises(subprocess.TimeoutExpired):
        run_mlboard("add", "x", "--category", "data", cwd=tmp_path, timeout=0.5)
    assert run_mlboard("list", cwd=tmp_path).returncode == 0  # the server goes on


def test_commands_from_two_threads_run_at_the_same_time(tmp_path: Path) -> None:
    run_mlboard("init", cwd=tmp_path)
    waiting: list[subprocess.CompletedProcess[str]] = []
    with BoardRepository(tmp_path / "mlboard.json").locked():
        writer = threading.Thread(
            target=lambda: waiting.append(
                run_mlboard("add", "x", "--category", "data", cwd=tmp_path)
            )
        )
        writer.start()
        time.sleep(0.3)
        assert run_mlboard("list", cwd=tmp_path).returncode == 0  # while the add waits
        assert not waiting
    writer.join(timeout=30)
    assert waiting and waiting[0].returncode == 0 and waiting[0].stdout.strip() == "ML-1"
