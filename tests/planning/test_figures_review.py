"""Issue 9, figures 3 and 10: a closed sprint's review is frozen, and the measurable goal and
trends stand on the sprint's best result — each checked by the test's own recomputation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from figures_story import CLOSE, NOW, scope_story
from reports_story import Story, design, new_service, team

from mlboard.models import Board
from mlboard.planning.reports import render_review_text, review_report, trends
from mlboard.services import cards, sprints


def test_a_result_logged_between_sprints_leaves_the_closed_review_alone(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    at_close = scope_story(tmp_path / "a", until_close=True).board
    board = scope_story(tmp_path).board
    late = [
        r
        for c in board.cards.values()
        for r in c.metrics
        if r.at > CLOSE and r.sprint is None  # logged while no sprint ran
    ]
    assert [r.value for r in late] == [0.95]
    before = review_report(at_close, "S1", CLOSE)
    after = review_report(board, "S1", NOW)
    assert after == before
    goal = after.sprint.measurable_goal
    s1_results = [
        r.value
        for c in board.cards.values()
        for r in c.metrics
        if r.name == "accuracy" and r.sprint == "S1"
    ]
    assert goal.value == max(s1_results) == 0.88
    assert goal.status == "unmet"
    assert [p.value for t in trends(board, None) for p in t.points] == [0.88]


def goal_story(tmp: Path) -> Story:
    """One sprint, goal accuracy>=0.9: the adopted model logs 0.91, an exploratory run 0.85."""
    s = Story(new_service(tmp))
    team(s)
    s.do(sprints.new_sprint, goal="route", measurable_goal="accuracy>=0.9@holdout")
    model = s.add("Model", "experiment", points=5, **design("bigger helps"))
    probe = s.add("Probe", "experiment", points=2, **design("a probe"))
    s.do(sprints.commit_cards, [model, probe])
    s.later(1).do(sprints.start_sprint)
    s.later(24).do(cards.log_metrics, model, {"accuracy": 0.91})
    s.do(cards.set_outcome, model, "adopted")
    s.later(24).do(cards.log_metrics, probe, {"accuracy": 0.85})
    s.later(1)
    return s


def best_in(board: Board, sprint: str, metric: str) -> tuple[float, str]:
    found = [
        (r.value, c.id)
        for c in board.cards.values()
        for r in c.metrics
        if r.sprint == sprint and (r.name, r.dataset) == (metric, "holdout")
    ]
    return max(found)


def test_the_goal_and_trend_stand_on_the_best_result(tmp_path: Path) -> None:
    story = goal_story(tmp_path)
    board = story.board
    now = story.clock.now()
    report = review_report(board, "S1", now)
    goal = report.sprint.measurable_goal
    value, card = best_in(board, "S1", "accuracy")
    assert (goal.value, goal.card, goal.basis) == (value, card, "best")
    assert (value, card) == (0.91, "ML-1")
    assert goal.status == "met"
    (trend,) = report.trends
    assert trend.basis == "best"
    assert [p.to_json() for p in trend.points] == [{"sprint": "S1", "value": 0.91, "card": "ML-1"}]
    text = render_review_text(report)
    assert (
        "Measurable goal: accuracy>=0.9@holdout — met (best result in the sprint: 0.91, ML-1)"
        in text
    )
    assert "accuracy 0.91 on holdout (best result of each sprint: S1, first result)" in text


def test_a_metric_with_no_criterion_trends_on_the_latest(tmp_path: Path) -> None:
    story = goal_story(tmp_path)
    story.do(cards.log_metrics, "ML-1", {"loss": 0.2})
    story.later(1).do(cards.log_metrics, "ML-2", {"loss": 0.3})
    board = story.board
    loss = next(t for t in trends(board, None) if t.metric == "loss")
    assert loss.basis == "latest"
    latest = max(
        (r.at, r.value) for c in board.cards.values() for r in c.metrics if r.name == "loss"
    )
    assert loss.points[-1].value == latest[1] == 0.3
    assert datetime(2026, 1, 1, tzinfo=UTC) < latest[0]
