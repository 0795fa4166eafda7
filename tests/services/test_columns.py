"""Issue 11: columns that fit the team — add, rename, remove when empty, reorder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.models import BadInput, RuleViolation
from mlboard.services import cards, columns, resources
from mlboard.services.session import BoardService


def titles(service: BoardService) -> list[str]:
    return [c.title for c in service.board.columns]


def test_a_research_kanban_reads_idea_running_analysis_done(service: BoardService) -> None:
    for column in ("backlog", "todo", "review"):
        service.do(columns.remove_column, column)
    service.do(resources.configure_column, "doing", "Running")
    service.do(columns.add_column, "Idea", None)
    service.do(columns.move_column, "idea", None)
    service.do(columns.add_column, "Analysis", "doing", 3, True)
    assert titles(service) == ["Idea", "Running", "Analysis", "Done"]
    analysis = service.board.column("analysis")
    assert analysis.wip == 3 and analysis.hard and not analysis.done
    added = service.do(cards.add_card, "Try BM25", "experiment").subject
    assert service.board.card(added or "").status == "idea"  # the first column


def test_a_new_column_goes_before_done_unless_placed(service: BoardService) -> None:
    service.do(columns.add_column, "Needs review", None)
    assert service.board.column_ids()[-2:] == ("needs-review", "done")
    service.do(columns.add_column, "Parked", "backlog")
    assert service.board.column_ids()[:2] == ("backlog", "parked")


def test_a_column_with_cards_or_the_last_done_one_stays(service: BoardService) -> None:
    card = service.do(cards.add_card, "x", "data").subject or ""
    service.do(cards.move_card, card, "todo")
    with pytest.raises(RuleViolation, match=f"still holds {card}"):
        service.do(columns.remove_column, "todo")
    with pytest.raises(RuleViolation, match="only done column"):
        service.do(columns.remove_column, "done")
    with pytest.raises(BadInput, match="already on the board"):
        service.do(columns.add_column, "todo", None)
    with pytest.raises(BadInput, match="must start with a letter"):
        service.do(columns.add_column, "42", None)


def test_undo_brings_a_removed_column_back(service: BoardService) -> None:
    before = service.board.columns
    service.apply("rm", lambda board, now: columns.remove_column(board, now, "review"))
    service.undo()
    assert service.board.columns == before


def run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_mlboard(*argv, cwd=cwd)


def test_column_verbs_through_the_command_line(tmp_path: Path) -> None:
    assert run("init", "--mode", "kanban", cwd=tmp_path).returncode == 0
    added = run(
        "column", "add", "Analysis", "--after", "doing", "--wip", "2", "--hard", cwd=tmp_path
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[-1] == (
        "Backlog → To Do → In Progress → Analysis → Review → Done"
    )
    assert run("column", "rename", "analysis", "Analysing", cwd=tmp_path).returncode == 0
    moved = run("column", "move", "review", "--first", cwd=tmp_path)
    assert moved.stdout.splitlines()[-1].startswith("Review → Backlog")
    assert run("column", "rm", "todo", "--json", cwd=tmp_path).returncode == 0
    assert run("column", "doing", "--wip", "3", cwd=tmp_path).stdout == (
        "doing (In Progress): WIP limit 3 (soft)\n"
    )
    for argv, code in (
        (("column", "rm", "done"), 1),
        (("column", "move", "review"), 2),
        (("column", "rename", "doing"), 2),
        (("column", "rm", "doing", "--wip", "2"), 2),
    ):
        ran = run(*argv, cwd=tmp_path)
        assert ran.returncode == code and ran.stderr.count("\n") == 1, (argv, ran)
