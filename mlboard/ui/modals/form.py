"""What every form dialog shares: read its fields, let a check accept them, then close."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from mlboard.models.text import visible

Check = Callable[[dict[str, str]], str | None]
"""Dry-runs the form's values; returns an error message, or None when they are valid."""


class FormModal(ModalScreen[dict[str, str] | None]):
    """Dismisses with the fields' text values once `check` returns None, else shows its error.

    Subclasses compose inputs, text areas and choices with ids ``f-<name>``, a ``#error``
    label, and a primary button ``#ok``; `field_names` lists the names.
    """

    def __init__(self, check: Check) -> None:
        super().__init__()
        self.check = check

    def field_names(self) -> Iterable[str]:
        raise NotImplementedError

    def form_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in self.field_names():
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, Select):
                values[name] = str(widget.value)
            elif isinstance(widget, TextArea):
                values[name] = widget.text
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        values = self.form_values()
        error = self.check(values)
        # an error line quotes what was typed: shown literally, control characters as escapes
        self.query_one("#error", Label).update(Text(visible(error or "")))
        self.set_class(error is not None, "-invalid")
        if error is None:
            self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
