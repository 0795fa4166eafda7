"""What logging a result tells people after the write: the criteria whose status it moved."""

from __future__ import annotations

from collections.abc import Callable

from mlboard.models import Board
from mlboard.models.hints import Hint
from mlboard.planning.derived import criteria_states


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
