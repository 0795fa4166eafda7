"""One line under the board about the focused card: its full title and what holds it up."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mlboard.models import Board, Card
from mlboard.models.text import visible
from mlboard.planning.derived import unfinished_dependencies


def describe(board: Board, card: Card) -> Text:
    text = Text.assemble((card.id, "bold"), " ", visible(card.title))
    column = board.column(card.status).title
    text.append(f" · {column}", "dim")
    for blocker in card.open_blockers:
        note = f": {visible(blocker.note)}" if blocker.note else ""
        text.append(f" · blocked ({blocker.kind.value}{note})")
    deps = unfinished_dependencies(board, card)
    if deps:
        text.append(f" · waits for {', '.join(deps)}")
    return text


class CardBar(Static):
    """Shows `describe(board, card)`; empty when no card has the focus."""

    DEFAULT_CSS = """
    CardBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def show(self, board: Board, card: Card | None, hint: str | None = None) -> None:
        """The card's line; with no card, `hint` (what the focused line does) or how to add."""
        text = describe(board, card) if card else Text(hint or "no card here · n adds one")
        self.update(text, layout=False)
