"""Acceptance criteria written as ``precision>0.92@holdout`` and evaluated from metric results."""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import TYPE_CHECKING

from mlboard.models.enums import Op
from mlboard.models.errors import BadInput

if TYPE_CHECKING:
    from mlboard.models.card import Criterion, MetricResult

DEFAULT_DATASET = "holdout"

_CRITERION = re.compile(
    r"^\s*(?P<metric>[A-Za-z_][\w.\-/]*)\s*(?P<op>>=|<=|>|<)\s*"
    r"(?P<threshold>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?P<pct>%?)"
    r"\s*(?:@\s*(?P<dataset>[\w.\-/]+))?\s*$"
)


class CriterionStatus(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


def parse_criterion(text: str) -> tuple[str, Op, float, str]:
    """Split ``precision>0.92@holdout`` into metric, operator, threshold and dataset.

    A threshold written with ``%`` is read as a fraction (``accuracy>=91%`` is 0.91).
    """
    match = _CRITERION.match(text)
    if match is None:
        raise BadInput(
            f"criterion {text!r} is not of the form METRIC>THRESHOLD@DATASET "
            "(e.g. 'precision>0.92@holdout'; operators > >= < <=)"
        )
    threshold = float(match["threshold"])
    if match["pct"]:
        threshold /= 100
    return match["metric"], Op(match["op"]), threshold, match["dataset"] or DEFAULT_DATASET


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


def evaluate(
    criterion: Criterion, metrics: tuple[MetricResult, ...]
) -> tuple[CriterionStatus, float | None]:
    """Met, unmet or unknown from the latest result, with that result's value."""
    result = latest_result(metrics, criterion.metric, criterion.dataset)
    if result is None:
        return CriterionStatus.UNKNOWN, None
    met = compare(result.value, criterion.op, criterion.threshold)
    return (CriterionStatus.MET if met else CriterionStatus.UNMET), result.value
