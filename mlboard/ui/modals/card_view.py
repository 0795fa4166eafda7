"""`enter` on a card: all of it to read — the sheet `mlboard show` prints, with its history.

`e` edits it (the dialog opens over the board), `esc` or `q` closes, `j`/`k` and the page
keys scroll.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from mlboard.models import Board, Card
from mlboard.models.text import visible
from mlboard.planning.card_sheet import card_sheet
from mlboard.planning.derived import derive
from mlboard.ui.hints import hint_text

HISTORY = 50  # events shown; the command line shows 10 unless asked


class CardViewModal(ModalScreen[Literal["edit"] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="card-view.edit"),
        Binding("escape,q,enter", "close", "Close", key_display="esc", id="card-view.close"),
        Binding("down,j", "scroll(1)", "Down", show=False, id="card-view.down", priority=True),
        Binding("up,k", "scroll(-1)", "Up", show=False, id="card-view.up", priority=True),
        Binding("pagedown,space", "scroll(10)", "Page down", show=False, id="card-view.page-down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, id="card-view.page-up"),
    ]

    def __init__(self, board: Board, card: Card) -> None:
        super().__init__()
        self.card_id = card.id
        self.title_text = visible(card.title)
        derived = derive(board, card, word=hint_text)
        sheet = card_sheet(board, card, derived, HISTORY, heading=False, word=hint_text)
        self.sheet = visible(sheet, multiline=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog card-view"):
            yield Label(f"{self.card_id}  {self.title_text}", classes="heading", markup=False)
            with VerticalScroll(id="card-sheet"):
                yield Static(self.sheet, markup=False)
            yield Label("e edits · j/k scroll · esc closes", classes="hint")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#card-sheet", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_close(self) -> None:
        self.dismiss(None)
