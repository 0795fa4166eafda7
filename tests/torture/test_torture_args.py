"""Bad arguments (issue 10): every command with wrong values ends 0/1/2, no traceback, one
line on stderr, the file untouched when refused; plainly invalid values are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_args import args_scenario
from torture_boards import seed_board
from torture_kit import Tally, judge, refused_left_alone, run_inprocess

pytestmark = pytest.mark.torture
SEED = 20261206
# Found by this suite and fixed since (repeated confusion labels, a newline in a column
# title): nothing is pending.
PENDING: tuple[str, ...] = ()


def test_bad_arguments_are_refused_cleanly(tmp_path: Path) -> None:
    tally = Tally("bad arguments")
    args_scenario(tally, tmp_path, count=200, seed=SEED)
    assert tally.tried == 200
    assert not tally.unexpected(PENDING), "\n".join(tally.unexpected(PENDING)[:20])


def test_repeated_confusion_labels_are_refused(tmp_path: Path) -> None:
    path = seed_board(tmp_path / "mlboard.json", seed=SEED)
    matrix = tmp_path / "labels-twice.json"
    matrix.write_text('{"labels": ["a", "a"], "counts": [[1, 2], [3, 4]]}')
    before = path.read_bytes()
    tally = Tally("repeated labels")
    ran = run_inprocess(path, "confusion", "TR-3", "--from", str(matrix))
    judge(tally, ran)
    refused_left_alone(tally, ran, before, path)
    assert ran.code == 2 and "labels repeat" in ran.err, ran
    assert tally.failures == 0, tally.explain()


def test_a_column_title_is_one_line(tmp_path: Path) -> None:
    """As a card title: the newline becomes a space, the board's header stays one line."""
    path = seed_board(tmp_path / "mlboard.json", seed=SEED)
    ran = run_inprocess(path, "column", "doing", "--title", "a\nb")
    assert ran.code == 0, ran
    from mlboard.storage import BoardRepository

    assert BoardRepository(path).load().board.column("doing").title == "a b"
