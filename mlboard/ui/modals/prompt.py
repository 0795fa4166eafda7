"""A small form (inputs and choices) whose values a check accepts before it closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select


@dataclass(frozen=True)
class Ask:
    """One field: a text input, or a choice when `options` (label, value) are given."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = ()


Check = Callable[[dict[str, str]], str | None]


class PromptModal(ModalScreen[dict[str, str] | None]):
    """Dismisses with the values once `check` returns None; shows its error otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
        Binding("ctrl+s", "submit", "OK", id="prompt.submit"),
    ]

    def __init__(
        self, heading: str, asks: Sequence[Ask], check: Check, hint: str = "", ok: str = "OK"
    ) -> None:
        super().__init__()
        self.heading = heading
        self.asks = tuple(asks)
        self.check = check
        self.hint = hint
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="heading")
            for ask in self.asks:
                with Horizontal(classes="row"):
                    yield Label(ask.label, classes="label")
                    if ask.options:
                        yield Select(
                            ask.options,
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

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for ask in self.asks:
            widget = self.query_one(f"#f-{ask.name}")
            if isinstance(widget, Input):
                out[ask.name] = widget.value
            elif isinstance(widget, Select):
                out[ask.name] = str(widget.value)
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        values = self.values()
        error = self.check(values)
        self.query_one("#error", Label).update(error or "")
        self.set_class(error is not None, "-invalid")
        if error is None:
            self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
