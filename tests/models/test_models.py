from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from mlboard.models import (
    BadInput,
    Board,
    Card,
    ConfusionMatrix,
    Criterion,
    CriterionStatus,
    MetricResult,
    Op,
)

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def card(card_id: str, **fields: object) -> Card:
    return Card.model_validate(
        {"id": card_id, "title": f"card {card_id}", "category": "data", "status": "todo",
         "created_at": NOW, **fields}
    )  # fmt: skip


def result(name: str, value: float, minute: int, dataset: str = "holdout") -> MetricResult:
    return MetricResult(name=name, value=value, dataset=dataset, at=NOW.replace(minute=minute))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("precision>0.92@holdout", ("precision", Op.GT, 0.92, "holdout")),
        ("recall >= 0.85", ("recall", Op.GE, 0.85, "holdout")),
        ("loss<0.3@val", ("loss", Op.LT, 0.3, "val")),
        ("accuracy>=91%@holdout", ("accuracy", Op.GE, 0.91, "holdout")),
        ("latency_ms<=120@prod-shadow", ("latency_ms", Op.LE, 120.0, "prod-shadow")),
    ],
)
def test_criterion_parses(text: str, expected: tuple[str, Op, float, str]) -> None:
    c = Criterion.parse(text)
    assert (c.metric, c.op, c.threshold, c.dataset) == expected


@pytest.mark.parametrize("text", ["", "precision", "precision=0.9", ">0.9", "auc>high", "a>1@"])
def test_bad_criterion_is_bad_input(text: str) -> None:
    with pytest.raises(BadInput, match="not of the form"):
        Criterion.parse(text)


def test_criterion_uses_the_latest_result_on_its_dataset() -> None:
    c = Criterion.parse("precision>0.92@holdout")
    assert c.status(()) is CriterionStatus.UNKNOWN
    metrics = (result("precision", 0.95, 1), result("precision", 0.90, 2))
    assert c.status(metrics) is CriterionStatus.UNMET
    metrics += (result("precision", 0.99, 3, dataset="train"),)
    assert c.status(metrics) is CriterionStatus.UNMET
    metrics += (result("precision", 0.93, 4),)
    assert c.status(metrics) is CriterionStatus.MET
    assert str(c) == "precision>0.92@holdout"


def test_card_rejects_self_and_duplicate_dependencies() -> None:
    with pytest.raises(ValidationError, match="depends on itself"):
        card("ML-1", depends_on=("ML-1",))
    with pytest.raises(ValidationError, match="twice"):
        card("ML-1", depends_on=("ML-2", "ML-2"))


def test_card_title_is_one_line_and_not_empty() -> None:
    assert card("ML-1", title="  two\n words ").title == "two words"
    with pytest.raises(ValidationError):
        card("ML-1", title="   ")


def test_confusion_matrix_must_be_square() -> None:
    ConfusionMatrix(labels=("a", "b"), counts=((1, 2), (3, 4)))
    with pytest.raises(ValidationError, match="2x2"):
        ConfusionMatrix(labels=("a", "b"), counts=((1, 2),))


def test_board_refuses_dangling_ids_and_cycles() -> None:
    ok = {"ML-1": card("ML-1"), "ML-2": card("ML-2", depends_on=("ML-1",))}
    Board(name="b", key="ML", cards=ok)
    with pytest.raises(ValidationError, match=r"ML-2.depends_on: no card 'ML-9'"):
        Board(name="b", key="ML", cards={"ML-2": card("ML-2", depends_on=("ML-9",))})
    with pytest.raises(ValidationError, match="no column 'nowhere'"):
        Board(name="b", key="ML", cards={"ML-1": card("ML-1", status="nowhere")})
    with pytest.raises(ValidationError, match="no sprint 'S4'"):
        Board(name="b", key="ML", cards={"ML-1": card("ML-1", sprint="S4")})
    cyclic = {
        "ML-1": card("ML-1", depends_on=("ML-3",)),
        "ML-2": card("ML-2", depends_on=("ML-1",)),
        "ML-3": card("ML-3", depends_on=("ML-2",)),
    }
    with pytest.raises(ValidationError, match="dependency cycle"):
        Board(name="b", key="ML", cards=cyclic)


def test_board_lookups_name_what_is_missing() -> None:
    board = Board(name="b", key="ML")
    with pytest.raises(BadInput, match="no card 'ML-1'"):
        board.card("ML-1")
    with pytest.raises(BadInput, match="columns: backlog, todo, doing, review, done"):
        board.column("wip")
    assert board.next_card_id() == "ML-1"
    assert board.done_ids() == frozenset({"done"})


def test_models_are_frozen() -> None:
    c = card("ML-1")
    with pytest.raises(ValidationError):
        c.title = "x"  # type: ignore[misc]
