"""One card as a row of the planning screen's tables: its cells, and their widths measured
without making them (the widest cell of 10,000 rows sizes a column)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from mlboard.models import Card
from mlboard.models.text import visible

COLUMNS = ("id", "kind", "pts", "who", "title")
CATEGORY_SHORT = {"data": "data", "experiment": "exp", "engineering": "eng", "tech-debt": "debt"}


def cells(card: Card) -> tuple[str | Text, ...]:
    """The row's cells (board text as Text: never read as markup)."""
    points = "–" if card.points is None else f"{card.points:g}"
    who = Text(visible(card.assignee or ""))
    title = Text(visible(card.title), no_wrap=True, overflow="ellipsis")
    if card.open_blockers:
        title = Text.assemble(("✖ ", "bold red"), title)
    return (card.id, CATEGORY_SHORT.get(card.category.value, ""), points, who, title)


def widths(card: Card) -> tuple[int, ...]:
    """The widths of `cells(card)`, without making them."""
    points = 1 if card.points is None else len(f"{card.points:g}")
    kind = len(CATEGORY_SHORT.get(card.category.value, ""))
    who = cell_len(visible(card.assignee or ""))
    title = cell_len(visible(card.title)) + (2 if card.open_blockers else 0)
    return (len(card.id), kind, points, who, title)
