"""Issue 9: `mlboard list`'s flags and the board's `/` filter select cards by one query, and
"blocked" means one thing everywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.package_data import sample_board
from mlboard.planning.derived import is_blocked
from mlboard.planning.query import CardQuery
from mlboard.services import cards
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository

CASES = [
    (("--blocked",), "!blocked"),
    (("--category", "experiment", "--assignee", "lena"), "#experiment @lena"),
    (("--status", "doing"), "in:doing"),
    (("--sprint", "S6"), "sprint:S6"),
    (("--sprint", "backlog", "--category", "data"), "sprint:backlog #data"),
    (("--sprint", "current", "--blocked"), "sprint:current !blocked"),
]


@pytest.fixture(scope="module")
def board_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "mlboard.json"
    shutil.copyfile(sample_board("scrum"), path)
    service = BoardService.open(path)
    done = next(c for c in service.board.cards.values() if service.board.is_done(c))
    service.do(cards.block, done.id, "data", "left open when it was finished")
    return path


@pytest.mark.parametrize(("flags", "query"), CASES)
def test_list_flags_and_the_filter_select_the_same_cards(
    board_file: Path, flags: tuple[str, ...], query: str
) -> None:
    listed = run_mlboard("--board", str(board_file), "list", *flags, "--json")
    assert listed.returncode == 0, listed.stderr
    by_cli = sorted(card["id"] for card in json.loads(listed.stdout))
    board = BoardRepository(board_file).load().board
    typed = CardQuery.parse(query, board)  # what the `/` dialog hands the board view
    by_tui = sorted(card.id for card in board.cards.values() if typed.matches(board, card))
    assert by_cli == by_tui and by_cli, (flags, query)


def test_a_finished_card_is_never_blocked(board_file: Path) -> None:
    board = BoardRepository(board_file).load().board
    finished = [c for c in board.cards.values() if board.is_done(c) and c.open_blockers]
    assert finished
    assert not any(is_blocked(board, c) for c in finished)
    blocked = CardQuery.parse("!blocked").select(board)
    assert blocked and not any(board.is_done(c) for c in blocked)
