"""`mlboard export csv`: the board's cards as a spreadsheet.

Every text cell passes the sanitizer the terminal uses (control characters and bidi
overrides made visible, newlines of a description kept), then is defused for spreadsheets: a
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as
a formula by Excel, LibreOffice or Google Sheets (``=HYPERLINK(…)`` in a title), so it gets a
leading ``'``, which they show as text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from mlboard.models import Board, Card, CriterionStatus, SprintState
from mlboard.models.criteria import judge
from mlboard.models.text import visible

COLUMNS = (
    "id", "title", "category", "status", "column", "points", "assignee", "sprint", "depends_on",
    "blockers", "criteria", "criteria_met", "outcome", "carried", "gpu_hours", "datasets",
    "source", "created_at", "started_at", "done_at", "description",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str, *, multiline: bool = False) -> str:
    """`text` safe in a spreadsheet cell: sanitized, and never read as a formula."""
    shown = visible(text, multiline=multiline)
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown


def sprint_card_ids(board: Board, sprint_id: str) -> list[str]:
    """The cards of a sprint: as frozen at close (committed and added), else those in it now."""
    sprint = board.sprint(sprint_id)
    if sprint.state is SprintState.CLOSED and sprint.snapshot is not None:
        ids = dict.fromkeys((*sprint.snapshot.committed, *sprint.snapshot.added))
        return [i for i in ids if i in board.cards and i not in sprint.snapshot.removed]
    return [c.id for c in board.cards.values() if c.sprint == sprint.id]


def card_row(board: Board, card: Card) -> dict[str, Any]:
    """One card as the export's row: text exact (JSON keeps it so), numbers as numbers."""
    states = [judge(c, card.metrics, board.baselines, card.id).status for c in card.criteria]
    met = sum(1 for s in states if s is CriterionStatus.MET)
    return {
        "id": card.id,
        "title": card.title,
        "category": card.category.value,
        "status": card.status,
        "column": board.column(card.status).title,
        "points": card.points,
        "assignee": card.assignee or "",
        "sprint": card.sprint or "",
        "depends_on": " ".join(card.depends_on),
        "blockers": " ".join(b.kind.value for b in card.open_blockers),
        "criteria": "; ".join(str(c) for c in card.criteria),
        "criteria_met": f"{met}/{len(states)}" if states else "",
        "outcome": card.experiment.outcome.value if card.experiment else "",
        "carried": card.carried,
        "gpu_hours": card.gpu_hours,
        "datasets": " ".join(card.datasets),
        "source": card.source or "",
        "created_at": card.created_at.isoformat(),
        "started_at": card.started_at.isoformat() if card.started_at else "",
        "done_at": card.done_at.isoformat() if card.done_at else "",
        "description": card.description,
    }


def csv_text(rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV (``\\r\\n`` line ends, quoted where needed) with a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(name, row[name]) for name in COLUMNS])
    return out.getvalue()


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_text(value, multiline=name == "description")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
