"""The card dialog names the run that decided a criterion and compares a relative criterion
with its baseline (issue 12 items 2 and 4)."""

from __future__ import annotations

from datetime import UTC, datetime

from mlboard.models import Baseline, Board, Card, Criterion, MetricResult
from mlboard.ui.card_facts import card_facts

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_card_facts_show_runs_and_baselines() -> None:
    card = Card(
        id="ML-1", title="Ranker", category="experiment", status="doing", created_at=T0,
        criteria=(Criterion.parse("precision>0.9"), Criterion.parse("ctr>=baseline*1.05@ab")),
        metrics=(
            MetricResult(name="precision", value=0.93, at=T0, run="7f3k"),
            MetricResult(name="ctr", value=0.0329, dataset="ab", at=T0, run="exp-\x1b[2J42"),
        ),
    )  # fmt: skip
    board = Board(
        name="b", key="ML", cards={"ML-1": card},
        baselines=(Baseline(name="ctr", value=0.031, dataset="ab", at=T0),),
    )  # fmt: skip
    criteria = card_facts(board, card, T0).plain.splitlines()[0]
    assert criteria == (
        "Criteria: precision>0.9@holdout met (0.93, run 7f3k); "
        "ctr 0.0329 vs baseline 0.031 (+6.1%, needs +5%): met (run exp-\\x1b[2J42)"
    )
