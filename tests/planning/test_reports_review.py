"""The sprint review: completed work, criteria, trends, experiments, failures, confusion."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from reports_story import STANDUP, Story, new_service, routing_story

from mlboard.planning.reports import default_sprint, render_review_text, review_report, trends
from mlboard.services import cards, sprints


def test_active_sprint_review(tmp_path: Path) -> None:
    report = review_report(routing_story(tmp_path).board, None, STANDUP)
    assert report.sprint.id == "S2"
    assert report.completed == ()
    assert [c.id for c in report.not_completed] == ["ML-3", "ML-4", "ML-5", "ML-6", "ML-7"]
    assert report.points.to_json() == {
        "committed": 21.0,
        "completed": 0.0,
        "added": 0.0,
        "removed": 0.0,
        "re_estimated": 0.0,
    }
    [criteria] = report.criteria
    assert criteria.card == "ML-7"
    assert [(c["metric"], c["status"], c["value"]) for c in criteria.criteria] == [
        ("accuracy", "met", 0.91),
        ("recall", "met", 0.86),
    ]
    experiments = report.experiments
    assert experiments.counts == {
        "open": 0,
        "promising": 1,
        "eliminated": 2,
        "inconclusive": 0,
        "adopted": 0,
    }
    assert experiments.tested == 3
    assert [e.card for e in experiments.list_] == ["ML-3", "ML-6", "ML-7"]
    assert [f.to_json() for f in report.failures] == [
        {
            "card": "ML-7",
            "title": "Fine-tune encoder",
            "notes": ["misroutes billing tickets with no subject"],
        }
    ]
    [matrix] = report.confusion
    assert matrix.accuracy == 0.86
    assert matrix.recall == {"billing": 0.8, "tech": 0.92}
    assert matrix.top_confusions[0].to_json() == {
        "true": "billing",
        "predicted": "tech",
        "count": 10,
    }
    assert json.loads(json.dumps(report.to_json()))["confusion"][0]["counts"] == [[40, 10], [4, 46]]


def test_trends_oldest_first_with_the_active_sprint_so_far(tmp_path: Path) -> None:
    board = routing_story(tmp_path).board
    found = {(t.metric, t.dataset): t.to_json()["points"] for t in trends(board, None)}
    assert found[("accuracy", "holdout")] == [
        {"sprint": "S1", "value": 0.87, "card": "ML-2"},
        {"sprint": "S2", "value": 0.91, "card": "ML-7"},
    ]
    assert found[("recall", "holdout")] == [{"sprint": "S2", "value": 0.86, "card": "ML-7"}]
    only_s1 = trends(board, board.sprint("S1"))
    assert [t.metric for t in only_s1] == ["accuracy"]


def test_text_reads_like_the_guide(tmp_path: Path) -> None:
    text = render_review_text(review_report(routing_story(tmp_path).board, None, STANDUP))
    assert "3 tested, 1 promising, 2 eliminated" in text
    assert "accuracy 0.91 on holdout, up from 0.87 in S1" in text
    assert "accuracy>=0.9@holdout met (0.91)" in text
    assert "| billing | 40 | 10 |" in text
    assert "Most confused (true → predicted): billing → tech (10)" in text


def test_closed_sprint_is_reviewed_as_it_was_at_close(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    story.do(cards.edit_card, "ML-1", points=30)  # later edits ...
    story.do(cards.log_metrics, "ML-2", {"accuracy": 0.5})  # ... and results
    report = review_report(story.board, "S1", STANDUP)
    assert report.sprint.state == "closed"
    assert report.points.to_json() == {
        "committed": 13.0,
        "completed": 8.0,
        "added": 0.0,
        "removed": 0.0,
        "re_estimated": 0.0,
    }
    assert [c.id for c in report.completed] == ["ML-1", "ML-2"]
    assert [c.id for c in report.not_completed] == ["ML-3", "ML-4"]
    [criteria] = report.criteria
    assert criteria.criteria[0] | {"status": "met", "value": 0.87} == criteria.criteria[0]
    outcomes = {e.card: (e.outcome, e.learnings) for e in report.experiments.list_}
    assert outcomes == {
        "ML-2": ("promising", "linear is a fair baseline"),
        "ML-3": ("open", ""),  # eliminated only in S2
    }
    assert report.sprint.measurable_goal.to_json() == {
        "criterion": "accuracy>=0.9@holdout",
        "status": "unmet",
        "value": 0.87,
        "basis": "best",
        "card": "ML-2",
        "at": "2026-11-06T09:00:00+00:00",
    }
    text = render_review_text(report)
    assert "1 tested, 1 promising, 1 still open" in text
    assert (
        "Measurable goal: accuracy>=0.9@holdout — unmet (best result in the sprint: 0.87, ML-2)"
        in text
    )


def test_default_sprint_is_the_active_else_the_last_closed(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    assert default_sprint(story.board).id == "S2"  # type: ignore[union-attr]
    story.later(24).do(sprints.close_sprint, "backlog")
    assert default_sprint(story.board).id == "S2"  # type: ignore[union-attr]
    report = review_report(story.board, None, STANDUP + timedelta(days=2))
    assert report.sprint.state == "closed"
    assert report.points.committed == 21.0


def test_scope_added_and_removed_after_the_start(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    story.do(sprints.commit_cards, [story.add("Hotfix", "engineering", points=1)])
    story.do(cards.edit_card, "ML-5", sprint="backlog")
    report = review_report(story.board, None, STANDUP)
    assert [c.id for c in report.added] == ["ML-8"]
    assert [c.id for c in report.removed] == ["ML-5"]
    assert "Scope change: 1 added after the start (ML-8); 1 removed (ML-5)" in (
        render_review_text(report)
    )


def test_without_sprints_the_whole_board_is_reviewed(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    a = s.add("Idea", "experiment", status="doing")
    s.add("Chore", "engineering", status="done")
    s.do(cards.set_outcome, a, "inconclusive")
    report = review_report(s.board, None, STANDUP)
    assert report.sprint is None
    assert [c.id for c in report.completed] == ["ML-2"]
    assert report.experiments.tested == 1
    assert report.trends == ()
    assert render_review_text(report).startswith("# Sprint review — whole board (no sprint)")
