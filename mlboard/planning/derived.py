"""The ``derived`` object of ``show --json``: what holds a card up, its criteria, criticality.

No networkx here: the board screen calls `unfinished_dependencies` for every visible card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypedDict

from mlboard.models import Baseline, Board, Card, Criterion, MetricResult
from mlboard.models.criteria import explain, judge
from mlboard.models.hints import Hint
from mlboard.planning.graph import CriticalPath, critical_path


class BlockedBy(TypedDict):
    cards: list[str]
    blockers: list[str]


class CriterionState(TypedDict):
    metric: str
    op: str
    threshold: float
    dataset: str
    status: str
    value: float | None
    baseline: str | None
    baseline_value: float | None
    target: float | None
    recorded_as: str | None
    run: str | None
    commit: str | None
    source: str | None
    text: str


class Derived(TypedDict):
    blocked_by: BlockedBy
    criteria: list[CriterionState]
    critical: bool


def unfinished_dependencies(board: Board, card: Card) -> tuple[str, ...]:
    """The card's dependencies that are not in a done column, in the card's order."""
    done = board.done_ids()
    return tuple(
        dep
        for dep in card.depends_on
        if (other := board.cards.get(dep)) is None or other.status not in done
    )


def is_blocked(board: Board, card: Card) -> bool:
    """Work that cannot go on: an open blocker or an unfinished dependency, on a card that is
    not done (a finished card is never counted as blocked, whatever it still carries)."""
    if board.is_done(card):
        return False
    return bool(card.open_blockers) or bool(unfinished_dependencies(board, card))


def criteria_states(
    criteria: tuple[Criterion, ...],
    metrics: tuple[MetricResult, ...],
    baselines: Iterable[Baseline] = (),
    card: str | None = None,
    word: Callable[[Hint], str] = str,
) -> list[CriterionState]:
    """Each criterion with its status, the latest value it was judged on and where that
    value came from; a relative one with the baseline and the threshold it led to. Its
    `text` is worded by the front end's `word` (plain words by default)."""
    states: list[CriterionState] = []
    baselines = tuple(baselines)
    for criterion in criteria:
        judgement = judge(criterion, metrics, baselines, card)
        result, base = judgement.result, judgement.baseline
        states.append(
            {
                "metric": criterion.metric,
                "op": criterion.op.value,
                "threshold": criterion.threshold,
                "dataset": criterion.dataset,
                "status": judgement.status.value,
                "value": judgement.value,
                "baseline": criterion.baseline,
                "baseline_value": None if base is None else base.value,
                "target": judgement.target,
                "recorded_as": None if result is None else result.name,
                "run": None if result is None else result.run,
                "commit": None if result is None else result.commit,
                "source": None if result is None else result.source,
                "text": word(explain(criterion, judgement)),
            }
        )
    return states


def derive(
    board: Board,
    card: Card,
    critical: CriticalPath | None = None,
    word: Callable[[Hint], str] = str,
) -> Derived:
    """Facts about `card` computed from the whole board.

    Shape::

        {"blocked_by": {"cards": ["ML-3"], "blockers": ["data"]},
         "criteria": [{"metric": "precision", "op": ">", "threshold": 0.92,
                       "dataset": "holdout", "status": "met", "value": 0.93}],
         "critical": true}

    `blocked_by.cards` are the unfinished dependencies, `blocked_by.blockers` the kinds of the
    open blockers (each once, in the order they were raised); a criterion's `status` is
    ``met``, ``unmet`` or ``unknown`` from the latest result on its dataset, whose value is
    `value` (null when there is none), recorded as `recorded_as` (a nested file's
    ``metrics.precision`` decides ``precision``) with its `run`, `commit` and `source`; a
    relative criterion (`baseline` ``*`` or ``+``) names the `baseline_value` it compared
    with and the `target` that made; `text` says it all for people; `critical` is true for
    a card with zero slack on the board's critical path. Pass `critical` when the board's
    CriticalPath is already known, and the front end's `word` for the hints in `text`.
    """
    path = critical if critical is not None else critical_path(board)
    criteria = criteria_states(card.criteria, card.metrics, board.baselines, card.id, word)
    return {
        "blocked_by": {
            "cards": list(unfinished_dependencies(board, card)),
            "blockers": list(dict.fromkeys(b.kind.value for b in card.open_blockers)),
        },
        "criteria": criteria,
        "critical": card.id in path.critical,
    }
