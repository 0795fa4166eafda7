"""`git merge`, rebase and cherry-pick of a board file through mlboard's merge driver, with real
git in temporary repositories and mlboard in real processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from git_kit import Repo, new_repo, renumbering

from mlboard.storage.seal import is_sealed


@pytest.fixture(scope="module")
def two_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the driver set up and two cards committed, built once per module."""
    repo = new_repo(tmp_path_factory.mktemp("template") / "team")
    repo.mlboard("add", "Ingest tickets", "--category", "data")
    repo.mlboard("add", "Baseline model", "--category", "experiment")
    repo.commit("two cards")
    return repo.root


@pytest.fixture
def repo(tmp_path: Path, two_cards: Path) -> Repo:
    """A fresh copy of that repository for each test (git keeps no absolute path in it)."""
    return Repo(Path(shutil.copytree(two_cards, tmp_path / "team", symlinks=True)))


def test_the_issues_two_branches_merge_without_conflict(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("move", "T-1", "doing")
    repo.mlboard("add", "Label audit", "--category", "data")
    repo.commit("A: move T-1, add a card")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "b")
    repo.mlboard("move", "T-2", "doing")
    repo.mlboard("log", "T-2", "auc=0.81")
    repo.commit("B: move T-2, log a metric")
    merged = repo.git("merge", "a", "-m", "merge a")
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert repo.git("status", "--porcelain").stdout == ""
    check = repo.mlboard("check", "--json")
    summary = json.loads(check.stdout)
    assert summary["ok"] and summary["conflicts"] == []
    board = repo.board()
    assert board.card("T-1").status == "doing" and board.card("T-2").status == "doing"
    assert board.card("T-3").title == "Label audit"
    assert [m.value for m in board.card("T-2").metrics] == [0.81]
    assert board.next_number == 4
    assert is_sealed(repo.board_path.read_bytes())  # written as mlboard writes: the quick path
    kinds = sorted(e.kind.value for e in board.events)
    assert kinds == sorted(["created"] * 3 + ["moved", "moved", "metric"])


def test_one_field_changed_on_both_sides_is_a_visible_conflict_record(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("move", "T-1", "review")
    repo.commit("A: T-1 to review")
    repo.git("checkout", "-q", "main")
    repo.mlboard("move", "T-1", "done")  # later: the current branch's value wins
    repo.commit("main: T-1 done")
    merged = repo.git("merge", "a", "-m", "merge a")
    assert "1 conflict record" in merged.stderr
    assert repo.board().card("T-1").status == "done"

    check = repo.mlboard("check")
    assert check.returncode == 0
    assert "1 open conflict" in check.stdout and 'ours "done", theirs "review"' in check.stdout
    shown = repo.mlboard("show", "T-1")
    assert "open conflicts" in shown.stdout and '"review"' in shown.stdout
    record = json.loads(repo.mlboard("show", "T-1", "--json").stdout)["conflicts"][0]
    assert (record["field"], record["base"], record["ours"], record["theirs"]) == (
        "status",
        "backlog",
        "done",
        "review",
    )
    assert record["chosen"] == "ours" and record["resolved_at"] is None

    resolved = repo.mlboard("resolve", record["id"], "--take", "theirs")
    assert resolved.stdout.startswith(f"resolved {record['id']}: card T-1 status")
    board = repo.board()
    assert board.card("T-1").status == "review"
    assert board.open_conflicts() == []
    last = [e for e in board.events if e.kind.value in ("moved", "resolved")][-2:]
    assert [e.kind.value for e in last] == ["moved", "resolved"]
    assert "open conflict" not in repo.mlboard("check").stdout
    again = repo.mlboard("resolve", record["id"], check=False)
    assert again.returncode == 1 and "already resolved" in again.stderr


def test_both_branches_creating_one_id_renumbers_theirs_everywhere(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("add", "Theirs: drift report", "--category", "data")  # T-3 on a
    repo.mlboard("add", "Theirs: retrain", "--category", "experiment", "--depends-on", "T-3")
    repo.commit("A: two cards")
    repo.git("checkout", "-q", "main")
    repo.mlboard("add", "Ours: calibration", "--category", "experiment")  # T-3 on main
    repo.mlboard("add", "Ours: thresholds", "--category", "experiment")  # T-4 on main
    repo.commit("main: two cards")
    merged = repo.git("merge", "a", "-m", "merge a")
    mapping = renumbering(merged.stderr)
    assert mapping == {"T-3": "T-5", "T-4": "T-6"}
    board = repo.board()
    assert board.card("T-3").title == "Ours: calibration"
    assert board.card("T-5").title == "Theirs: drift report"
    assert board.card("T-6").depends_on == ("T-5",)  # the reference moved with its card
    assert board.next_number == 7
    renumbered = [e for e in board.events if e.kind.value == "renumbered"]
    assert {(e.from_, e.to) for e in renumbered} == {("T-3", "T-5"), ("T-4", "T-6")}
    created = {e.card for e in board.events if e.kind.value == "created"}
    assert created == {"T-1", "T-2", "T-3", "T-4", "T-5", "T-6"}
    shown = repo.mlboard("show", "T-3")
    assert "Ours: calibration" in shown.stdout
    assert "T-3 from the other branch of a merge is now T-5" in shown.stdout
    shown = repo.mlboard("show", "T-4", "--json")
    assert json.loads(shown.stdout)["renumbered"].endswith(
        "T-4 from the other branch of a merge is now T-6 (mlboard show T-6)"
    )
    assert repo.mlboard("check").returncode == 0


def test_a_second_merge_from_the_renumbered_branch_follows_the_new_id(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("add", "Theirs", "--category", "data")  # T-3 on a
    repo.commit("A: a card")
    repo.git("checkout", "-q", "main")
    repo.mlboard("add", "Ours", "--category", "data")  # T-3 on main
    repo.commit("main: a card")
    repo.git("merge", "a", "-m", "merge a")  # a's T-3 is T-4 here
    repo.git("checkout", "-q", "a")
    repo.mlboard("move", "T-3", "doing")  # a keeps working on its T-3
    repo.commit("A: move its card")
    repo.git("checkout", "-q", "main")
    merged = repo.git("merge", "a", "-m", "merge a again")
    assert renumbering(merged.stderr) == {}
    board = repo.board()
    assert (board.card("T-3").title, board.card("T-3").status) == ("Ours", "backlog")
    assert (board.card("T-4").title, board.card("T-4").status) == ("Theirs", "doing")
    assert len(board.cards) == 4 and board.open_conflicts() == []


def test_a_branch_that_kept_numbering_after_a_merge_moves_its_new_card_aside(
    repo: Repo,
) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("add", "Theirs one", "--category", "data")  # T-3 on a
    repo.commit("A: a card")
    repo.git("checkout", "-q", "main")
    repo.mlboard("add", "Ours one", "--category", "data")  # T-3 on main
    repo.commit("main: a card")
    repo.git("merge", "a", "-m", "merge a")  # a's T-3 is T-4 on main
    repo.git("checkout", "-q", "a")
    repo.mlboard("add", "Theirs two", "--category", "data")  # a's counter says T-4
    repo.mlboard("move", "T-3", "doing")  # a's first card, T-4 on main
    repo.commit("A: another card, a move")
    repo.git("checkout", "-q", "main")
    repo.mlboard("edit", "T-3", "--title", "Ours one, edited")
    repo.commit("main: edit its card")
    merged = repo.git("merge", "a", "-m", "merge a again")
    assert "T-4 → T-5 (an earlier merge gave T-4 to another card)" in merged.stderr
    board = repo.board()
    titles = {c.id: (c.title, c.status) for c in board.cards.values() if c.number > 2}
    assert titles == {
        "T-3": ("Ours one, edited", "backlog"),
        "T-4": ("Theirs one", "doing"),
        "T-5": ("Theirs two", "backlog"),
    }
    assert board.open_conflicts() == [] and board.next_number == 6
    assert repo.mlboard("check").returncode == 0


def test_deleted_on_one_side_and_changed_on_the_other_is_kept_with_a_record(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("edit", "T-2", "--title", "Baseline model, v2")
    repo.commit("A: edit T-2")
    repo.git("checkout", "-q", "main")
    repo.mlboard("rm", "T-2")
    repo.commit("main: delete T-2")
    repo.git("merge", "a", "-m", "merge a")
    board = repo.board()
    assert board.card("T-2").title == "Baseline model, v2"
    (record,) = board.open_conflicts()
    assert (record.key, record.field, record.ours, record.theirs) == (
        "T-2",
        "(exists)",
        False,
        True,
    )
    repo.mlboard("resolve", "T-2", "--take", "ours")  # the deletion after all
    assert "T-2" not in repo.board().cards


def test_links_that_close_a_cycle_only_together_leave_one_out_and_say_so(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("link", "T-2", "--on", "T-1")
    repo.commit("A: T-2 needs T-1")
    repo.git("checkout", "-q", "main")
    repo.mlboard("link", "T-1", "--on", "T-2")
    repo.commit("main: T-1 needs T-2")
    repo.git("merge", "a", "-m", "merge a")
    board = repo.board()
    assert board.card("T-1").depends_on == ("T-2",)  # ours kept
    assert board.card("T-2").depends_on == ()
    (record,) = board.open_conflicts()
    assert (record.key, record.field, record.theirs) == ("T-2", "depends_on", ["T-1"])
    assert "cycle" in record.note
    assert repo.mlboard("check").returncode == 0


def test_a_merge_that_cannot_be_valid_fails_and_git_keeps_its_conflict(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a")
    repo.mlboard("move", "T-1", "doing")
    repo.commit("A: move")
    repo.git("checkout", "-q", "main")
    repo.board_path.write_text("{ broken")
    repo.commit("main: break the file")
    merged = repo.git("merge", "a", "-m", "merge a", check=False)
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout
    driver_lines = [line for line in merged.stderr.splitlines() if line.startswith("mlboard:")]
    assert len(driver_lines) == 1 and "ours" in driver_lines[0]
    assert repo.board_path.read_text() == "{ broken"  # OURS untouched
    assert "UU mlboard.json" in repo.git("status", "--porcelain").stdout


def test_a_rebase_of_three_commits_goes_through_the_driver(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.mlboard("add", "Feature card", "--category", "engineering")  # T-3
    repo.commit("feature 1")
    repo.mlboard("move", "T-3", "doing")
    repo.commit("feature 2")
    repo.mlboard("block", "T-1", "--kind", "data", "--note", "labels late")
    repo.commit("feature 3")
    repo.git("checkout", "-q", "main")
    repo.mlboard("add", "Main card", "--category", "data")  # T-3 on main too
    repo.mlboard("move", "T-1", "doing")
    repo.commit("main")
    repo.git("checkout", "-q", "feature")
    rebased = repo.git("rebase", "main")
    assert "CONFLICT" not in rebased.stdout + rebased.stderr
    assert len(repo.git("log", "--oneline", "main..feature").stdout.splitlines()) == 3
    board = repo.board()
    assert board.card("T-3").title == "Main card"  # upstream is "ours" in a rebase
    moved = {c.title: c for c in board.cards.values()}["Feature card"]
    assert moved.id == "T-4" and moved.status == "doing"
    assert board.card("T-1").status == "doing" and board.card("T-1").open_blockers
    assert repo.mlboard("check").returncode == 0
    for commit in ("HEAD~2", "HEAD~1"):  # every rewritten commit holds a valid board
        repo.git("checkout", "-q", commit)
        assert repo.mlboard("check").returncode == 0


def test_a_cherry_pick_goes_through_the_driver(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "hotfix")
    repo.mlboard("add", "Hotfix card", "--category", "engineering")  # T-3
    repo.mlboard("log", "T-2", "f1=0.7")
    repo.commit("hotfix")
    repo.git("checkout", "-q", "main")
    repo.mlboard("add", "Main card", "--category", "data")  # T-3
    repo.mlboard("log", "T-2", "f1=0.6")
    repo.commit("main")
    picked = repo.git("cherry-pick", "hotfix")
    assert renumbering(picked.stderr) == {"T-3": "T-4"}
    board = repo.board()
    assert board.card("T-4").title == "Hotfix card"
    assert sorted(m.value for m in board.card("T-2").metrics) == [0.6, 0.7]
    assert repo.mlboard("check").returncode == 0
    # Later the whole branch is merged: the picked card is recognised, not doubled.
    repo.git("checkout", "-q", "hotfix")
    repo.mlboard("move", "T-3", "doing")
    repo.commit("hotfix: move its card")
    repo.git("checkout", "-q", "main")
    merged = repo.git("merge", "hotfix", "-m", "merge hotfix")
    assert renumbering(merged.stderr) == {}
    board = repo.board()
    assert sorted(c.title for c in board.cards.values()) == [
        "Baseline model", "Hotfix card", "Ingest tickets", "Main card",
    ]  # fmt: skip
    assert board.card("T-4").status == "doing" and board.open_conflicts() == []


def test_git_setup_is_idempotent_and_says_what_it_wrote(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.root.mkdir()
    repo.git("init", "-q")
    (repo.root / "boards").mkdir()
    repo.mlboard("init", "--board", "boards/team.json")
    first = repo.mlboard("git-setup", "--board", "boards/team.json")
    assert "wrote .gitattributes: mlboard.json merge=mlboard" in first.stdout
    assert "wrote .gitattributes: /boards/team.json merge=mlboard" in first.stdout
    assert "wrote git config merge.mlboard.driver" in first.stdout
    attributes = (repo.root / ".gitattributes").read_text()
    again = repo.mlboard("git-setup", "--board", "boards/team.json")
    assert "nothing to do" in again.stdout and "wrote" not in again.stdout
    assert (repo.root / ".gitattributes").read_text() == attributes
    driver = repo.git("config", "--get", "merge.mlboard.driver").stdout
    assert driver.strip().endswith("merge-file %O %A %B %P")
    check = repo.git("check-attr", "merge", "boards/team.json", "sub/mlboard.json").stdout
    assert check.count("merge: mlboard") == 2


def test_the_team_commands_are_in_the_help(tmp_path: Path) -> None:
    helped = Repo(tmp_path).mlboard("--help")
    for command in ("merge-file", "resolve", "git-setup"):
        assert command in helped.stdout
        assert Repo(tmp_path).mlboard(command, "--help").returncode == 0


def test_git_setup_outside_a_repository_is_bad_input(tmp_path: Path) -> None:
    ran = Repo(tmp_path).mlboard("git-setup", check=False)
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1 and "not inside a git repository" in ran.stderr
    assert not (tmp_path / ".gitattributes").exists()
