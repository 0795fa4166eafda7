"""What `log` tells people after a write: which recorded metric decides each criterion."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mlboard.models import Board, Card
from mlboard.models.criteria import deciding_result
from mlboard.models.hints import Hint
from mlboard.planning.derived import criteria_states


def criterion_readings(card: Card, logged: Iterable[str], dataset: str) -> list[str]:
    """For each criterion of `card` whose metric was not logged under its own name but
    under a dotted one (``metrics.precision``): which name it reads, or why none decides it."""
    names = set(logged)
    lines: list[str] = []
    for criterion in card.criteria:
        if criterion.dataset != dataset or criterion.metric in names:
            continue
        suffix = "." + criterion.metric
        nested = sorted(n for n in names if n.endswith(suffix))
        if not nested:
            continue
        result = deciding_result(card.metrics, criterion.metric, criterion.dataset)
        if result is not None and result.name != criterion.metric:
            lines.append(f"criterion {criterion} reads {result.name}")
        elif result is None:
            lines.append(
                f"criterion {criterion} is decided by none of {', '.join(nested)} "
                f"(several end in {criterion.metric}: log one with --only, or name it in full)"
            )
    return lines


def criteria_moved(
    before: Board, after: Board, card_id: str, word: Callable[[Hint], str] = str
) -> list[str]:
    """The criteria of a card whose status a change moved, in words: `auc>0.8@holdout:
    unmet → met (auc 0.81 ...)`; what a logged result is worth confirming. Hints are worded
    by the front end's `word`."""
    old_card, new_card = before.cards.get(card_id), after.cards.get(card_id)
    if old_card is None or new_card is None or old_card.criteria != new_card.criteria:
        return []
    old = criteria_states(old_card.criteria, old_card.metrics, before.baselines, card_id)
    new = criteria_states(new_card.criteria, new_card.metrics, after.baselines, card_id, word)
    return [
        f"{criterion}: {was['status']} → {now['status']} ({now['text']})"
        for criterion, was, now in zip(new_card.criteria, old, new, strict=True)
        if was["status"] != now["status"]
    ]
