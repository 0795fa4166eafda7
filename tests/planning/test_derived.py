"""The `derived` object of ``show --json`` and the cheap per-card dependency check."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from mlboard.models import Blocker, Board, Card, Criterion, MetricResult
from mlboard.planning.derived import derive, unfinished_dependencies
from mlboard.planning.graph import critical_path

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def card(number: int, *deps: int, status: str = "todo", **fields: object) -> Card:
    return Card.model_validate(
        {
            "id": f"ML-{number}",
            "title": f"Card {number}",
            "category": "experiment",
            "status": status,
            "depends_on": tuple(f"ML-{d}" for d in deps),
            "created_at": T0,
            **fields,
        }
    )


def board(*cards: Card) -> Board:
    return Board(name="test", key="ML", cards={c.id: c for c in cards})


def result(name: str, value: float, hours: int, dataset: str = "holdout") -> MetricResult:
    return MetricResult(name=name, value=value, dataset=dataset, at=T0 + timedelta(hours=hours))


def test_unfinished_dependencies_keep_the_cards_order_and_skip_done_ones() -> None:
    b = board(card(1, status="done"), card(2), card(3, status="review"), card(4, 3, 1, 2))
    assert unfinished_dependencies(b, b.cards["ML-4"]) == ("ML-3", "ML-2")
    assert unfinished_dependencies(b, b.cards["ML-1"]) == ()


def test_blocked_by_lists_unfinished_dependencies_and_open_blocker_kinds_once() -> None:
    blockers = [
        Blocker(kind="data", note="labels late", since=T0),
        Blocker(kind="compute", note="resolved", since=T0, resolved_at=T0),
        Blocker(kind="training", note="job 41", since=T0),
        Blocker(kind="data", note="second source", since=T0),
    ]
    b = board(card(1), card(2, status="done"), card(3, 1, 2, blockers=blockers))
    derived = derive(b, b.cards["ML-3"])
    assert derived["blocked_by"] == {"cards": ["ML-1"], "blockers": ["data", "training"]}


def test_criteria_are_met_unmet_or_unknown_from_the_latest_result() -> None:
    criteria = [
        Criterion.parse("precision>0.92@holdout"),
        Criterion.parse("recall>0.85@holdout"),
        Criterion.parse("auc>=0.8@validation"),
    ]
    metrics = [
        result("precision", 0.90, 1),
        result("precision", 0.93, 2),
        result("recall", 0.88, 1),
        result("recall", 0.84, 3),
        result("auc", 0.9, 1, dataset="holdout"),
    ]
    b = board(card(1, criteria=criteria, metrics=metrics))
    keys = ("metric", "op", "threshold", "dataset", "status", "value")
    states = [{k: dict(c)[k] for k in keys} for c in derive(b, b.cards["ML-1"])["criteria"]]
    assert states == [
        {
            "metric": "precision",
            "op": ">",
            "threshold": 0.92,
            "dataset": "holdout",
            "status": "met",
            "value": 0.93,
        },
        {
            "metric": "recall",
            "op": ">",
            "threshold": 0.85,
            "dataset": "holdout",
            "status": "unmet",
            "value": 0.84,
        },
        {
            "metric": "auc",
            "op": ">=",
            "threshold": 0.8,
            "dataset": "validation",
            "status": "unknown",
            "value": None,
        },
    ]


def test_critical_flag_follows_the_boards_critical_path() -> None:
    b = board(card(1, points=5), card(2, 1), card(3, points=1))
    assert derive(b, b.cards["ML-2"])["critical"] is True
    assert derive(b, b.cards["ML-3"])["critical"] is False
    known = critical_path(b)
    assert derive(b, b.cards["ML-1"], known)["critical"] is True


def test_a_card_with_nothing_derived_is_plain_json() -> None:
    b = board(card(1, status="done"))
    derived = derive(b, b.cards["ML-1"])
    assert derived == {
        "blocked_by": {"cards": [], "blockers": []},
        "criteria": [],
        "critical": False,
    }
    assert json.loads(json.dumps(derived)) == derived
