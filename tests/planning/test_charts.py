"""Issue 9, the charts: the series drawn from each report's JSON form (what `--json` prints)
equal the test's own recomputation from the board's events, cards and sprints."""

from __future__ import annotations

import json
import statistics
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from figures_story import CLOSE, CREATED_POINTS, NOW, naive_remaining, scope_story
from reports_story import STANDUP, Story, new_service, routing_story

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.models import Board, EventKind
from mlboard.planning.charts import (
    Chart,
    Series,
    Threshold,
    report_charts,
    single_point_trends,
    trend_threshold,
)
from mlboard.services import cards, resources
from mlboard.services.clock import FixedClock

KANBAN_START = datetime(2026, 11, 2, 9, tzinfo=UTC)
KANBAN_NOW = datetime(2026, 11, 8, 12, tzinfo=UTC)


def printed_json(
    path: Path, now: datetime, capsys: pytest.CaptureFixture[str], *argv: str
) -> dict[str, Any]:
    """What `mlboard ARGV --json` prints on the board at `now`: the report's JSON form."""
    capsys.readouterr()
    assert main(["--board", str(path), *argv, "--json"], Context(path, clock=FixedClock(now))) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def series(chart: Chart) -> dict[str, tuple[tuple[int, float], ...]]:
    return {s.name: s.points for s in chart.series}


def test_burndown_series_step_with_each_scope_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = scope_story(tmp_path)
    story.service.flush()
    report = printed_json(tmp_path / "b.json", NOW, capsys, "burndown", "--sprint", "S1")
    (chart,) = report_charts("burndown", report)
    # S1 runs Mon 2 – Sun 15 Nov: every day is on the x axis, the ideal line over all of them
    days = [date(2026, 11, 2) + timedelta(days=n) for n in range(14)]
    assert chart.x_labels == tuple(d.isoformat() for d in days)
    committed = sum(CREATED_POINTS[c] for c in ("ML-1", "ML-2", "ML-3"))  # at the start
    assert committed == 10
    assert series(chart)["ideal"] == tuple(
        (n, round(committed * (13 - n) / 14, 2)) for n in range(14)
    )
    # days so far: up to the close (Fri 13), each the test's own replay of the history
    replayed = [
        naive_remaining(story.board, "S1", min(_end_of(d), CLOSE))
        for d in days
        if d <= CLOSE.date()
    ]
    assert series(chart)["scope"] == tuple((n, scope) for n, (scope, _) in enumerate(replayed))
    assert series(chart)["remaining"] == tuple((n, left) for n, (_, left) in enumerate(replayed))
    scope = next(s for s in chart.series if s.name == "scope")
    assert scope.step and [v for _, v in scope.points][:5] == [10, 10, 14, 17, 15]
    assert chart.shape == "lines" and chart.from_zero and chart.thresholds == ()
    assert chart.title.startswith("Burndown S1 (closed)")


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=UTC)


def test_velocity_series_committed_at_start_and_completed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = scope_story(tmp_path)
    story.service.flush()
    report = printed_json(tmp_path / "b.json", NOW, capsys, "retro", "--sprint", "S2")
    (chart,) = report_charts("retro", report)
    assert chart.shape == "bars" and chart.x_labels == ("S1",)
    board = story.board
    # committed at S1's start: the cards committed before it started, at their points then
    started = board.sprint("S1").started_at
    assert started is not None
    committed_ids = {
        e.card for e in board.events if e.kind is EventKind.COMMITTED and e.at <= started
    }
    committed = sum(CREATED_POINTS[c] for c in committed_ids if c is not None)
    # completed at the close: the sprint's cards done by then, at their points at the close
    _, remaining = naive_remaining(board, "S1", CLOSE)
    scope, _ = naive_remaining(board, "S1", CLOSE)
    assert series(chart) == {
        "committed": ((0, committed),),
        "completed": ((0, scope - remaining),),
    }
    assert (committed, scope - remaining) == (10, 11)  # A 3 + B re-estimated to 8


def test_trend_series_are_each_sprints_best_result_with_the_criterion_drawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = routing_story(tmp_path)
    story.service.flush()
    report = printed_json(tmp_path / "b.json", STANDUP, capsys, "review", "--sprint", "S2")
    charts = report_charts("review", report)
    board = story.board
    best = _best_per_sprint(board, "accuracy", "holdout")
    assert best == {"S1": 0.87, "S2": 0.91}  # S2 logged 0.89, then 0.91
    (chart,) = charts  # recall has one sprint's value so far: not drawn
    assert chart.x_labels == ("S1", "S2")
    assert series(chart) == {"accuracy": ((0, best["S1"]), (1, best["S2"]))}
    # S2 has no measurable goal: the criterion on accuracy@holdout of S2's cards (ML-7)
    assert chart.thresholds == (Threshold("ML-7 accuracy>=0.9", 0.9),)
    assert not chart.from_zero
    assert single_point_trends(report) == ["recall on holdout"]
    s1 = printed_json(tmp_path / "b.json", STANDUP, capsys, "review", "--sprint", "S1")
    assert report_charts("review", s1) == []  # one sprint: no trend yet


def _best_per_sprint(board: Board, metric: str, dataset: str) -> dict[str, float]:
    """The highest result per sprint, each counted in the sprint running when it was logged."""
    out: dict[str, float] = {}
    for sprint in board.sprints:
        start = sprint.started_at
        end = sprint.snapshot.closed_at if sprint.snapshot else datetime.max.replace(tzinfo=UTC)
        if start is None:
            continue
        values = [
            m.value
            for c in board.cards.values()
            for m in c.metrics
            if (m.name, m.dataset) == (metric, dataset) and start <= m.at <= end
        ]
        if values:
            out[sprint.id] = max(values)
    return out


def test_the_sprint_goal_is_the_threshold_before_any_card_criterion() -> None:
    criteria = [
        {"metric": "accuracy", "op": ">=", "threshold": 0.9, "target": 0.9, "dataset": "holdout"},
        {"metric": "accuracy", "op": ">", "threshold": 0.95, "target": 0.95, "dataset": "holdout"},
        {"metric": "latency", "op": "<", "threshold": 80.0, "target": 80.0, "dataset": "holdout"},
        {"metric": "latency", "op": "<=", "threshold": 60.0, "target": 60.0, "dataset": "holdout"},
    ]
    review: dict[str, Any] = {
        "sprint": {"measurable_goal": {"criterion": "accuracy>=0.91@holdout"}},
        "criteria": [{"card": "ML-3", "criteria": criteria}],
    }
    assert trend_threshold(review, "accuracy", "holdout") == Threshold("goal accuracy>=0.91", 0.91)
    assert trend_threshold(review, "accuracy", "canary") is None
    review["sprint"] = {"measurable_goal": None}
    # the most demanding criterion: the highest bar above, the lowest bar below
    assert trend_threshold(review, "accuracy", "holdout") == Threshold("ML-3 accuracy>0.95", 0.95)
    assert trend_threshold(review, "latency", "holdout") == Threshold("ML-3 latency<=60", 60.0)


def kanban_story(tmp: Path) -> Story:
    """Kanban from Mon 2 Nov: A, B, C created; A doing Tue, done Thu; B doing Wed, done Sat;
    C doing Fri; D created Sat 7 Nov."""
    s = Story(new_service(tmp))
    s.at(KANBAN_START).do(resources.set_mode, "kanban")
    a = s.add("A", "data")
    b = s.add("B", "experiment")
    c = s.add("C", "engineering")
    s.at(datetime(2026, 11, 3, 10, tzinfo=UTC)).do(cards.move_card, a, "doing")
    s.at(datetime(2026, 11, 4, 10, tzinfo=UTC)).do(cards.move_card, b, "doing")
    s.at(datetime(2026, 11, 5, 16, tzinfo=UTC)).do(cards.move_card, a, "done")
    s.at(datetime(2026, 11, 6, 10, tzinfo=UTC)).do(cards.move_card, c, "doing")
    s.at(datetime(2026, 11, 7, 10, tzinfo=UTC)).do(cards.move_card, b, "done")
    s.add("D", "data")
    s.at(KANBAN_NOW)
    return s


def test_cumulative_flow_series_replay_the_moves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = kanban_story(tmp_path)
    story.service.flush()
    report = printed_json(tmp_path / "b.json", KANBAN_NOW, capsys, "flow", "--days", "7")
    cfd, _ = report_charts("flow", report)
    days = [date(2026, 11, 2) + timedelta(days=n) for n in range(7)]
    assert cfd.x_labels == tuple(d.isoformat() for d in days)
    assert cfd.shape == "stacked"
    columns = [c.id for c in story.board.columns]
    titles = {c.id: c.title for c in story.board.columns}
    # the test's own replay: each card's column at the end of each day
    expected: dict[str, list[tuple[int, float]]] = {titles[c]: [] for c in columns}
    for n, day in enumerate(days):
        where: dict[str, str] = {}
        for event in story.board.events:
            if event.at < _end_of(day) and event.kind in (EventKind.CREATED, EventKind.MOVED):
                assert event.card is not None and event.to is not None
                where[event.card] = event.to
        for column in columns:
            expected[titles[column]].append((n, float(list(where.values()).count(column))))
    assert [s.name for s in cfd.series] == [titles[c] for c in reversed(columns)]  # done first
    assert series(cfd) == {name: tuple(points) for name, points in expected.items()}
    assert series(cfd)["Done"][-2:] == ((5, 2.0), (6, 2.0))
    assert cfd.values()[-1] == 4  # the stack's height on the last day: every card


def test_cycle_time_scatter_puts_each_card_on_its_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = kanban_story(tmp_path)
    story.service.flush()
    report = printed_json(tmp_path / "b.json", KANBAN_NOW, capsys, "flow", "--days", "7")
    _, scatter = report_charts("flow", report)
    assert scatter.shape == "scatter"
    spans = {}
    for card in story.board.cards.values():
        if card.done_at is not None and card.started_at is not None:
            index = (card.done_at.date() - date(2026, 11, 2)).days
            days = round((card.done_at - card.started_at).total_seconds() / 86400, 1)
            spans[card.category.value] = ((index, days),)
    assert series(scatter) == spans == {"data": ((3, 2.2),), "experiment": ((5, 3.0),)}
    middle = statistics.median([2.2, 3.0])
    assert scatter.thresholds == (
        Threshold(f"median {middle:g} d", middle),
        Threshold("p85 3 d", 3.0),  # nearest rank: the 2nd of 2
    )


def test_report_charts_refuses_an_unknown_report() -> None:
    with pytest.raises(ValueError, match="standup"):
        report_charts("standup", {})


def test_a_chart_without_points_or_labels_reads_nothing() -> None:
    empty = Chart("Nothing", "lines", (), (Series("a", ()),))
    assert empty.values() == []
