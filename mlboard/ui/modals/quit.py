"""Quitting with changes that could not be written: save again, quit anyway, or stay."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from mlboard.models.text import visible

QuitChoice = Literal["save", "quit", "cancel"]


class UnsavedQuitModal(ModalScreen[QuitChoice]):
    """`s`/`enter` save again, `q` quit without them, `escape`/`c` cancel (back to the board)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save again", id="quit.save"),
        Binding("q", "choose('quit')", "Quit anyway", id="quit.discard"),
        Binding("c,escape", "choose('cancel')", "Cancel", id="quit.cancel"),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Your last changes are not saved", classes="heading")
            yield Label(Text(f"Saving failed: {visible(self.problem)}"), classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Save again (s)", variant="primary", id="save", compact=True)
                yield Button("Quit anyway (q)", variant="error", id="quit", compact=True)
                yield Button("Cancel (c)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice: QuitChoice = "save" if event.button.id == "save" else "cancel"
        if event.button.id == "quit":
            choice = "quit"
        self.dismiss(choice)

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
