"""Helpers of the storage tests: a board with every kind of entity, a CLI runner."""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cli_kit import run_mlboard

from mlboard.models import (
    Baseline,
    Blocker,
    BlockerKind,
    Board,
    Card,
    Category,
    Column,
    ComputePool,
    Conflict,
    ConfusionMatrix,
    Criterion,
    Dataset,
    DatasetStatus,
    Event,
    EventKind,
    Experiment,
    MetricResult,
    Mode,
    Op,
    Outcome,
    Person,
    Pipeline,
    PipelineStatus,
    Reservation,
    RetroNote,
    Role,
    Sprint,
    SprintSnapshot,
    SprintState,
    StandupNote,
)
from mlboard.models.event_key import new_keys
from mlboard.storage import BoardRepository

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def at(hour: int, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


def rich_board() -> Board:
    """A small board that holds every kind of entity and every optional field somewhere.

    Named things are in name order and sprints in number order, the order a load gives back.
    """
    cards = {
        "ML-1": Card(
            id="ML-1",
            title="Collect support tickets",
            description="two years of tickets, deduplicated",
            category=Category.DATA,
            status="done",
            points=3,
            assignee="ana",
            roles=(Role.DATA_ENGINEER,),
            datasets=("tickets-raw",),
            sprint="S1",
            created_at=at(9),
            started_at=at(10),
            done_at=at(15, day=5),
        ),
        "ML-2": Card(
            id="ML-2",
            title="Routing model v2",
            category=Category.EXPERIMENT,
            status="doing",
            points=5,
            assignee="bo",
            roles=(Role.ML_ENGINEER, Role.DOMAIN_EXPERT),
            depends_on=("ML-1",),
            blockers=(
                Blocker(kind=BlockerKind.COMPUTE, note="queue full", since=at(11, 6)),
                Blocker(
                    kind=BlockerKind.DATA,
                    note="labels late",
                    since=at(9, 4),
                    eta=date(2026, 3, 9),
                    resolved_at=at(12, 5),
                ),
            ),
            criteria=(
                Criterion(metric="precision", op=Op.GT, threshold=0.92),
                Criterion(metric="recall", op=Op.GE, threshold=0.85, dataset="holdout-2"),
            ),
            metrics=(
                MetricResult(name="precision", value=0.87, at=at(10, 5), sprint="S1"),
                MetricResult(name="precision", value=0.91, at=at(10, 6), note="new features"),
            ),
            experiment=Experiment(
                hypothesis="ticket text beats metadata",
                method="5-fold CV",
                conclusive="precision moves by 0.02",
                timebox=2,
                outcome=Outcome.PROMISING,
                learnings="n-grams help",
            ),
            gpu_hours=12.5,
            pool="a100",
            sprint="S2",
            carried=1,
            failures=("misroutes billing to tech",),
            confusion=ConfusionMatrix(labels=("billing", "tech"), counts=((40, 2), (5, 53))),
            created_at=at(9, 3),
            started_at=at(9, 6),
        ),
        "ML-10": Card(
            id="ML-10",
            title="Serve the model",
            category=Category.ENGINEERING,
            status="backlog",
            depends_on=("ML-2", "ML-1"),
            created_at=at(9, 4),
        ),
        "ML-3": Card(
            id="ML-3",
            title="Remove dead feature code",
            category=Category.TECH_DEBT,
            status="review",
            points=1,
            created_at=at(9, 4),
        ),
    }
    return Board(
        name="Ticket routing",
        key="ML",
        mode=Mode.SCRUM,
        sprint_days=7,
        columns=(
            Column(id="backlog", title="Backlog"),
            Column(id="doing", title="In Progress", wip=3, hard=True),
            Column(id="review", title="Review", wip=2),
            Column(id="done", title="Done", done=True),
        ),
        people=(
            Person(handle="ana", roles=(Role.DATA_ENGINEER,), name="Ana"),
            Person(handle="bo", roles=(Role.ML_ENGINEER, Role.PRODUCT_OWNER)),
        ),
        datasets=(
            Dataset(name="holdout"),
            Dataset(name="tickets-raw", status=DatasetStatus.VALIDATED, pipeline="ingest"),
        ),
        pipelines=(
            Pipeline(name="ingest", status=PipelineStatus.FAILING, last_run=at(3), note="oom"),
        ),
        pools=(ComputePool(name="a100", gpu_hours=40),),
        sprints=(
            Sprint(
                id="S1",
                name="Sprint 1",
                goal="baseline",
                start=date(2026, 2, 23),
                end=date(2026, 3, 1),
                state=SprintState.CLOSED,
                started_at=at(9, 1),
                snapshot=SprintSnapshot(
                    committed=("ML-1",),
                    completed=("ML-1",),
                    committed_points=3,
                    completed_points=3,
                    closed_at=at(17, 1),
                ),
            ),
            Sprint(
                id="S2",
                goal="routing accuracy 91%",
                measurable_goal=Criterion(metric="accuracy", op=Op.GE, threshold=0.91),
                start=date(2026, 3, 2),
                end=date(2026, 3, 8),
                state=SprintState.ACTIVE,
                reservations=(Reservation(pool="a100", gpu_hours=8, note="nightly"),),
                started_at=at(9),
            ),
        ),
        cards=cards,
        events=tuple(
            Event(
                key=new_keys(at(9 + i % 8, 2 + i // 8), f"{i:06x}", 1)[0],
                at=at(9 + i % 8, 2 + i // 8),
                kind=kind,
                card=card,
                **extra,
            )
            for i, (kind, card, extra) in enumerate(
                [
                    (EventKind.CREATED, "ML-1", {}),
                    (
                        EventKind.MOVED,
                        "ML-1",
                        {"field": "status", "from_": "backlog", "to": "done"},
                    ),
                    (EventKind.METRIC, "ML-2", {"field": "precision", "to": "0.91", "note": "x"}),
                    (EventKind.SPRINT, None, {"sprint": "S2", "to": "active"}),
                ]
                * 3,
                1,
            )
        ),
        standup_notes=(
            StandupNote(day=date(2026, 3, 3), person="ana", kind="blocker", text="labels"),
            StandupNote(day=date(2026, 3, 3), person="bo", text="training"),
        ),
        retro_notes=(RetroNote(sprint="S1", person="bo", kind="action", text="x", card="ML-2"),),
        conflicts=(
            Conflict(
                id="C-0a1b2c3d",
                table="cards",
                key="ML-2",
                field="status",
                base="todo",
                ours="doing",
                theirs="review",
                chosen="ours",
                at=at(12, 3),
            ),
        ),
        baselines=(
            Baseline(name="ctr", value=0.031, dataset="ab", at=datetime(2026, 3, 2, tzinfo=UTC)),
            Baseline(
                name="auc",
                value=0.8,
                card="ML-2",
                run="r-7",
                commit="ab12cd3",
                at=datetime(2026, 3, 3, tzinfo=UTC),
            ),
        ),
        next_number=11,
    )


def write_board(path: Path, board: Board | None = None) -> Path:
    BoardRepository(path).create(board or rich_board())
    return path


def mlboard_command() -> list[str]:
    """The installed console script next to this interpreter, else the same entry point."""
    script = Path(sys.executable).with_name("mlboard")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from mlboard.cli import main; sys.exit(main())"]


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60) -> Ran:
    full_env = {k: v for k, v in os.environ.items() if k != "MLBOARD_BOARD"}
    full_env.update(env or {})
    done = run_mlboard(*args, cwd=cwd, env=full_env, timeout=timeout)
    return Ran(done.returncode, done.stdout, done.stderr)


def big_board(cards: int, seed: int = 7) -> Board:
    """`cards` cards of every category, some with criteria, metrics, blockers and dependencies."""
    rng = random.Random(seed)
    categories = list(Category)
    columns = ("backlog", "todo", "doing", "review", "done")
    made: dict[str, Card] = {}
    for n in range(1, cards + 1):
        card_id = f"ML-{n}"
        deps = tuple(
            sorted(
                {f"ML-{rng.randint(1, n - 1)}" for _ in range(rng.randint(0, 2) if n > 1 else 0)}
            )
        )
        category = rng.choice(categories)
        made[card_id] = Card(
            id=card_id,
            title=f"Card {n}: {rng.choice(['clean', 'train', 'ship', 'label'])} the thing",
            description="x" * rng.randint(0, 120),
            category=category,
            status=rng.choice(columns),
            points=rng.choice([None, 1, 2, 3, 5, 8]),
            depends_on=deps,
            criteria=(Criterion(metric="auc", op=Op.GT, threshold=0.8),) if n % 3 == 0 else (),
            metrics=tuple(
                MetricResult(name="auc", value=rng.random(), at=T0) for _ in range(n % 4)
            ),
            blockers=(Blocker(kind=BlockerKind.DATA, note="late", since=T0),) if n % 7 == 0 else (),
            experiment=Experiment(hypothesis="h", method="m", conclusive="c")
            if category is Category.EXPERIMENT
            else None,
            created_at=T0,
        )
    return Board(name="big", key="ML", cards=made, next_number=cards + 1)
