"""Issue 11: `mlboard rank` through a real process: places, JSON, refusals (one line, exit 1
or 2, nothing written)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard


def _run(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return run_mlboard(*argv, cwd=cwd)


@pytest.mark.slow
def test_rank_places_a_card_and_refuses_what_it_cannot(tmp_path: Path) -> None:
    assert _run(tmp_path, "init").returncode == 0
    for title in ("a", "b", "c"):
        assert (
            _run(tmp_path, "add", title, "--category", "data", "--status", "todo").returncode == 0
        )
    assert (
        _run(tmp_path, "add", "x", "--category", "experiment", "--status", "todo").returncode == 0
    )

    moved = _run(tmp_path, "rank", "ML-3", "--before", "ML-1")
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout == "ML-3: 1 of 3 in data · To Do (ML-3 ML-1 ML-2)\n"
    shown = json.loads(_run(tmp_path, "rank", "ML-1", "--bottom", "--json").stdout)
    assert shown["id"] == "ML-1" and shown["cell"] == ["ML-3", "ML-2", "ML-1"]
    assert isinstance(shown["rank"], str)

    before = (tmp_path / "mlboard.json").read_bytes()
    other_lane = _run(tmp_path, "rank", "ML-1", "--after", "ML-4")
    assert other_lane.returncode == 1 and other_lane.stderr.count("\n") == 1
    assert "ML-4 is not in ML-1's cell" in other_lane.stderr
    missing = _run(tmp_path, "rank", "ML-1")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    unknown = _run(tmp_path, "rank", "ML-9", "--top")
    assert unknown.returncode != 0 and "ML-9" in unknown.stderr
    assert (tmp_path / "mlboard.json").read_bytes() == before
