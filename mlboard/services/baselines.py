"""Baselines: the values relative criteria (``ctr>=baseline*1.05@ab``) compare with."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from mlboard.models import BadInput, Baseline, Board, Card, Criterion
from mlboard.models.criteria import Judgement, judge, latest_baseline
from mlboard.services.draft import Draft


def record_baselines(
    board: Board,
    now: datetime,
    values: Mapping[str, float],
    dataset: str = "holdout",
    card_id: str | None = None,
    note: str = "",
    *,
    run: str | None = None,
    commit: str | None = None,
    sources: Mapping[str, str] | None = None,
) -> Draft:
    """Record one baseline per value, for one card or (no card) for the whole board; the
    latest one of a name and dataset is the one criteria compare with."""
    if not values:
        raise BadInput("give at least one NAME=VALUE")
    card = board.card(card_id).id if card_id else None
    added = tuple(
        Baseline(
            name=name, value=value, dataset=dataset, card=card, at=now, note=note,
            run=run, commit=commit, source=(sources or {}).get(name),
        )
        for name, value in values.items()
    )  # fmt: skip
    after = board.model_copy(update={"baselines": board.baselines + added})
    return Draft(after, frozenset({card} if card else ()), card)


def current_baselines(board: Board) -> list[Baseline]:
    """The baseline in force for each name, dataset and card (board-wide ones too)."""
    keys = dict.fromkeys((b.name, b.dataset, b.card) for b in board.baselines)
    found = (latest_baseline(board.baselines, n, d, c) for n, d, c in keys)
    return [b for b in found if b is not None and (b.card is None or b.card in board.cards)]


def relative_criteria(
    board: Board, names: set[str], dataset: str
) -> list[tuple[Card, Criterion, Judgement]]:
    """The cards' relative criteria on the metrics `names` and `dataset`, judged now."""
    out: list[tuple[Card, Criterion, Judgement]] = []
    for card in board.cards.values():
        for c in card.criteria:
            if c.baseline is not None and c.metric in names and c.dataset == dataset:
                out.append((card, c, judge(c, card.metrics, board.baselines, card.id)))
    return out
