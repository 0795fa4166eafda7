"""Issue 9, figures 2, 8 and 11: a closed sprint's retro is frozen (incidents as at its close),
incidents include blockers raised before the sprint and open in it, and estimation says
which stories grew — each checked against the test's own reading of the cards and events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from figures_story import CLOSE, CREATED_POINTS, NOW, scope_story

from mlboard.models import BlockerKind, Board, EventKind
from mlboard.planning.reports import render_retro_text, retro_report


def expected_incidents(
    board: Board, start: datetime, end: datetime
) -> list[tuple[str, str | None]]:
    """(card, resolved at as of `end`) of each data/pipeline blocker open at some time in it."""
    found = []
    for card in board.cards.values():
        for b in card.blockers:
            if b.kind not in (BlockerKind.DATA, BlockerKind.PIPELINE) or b.since > end:
                continue
            resolved = b.resolved_at if b.resolved_at and b.resolved_at <= end else None
            if resolved is None or resolved >= start:
                found.append((card.id, resolved.isoformat() if resolved else None))
    return sorted(found)


def test_incidents_open_in_the_sprint_as_they_were_at_close(tmp_path: Path) -> None:
    board = scope_story(tmp_path).board
    sprint = board.sprint("S1")
    assert sprint.started_at is not None
    report = retro_report(board, "S1", NOW)
    found = sorted((i.card, i.resolved_at) for i in report.data_incidents)
    assert found == expected_incidents(board, sprint.started_at, CLOSE)
    # B's blocker was raised before the sprint; D's was resolved only after the close
    assert found == [("ML-2", "2026-11-04T09:00:00+00:00"), ("ML-4", None)]
    by_card = {i.card: i for i in report.data_incidents}
    assert by_card["ML-2"].raised_before_sprint is True
    d_since = next(b.since for b in board.cards["ML-4"].blockers)
    assert by_card["ML-4"].hours_open == round((CLOSE - d_since).total_seconds() / 3600, 1)
    text = render_retro_text(report)
    assert "ML-2 data blocker: labels late (since Mon 2 Nov, raised before the sprint" in text
    assert "ML-4 pipeline blocker: ingest down (since Thu 5 Nov, open at the close" in text


def test_a_closed_sprint_retro_does_not_change_after_its_close(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    at_close = scope_story(tmp_path / "a", until_close=True).board
    before = retro_report(at_close, "S1", CLOSE)
    after = retro_report(scope_story(tmp_path).board, "S1", NOW)
    assert after == before


def test_estimation_compares_first_and_final_estimates(tmp_path: Path) -> None:
    board = scope_story(tmp_path).board
    report = retro_report(board, "S1", NOW)
    final = dict(CREATED_POINTS)  # the test's own replay of the points up to the close
    for event in board.events:
        if event.kind is EventKind.EDITED and event.field == "points" and event.at < CLOSE:
            final[str(event.card)] = float(str(event.to))
    research = report.estimation["experiment"]
    assert research.first_estimate_points == CREATED_POINTS["ML-2"] == 5.0
    assert research.final_estimate_points == final["ML-2"] == 8.0
    assert research.grew == 1 and research.growth == 1.6
    (story,) = research.stories
    assert (story.card, story.grew, story.sprints, story.timebox) == ("ML-2", True, 1, 1)
    assert research.completed_points == 8.0  # finished: "100 %" said nothing about growth
    text = render_retro_text(report)
    assert "Stories that grew: ML-2 5 → 8." in text
    assert "Research estimates went from 5 to 8 points (1 grew)" in text
    # D, taken in by S1 at 4 points and carried: in S2 it has spent two sprints and grew to 13
    s2 = retro_report(board, "S2", NOW).estimation["engineering"]
    (d,) = [s for s in s2.stories if s.card == "ML-4"]
    assert (d.first_estimate, d.final_estimate, d.sprints) == (4.0, 13.0, 2)
