"""Issue 11: two people reordering one column on two machines merge cleanly through the merge
driver (real git, mlboard in real processes): each reorder sets only the moved card's rank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from git_kit import Repo, new_repo

from mlboard.services.ranking import cell_of


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = new_repo(tmp_path / "team")
    for title in ("one", "two", "three", "four", "five"):
        repo.mlboard("add", title, "--category", "data", "--status", "todo")
    repo.commit("five cards in To Do")
    return repo


def _order(repo: Repo) -> list[str]:
    board = repo.board()
    return [c.id for c in cell_of(board, board.card("T-1"))]


@pytest.mark.slow
def test_two_reorders_of_one_column_merge_without_conflict(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("rank", "T-5", "--top")
    repo.commit("A: T-5 first")
    repo.git("checkout", "-q", "main")
    repo.mlboard("rank", "T-1", "--after", "T-3")
    repo.commit("main: T-1 below T-3")
    merged = repo.git("merge", "a", "-m", "merge a")
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert repo.git("status", "--porcelain").stdout == ""
    assert _order(repo) == ["T-5", "T-2", "T-3", "T-1", "T-4"]
    summary = json.loads(repo.mlboard("check", "--json").stdout)
    assert summary["ok"] and summary["conflicts"] == []


@pytest.mark.slow
def test_one_card_reordered_on_both_sides_takes_the_later_place_quietly(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("rank", "T-3", "--top")
    repo.commit("A: T-3 first")
    repo.git("checkout", "-q", "main")
    repo.mlboard("rank", "T-3", "--bottom")  # later: this side's place wins
    repo.commit("main: T-3 last")
    merged = repo.git("merge", "a", "-m", "merge a")
    assert "conflict" not in merged.stderr.lower()
    assert _order(repo) == ["T-1", "T-2", "T-4", "T-5", "T-3"]
    assert repo.board().conflicts == ()
