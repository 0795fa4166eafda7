"""What a card's dialog shows above the form: open blockers, waits, criteria, latest results."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from mlboard.models import Board, Card
from mlboard.models.criteria import explain, judge
from mlboard.models.text import visible
from mlboard.planning.derived import unfinished_dependencies
from mlboard.ui.badges import age
from mlboard.ui.hints import hint_text


def _latest(card: Card) -> list[str]:
    """The latest value of each metric on each dataset, in the order first logged."""
    latest: dict[tuple[str, str], float] = {}
    for result in sorted(card.metrics, key=lambda r: r.at):
        latest[(result.name, result.dataset)] = result.value
    return [
        f"{visible(name)} {value:g} ({visible(dataset)})"
        for (name, dataset), value in latest.items()
    ]


def card_facts(board: Board, card: Card, now: datetime) -> Text:
    """A few lines, or an empty Text for a card with nothing to report."""
    lines: list[Text] = []
    for blocker in card.open_blockers:
        note = f" — {visible(blocker.note)}" if blocker.note else ""
        eta = f", ETA {blocker.eta.isoformat()}" if blocker.eta else ""
        text = f"Blocked ({blocker.kind.value}{note}) for {age(blocker.since, now)}{eta}"
        lines.append(Text(text, "bold"))
    deps = unfinished_dependencies(board, card)
    if deps:
        lines.append(Text(f"Waits for {', '.join(deps)}"))
    states = []
    for criterion in card.criteria:
        judged = judge(criterion, card.metrics, board.baselines, card.id)
        result = judged.result
        run = f", run {visible(result.run)}" if result is not None and result.run else ""
        if criterion.baseline is not None:  # "ctr 0.0329 vs baseline 0.031 (+6.1%, …): met"
            said = visible(hint_text(explain(criterion, judged)))
            states.append(said + (f" ({run[2:]})" if run else ""))
            continue
        shown = f" ({judged.value:g}{run})" if judged.value is not None else ""
        states.append(f"{visible(str(criterion))} {judged.status.value}{shown}")
    if states:
        lines.append(Text("Criteria: " + "; ".join(states)))
    results = _latest(card)
    if results:
        lines.append(Text("Latest: " + ", ".join(results)))
    return Text("\n").join(lines)
