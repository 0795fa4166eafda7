"""Relative criteria and baselines (issue 12 item 4), and criteria that read back exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlboard.models import BadInput, Baseline, Criterion, CriterionStatus, MetricResult
from mlboard.models.criteria import explain, judge

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def result(name: str, value: float, dataset: str = "holdout", minute: int = 0) -> MetricResult:
    return MetricResult(name=name, value=value, dataset=dataset, at=T0 + timedelta(minutes=minute))


def baseline(
    name: str, value: float, card: str | None = None, minute: int = 0, **kw: str
) -> Baseline:
    return Baseline(name=name, value=value, card=card, at=T0 + timedelta(minutes=minute), **kw)


@pytest.mark.parametrize(
    ("text", "fields", "shown"),
    [
        ("ctr>=baseline*1.05@ab", ("ctr", ">=", 1.05, "ab", "*"), "ctr>=baseline*1.05@ab"),
        ("accuracy>=baseline+0.01", ("accuracy", ">=", 0.01, "holdout", "+"),
         "accuracy>=baseline+0.01@holdout"),
        ("accuracy >= baseline + 1%", ("accuracy", ">=", 0.01, "holdout", "+"),
         "accuracy>=baseline+0.01@holdout"),
        ("latency_ms<=baseline", ("latency_ms", "<=", 0.0, "holdout", "+"),
         "latency_ms<=baseline@holdout"),
        ("latency_ms<baseline-5@prod", ("latency_ms", "<", -5.0, "prod", "+"),
         "latency_ms<baseline-5@prod"),
        ("precision>0.92", ("precision", ">", 0.92, "holdout", None), "precision>0.92@holdout"),
    ],
)  # fmt: skip
def test_relative_criteria_parse_and_print(
    text: str, fields: tuple[object, ...], shown: str
) -> None:
    c = Criterion.parse(text)
    assert (c.metric, c.op.value, c.threshold, c.dataset, c.baseline) == fields
    assert str(c) == shown and Criterion.parse(str(c)) == c


@pytest.mark.parametrize("text", ["ctr>=baseline*", "ctr>=baseline/2", "ctr>=base*1.05"])
def test_malformed_relative_criteria_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="not of the form"):
        Criterion.parse(text)


def test_a_relative_criterion_flips_when_a_run_beats_the_baseline_by_the_margin() -> None:
    c = Criterion.parse("ctr>=baseline*1.05@ab")
    bases = [baseline("ctr", 0.0310, dataset="ab")]
    assert judge(c, (), bases).status is CriterionStatus.UNKNOWN
    assert judge(c, (result("ctr", 0.0320, "ab"),)).status is CriterionStatus.UNKNOWN  # no base
    first = judge(c, (result("ctr", 0.0320, "ab"),), bases)
    assert first.status is CriterionStatus.UNMET
    assert str(explain(c, first)) == "ctr 0.032 vs baseline 0.031 (+3.2%, needs +5%): unmet"
    metrics = (result("ctr", 0.0320, "ab"), result("ctr", 0.0329, "ab", minute=5))
    later = judge(c, metrics, bases)
    assert later.status is CriterionStatus.MET and later.target == pytest.approx(0.03255)
    assert str(explain(c, later)) == "ctr 0.0329 vs baseline 0.031 (+6.1%, needs +5%): met"


def test_a_cards_own_baseline_wins_over_the_boards_and_the_latest_wins() -> None:
    c = Criterion.parse("latency_ms<=baseline")
    bases = [
        baseline("latency_ms", 40, minute=9),
        baseline("latency_ms", 50, card="ML-1", minute=1),
        baseline("latency_ms", 45, card="ML-1", minute=2),
        baseline("latency_ms", 10, card="ML-2", minute=3),
    ]
    judged = judge(c, (result("latency_ms", 44),), bases, "ML-1")
    assert judged.baseline is not None and judged.baseline.value == 45
    assert judged.status is CriterionStatus.MET
    assert judge(c, (result("latency_ms", 44),), bases, "ML-3").status is CriterionStatus.UNMET


def test_the_margin_is_exact_on_the_numbers_as_written() -> None:
    c = Criterion.parse("accuracy>=baseline+0.1")
    judged = judge(c, (result("accuracy", 0.8),), [baseline("accuracy", 0.7)])
    assert judged.status is CriterionStatus.MET  # 0.7 + 0.1 in floats is 0.7999999999999999


thresholds = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(thresholds, st.sampled_from(["", "baseline*", "baseline+"]), st.sampled_from(["<", ">="]))
def test_a_criterion_reads_back_what_it_prints(value: float, kind: str, op: str) -> None:
    """The card form shows `str(criterion)` and parses it on save: no edit may round it."""
    text = f"m{op}{kind}{value!r}".replace("+-", "-")
    criterion = Criterion.parse(text)
    assert Criterion.parse(str(criterion)) == criterion
