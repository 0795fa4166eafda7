"""The standup digest: what changed since the start of the previous working day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from reports_story import STANDUP, Story, new_service, routing_story, team

from mlboard.planning.reports import previous_working_day, render_standup_text, standup_report
from mlboard.planning.reports.standup_values import MetricChange
from mlboard.services import cards, resources

FRIDAY = datetime(2026, 11, 6, 15, tzinfo=UTC)
MONDAY = datetime(2026, 11, 9, 9, 30, tzinfo=UTC)
T_LATER = datetime(2026, 11, 3, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "previous"),
    [
        (date(2026, 11, 9), date(2026, 11, 6)),  # Monday -> Friday
        (date(2026, 11, 8), date(2026, 11, 6)),  # Sunday -> Friday
        (date(2026, 11, 11), date(2026, 11, 10)),  # Wednesday -> Tuesday
    ],
)
def test_previous_working_day(day: date, previous: date) -> None:
    assert previous_working_day(day) == previous


def metric_story(tmp: Path) -> tuple[Story, str]:
    """raj logs auc 0.78 on Thursday, 0.81 on Friday; ana's card moves on Friday."""
    s = Story(new_service(tmp))
    team(s)
    model = s.add("Train ranker", "experiment", assignee="raj", status="doing")
    ingest = s.add("Ingest", "data", assignee="ana", status="todo")
    s.at(FRIDAY - timedelta(days=1)).do(cards.log_metrics, model, {"auc": 0.78})
    s.at(FRIDAY).do(cards.log_metrics, model, {"auc": 0.81})
    s.do(cards.move_card, ingest, "doing")
    s.later(1).do(cards.block, ingest, "data", "waiting for the export")
    s.do(resources.set_pipeline, "ingest", "failing", "disk full")
    return s, model


def test_monday_covers_friday(tmp_path: Path) -> None:
    s, model = metric_story(tmp_path)
    report = standup_report(s.board, MONDAY)
    assert report.since == "2026-11-06T00:00:00+00:00"
    assert report.until == MONDAY.isoformat()
    people = {p.person: p for p in report.people}
    assert list(people) == ["ana", "raj", "lee"]
    [auc] = people["raj"].changes
    assert auc.to_json() | {"at": None} == {
        "at": None,
        "card": model,
        "kind": "metric",
        "metric": "auc",
        "dataset": "holdout",
        "from": 0.78,
        "to": 0.81,
        "change": pytest.approx(0.03),
        "previous": 0.78,
        "runs": 1,
        "note": None,
    }
    ana = people["ana"]
    assert [c.kind for c in ana.changes] == ["moved", "blocked"]
    assert ana.changes[1].to_json()["note"] == "waiting for the export"
    assert [c.id for c in ana.cards] == ["ML-2"]
    assert ana.cards[0].blockers[0].kind == "data"
    assert people["lee"].to_json() == {
        "person": "lee",
        "name": "",
        "cards": [],
        "changes": [],
        "notes": [],
    }
    [pipeline] = report.pipelines
    assert (pipeline.name, pipeline.status, pipeline.note) == (
        "ingest",
        "failing",
        "disk full",
    )
    assert [c.to for c in pipeline.changes] == ["failing"]
    written = json.loads(json.dumps(report.to_json()))
    assert written["people"][1]["changes"][0]["from"] == 0.78


def test_text_shows_the_metric_change(tmp_path: Path) -> None:
    s, _ = metric_story(tmp_path)
    text = render_standup_text(standup_report(s.board, MONDAY))
    assert "- ML-1 auc 0.78 → 0.81 (+0.03)" in text
    assert "- ML-2 To Do → In Progress" in text
    assert "- ML-2 blocked (data): waiting for the export" in text
    assert "- ingest: failing — disk full" in text
    assert "Nothing in play, no changes: lee" in text
    assert "## lee" not in text


def test_a_past_day_ends_with_that_day(tmp_path: Path) -> None:
    s, _ = metric_story(tmp_path)
    thursday = standup_report(s.board, MONDAY, date(2026, 11, 5))
    assert thursday.until == "2026-11-06T00:00:00+00:00"
    raj = next(p for p in thursday.people if p.person == "raj")
    assert [(c.from_, c.to) for c in raj.changes] == [(None, 0.78)]
    tuesday = standup_report(s.board, datetime(2026, 11, 10, 9, tzinfo=UTC))
    assert all(not p.changes for p in tuesday.people)


def test_days_follow_the_time_zone_of_now(tmp_path: Path) -> None:
    s, _ = metric_story(tmp_path)
    tokyo = timezone(timedelta(hours=9))
    report = standup_report(s.board, MONDAY.astimezone(tokyo))
    assert report.date == "2026-11-09"
    assert report.since == "2026-11-06T00:00:00+09:00"


def test_story_standup(tmp_path: Path) -> None:
    board = routing_story(tmp_path).board
    report = standup_report(board, STANDUP)
    raj = next(p for p in report.people if p.person == "raj")
    merged = [c for c in raj.changes if isinstance(c, MetricChange)]
    assert [(c.metric, c.from_, c.to, c.runs) for c in merged] == [
        ("accuracy", 0.89, 0.91, 2),  # first → last of the window (issue 9)
        ("recall", 0.8, 0.86, 2),
    ]
    assert [c.id for c in raj.cards] == ["ML-7", "ML-5"]  # further right first
    assert [b.to_json() for b in report.compute_blockers] == [
        {
            "card": "ML-5",
            "title": "Tune thresholds",
            "assignee": "raj",
            "note": "GPU queue full",
            "since": "2026-11-16T13:00:00+00:00",
            "eta": "2026-11-18",
        }
    ]
    text = render_standup_text(report)
    assert "- ML-5 (raj): GPU queue full, since Mon 16 Nov, ETA Wed 18 Nov" in text


def test_unassigned_work_has_its_own_entry(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.add("Orphan", "data", status="doing")
    report = standup_report(s.board, T_LATER)
    assert [p.person for p in report.people] == [None]
    assert "## unassigned" in render_standup_text(report)
