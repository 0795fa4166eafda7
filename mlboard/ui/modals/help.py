"""`?`: the keys of the screen underneath, as they are bound now (after remapping)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


class HelpModal(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("down,j", "move(1)", "Down", show=False, id="help.down", priority=True),
        Binding("up,k", "move(-1)", "Up", show=False, id="help.up", priority=True),
        Binding("pagedown,space", "move(10)", "Page down", show=False, id="help.page-down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="help.page-up"),
    ]

    def __init__(
        self,
        title: str,
        keys: Sequence[tuple[str, str, str]],
        legend: Sequence[tuple[str, str]] = (),
    ) -> None:
        """`keys` are (keys, description, binding id) rows; `legend` (badge, meaning) rows."""
        super().__init__()
        self.title_text = title
        self.keys = tuple(keys)
        self.legend = tuple(legend)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Label(f"Keys — {self.title_text}", classes="heading")
            table: DataTable[str | Text] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "Action", "Binding id (remap in keys.toml)")
            for keys, description, binding_id in self.keys:
                table.add_row(keys, description, binding_id)
            if self.legend:
                table.add_row("", "", "")
                table.add_row(Text("Badge", style="bold"), Text("Meaning", style="bold"), "")
                for badge, meaning in self.legend:
                    table.add_row(badge, meaning, "")
            yield table
            hint = "esc closes · j/k scroll · ctrl+p finds any action or card"
            if self.legend:
                hint = hint.replace("scroll", "scroll (badges below the keys)")
            yield Label(hint, classes="hint")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_move(self, rows: int) -> None:
        """Keys scroll the list whatever has focus (no `tab` needed first)."""
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + rows)))

    def action_close(self) -> None:
        self.dismiss(None)
