"""A small form (inputs and choices) whose values a check accepts before it closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from mlboard.models.text import visible
from mlboard.ui.modals.form import Check, FormModal


@dataclass(frozen=True)
class Ask:
    """One field: a text input, or a choice when `options` (label, value) are given."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = ()


class PromptModal(FormModal):
    """Dismisses with the values once `check` returns None; shows its error otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
        Binding("ctrl+s", "submit", "OK", id="prompt.submit"),
    ]

    def __init__(
        self,
        heading: str,
        asks: Sequence[Ask],
        check: Check,
        hint: str = "",
        ok: str = "OK",
        live: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        """`live`, when given, sees the values after every change (a filter that applies as
        it is typed)."""
        super().__init__(check)
        self.heading = heading
        self.asks = tuple(asks)
        self.hint = hint
        self.ok = ok
        self.live = live

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible(self.heading), classes="heading", markup=False)
            for ask in self.asks:
                with Horizontal(classes="row"):
                    yield Label(ask.label, classes="label")
                    if ask.options:
                        yield Select(  # labels may be board text: literal, never markup
                            [(Text(visible(label)), value) for label, value in ask.options],
                            value=ask.value,
                            allow_blank=False,
                            compact=True,
                            id=f"f-{ask.name}",
                        )
                    else:
                        yield Input(
                            ask.value, placeholder=ask.placeholder, compact=True, id=f"f-{ask.name}"
                        )
            if self.hint:
                yield Label(self.hint, classes="hint")
            yield Label("", id="error", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.ok} (enter)", variant="primary", id="ok", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        first = self.query(Input).first() if self.query(Input) else self.query(Select).first()
        first.focus()

    def field_names(self) -> list[str]:
        return [ask.name for ask in self.asks]

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.live is not None:
            self.live(self.form_values())
