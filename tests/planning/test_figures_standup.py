"""Issue 9, figure 9: the standup groups changes by who held the card at the time, shows
several results of a metric first → last, and lets undo/redo pairs cancel out — checked
against the test's own replay of the events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reports_story import Story, new_service, team

from mlboard.models import Board, EventKind
from mlboard.planning.reports import render_standup_text, standup_report
from mlboard.services import cards

MON = datetime(2026, 11, 9, 10, tzinfo=UTC)
TUE = datetime(2026, 11, 10, 9, tzinfo=UTC)
WED = datetime(2026, 11, 11, 9, tzinfo=UTC)


def handoff_story(tmp: Path) -> Story:
    """Monday: ana moves X and logs auc 0.78 then 0.81 (its first results); she moves Y and
    undoes, redoes, undoes it. Tuesday 9:00: X is handed to raj."""
    s = Story(new_service(tmp))
    team(s)
    x = s.add("X", "experiment", assignee="ana", status="todo")
    y = s.add("Y", "data", assignee="ana", status="todo")
    s.at(MON).do(cards.move_card, x, "doing")
    s.later(1).do(cards.log_metrics, x, {"auc": 0.78})
    s.later(1).do(cards.log_metrics, x, {"auc": 0.81})
    s.later(1).do(cards.move_card, y, "doing")
    s.service.undo()
    s.service.redo()
    s.service.undo()
    s.at(TUE).do(cards.edit_card, x, assignee="raj")
    return s


def holders_at_each_event(board: Board, first: dict[str, str]) -> list[tuple[str, str, str]]:
    """(card, kind, holder) of each moved/metric event on MON, replaying assignee edits."""
    holder = dict(first)
    out = []
    for event in board.events:
        card = str(event.card)
        if event.kind is EventKind.EDITED and event.field == "assignee":
            holder[card] = str(event.to)
        elif event.kind in (EventKind.MOVED, EventKind.METRIC) and event.at.date() == MON.date():
            out.append((card, event.kind.value, holder[card]))
    return out


def test_changes_stay_with_who_held_the_card(tmp_path: Path) -> None:
    board = handoff_story(tmp_path).board
    replay = holders_at_each_event(board, {"ML-1": "ana", "ML-2": "ana"})
    assert {(card, who) for card, _, who in replay} == {("ML-1", "ana"), ("ML-2", "ana")}
    on_monday = standup_report(board, WED, MON.date())  # Monday's standup, read on Wednesday
    people = {p.person: p.changes for p in on_monday.people}
    assert [(c.card, c.kind) for c in people["ana"]] == [
        ("ML-1", "moved"),
        ("ML-1", "metric"),
    ]
    assert people["raj"] == ()
    held = {p.person: [c.id for c in p.cards] for p in on_monday.people}
    assert held["ana"] == ["ML-1", "ML-2"] and held["raj"] == []  # ana held X on Monday
    tuesday = standup_report(board, TUE.replace(hour=12))
    assert [c.card for c in {p.person: p for p in tuesday.people}["ana"].changes] == [
        "ML-1",
        "ML-1",
    ]


def test_several_results_read_first_to_last(tmp_path: Path) -> None:
    board = handoff_story(tmp_path).board
    results = [r.value for r in board.cards["ML-1"].metrics if r.at.date() == MON.date()]
    report = standup_report(board, TUE.replace(hour=12))
    (auc,) = [c for p in report.people for c in p.changes if c.kind == "metric"]
    assert (auc.from_, auc.to, auc.runs) == (results[0], results[-1], len(results))
    assert auc.change == results[-1] - results[0]
    assert "ML-1 auc 0.78 → 0.81 (+0.03), 2 runs" in render_standup_text(report)


def test_undo_redo_pairs_cancel_out(tmp_path: Path) -> None:
    board = handoff_story(tmp_path).board
    moves = [
        (e.from_, e.to) for e in board.events if e.kind is EventKind.MOVED and e.card == "ML-2"
    ]
    assert moves == [("todo", "doing"), ("doing", "todo"), ("todo", "doing"), ("doing", "todo")]
    assert board.cards["ML-2"].status == "todo"  # where it started: nothing to tell
    report = standup_report(board, TUE.replace(hour=12))
    assert [c for p in report.people for c in p.changes if c.card == "ML-2"] == []
    assert "ML-2" not in render_standup_text(report).split("Cards:")[0]
