"""Which metric of a nested file (`log --from`) decides each criterion of the card."""

from __future__ import annotations

from collections.abc import Iterable

from mlboard.models import Card
from mlboard.models.criteria import deciding_result


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
