"""Seeded, realistic synthetic boards for the benchmarks (not used by the test suite)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mlboard.models import Blocker, Board, Card, Criterion, Experiment, MetricResult
from mlboard.storage import BoardRepository

CATEGORIES = ("data", "experiment", "engineering", "tech-debt")
COLUMNS = ("backlog", "todo", "doing", "review", "done")
T0 = datetime(2026, 9, 1, tzinfo=UTC)


def make_board(cards: int, seed: int = 7) -> Board:
    """`cards` cards with points, assignees, criteria, metrics, blockers and dependencies
    that point mostly to recent earlier cards, like a pipeline growing over time."""
    rng = random.Random(seed)
    made: dict[str, Card] = {}
    for i in range(1, cards + 1):
        category = rng.choice(CATEGORIES)
        deps = {f"ML-{rng.randint(max(1, i - 60), i - 1)}" for _ in range(rng.randint(0, 2))}
        experiment = category == "experiment"
        made[f"ML-{i}"] = Card(
            id=f"ML-{i}",
            title=f"{category.title()} story {i}: routing model work item",
            description="Synthetic card for benchmarks." if i % 3 == 0 else "",
            category=category,
            status=rng.choice(COLUMNS),
            points=rng.choice((1, 2, 3, 5, 8)),
            assignee=rng.choice(("ana", "bo", "cy", "dee")),
            depends_on=tuple(sorted(deps)) if i > 1 else (),
            criteria=(Criterion.parse("precision>0.92@holdout"),) if experiment else (),
            metrics=(
                (MetricResult(name="precision", value=round(rng.random(), 3), at=T0),)
                if experiment
                else ()
            ),
            experiment=Experiment(hypothesis="h", method="m", conclusive="c")
            if experiment
            else None,
            blockers=(Blocker(kind="data", note="waiting", since=T0),) if i % 17 == 0 else (),
            created_at=T0 + timedelta(minutes=i),
        )
    return Board(name=f"bench {cards}", key="ML", cards=made, next_number=cards + 1)


def write_board(path: Path, cards: int, seed: int = 7) -> Path:
    path.unlink(missing_ok=True)
    BoardRepository(path).create(make_board(cards, seed))
    return path
