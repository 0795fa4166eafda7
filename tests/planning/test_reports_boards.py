"""Every report on the sample boards and on a large synthetic board: runs, and adds up."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

from mlboard.models import Board
from mlboard.package_data import sample_boards_dir
from mlboard.planning import reports
from mlboard.planning.reports.burndown import burndown as burndown_line
from mlboard.planning.reports.flow import flow as flow_report
from mlboard.storage import BoardRepository

BENCH = Path(__file__).parents[2] / "bench" / "reports.py"


def load_sample(name: str) -> Board:
    path = sample_boards_dir() / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"no sample board {path.name}")
    return BoardRepository(path).load().board


class Made(NamedTuple):
    plan: reports.PlanReport
    standup: reports.StandupReport
    review: reports.ReviewReport
    retro: reports.RetroReport
    flow: reports.FlowReport


def every_report(board: Board, now: datetime) -> Made:
    made = Made(
        reports.plan_report(board),
        reports.standup_report(board, now),
        reports.review_report(board, None, now),
        reports.retro_report(board, None, now),
        flow_report(board, now),
    )
    json.dumps([report.to_json() for report in made])
    reports.render_plan_text(made.plan)
    reports.render_standup_text(made.standup)
    reports.render_review_text(made.review)
    reports.render_retro_text(made.retro)
    reports.render_flow_text(made.flow)
    return made


def test_scrum_sample() -> None:
    board = load_sample("scrum")
    now = board.events[-1].at
    made = every_report(board, now)
    active = board.active_sprint()
    assert active is not None
    review, retro = made.review, made.retro
    assert review.sprint is not None and review.sprint.id == active.id
    closed = [s for s in board.sprints if s.snapshot is not None]
    assert [v.sprint for v in retro.velocity] == [s.id for s in closed]
    for trend in review.trends:
        numbers = [int(p.sprint[1:]) for p in trend.points]
        assert numbers == sorted(numbers)
    assert review.trends, "a scrum sample with history shows trends"
    experiments = review.experiments
    assert sum(experiments.counts.values()) == len(experiments.list_)
    for check in made.plan.findings:
        assert check.check in reports.CHECKS
    for sprint in closed:
        assert sprint.snapshot is not None
        line = burndown_line(board, sprint, now)
        assert line and all(v >= 0 for v in line)
        assert line[0] >= sprint.snapshot.completed_points - 1e-9
        past = reports.review_report(board, sprint.id, now)
        assert past.points.completed == sprint.snapshot.completed_points
        assert len(past.completed) == len(sprint.snapshot.completed)


def test_kanban_sample() -> None:
    board = load_sample("kanban")
    now = board.events[-1].at
    made = every_report(board, now)
    assert made.plan.sprint is None
    flow = made.flow
    total = len(board.cards)
    assert sum(flow.cumulative_flow.days[-1].counts.values()) == total
    assert sum(c.count for c in flow.wip) == total
    text = reports.render_flow_text(flow)
    assert "| In Progress | 5 | 4 soft — **over** |" in text
    assert "In Progress holds 5 cards over its limit of 4" in text
    over = [e.card for e in flow.aging if e.over_timebox]
    assert over and f"{', '.join(over)} ran past the time-box" in text


def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_reports", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_large_board_figures_add_up() -> None:
    board, now = bench_module().big_board(2_000)
    made = every_report(board, now)
    assert made.review.sprint is not None and made.review.sprint.id == "S11"
    for sprint in board.sprints[:10]:
        snap = sprint.snapshot
        assert snap is not None
        line = burndown_line(board, sprint, now)
        assert line[0] == snap.committed_points
        assert line[-1] == snap.committed_points - snap.completed_points
        estimation = reports.retro_report(board, sprint.id, now).estimation
        assert sum(row.committed_points for row in estimation.values()) == snap.committed_points
        assert sum(row.completed_points for row in estimation.values()) == snap.completed_points
