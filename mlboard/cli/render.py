"""Plain-text forms of cards for people; JSON uses the board file's own field names."""

from __future__ import annotations

from typing import Any

from mlboard.models import Board, Card
from mlboard.models.card_fields import FIELD
from mlboard.models.text import visible
from mlboard.planning.card_sheet import fmt_number
from mlboard.planning.derived import is_blocked, unfinished_dependencies


def card_json(card: Card) -> dict[str, Any]:
    return card.model_dump(mode="json", by_alias=True)


def card_line(board: Board, card: Card) -> str:
    flags = []
    if is_blocked(board, card):  # one meaning of blocked: never a finished card
        if card.open_blockers:
            flags.append("blocked:" + ",".join(b.kind.value for b in card.open_blockers))
        waits = unfinished_dependencies(board, card)
        if waits:
            flags.append("waits:" + ",".join(waits))
    if card.experiment is not None and card.experiment.outcome.value != "open":
        flags.append(card.experiment.outcome.value)
    tail = f"  [{' '.join(flags)}]" if flags else ""
    if card.labels:
        tail += "  " + FIELD["labels"].listing(card.labels)
    return (
        f"{card.id:<8} {card.status:<8} {card.category.value:<11} {fmt_number(card.points):>3}  "
        f"{visible(card.assignee or '-'):<10} {visible(card.title)}{tail}"
    )
