"""Acceptance criteria written as ``precision>0.92@holdout`` and evaluated from metric results.

A criterion may be relative to a recorded baseline: ``ctr>=baseline*1.05@ab`` (5% better),
``accuracy>=baseline+0.01@holdout`` (one point better), ``latency_ms<=baseline`` (no worse).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from mlboard.models.enums import Op
from mlboard.models.errors import BadInput
from mlboard.models.hints import Hint, LogBaseline

if TYPE_CHECKING:
    from mlboard.models.card import Baseline, Criterion, MetricResult

DEFAULT_DATASET = "holdout"
Relative = Literal["*", "+"]

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CRITERION = re.compile(
    r"^\s*(?P<metric>[A-Za-z_][\w.\-/]*)\s*(?P<op>>=|<=|>|<)\s*"
    rf"(?:(?P<threshold>{_NUMBER})\s*(?P<pct>%?)"
    rf"|baseline(?:\s*(?P<rel>[*+-])\s*(?P<amount>{_NUMBER})\s*(?P<rel_pct>%?))?)"
    r"\s*(?:@\s*(?P<dataset>[\w.\-/]+))?\s*$"
)


class CriterionStatus(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


def parse_criterion(text: str) -> tuple[str, Op, float, str, Relative | None]:
    """Split ``precision>0.92@holdout`` into metric, operator, threshold, dataset and how the
    threshold relates to a baseline (None: it is absolute).

    A threshold written with ``%`` is read as a fraction (``accuracy>=91%`` is 0.91).
    Relative: ``baseline*1.05`` is (``*``, 1.05), ``baseline+1%`` and ``baseline+0.01`` are
    (``+``, 0.01), ``baseline-5`` is (``+``, -5), a bare ``baseline`` is (``+``, 0).
    """
    match = _CRITERION.match(text)
    if match is None:
        raise BadInput(
            f"criterion {text!r} is not of the form METRIC>THRESHOLD@DATASET "
            "(e.g. 'precision>0.92@holdout', 'ctr>=baseline*1.05@ab'; operators > >= < <=)"
        )
    dataset = match["dataset"] or DEFAULT_DATASET
    if match["threshold"] is not None:
        threshold = _percent(match["threshold"], match["pct"])
        return match["metric"], Op(match["op"]), threshold, dataset, None
    if match["rel"] is None:
        return match["metric"], Op(match["op"]), 0.0, dataset, "+"
    amount = _percent(match["amount"], match["rel_pct"])
    if match["rel"] == "*":
        return match["metric"], Op(match["op"]), amount, dataset, "*"
    sign = -1.0 if match["rel"] == "-" else 1.0
    return match["metric"], Op(match["op"]), sign * amount, dataset, "+"


def _percent(number: str, pct: str) -> float:
    """A number as written; ``91%`` divided in decimal, so it is exactly the float of 0.91."""
    if not pct:
        return float(number)
    from decimal import Decimal

    return float(Decimal(number) / 100)


def compare(value: float, op: Op, threshold: float) -> bool:
    if math.isnan(value):
        return False
    if op is Op.GT:
        return value > threshold
    if op is Op.GE:
        return value >= threshold
    if op is Op.LT:
        return value < threshold
    return value <= threshold


def latest_result(
    metrics: tuple[MetricResult, ...], name: str, dataset: str
) -> MetricResult | None:
    """The most recent result for a metric on a dataset (the later one wins a tie)."""
    best: MetricResult | None = None
    for result in metrics:
        if (
            result.name == name
            and result.dataset == dataset
            and (best is None or result.at >= best.at)
        ):
            best = result
    return best


def deciding_result(
    metrics: tuple[MetricResult, ...], name: str, dataset: str
) -> MetricResult | None:
    """The latest result named `name`; failing that, of the one name whose last dotted part
    is `name` (a nested metrics file records ``metrics.precision``; a criterion on
    ``precision`` reads it). Two such names (``train.auc``, ``eval.auc``) decide nothing."""
    exact = latest_result(metrics, name, dataset)
    if exact is not None:
        return exact
    suffix = "." + name
    names = {r.name for r in metrics if r.dataset == dataset and r.name.endswith(suffix)}
    if len(names) == 1:
        return latest_result(metrics, names.pop(), dataset)
    return None


def latest_baseline(
    baselines: Iterable[Baseline], name: str, dataset: str, card: str | None
) -> Baseline | None:
    """The baseline a card's criterion compares with: the latest one recorded for this card,
    else the latest one for the whole board."""
    best: Baseline | None = None
    for baseline in baselines:
        if baseline.name != name or baseline.dataset != dataset:
            continue
        if baseline.card is not None and baseline.card != card:
            continue
        if (
            best is None
            or (baseline.card is not None and best.card is None)
            or (baseline.card == best.card and baseline.at >= best.at)
        ):
            best = baseline
    return best


@dataclass(frozen=True)
class Judgement:
    """A criterion judged: its status, the result that decided it, the baseline it compared
    with (relative criteria) and the threshold that was applied."""

    status: CriterionStatus
    result: MetricResult | None = None
    baseline: Baseline | None = None
    target: float | None = None

    @property
    def value(self) -> float | None:
        return None if self.result is None else self.result.value


def judge(
    criterion: Criterion,
    metrics: tuple[MetricResult, ...],
    baselines: Iterable[Baseline] = (),
    card: str | None = None,
) -> Judgement:
    """Met, unmet or unknown from the latest result (a relative criterion without a
    baseline is unknown)."""
    result = deciding_result(metrics, criterion.metric, criterion.dataset)
    baseline = None
    target: float | None = criterion.threshold
    if criterion.baseline is not None:
        baseline = latest_baseline(baselines, criterion.metric, criterion.dataset, card)
        target = None if baseline is None else relative_target(criterion, baseline.value)
    if result is None or target is None:
        return Judgement(CriterionStatus.UNKNOWN, result, baseline, target)
    met = compare(result.value, criterion.op, target)
    return Judgement(
        CriterionStatus.MET if met else CriterionStatus.UNMET, result, baseline, target
    )


def relative_target(criterion: Criterion, baseline: float) -> float:
    """The threshold a relative criterion applies, computed on the numbers as written
    (``0.8+0.1`` is 0.9, not 0.9000000000000001 that a result of 0.9 would fall short of)."""
    from decimal import Decimal

    base, amount = Decimal(repr(baseline)), Decimal(repr(criterion.threshold))
    return float(base * amount if criterion.baseline == "*" else base + amount)


def evaluate(
    criterion: Criterion,
    metrics: tuple[MetricResult, ...],
    baselines: Iterable[Baseline] = (),
    card: str | None = None,
) -> tuple[CriterionStatus, float | None]:
    """Met, unmet or unknown from the latest result, with that result's value."""
    judgement = judge(criterion, metrics, baselines, card)
    return judgement.status, judgement.value


def explain(criterion: Criterion, judgement: Judgement) -> Hint:
    """For people: ``ctr 0.0329 vs baseline 0.031 (+6.1%, needs +5%): met``,
    ``precision 0.93 (needs >0.92): met``, ``recall: no result yet``; with no baseline
    recorded, the action to record one (each front end words it)."""
    name = criterion.metric
    result = judgement.result
    if result is not None and result.name != name:
        name = f"{name} (recorded as {result.name})"
    status = judgement.status.value
    if criterion.baseline is None:
        if result is None:
            return Hint.of(f"{name}: no result yet")
        needs = f"{criterion.op.value}{criterion.threshold:g}"
        return Hint.of(f"{name} {result.value:.4g} (needs {needs}): {status}")
    if judgement.baseline is None:
        log = LogBaseline(criterion.metric, criterion.dataset)
        return Hint.of(f"{name}: no baseline recorded", action=log)
    base = judgement.baseline.value
    needs = _needed(criterion)
    if result is None:
        return Hint.of(f"{name}: no result yet (baseline {base:.4g}, needs {needs})")
    change = _change(criterion, result.value, base)
    return Hint.of(
        f"{name} {result.value:.4g} vs baseline {base:.4g} ({change}, needs {needs}): {status}"
    )


def _needed(criterion: Criterion) -> str:
    if criterion.baseline == "*":
        return f"{(criterion.threshold - 1) * 100:+.3g}%"
    if criterion.threshold == 0:
        return f"{criterion.op.value} baseline"
    return f"{criterion.threshold:+.4g}"


def _change(criterion: Criterion, value: float, base: float) -> str:
    if criterion.baseline == "*" or criterion.threshold == 0:
        if base == 0:
            return f"{value - base:+.4g}"
        return f"{(value - base) / abs(base) * 100:+.1f}%"
    return f"{value - base:+.4g}"
