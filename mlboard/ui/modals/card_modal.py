"""Detail and edit form of one card; `ctrl+s` (or `enter` in a one-line field) saves,
`escape` cancels; long texts are multi-line areas where `enter` adds a line."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from mlboard.models.card_fields import FORM, CardField
from mlboard.models.text import visible
from mlboard.ui.modals.form import Check, FormModal


class CardModal(FormModal):
    """Dismisses with the form's text values once `check` accepts them, or None.

    `facts` (blockers, criteria, latest results) are shown read-only above the form.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Save", id="card.save"),
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
        super().__init__(check)
        self.facts = facts
        self.heading = heading
        self.values = values
        self.columns = columns

    def _field(self, field: CardField) -> Input | Select[str] | TextArea:
        value = self.values.get(field.name, "")
        name = f"f-{field.name}"
        if field.kind == "choice":
            options = [(choice, choice) for choice in field.choices]
            return Select(options, value=value, allow_blank=False, compact=True, id=name)
        if field.kind == "column":
            columns = [(Text(visible(title)), column) for title, column in self.columns]
            return Select(columns, value=value, allow_blank=False, compact=True, id=name)
        if field.kind == "long":  # enter adds a line; tab moves on
            return TextArea(value, compact=True, placeholder=field.placeholder, id=name)
        longest = field.max_length if field.kind == "text" else None  # the model's limit
        return Input(
            value, placeholder=field.placeholder, max_length=longest or 0, compact=True, id=name
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog card-dialog"):
            yield Label(visible(self.heading), classes="heading", markup=False)
            if self.facts:
                with VerticalScroll(classes="facts"):  # focusable: long facts scroll by keys
                    yield Static(self.facts)
            with VerticalScroll(classes="form", can_focus=False):  # its fields take focus
                for field in FORM:
                    classes = "row -long" if field.kind == "long" else "row"
                    with Horizontal(classes=classes, id=f"row-{field.name}"):
                        yield Label(field.label, classes="label")
                        yield self._field(field)
            yield Label("", id="error", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="ok", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_fields_of_category()
        self.query_one("#f-title", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_fields_of_category()

    def _show_fields_of_category(self) -> None:
        """Only the fields that apply to the chosen category."""
        category = self.query_one("#f-category", Select).value
        for field in FORM:
            self.query_one(f"#row-{field.name}").display = category in field.categories

    def field_names(self) -> list[str]:
        return [field.name for field in FORM]
