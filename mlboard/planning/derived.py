"""The ``derived`` object of ``show --json``: what holds a card up, its criteria, criticality.

No networkx here: the board screen calls `unfinished_dependencies` for every visible card.
"""

from __future__ import annotations

from typing import TypedDict

from mlboard.models import Board, Card, Criterion, MetricResult
from mlboard.models.criteria import evaluate
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
    criteria: tuple[Criterion, ...], metrics: tuple[MetricResult, ...]
) -> list[CriterionState]:
    """Each criterion with its status and the latest value it was judged on."""
    states: list[CriterionState] = []
    for criterion in criteria:
        status, value = evaluate(criterion, metrics)
        states.append(
            {
                "metric": criterion.metric,
                "op": criterion.op.value,
                "threshold": criterion.threshold,
                "dataset": criterion.dataset,
                "status": status.value,
                "value": value,
            }
        )
    return states


def derive(board: Board, card: Card, critical: CriticalPath | None = None) -> Derived:
    """Facts about `card` computed from the whole board.

    Shape::

        {"blocked_by": {"cards": ["ML-3"], "blockers": ["data"]},
         "criteria": [{"metric": "precision", "op": ">", "threshold": 0.92,
                       "dataset": "holdout", "status": "met", "value": 0.93}],
         "critical": true}

    `blocked_by.cards` are the unfinished dependencies, `blocked_by.blockers` the kinds of the
    open blockers (each once, in the order they were raised); a criterion's `status` is
    ``met``, ``unmet`` or ``unknown`` from the latest result on its dataset, whose value is
    `value` (null when there is none); `critical` is true for a card with zero slack on the
    board's critical path. Pass `critical` when the board's CriticalPath is already known.
    """
    path = critical if critical is not None else critical_path(board)
    criteria = criteria_states(card.criteria, card.metrics)
    return {
        "blocked_by": {
            "cards": list(unfinished_dependencies(board, card)),
            "blockers": list(dict.fromkeys(b.kind.value for b in card.open_blockers)),
        },
        "criteria": criteria,
        "critical": card.id in path.critical,
    }
