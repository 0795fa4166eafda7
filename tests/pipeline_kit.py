"""The 12-card ML pipeline of the design's reference picture (docs/design.md §8), for the
graph tests of the planning layer and of the graph screen."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlboard.models import Blocker, BlockerKind, Card

PIPELINE = [  # number, title, category, status, points, blocked, depends on
    (1, "Ingest raw clickstream logs", "data", "done", 3, False, ()),
    (2, "Ingest labeled image shards", "data", "done", 5, False, ()),
    (3, "Validate data schema", "data", "doing", 2, True, (1, 2)),
    (4, "Image augmentation pipeline", "engineering", "doing", 3, False, (2,)),
    (5, "Clean & dedupe dataset", "data", "todo", 3, False, (3,)),
    (6, "Feature engineering v2", "engineering", "todo", 5, False, (5,)),
    (7, "Train XGBoost baseline", "experiment", "todo", 3, False, (6,)),
    (8, "Fine-tune ResNet-50", "experiment", "todo", 8, False, (6, 4)),
    (9, "Hyperparameter sweep (Optuna)", "experiment", "backlog", 5, False, (7,)),
    (10, "Bias & fairness audit", "tech-debt", "todo", 2, False, (8, 5, 4)),
    (11, "Offline evaluation report", "experiment", "todo", 3, False, (9, 8, 7)),
    (12, "Deploy model to staging", "engineering", "todo", 2, False, (11, 10)),
]


def make_card(number: int, title: str, category: str, status: str, **extra: Any) -> Card:
    """`ML-<number>`, created at `extra["created_at"]`."""
    return Card.model_validate(
        {"id": f"ML-{number}", "title": title, "category": category, "status": status, **extra}
    )


def pipeline_cards(t0: datetime, *, blocked: bool = True) -> list[Card]:
    """The twelve cards, created at `t0`; cards 1-8 in sprint S1. ML-3 has a data blocker
    (so everything below it is in the blocked chain) unless `blocked` is off."""
    blocker = Blocker(kind=BlockerKind.DATA, note="schema drift", since=t0)
    return [
        make_card(
            n,
            title,
            category,
            status,
            created_at=t0,
            points=points,
            depends_on=tuple(f"ML-{d}" for d in deps),
            blockers=(blocker,) if blocked and stuck else (),
            sprint="S1" if n <= 8 else None,
        )
        for n, title, category, status, points, stuck, deps in PIPELINE
    ]
