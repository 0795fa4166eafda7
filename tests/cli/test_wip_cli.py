"""Issue 10, item 13 replayed in a real process: a hard WIP limit holds with a sprint active."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cli_kit import run_mlboard


def mlboard(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_mlboard(*argv, cwd=cwd)


def test_a_hard_limit_counts_every_card_in_the_column_with_a_sprint_active(
    tmp_path: Path,
) -> None:
    def ok(*argv: str) -> str:
        done = mlboard(*argv, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def refused(*argv: str) -> None:
        before = (tmp_path / "mlboard.json").read_bytes()
        done = mlboard(*argv, cwd=tmp_path)
        assert done.returncode == 1, (argv, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert "In Progress would hold 4 cards, over its WIP limit of 3" in done.stderr
        assert (tmp_path / "mlboard.json").read_bytes() == before

    ok("init")
    for i in range(3):
        ok("add", f"started before the sprint {i}", "--category", "data", "--status", "doing")
    ok("column", "doing", "--wip", "3", "--hard")
    ok("add", "sprint work", "--category", "engineering")
    ok("add", "more work", "--category", "engineering")
    ok("sprint", "new")
    ok("sprint", "add", "ML-4")
    ok("sprint", "start")
    refused("move", "ML-4", "doing")
    refused("move", "ML-5", "doing")
    refused("add", "sneaks in", "--category", "data", "--status", "doing")
    refused("edit", "ML-5", "--status", "doing")
    flow = json.loads(ok("flow", "--json"))
    doing = next(c for c in flow["wip"] if c["column"] == "doing")
    assert (doing["count"], doing["limit"], doing["over"]) == (3, 3, False)
    ok("move", "ML-1", "review")
    ok("move", "ML-4", "doing")  # a place is free: the sprint card goes in
    lowered = mlboard("column", "doing", "--wip", "2", "--hard", cwd=tmp_path)
    assert lowered.returncode == 0 and "In Progress holds 3 cards" in lowered.stderr
