"""`mlboard baseline` and relative criteria through a real process (issue 12 item 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard

pytestmark = pytest.mark.slow


def run(cwd: Path, *argv: str, code: int = 0) -> str:
    done = run_mlboard(*argv, cwd=cwd)
    assert done.returncode == code, (done.stdout, done.stderr)
    return done.stdout + done.stderr


def criteria(cwd: Path, card: str) -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = json.loads(run(cwd, "show", card, "--json"))["derived"][
        "criteria"
    ]
    return states


def test_a_relative_criterion_flips_when_a_run_beats_the_baseline(tmp_path: Path) -> None:
    run(tmp_path, "init", "--key", "AB")
    run(tmp_path, "sprint", "new", "--goal", "lift click-through")
    run(tmp_path, "add", "Ranker v2", "--category", "experiment", "--sprint", "current",
        "--accept", "ctr>=baseline*1.05@ab", "--accept", "latency_ms<=baseline")  # fmt: skip
    run(tmp_path, "sprint", "start")
    assert [c["status"] for c in criteria(tmp_path, "AB-1")] == ["unknown", "unknown"]
    out = run(tmp_path, "baseline", "ctr=0.0310", "--dataset", "ab", "--run", "prod-11",
              "--commit", "1a2b3c4d")  # fmt: skip
    assert "baseline ctr=0.031 on ab for the board" in out
    run(tmp_path, "log", "AB-1", "ctr=0.0320", "--dataset", "ab")
    first = criteria(tmp_path, "AB-1")[0]
    assert (first["status"], first["baseline_value"], first["target"]) == (
        "unmet", 0.031, pytest.approx(0.03255),
    )  # fmt: skip
    run(tmp_path, "log", "AB-1", "ctr=0.0329", "--dataset", "ab", "--run", "exp-42")
    assert criteria(tmp_path, "AB-1")[0]["status"] == "met"
    line = "ctr 0.0329 vs baseline 0.031 (+6.1%, needs +5%): met"
    assert line in run(tmp_path, "show", "AB-1")
    review = run(tmp_path, "review")
    assert line in review and "run exp-42" in review
    # a card's own baseline: latency 41 against 45 is met, the board has none
    run(tmp_path, "baseline", "latency_ms=45", "--card", "AB-1")
    run(tmp_path, "log", "AB-1", "latency_ms=41")
    assert criteria(tmp_path, "AB-1")[1]["status"] == "met"
    listed = json.loads(run(tmp_path, "baseline", "--json"))
    assert [(b["name"], b["card"], b["run"], b["commit"]) for b in listed] == [
        ("ctr", None, "prod-11", "1a2b3c4d"), ("latency_ms", "AB-1", None, None),
    ]  # fmt: skip


def test_bad_baselines_are_refused_in_one_line(tmp_path: Path) -> None:
    run(tmp_path, "init")
    before = (tmp_path / "mlboard.json").read_bytes()
    for argv in (("ctr",), ("ctr=high",), ("ctr=0.1", "--card", "ML-9")):
        out = run(tmp_path, "baseline", *argv, code=2)
        assert out.count("\n") == 1 and "Traceback" not in out
    assert (tmp_path / "mlboard.json").read_bytes() == before
    out = run(tmp_path, "sprint", "new", "--measure", "ctr>=baseline*1.05", code=2)
    assert "measurable goal is absolute" in out
