"""`mlboard export csv` through a real process (issue 12 item 6): spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from hypothesis import given
from hypothesis import strategies as st

from mlboard.models.text import visible
from mlboard.package_data import sample_board
from mlboard.services.exports import FORMULA_STARTS, spreadsheet_text


def run(cwd: Path, *argv: str, code: int = 0) -> str:
    done = run_mlboard(*argv, cwd=cwd, text=False)
    assert done.returncode == code, (done.stdout, done.stderr)
    return (done.stdout + done.stderr).decode()


@pytest.mark.slow
def test_cards_export_as_csv_with_formulas_and_escapes_defused(tmp_path: Path) -> None:
    shutil.copy(sample_board("scrum"), tmp_path / "mlboard.json")
    run(tmp_path, "add", '=HYPERLINK("http://evil","open")', "--category", "data",
        "--description", "two\nlines", "--points", "2")  # fmt: skip
    run(tmp_path, "add", "x \x1b]0;pwned\x07 y", "--category", "data")
    text = run(tmp_path, "export", "csv")
    assert text.endswith("\r\n") and "\x1b" not in text and "\x07" not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(json.loads(run(tmp_path, "list", "--json")))
    evil, escaped = rows[-2], rows[-1]
    assert evil["title"] == '\'=HYPERLINK("http://evil","open")'
    assert (evil["description"], evil["points"], evil["category"]) == ("two\nlines", "2", "data")
    assert escaped["title"] == "x \\x1b]0;pwned\\x07 y"
    # --json keeps the exact strings
    exact = json.loads(run(tmp_path, "export", "csv", "--json"))
    assert exact[-2]["title"] == '=HYPERLINK("http://evil","open")'
    # a closed sprint's cards as frozen at its close
    sprints = json.loads(run(tmp_path, "sprint", "list", "--json"))
    closed = next(s for s in sprints if s["state"] == "closed")
    exported = run(tmp_path, "export", "csv", "--sprint", closed["id"])
    ids = {r["id"] for r in csv.DictReader(io.StringIO(exported, newline=""))}
    snapshot = closed["snapshot"]
    assert ids == set(snapshot["committed"]) | set(snapshot["added"]) - set(snapshot["removed"])
    assert "no sprint" in run(tmp_path, "export", "csv", "--sprint", "S99", code=2)


@given(st.text(max_size=20))
def test_no_cell_can_start_a_formula_or_a_terminal_sequence(text: str) -> None:
    cell = spreadsheet_text(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert visible(cell) == cell  # nothing left that the sanitizer would escape
