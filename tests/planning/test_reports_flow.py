"""Flow figures: burndown, cumulative flow, WIP, aging and cycle time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reports_story import STANDUP, Story, new_service, routing_story

from mlboard.planning.reports import (
    aging,
    cumulative_flow,
    cycle_time,
    render_flow_text,
    wip,
)
from mlboard.planning.reports.burndown import burndown
from mlboard.planning.reports.flow import flow
from mlboard.services import cards, resources, sprints


def test_burndown_of_a_closed_sprint_stops_at_its_close(tmp_path: Path) -> None:
    board = routing_story(tmp_path).board
    # start, then the end of each day 2–13 Nov: ML-1 done on the 3rd, ML-2 on the 7th;
    # the carry-over at close burns nothing down.
    assert burndown(board, board.sprint("S1"), STANDUP) == [13.0, 13.0] + [10.0] * 4 + [5.0] * 7


def test_burndown_of_the_active_sprint_runs_to_today(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    assert burndown(story.board, story.board.sprint("S2"), STANDUP) == [21.0, 21.0, 21.0]
    story.do(cards.move_card, "ML-7", "done")
    story.later(25).do(sprints.commit_cards, [story.add("Late", "data", points=4)])
    later = STANDUP + timedelta(days=1, hours=2)
    assert burndown(story.board, story.board.sprint("S2"), later) == [21.0, 21.0, 13.0, 17.0]


def test_burndown_of_a_sprint_not_started(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.do(sprints.new_sprint, start=datetime(2026, 12, 1).date())
    assert burndown(s.board, s.board.sprints[0], STANDUP) == []


def test_cumulative_flow_rewinds_from_the_current_board(tmp_path: Path) -> None:
    board = routing_story(tmp_path).board
    report = cumulative_flow(board, STANDUP, days=15)
    days = {d.date: d.counts for d in report.days}
    assert len(days) == 15 and report.columns[0] == "backlog"
    assert days["2026-11-03"] == {"backlog": 0, "todo": 3, "doing": 0, "review": 0, "done": 1}
    assert days["2026-11-07"] == {"backlog": 0, "todo": 1, "doing": 1, "review": 0, "done": 2}
    assert days["2026-11-17"] == {"backlog": 0, "todo": 3, "doing": 2, "review": 0, "done": 2}
    assert sum(days["2026-11-03"].values()) == 4


def test_wip_against_limits(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.do(resources.configure_column, "doing", wip=1)
    s.add("One", "data", status="doing")
    s.add("Two", "data", status="doing")
    doing = next(c for c in wip(s.board) if c.column == "doing")
    assert doing.to_json() == {
        "column": "doing",
        "title": "In Progress",
        "count": 2,
        "limit": 1,
        "hard": False,
        "over": True,
    }


def test_aging_and_cycle_time(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    old = s.add("Long experiment", "experiment", status="doing")
    quick = s.add("Quick fix", "engineering", status="doing")
    s.later(36).do(cards.move_card, quick, "done")
    now = s.clock.now() + timedelta(days=20)
    [entry] = aging(s.board, now)
    assert entry.card == old and entry.age_days == 21.5
    assert entry.timebox_days == 14 and entry.over_timebox is True
    times = cycle_time(s.board, now)
    assert times.count == 1 and times.median_days == 1.5
    assert times.to_json()["by_category"] == {"engineering": {"count": 1, "median_days": 1.5}}
    assert cycle_time(s.board, now, days=7).count == 0
    report = flow(s.board, now, days=30)
    assert set(report.to_json()) == {
        "days", "date", "wip", "aging", "cycle_time", "throughput_per_week", "cumulative_flow",
        "advice",
    }  # fmt: skip
    assert report.cycle_time.count == 1 and report.throughput_per_week == 0.2
    text = render_flow_text(report)
    assert (
        "1 card: median 1.5 days, 85th percentile (nearest rank) 1.5 days; throughput 0.2 a week."
        in text
    )
    assert f"- {old} Long experiment (doing): 21.5 days of a 14-day time-box — **over**" in text
    assert f"{old} ran past the time-box" in text


def test_flow_on_an_empty_board(tmp_path: Path) -> None:
    board = Story(new_service(tmp_path)).board
    now = datetime(2026, 11, 2, tzinfo=UTC)
    report = flow(board, now, days=3)
    assert report.cycle_time.median_days is None
    text = render_flow_text(report)
    assert "Nothing started is unfinished." in text and "None finished." in text
    assert "## Advice" not in text
    assert [d.date for d in report.cumulative_flow.days] == [
        "2026-10-31",
        "2026-11-01",
        "2026-11-02",
    ]


def test_a_bar_in_a_column_title_does_not_break_the_tables(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.add("Probe", "data")
    columns = tuple(
        c.model_copy(update={"title": "Doing | WIP"}) if c.id == "doing" else c
        for c in s.board.columns
    )
    board = s.board.model_copy(update={"columns": columns})
    text = render_flow_text(flow(board, datetime(2026, 11, 2, tzinfo=UTC), days=2))
    assert "| Doing \\| WIP | 0 | – |" in text
    header = next(line for line in text.splitlines() if line.startswith("| day |"))
    assert header.count(" | ") == len(columns)
