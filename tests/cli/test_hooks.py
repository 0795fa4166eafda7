"""Hooks from the user's hooks.toml (issue 12 item 7), through a real process: once per
matching event, the event as JSON on stdin, failures reported, the write never undone."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard

pytestmark = pytest.mark.slow


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    board, config = tmp_path / "board", tmp_path / "config"
    board.mkdir()
    config.mkdir()
    return board, config, tmp_path / "events.jsonl"


def run(board: Path, config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    done = run_mlboard(*argv, cwd=board, env={**os.environ, "MLBOARD_CONFIG_DIR": str(config)})
    assert done.returncode == 0, done.stderr
    return done


def events(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_hook_fires_once_per_matching_event(setup: tuple[Path, Path, Path]) -> None:
    board, config, log = setup
    (config / "hooks.toml").write_text(
        f'[[hook]]\non = ["criterion-met", "criterion-unmet"]\nrun = "cat >> {log}"\n'
        f'[[hook]]\non = ["blocker-opened", "wip-exceeded", "pipeline-failed"]\n'
        f'run = "cat >> {log}"\n'
    )
    # a hooks.toml next to the board is never read: a cloned repository runs nothing
    (board / "hooks.toml").write_text('[[hook]]\non = ["blocker-opened"]\nrun = "touch PWNED"\n')
    run(board, config, "init")
    run(board, config, "add", "Tune", "--category", "experiment", "--accept", "auc>0.8")
    run(board, config, "log", "ML-1", "auc=0.7")
    run(board, config, "log", "ML-1", "auc=0.75")  # still unmet: no new event
    run(board, config, "log", "ML-1", "auc=0.85")
    run(board, config, "log", "ML-1", "auc=0.9")  # still met
    run(board, config, "block", "ML-1", "--kind", "data", "--note", "labels late")
    run(board, config, "column", "doing", "--wip", "1")
    run(board, config, "add", "Other", "--category", "data", "--status", "doing")
    run(board, config, "move", "ML-1", "doing")
    run(board, config, "pipeline", "add", "ingest")
    run(board, config, "pipeline", "set", "ingest", "failing", "--note", "disk full")
    run(board, config, "pipeline", "set", "ingest", "failing", "--note", "still")
    got = [(e["event"], e.get("card") or e.get("column") or e.get("pipeline")) for e in events(log)]
    assert got == [
        ("criterion-unmet", "ML-1"), ("criterion-met", "ML-1"), ("blocker-opened", "ML-1"),
        ("wip-exceeded", "doing"), ("pipeline-failed", "ingest"),
    ]  # fmt: skip
    assert events(log)[1]["message"] == "ML-1 auc 0.85 (needs >0.8): met"
    assert not (board / "PWNED").exists()


def test_failing_and_slow_hooks_are_reported_and_the_write_stays(
    setup: tuple[Path, Path, Path],
) -> None:
    board, config, _ = setup
    (config / "hooks.toml").write_text(
        '[[hook]]\non = ["blocker-opened"]\nrun = "exit 3"\n'
        '[[hook]]\non = ["blocker-opened"]\nrun = "sleep 30"\ntimeout = 0.5\n'
        '[[hook]]\non = ["nonsense"]\nrun = "true"\n'
    )
    run(board, config, "init")
    run(board, config, "add", "x", "--category", "data")
    started = time.monotonic()
    done = run(board, config, "block", "ML-1", "--kind", "data", "--note", "late")
    assert time.monotonic() - started < 20
    assert "hook 'exit 3' on blocker-opened: exit status 3 (the change is saved)" in done.stderr
    assert "hook 'sleep 30' on blocker-opened: timed out after 0.5 s" in done.stderr
    assert "hook 3 skipped" in done.stderr
    shown = json.loads(run(board, config, "show", "ML-1", "--json").stdout)
    assert shown["blockers"][0]["note"] == "late"
    (config / "hooks.toml").write_text("not toml [")
    done = run(board, config, "unblock", "ML-1")
    assert "hooks.toml: not read" in done.stderr
