"""The retrospective: estimation, carry-over, data incidents, handoff, notes and advice."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from reports_story import STANDUP, Story, design, new_service, routing_story

from mlboard.planning.reports import RetroReport, render_retro_text, retro_report
from mlboard.services import cards, sprints


def test_closed_sprint_retro(tmp_path: Path) -> None:
    value = retro_report(routing_story(tmp_path).board, "S1", STANDUP)
    report = json.loads(json.dumps(value.to_json()))  # the JSON form: `retro --json`
    assert value.estimation["experiment"].accuracy == report["estimation"]["experiment"]["accuracy"]
    estimation = report["estimation"]
    data = estimation["data"]
    old_keys = ("committed", "added", "completed", "carried")
    old_keys += tuple(f"{k}_points" for k in old_keys)
    assert {k: data[k] for k in old_keys} | {"accuracy": None} == {
        "committed": 2,
        "committed_points": 5.0,
        "added": 0,
        "added_points": 0,
        "completed": 1,
        "completed_points": 3.0,
        "carried": 1,
        "carried_points": 2.0,
        "accuracy": None,
    }
    assert estimation["experiment"]["accuracy"] == 0.625
    assert report["research_vs_rest"]["research"]["carried"] == 1
    assert report["research_vs_rest"]["rest"]["committed_points"] == 5.0
    assert report["velocity"] == [
        {
            "sprint": "S1",
            "committed_points": 13.0,
            "added_points": 0.0,
            "removed_points": 0.0,
            "re_estimated_points": 0.0,
            "completed_points": 8.0,
        }
    ]
    carried = {c["card"]: c for c in report["carried_over"]}
    assert carried["ML-3"] | {"title": None} == {
        "card": "ML-3",
        "state": "carried",
        "title": None,
        "category": "experiment",
        "research": True,
        "points": 3.0,
        "to": "S2",
        "times": 1,
        "timebox": 1,
        "note": "loss curve noisy, one more run",
    }
    assert [(i["card"], i["kind"]) for i in report["data_incidents"]] == [
        ("ML-4", "data"),
        (None, "pipeline"),
    ]
    assert report["data_incidents"][1]["hours_open"] == 3.0
    assert report["handoff_hours"] == 12.5  # ML-1 5 h, ML-2 20 h in review
    assert report["handoff"]["slowest"][0] == {"card": "ML-2", "hours": 20.0}
    assert report["notes"] == [
        {"person": "ana", "kind": "to-improve", "text": "labels arrived late", "card": None}
    ]


def test_text_form(tmp_path: Path) -> None:
    text = render_retro_text(retro_report(routing_story(tmp_path).board, "S1", STANDUP))
    assert "| experiment | 2 (8 pts) | 0 (0 pts) | 1 (5 pts) | 1 (3 pts) | 62% |" in text
    assert "- ML-3 Focal loss (research, carried 1×, time-box 1 sprint(s)) → S2: loss curve" in text
    assert "- pipeline ingest failing (since Tue 3 Nov, resolved Tue 3 Nov, 3 h)" in text
    assert "Median 12.5 h in review over 2 cards" in text


def test_points_edited_after_close_keep_their_value_at_close(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    story.do(cards.edit_card, "ML-4", points=13, category="engineering")
    report = retro_report(story.board, "S1", STANDUP)
    assert report.estimation["data"].carried_points == 2.0
    assert report.estimation["engineering"].committed == 0


def test_active_sprint_has_open_cards_not_carried_ones(tmp_path: Path) -> None:
    report = retro_report(routing_story(tmp_path).board, None, STANDUP)
    assert {c.state for c in report.carried_over} == {"open"}
    assert "not done yet" in render_retro_text(report)
    assert report.handoff_hours is None


def run_sprint(s: Story, goal: str | None, metric: float) -> None:
    """One sprint with one finished card logging `accuracy`."""
    s.do(sprints.new_sprint, measurable_goal=goal)
    card = s.add("Work", "engineering", points=3)
    s.do(sprints.commit_cards, [card])
    s.do(sprints.start_sprint)
    s.later(2).do(cards.log_metrics, card, {"accuracy": metric})
    s.move(card, "doing", "done")
    s.later(24 * 13).do(sprints.close_sprint)


def goal_advice(report: RetroReport) -> list[str]:
    return [a for a in report.advice if "Scrum adds overhead" in a]


def test_advice_when_sprints_lack_measurable_goals(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    for goal in (None, None, "accuracy>=0.8@holdout"):
        run_sprint(s, goal, 0.9)
    [advice] = goal_advice(retro_report(s.board, None, s.clock.now()))
    assert advice.startswith("2 of 3 closed sprints had no measurable goal.")
    assert "“If you cannot write meaningful sprint goals with measurable outcomes" in advice


def test_advice_when_measurable_goals_are_missed(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    for value in (0.7, 0.75, 0.95):
        run_sprint(s, "accuracy>=0.9@holdout", value)
    [advice] = goal_advice(retro_report(s.board, None, s.clock.now()))
    assert advice.startswith("only 1 of 3 measurable sprint goals were met.")


def test_no_goal_advice_when_goals_are_measurable_and_met(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    for value in (0.91, 0.92):
        run_sprint(s, "accuracy>=0.9@holdout", value)
    assert goal_advice(retro_report(s.board, None, s.clock.now())) == []


def test_research_estimation_advice(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.do(sprints.new_sprint)
    research = s.add("Try a transformer", "experiment", points=8, **design("h"))
    chore = s.add("Ship it", "engineering", points=5)
    s.do(sprints.commit_cards, [research, chore])
    s.do(sprints.start_sprint)
    s.move(chore, "doing", "done")
    s.later(24).do(sprints.close_sprint)
    report = retro_report(s.board, None, s.clock.now() + timedelta(days=1))
    assert any(a.startswith("Research stories completed 0% of their points") for a in report.advice)
    assert any(a.startswith("ML-1 has been carried 1 time(s)") for a in report.advice)
