"""Board changes as hook events, and the session calling back after a background save (the
TUI's way of writing), as after a command's write."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mlboard.models import Board
from mlboard.services import cards as ops
from mlboard.services import sprints
from mlboard.services.hooks import board_events, load_hooks
from mlboard.services.session import BoardService

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_a_background_save_calls_back_with_the_boards_before_and_after(
    service: BoardService,
) -> None:
    calls: list[tuple[Board, Board]] = []
    service.after_write = lambda before, after: calls.append((before, after))
    start = service.board
    service.apply("add", lambda b, now: ops.add_card(b, now, "x", "data"))
    service.apply("add", lambda b, now: ops.add_card(b, now, "y", "data"))
    assert calls == []  # nothing written yet
    service.flush()
    assert len(calls) == 1 and calls[0][0] is start and set(calls[0][1].cards) == {"ML-1", "ML-2"}
    service.flush()  # nothing pending: no call
    service.do(ops.move_card, "ML-1", "doing")
    assert len(calls) == 2 and calls[1][1].cards["ML-1"].status == "doing"


def test_closing_a_sprint_is_an_event(service: BoardService) -> None:
    service.do(sprints.new_sprint, "S", "goal")
    service.do(sprints.start_sprint)
    before = service.board
    service.do(sprints.close_sprint)
    found = board_events(before, service.board, T0)
    assert [(e["event"], e["sprint"]) for e in found] == [("sprint-closed", "S1")]


def test_hooks_file_problems_are_words_not_errors(tmp_path: Path) -> None:
    assert load_hooks(tmp_path) == ([], [])
    (tmp_path / "hooks.toml").write_text('[[hook]]\non = "sprint-closed"\nrun = "true"\n')
    hooks, problems = load_hooks(tmp_path)
    assert [h.on for h in hooks] == [frozenset({"sprint-closed"})] and problems == []
