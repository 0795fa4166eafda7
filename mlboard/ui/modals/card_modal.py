"""Detail and edit form of one card; `ctrl+s` or `enter` saves, `escape` cancels."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from mlboard.models import Category, Outcome
from mlboard.ui.card_form import FIELDS, FormField

Check = Callable[[dict[str, str]], str | None]
"""Dry-runs the form's values on the board; returns an error message, or None if valid."""


class CardModal(ModalScreen[dict[str, str] | None]):
    """Dismisses with the form's text values once `check` accepts them, or None.

    `facts` (blockers, criteria, latest results) are shown read-only above the form.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="card.save"),
        Binding("escape", "cancel", "Cancel", id="card.cancel"),
    ]

    def __init__(
        self,
        heading: str,
        values: dict[str, str],
        columns: list[tuple[str, str]],
        check: Check,
        facts: Text | None = None,
    ) -> None:
        super().__init__()
        self.facts = facts
        self.heading = heading
        self.values = values
        self.columns = columns
        self.check = check

    def _field(self, field: FormField) -> Input | Select[str]:
        value = self.values.get(field.name, "")
        if field.kind == "category":
            options = [(c.value, c.value) for c in Category]
            return Select(
                options, value=value, allow_blank=False, compact=True, id=f"f-{field.name}"
            )
        if field.kind == "outcome":
            options = [(o.value, o.value) for o in Outcome]
            return Select(
                options, value=value, allow_blank=False, compact=True, id=f"f-{field.name}"
            )
        if field.kind == "status":
            return Select(
                self.columns, value=value, allow_blank=False, compact=True, id=f"f-{field.name}"
            )
        return Input(value, placeholder=field.placeholder, compact=True, id=f"f-{field.name}")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog card-dialog"):
            yield Label(self.heading, classes="heading")
            if self.facts:
                yield Static(self.facts, classes="facts")
            with VerticalScroll(classes="form"):
                for field in FIELDS:
                    classes = "row -experiment" if field.experiment else "row"
                    with Horizontal(classes=classes):
                        yield Label(field.label, classes="label")
                        yield self._field(field)
            yield Label("", id="error", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_experiment_fields()
        self.query_one("#f-title", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_experiment_fields()

    def _show_experiment_fields(self) -> None:
        category = self.query_one("#f-category", Select).value
        for row in self.query(".-experiment"):
            row.display = category == Category.EXPERIMENT.value

    def form_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for field in FIELDS:
            widget = self.query_one(f"#f-{field.name}")
            if isinstance(widget, Input):
                values[field.name] = widget.value
            elif isinstance(widget, Select):
                values[field.name] = str(widget.value)
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        values = self.form_values()
        error = self.check(values)
        self.query_one("#error", Label).update(error or "")
        self.set_class(error is not None, "-invalid")
        if error is None:
            self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
