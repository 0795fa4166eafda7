"""Size limits (issue 10 item 10): an oversized title, text, metric name or confusion matrix
is refused in one line that names the limit, and the file is left as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from torture_boards import seed_board
from torture_kit import Tally, judge, refused_left_alone, run_inprocess

pytestmark = pytest.mark.torture


def _matrix(folder: Path, classes: int) -> str:
    path = folder / f"matrix-{classes}.json"
    labels = [f"c{i}" for i in range(classes)]
    counts = [[1] * classes for _ in range(classes)]
    path.write_text(json.dumps({"labels": labels, "counts": counts}))
    return str(path)


CASES = {
    "a 10,000-character title": ("add", "x" * 10_000, "--category", "data"),
    "a 1,000,000-character description": (
        "add", "t", "--category", "data", "--description", "d" * 1_000_000,
    ),
    "a 1,000,000-character failure note": ("failure", "TR-3", "n" * 1_000_000),
    "a 10,000-character metric name": ("log", "TR-3", "m" * 10_000 + "=1"),
    "a 500-class confusion matrix": ("confusion", "TR-3", "--from", "{matrix}"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_oversized_input_is_refused_naming_the_limit(case: str, tmp_path: Path) -> None:
    path = seed_board(tmp_path / "mlboard.json")
    args = tuple(_matrix(tmp_path, 500) if a == "{matrix}" else a for a in CASES[case])
    before = path.read_bytes()
    tally = Tally(case)
    ran = run_inprocess(path, *args)
    judge(tally, ran)
    refused_left_alone(tally, ran, before, path)
    assert ran.code == 2, f"{case}: exit {ran.code}"
    assert re.search(r"\d", ran.err), f"the refusal names no limit: {ran.err!r}"
    assert tally.failures == 0, tally.explain()
