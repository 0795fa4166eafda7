"""The sample boards: they load, tell a coherent story, and the player reproduces them from
their stories (sample_boards/stories/*.story)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mlboard.models import (
    BlockerKind,
    Board,
    Category,
    CriterionStatus,
    EventKind,
    Mode,
    Outcome,
    SprintState,
    find_cycle_ids,
)
from mlboard.storage import BoardRepository

FOLDER = Path(__file__).resolve().parent.parent / "sample_boards"
sys.path.insert(0, str(FOLDER))

from player import play_file  # noqa: E402

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def load(name: str) -> Board:
    return BoardRepository(FOLDER / f"{name}.json").load().board


@pytest.fixture(scope="module")
def scrum() -> Board:
    return load("scrum")


@pytest.fixture(scope="module")
def kanban() -> Board:
    return load("kanban")


def holdout_accuracy_by_sprint(board: Board) -> dict[str, float]:
    """The latest accuracy on the holdout logged during each sprint, across all cards."""
    latest: dict[str, tuple[datetime, float]] = {}
    for card in board.cards.values():
        for result in card.metrics:
            if result.name == "accuracy" and result.dataset == "holdout" and result.sprint:
                seen = latest.get(result.sprint)
                if seen is None or result.at > seen[0]:
                    latest[result.sprint] = (result.at, result.value)
    return {sprint: value for sprint, (_, value) in latest.items()}


# --- both boards -----------------------------------------------------------------------------


def test_the_boards_load_with_their_names_and_modes(scrum: Board, kanban: Board) -> None:
    assert (scrum.name, scrum.key, scrum.mode) == ("Support ticket routing", "TR", Mode.SCRUM)
    assert (kanban.name, kanban.key, kanban.mode) == ("Retrieval research", "RR", Mode.KANBAN)
    assert 40 <= len(scrum.cards) <= 80
    assert 25 <= len(kanban.cards) <= 35


@pytest.mark.parametrize("name", ["scrum", "kanban"])
def test_no_dependency_cycle_and_no_dangling_reference(name: str) -> None:
    board = load(name)
    assert find_cycle_ids(board.cards) == ()
    for card in board.cards.values():
        assert set(card.depends_on) <= set(board.cards)
        assert card.assignee is None or board.person(card.assignee)
        assert all(board.dataset(d) for d in card.datasets)
        assert card.pool is None or board.pool(card.pool)


@pytest.mark.parametrize("name", ["scrum", "kanban"])
def test_experiments_show_every_outcome_and_are_designed(name: str) -> None:
    board = load(name)
    experiments = [c for c in board.cards.values() if c.category is Category.EXPERIMENT]
    assert {c.experiment.outcome for c in experiments if c.experiment} == set(Outcome)
    for card in experiments:
        assert card.experiment is not None and card.experiment.hypothesis
        if card.experiment.outcome is not Outcome.OPEN:
            assert card.experiment.designed and card.experiment.learnings, card.id


@pytest.mark.parametrize("name", ["scrum", "kanban"])
def test_history_is_recorded_from_the_first_day_and_ends_before_now(name: str) -> None:
    board = load(name)
    times = [event.at for event in board.events]
    assert times == sorted(times)
    assert times[0] < datetime(2026, 9, 3, tzinfo=UTC) and times[-1] < NOW
    assert times[-1].date() == date(2026, 11, 26)  # the standup has a "since yesterday"
    created = {e.card for e in board.events if e.kind is EventKind.CREATED}
    assert created == set(board.cards)
    moved = {e.card for e in board.events if e.kind is EventKind.MOVED}
    for card in board.cards.values():
        if board.is_done(card):
            assert card.id in moved and card.started_at and card.done_at
            assert card.created_at <= card.started_at <= card.done_at


@pytest.mark.parametrize("name", ["scrum", "kanban"])
def test_the_player_reproduces_the_committed_file_from_its_story(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.json"
    play_file(FOLDER / "stories" / f"{name}.story", target)
    assert target.read_bytes() == (FOLDER / f"{name}.json").read_bytes()


@pytest.mark.slow
def test_generate_py_rewrites_both_files_and_refuses_a_broken_story_in_one_line(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "sample_boards"
    shutil.copytree(FOLDER, copy, ignore=shutil.ignore_patterns("*.json", "__pycache__"))
    root = str(FOLDER.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, str(copy / "generate.py")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    for name in ("scrum", "kanban"):
        assert (copy / f"{name}.json").read_bytes() == (FOLDER / f"{name}.json").read_bytes()
    assert done.stdout.startswith("scrum.json: 56 cards, 488 events, 7 sprints;")
    story = copy / "stories" / "kanban.story"
    lines = story.read_text(encoding="utf-8").splitlines()
    story.write_text("\n".join([*lines, "09:99 move RR-1 done"]), encoding="utf-8")
    broken = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert broken.returncode == 2
    assert (
        broken.stderr == f"generate: kanban.story line {len(lines) + 1}: minute must be in 0..59\n"
    )


# --- the Scrum board -------------------------------------------------------------------------


def test_scrum_has_closed_sprints_with_snapshots_an_active_and_a_planned_one(
    scrum: Board,
) -> None:
    states = Counter(s.state for s in scrum.sprints)
    assert states[SprintState.CLOSED] >= 3
    assert states[SprintState.ACTIVE] == 1 and states[SprintState.PLANNED] == 1
    for sprint in scrum.sprints:
        assert sprint.goal
        if sprint.state is SprintState.CLOSED:
            assert sprint.snapshot is not None and sprint.snapshot.completed
            assert sprint.snapshot.committed_points >= sprint.snapshot.completed_points > 0
    active = scrum.active_sprint()
    assert active is not None and active.start < date(2026, 11, 26) < active.end
    carried = [s for s in scrum.sprints if s.snapshot and s.snapshot.carried_over]
    assert len(carried) >= 3
    research = [c for c in scrum.cards.values() if c.is_experiment and c.carried]
    assert research


def test_holdout_accuracy_rises_from_87_to_91_percent_across_sprints(scrum: Board) -> None:
    by_sprint = holdout_accuracy_by_sprint(scrum)
    order = [s.id for s in sorted(scrum.sprints, key=lambda s: s.number) if s.id in by_sprint]
    values = [by_sprint[s] for s in order]
    closed = {s.id for s in scrum.sprints if s.state is SprintState.CLOSED}
    assert closed <= set(order)
    assert values == sorted(values)
    assert values[0] == pytest.approx(0.87, abs=0.005)
    assert values[-1] == pytest.approx(0.91, abs=0.005)
    names = {r.name for c in scrum.cards.values() for r in c.metrics}
    assert {"accuracy", "precision", "recall", "macro_f1"} <= names


def test_scrum_criteria_are_met_and_unmet(scrum: Board) -> None:
    statuses = Counter(
        criterion.status(card.metrics)
        for card in scrum.cards.values()
        for criterion in card.criteria
    )
    assert statuses[CriterionStatus.MET] >= 5 and statuses[CriterionStatus.UNMET] >= 3
    texts = {str(c) for card in scrum.cards.values() for c in card.criteria}
    assert {"precision>0.92@holdout", "accuracy>=0.91@holdout"} <= texts


def test_scrum_blockers_of_every_kind_some_resolved_some_open(scrum: Board) -> None:
    blockers = [b for card in scrum.cards.values() for b in card.blockers]
    assert {b.kind for b in blockers} == set(BlockerKind)
    assert any(b.resolved_at for b in blockers) and any(b.is_open for b in blockers)
    kinds = [e.field for e in scrum.events if e.kind is EventKind.BLOCKED]
    assert len(kinds) == len(blockers)


def test_scrum_resources_and_the_pipeline_chain(scrum: Board) -> None:
    roles = {role.value for person in scrum.people for role in person.roles}
    assert roles == {
        "data-engineer",
        "ml-engineer",
        "domain-expert",
        "analyst",
        "product-owner",
        "scrum-master",
    }
    assert scrum.pool("a100").gpu_hours == 120
    assert any(p.status.value == "failing" and p.note for p in scrum.pipelines)
    assert {d.status.value for d in scrum.datasets} >= {"validated", "available", "requested"}
    assert any(c.gpu_hours for c in scrum.cards.values() if c.is_experiment)
    # ingest → validate → clean → features → train → evaluate/deploy, through depends_on
    titles = {c.title.split(":")[0]: c.id for c in scrum.cards.values()}
    deploy = scrum.card(titles["Deploy router v1 behind /route in shadow mode"])
    ingest = titles["Ingest Q3 support tickets from the Zendesk export"]
    seen, stack = set(), [deploy.id]
    while stack:
        current = stack.pop()
        seen.add(current)
        stack.extend(d for d in scrum.cards[current].depends_on if d not in seen)
    assert ingest in seen and len(seen) >= 7


def test_scrum_cards_fill_every_column_and_lane(scrum: Board) -> None:
    active = scrum.active_sprint()
    assert active is not None
    in_sprint = {c.status for c in scrum.cards.values() if c.sprint == active.id}
    assert in_sprint == {"todo", "doing", "review", "done"}
    assert any(c.status == "backlog" for c in scrum.cards.values())
    assert {c.category for c in scrum.cards.values()} == set(Category)
    assert sum(1 for c in scrum.columns if c.wip) >= 2
    assert all(c.points for c in scrum.cards.values())


# --- the Kanban board ------------------------------------------------------------------------


def test_kanban_has_wip_limits_one_column_over_and_blocked_cards(kanban: Board) -> None:
    assert not kanban.sprints
    over = [
        c.id
        for c in kanban.columns
        if c.wip is not None and sum(1 for x in kanban.cards.values() if x.status == c.id) > c.wip
    ]
    assert over == ["doing"]
    assert sum(1 for c in kanban.cards.values() if c.open_blockers) >= 2


def test_kanban_has_cycle_time_history_and_aging_experiments(kanban: Board) -> None:
    done = [c for c in kanban.cards.values() if kanban.is_done(c)]
    assert len(done) >= 10
    days = sorted((c.done_at - c.started_at).days for c in done if c.done_at and c.started_at)
    assert days[0] <= 3 and days[-1] >= 10
    timebox = kanban.sprint_days
    ages = [
        (NOW - c.started_at).days
        for c in kanban.cards.values()
        if c.is_experiment and c.status == "doing" and c.started_at
    ]
    assert min(ages) < timebox < max(ages)


def test_confusion_matrices_agree_with_the_logged_accuracy(scrum: Board) -> None:
    cards = [c for c in scrum.cards.values() if c.confusion is not None]
    assert len(cards) >= 2
    for card in cards:
        assert card.confusion is not None and card.failures
        counts = card.confusion.counts
        diagonal = sum(counts[i][i] for i in range(len(counts)))
        accuracy = diagonal / sum(map(sum, counts))
        latest = max(
            (r for r in card.metrics if r.name == "accuracy" and r.dataset == "holdout"),
            key=lambda r: r.at,
        )
        assert accuracy == pytest.approx(latest.value, abs=0.0005), card.id
