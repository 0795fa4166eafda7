"""Issue 9, figures 4–7: time-box, p85, burndown with scope changes, velocity — each checked
against a recomputation from the board's events and cards by the test's own code."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from figures_story import AFTER, CLOSE, NOW, S2_START, naive_remaining, scope_story

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.models import Board, Card, Category, Experiment, Mode
from mlboard.planning.reports import (
    burndown_report,
    cycle_time,
    plan_report,
    render_flow_text,
    retro_report,
)
from mlboard.planning.reports.flow import flow
from mlboard.services.clock import FixedClock
from mlboard.ui.badges import badges
from mlboard.ui.sprint_figures import sprint_figures

T = datetime(2026, 11, 2, 9, tzinfo=UTC)


def end_of(date_text: str) -> datetime:
    return datetime.fromisoformat(date_text).replace(tzinfo=UTC) + timedelta(days=1)


def test_burndown_steps_each_scope_change_on_its_day(tmp_path: Path) -> None:
    board = scope_story(tmp_path).board
    report = burndown_report(board, board.sprint("S1"), NOW)
    assert report.committed_points == 10.0  # A 3 + B 5 + C 2 at the start
    assert report.committed == ("ML-1", "ML-2", "ML-3")
    assert [(c.card, c.kind, c.points) for c in report.changes] == [
        ("ML-4", "added", 4.0),
        ("ML-2", "re-estimated", 3.0),
        ("ML-3", "removed", -2.0),
    ]
    assert (report.added_points, report.removed_points) == (4.0, 2.0)
    assert report.re_estimated_points == 3.0
    so_far = [d for d in report.days if d.remaining is not None]
    assert [d.remaining for d in so_far] == [10, 7, 11, 14, 12, 12, 12, 4, 4, 4, 4, 4]
    for row in so_far:  # the test's own replay of the history, day by day
        scope, remaining = naive_remaining(board, "S1", min(end_of(row.date), CLOSE))
        assert (row.scope, row.remaining) == (scope, remaining), row.date
    # the ideal line: 10 at the start, down to 0 on the sprint's 14th (last) day
    assert len(report.days) == 14
    assert [d.ideal for d in report.days] == [round(10 * (13 - i) / 14, 2) for i in range(14)]


def test_a_closed_sprint_burndown_is_frozen(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    closed = scope_story(tmp_path / "a", until_close=True).board
    before = burndown_report(closed, closed.sprint("S1"), CLOSE)
    board = scope_story(tmp_path).board
    assert any(e.at >= AFTER and e.field == "points" for e in board.events)  # D re-estimated later
    later = burndown_report(board, board.sprint("S1"), NOW)
    assert later == before
    assert later.frozen is True


def test_cli_burndown_and_the_tui_header_read_one_burndown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = scope_story(tmp_path)
    story.service.flush()
    path = tmp_path / "b.json"
    ctx = Context(path, clock=FixedClock(NOW))
    assert main(["--board", str(path), "burndown", "--json"], ctx) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["sprint"] == "S2"
    figures = sprint_figures(story.board, NOW)
    assert figures is not None
    remaining = tuple(d["remaining"] for d in printed["days"] if d["remaining"] is not None)
    assert figures.burndown == remaining
    # S2 committed D (13 points after its re-estimate) at its start; D was done on day 2
    assert remaining == naive_days(story.board, "S2", S2_START, NOW)
    assert remaining == (13.0, 0.0)
    ctx = Context(path, clock=FixedClock(NOW))
    assert main(["--board", str(path), "burndown", "--sprint", "S1"], ctx) == 0
    text = capsys.readouterr().out
    assert "Committed at the start: 10 pts (ML-1, ML-2, ML-3)" in text
    assert "ML-2 re-estimated (+3 pts, 5 → 8)" in text
    assert "| Fri 6 Nov | 12 | 15 |" in text


def naive_days(board: Board, sprint_id: str, start: datetime, now: datetime) -> tuple[float, ...]:
    out = []
    day = start.replace(hour=0)
    while day <= now:
        out.append(naive_remaining(board, sprint_id, min(day + timedelta(days=1), now))[1])
        day += timedelta(days=1)
    return tuple(out)


def test_velocity_reports_committed_at_start_added_removed_completed(tmp_path: Path) -> None:
    board = scope_story(tmp_path).board
    (s1,) = [v for v in retro_report(board, "S1", NOW).velocity]
    start = board.sprint("S1").started_at
    assert start is not None
    committed, _ = naive_remaining(board, "S1", start + timedelta(seconds=1))
    assert s1.committed_points == committed == 10.0
    assert (s1.added_points, s1.removed_points, s1.re_estimated_points) == (4, 2, 3)
    scope, remaining = naive_remaining(board, "S1", CLOSE)
    completed = scope - remaining
    assert s1.completed_points == completed == 11.0  # A 3 + B 8


def test_review_points_are_the_burndown_figures(tmp_path: Path) -> None:
    from mlboard.planning.reports import render_review_text, review_report

    board = scope_story(tmp_path).board
    review = review_report(board, "S1", NOW)
    assert review.points.to_json() == {
        "committed": 10.0,
        "added": 4.0,
        "removed": 2.0,
        "re_estimated": 3.0,
        "completed": 11.0,
    }
    assert "11 points (10 committed at the start; +4 added, −2 taken out, +3 re-estimated)" in (
        render_review_text(review)
    )


def _kanban(cards: list[Card]) -> Board:
    return Board(name="k", key="ML", mode=Mode.KANBAN, cards={c.id: c for c in cards})


def test_p85_cycle_time_is_the_nearest_rank() -> None:
    spans = [
        float(d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30)
    ]
    cards = [
        Card(
            id=f"ML-{i + 1}",
            title="t",
            category=Category.ENGINEERING,
            status="done",
            created_at=T,
            started_at=T,
            done_at=T + timedelta(days=span),
        )
        for i, span in enumerate(spans)
    ]
    report = cycle_time(_kanban(cards), T + timedelta(days=40))
    # nearest rank: the smallest span with at least 85 % of the spans at or below it
    expected = min(
        v for v in spans if sum(1 for w in spans if w <= v) >= math.ceil(0.85 * len(spans))
    )
    assert report.p85_days == expected == 17.0
    board = _kanban(cards)
    text = render_flow_text(flow(board, T + timedelta(days=40), days=40))
    assert "85th percentile (nearest rank) 17 days" in text


def test_plan_and_flow_agree_on_the_kanban_timebox() -> None:
    started = T
    now = T + timedelta(days=14, hours=6)  # 14.25 days into a 14-day time-box
    card = Card(
        id="ML-1",
        title="explore",
        category=Category.EXPERIMENT,
        status="doing",
        created_at=T,
        started_at=started,
        experiment=Experiment(hypothesis="h", method="m", conclusive="c", timebox=1),
    )
    board = _kanban([card]).model_copy(update={"sprint_days": 14})
    over = now - started > timedelta(days=14)
    flagged_by_plan = any("time-box" in f.message for f in plan_report(board, None, now).findings)
    flagged_by_flow = flow(board, now).aging[0].over_timebox
    badge = next(b for b in badges(board, card, now) if b[0].startswith("◔"))
    assert flagged_by_plan == flagged_by_flow == (badge == ("◔2/1", "aging")) == over is True
    edge = T + timedelta(days=14)  # exactly the time-box: not over, for all three
    assert not any("time-box" in f.message for f in plan_report(board, None, edge).findings)
    assert flow(board, edge).aging[0].over_timebox is False
    assert ("◔1/1", "muted") in badges(board, card, edge)


def test_burndown_command_in_a_real_process(tmp_path: Path) -> None:
    import subprocess

    story = scope_story(tmp_path)
    story.service.flush()
    path = tmp_path / "b.json"

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return run_mlboard("--board", str(path), *argv)

    done = run("burndown", "--sprint", "S1", "--json")
    assert done.returncode == 0, done.stderr
    report = burndown_report(story.board, story.board.sprint("S1"), NOW)
    assert json.loads(done.stdout) == report.to_json()
    unknown = run("burndown", "--sprint", "S9")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1 and not unknown.stdout
    assert run("mode", "kanban").returncode == 0
    refused = run("burndown")
    assert refused.returncode == 1 and "Kanban" in refused.stderr
    assert refused.stderr.count("\n") == 1
