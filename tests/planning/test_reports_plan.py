"""The planning check, on boards built through the services."""

from __future__ import annotations

import json
from pathlib import Path

from reports_story import Story, design, new_service, routing_story, team

from mlboard.cli.hints import note_text
from mlboard.models import Reservation
from mlboard.planning.reports import CHECKS, PlanReport, plan_report, render_plan_text
from mlboard.services import cards, resources, sprints


def planned(tmp: Path) -> Story:
    """A team with a planned sprint S1 and nothing in it yet."""
    story = Story(new_service(tmp))
    team(story)
    story.do(sprints.new_sprint)
    return story


def findings(
    story: Story, check: str, sprint: str | None = None
) -> list[tuple[str, str | None, str]]:
    report = plan_report(story.board, sprint, word=note_text)  # as the command line says it
    return [(f.severity, f.card, f.message) for f in report.findings if f.check == check]


def test_shape_is_the_documented_one(tmp_path: Path) -> None:
    report = plan_report(routing_story(tmp_path).board)
    shape = json.loads(json.dumps(report.to_json()))
    assert set(shape) == {"sprint", "findings"}
    assert shape["sprint"] == report.sprint == "S2"
    assert len(shape["findings"]) == len(report.findings)
    for finding, written in zip(report.findings, shape["findings"], strict=True):
        assert set(written) == {"check", "severity", "card", "message"}
        assert finding.check in CHECKS
        assert finding.severity in ("error", "warning")
        assert written["message"] == finding.message


def test_data_not_ready(tmp_path: Path) -> None:
    s = planned(tmp_path)
    s.do(resources.add_dataset, "labels", "requested")
    s.do(resources.add_dataset, "clicks", "missing")
    s.do(resources.add_pipeline, "feature-build", ["features"])
    s.do(resources.set_dataset, "features", "available")
    s.do(resources.set_pipeline, "feature-build", "failing", "schema change")
    a = s.add("Train", "engineering", datasets=["labels", "clicks", "nowhere", "tickets"])
    b = s.add("Featurise", "engineering", datasets=["features"])
    s.do(sprints.commit_cards, [a, b])
    found = findings(s, "data-readiness")
    assert found == [
        ("warning", a, "ML-1 needs dataset 'labels', which is only requested so far"),
        ("error", a, "ML-1 needs dataset 'clicks', which is missing"),
        (
            "error",
            a,
            "ML-1 needs dataset 'nowhere', which is not on the board (mlboard dataset add nowhere)",
        ),
        (
            "error",
            b,
            "ML-2 needs dataset 'features', made by pipeline 'feature-build', which is failing "
            "(schema change)",
        ),
    ]
    assert plan_report(s.board).error_count > 0


def test_gpu_hours_over_the_pool_minus_reservations(tmp_path: Path) -> None:
    s = planned(tmp_path)
    sprint = s.board.sprints[0]
    reserved = sprint.model_copy(update={"reservations": (Reservation(pool="a100", gpu_hours=30),)})
    s.service.board = s.board.model_copy(update={"sprints": (reserved,)})  # no command for it yet
    a = s.add("Big run", "engineering", gpu_hours=50, pool="a100")
    b = s.add("Small run", "engineering", gpu_hours=30)  # the only pool is implied
    s.do(sprints.commit_cards, [a, b])
    found = findings(s, "compute")
    assert found == [
        (
            "error",
            None,
            "S1 commits 80 GPU hours on 'a100'; 70 are available (100 per sprint − 30 reserved); "
            "largest: ML-1 (50), ML-2 (30)",
        )
    ]


def test_gpu_hours_within_capacity_and_pool_problems(tmp_path: Path) -> None:
    s = planned(tmp_path)
    s.do(resources.add_pool, "t4", 40)
    a = s.add("Run", "engineering", gpu_hours=60, pool="a100")
    b = s.add("No pool", "engineering", gpu_hours=5)
    c = s.add("Odd pool", "engineering", gpu_hours=5)
    s.do(sprints.commit_cards, [a, b, c])
    s.patch(c, pool="tpu")
    assert findings(s, "compute") == [
        ("warning", b, "ML-2 needs 5 GPU hours but names no compute pool"),
        ("error", c, "ML-3 uses compute pool 'tpu', which is not on the board"),
    ]


def test_experiment_design_and_time_box(tmp_path: Path) -> None:
    s = planned(tmp_path)
    a = s.add("Vague idea", "experiment", hypothesis="bigger is better")
    b = s.add("Well designed", "experiment", **design("h"))
    s.do(sprints.commit_cards, [a, b])
    s.patch(b, carried=1)
    assert findings(s, "experiment-design") == [
        (
            "error",
            a,
            "ML-1 is an experiment without an evaluation method or a conclusive-result rule",
        ),
        (
            "warning",
            b,
            "ML-2 has used its time-box (1 of 1 sprint(s) carried): conclude it "
            "(mlboard outcome) or drop it",
        ),
    ]
    s.do(cards.set_outcome, b, "eliminated")
    assert [f[1] for f in findings(s, "experiment-design")] == [a]


def test_dependencies_outside_the_sprint(tmp_path: Path) -> None:
    s = planned(tmp_path)
    backlog = s.add("Not planned", "data")
    done = s.add("Finished", "data", status="done")
    active = s.add("In the active sprint", "data")
    later = s.add("Planned later", "data")
    s.do(sprints.commit_cards, [active])
    s.do(sprints.start_sprint)
    s.do(sprints.new_sprint)
    s.do(sprints.commit_cards, [later])
    # S1 is active, S2 planned: plan S2, then S1.
    user = s.add("Needs all", "engineering", depends_on=[backlog, done, active])
    s.do(sprints.commit_cards, [user])
    assert findings(s, "dependencies") == [
        ("error", user, "ML-5 depends on ML-1 (backlog), which is not in the sprint and not done"),
        ("warning", user, "ML-5 depends on ML-3 (todo), still open in the active sprint S1"),
    ]
    s.do(cards.link, active, later)
    assert findings(s, "dependencies", "S1") == [
        ("error", active, "ML-3 depends on ML-4 (todo), planned for a later sprint, S2")
    ]


def test_roles(tmp_path: Path) -> None:
    s = planned(tmp_path)
    a = s.add("Pipeline", "data", assignee="raj", roles=["data-engineer"])
    b = s.add("Labels", "data", assignee="zoe")
    c = s.add("Review", "data", roles=["product-owner"])
    d = s.add("Fine", "data", assignee="ana", roles=["data-engineer"])
    s.do(sprints.commit_cards, [a, b, c, d])
    assert findings(s, "roles") == [
        ("warning", a, "ML-1 needs data-engineer; raj is ml-engineer"),
        (
            "warning",
            b,
            "ML-2 is assigned to zoe, who is not on the board (mlboard person add zoe --role R)",
        ),
        ("warning", c, "ML-3 needs product-owner, and nobody on the board is one"),
    ]


def close_sprint_with(s: Story, done_points: list[float], open_points: list[float]) -> None:
    """Plan, start and close one sprint with cards finished and left over."""
    if s.board.planned_sprint() is None:
        s.do(sprints.new_sprint)
    ids = [s.add(f"done {p}", "engineering", points=p) for p in done_points]
    left = [s.add(f"open {p}", "engineering", points=p) for p in open_points]
    s.do(sprints.commit_cards, ids + left)
    s.do(sprints.start_sprint)
    for card_id in ids:
        s.move(card_id, "doing", "done")
    s.later(24).do(sprints.close_sprint, "backlog")


def test_capacity_against_the_last_three_closed_sprints(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    for done in ([40.0], [10.0], [20.0], [30.0]):
        close_sprint_with(s, done, [5.0])
    s.do(sprints.new_sprint)
    big = s.add("Big", "engineering", points=21)
    unsized = s.add("Unsized", "engineering")
    s.do(sprints.commit_cards, [big, unsized])
    assert findings(s, "capacity") == [
        (
            "warning",
            None,
            "S5 commits 21 points; the last 3 sprint(s) completed 20 on average "
            "(S2 10, S3 20, S4 30)",
        ),
        ("warning", None, "1 card(s) have no points: ML-10"),
    ]


def test_later_edits_do_not_change_the_capacity_history(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    close_sprint_with(s, [10.0], [])
    s.do(cards.edit_card, "ML-1", points=100)
    s.do(sprints.new_sprint)
    s.do(sprints.commit_cards, [s.add("Next", "engineering", points=12)])
    assert "completed 10 on average" in findings(s, "capacity")[0][2]


def test_kanban_checks_the_work_in_progress(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    team(s)
    s.do(resources.set_mode, "kanban")
    s.add("Idea", "experiment")  # in the backlog: not checked
    doing = s.add("Running", "experiment", status="doing", gpu_hours=500)
    report = plan_report(s.board)
    assert report.sprint is None
    assert [(f.check, f.card) for f in report.findings] == [("experiment-design", doing)]


def test_kanban_ages_experiments_against_their_time_box(tmp_path: Path) -> None:
    s = Story(new_service(tmp_path))
    s.do(resources.set_mode, "kanban")
    old = s.add("Slow", "experiment", status="doing", **design("h"))
    s.later(24 * 20).add("Fresh", "experiment", status="doing", **design("h"))
    report = plan_report(s.board, None, s.clock.now(), note_text)
    assert [(f.card, f.message) for f in report.findings] == [
        (
            old,
            "ML-1 has run 20 days, past its 14-day time-box: "
            "conclude it (mlboard outcome) or drop it",
        )
    ]
    assert plan_report(s.board).findings == ()


def test_text_form(tmp_path: Path) -> None:
    s = planned(tmp_path)
    s.do(sprints.commit_cards, [s.add("Vague", "experiment", points=2)])
    text = render_plan_text(plan_report(s.board))
    assert text.splitlines()[0] == "# Planning check — sprint S1"
    assert "1 error, 0 warnings" in text
    assert "- ERROR: ML-1 is an experiment without a hypothesis" in text
    clean = render_plan_text(PlanReport("S1", ()))
    assert "No findings" in clean


def test_story_board_has_only_warnings(tmp_path: Path) -> None:
    story = routing_story(tmp_path)
    report = plan_report(story.board)
    assert report.error_count == 0
    assert [f.check for f in report.findings] == ["data-readiness", "capacity"]
