"""The first-run question: no board where mlboard looked. Create it, open the demo, or quit.

A mistyped path (`mlboard /tmp/x/newdir/x.json`, `MLBOARD_BOARD=typo.json`) must never make a
folder and a file without a word.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from mlboard.models.text import visible
from mlboard.package_data import themes_dir
from mlboard.ui.themes import load_themes

Choice = Literal["create", "demo", "quit"]


class FirstRunApp(App[Choice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('create')", "Create", id="first-run.create"),
        Binding("d", "choose('demo')", "Demo", id="first-run.demo"),
        Binding("q,escape", "choose('quit')", "Quit", id="first-run.quit"),
    ]
    DEFAULT_CSS = """
    FirstRunApp { align: center middle; }
    FirstRunApp #first-run { width: 76; max-width: 100%; height: auto; padding: 1 2;
                             border: round $primary; background: $panel; }
    FirstRunApp .heading { text-style: bold; color: $primary; margin-bottom: 1; }
    FirstRunApp Static { margin-bottom: 1; }
    FirstRunApp Horizontal { height: auto; }
    FirstRunApp Button { margin-right: 1; }
    """

    def __init__(self, path: Path, found_by: str, theme: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.found_by = found_by
        for loaded in load_themes(themes_dir()).themes.values():
            self.register_theme(loaded)
        self.theme = theme if theme in self.available_themes else "dark"

    def compose(self) -> ComposeResult:
        folder = self.path.parent
        path = visible(str(self.path))  # a path is shown, never obeyed
        creates = path + ("" if folder.is_dir() else f" and the folder {visible(str(folder))}")
        with Vertical(id="first-run"):
            yield Label("No board here yet", classes="heading")
            yield Static(f"mlboard looked for {path} ({self.found_by}).", markup=False)
            yield Static(
                f"c creates {creates}; d opens a throwaway demo board; q quits "
                "(mlboard init --name N --key ML creates one from the command line).",
                markup=False,
            )
            with Horizontal():
                yield Button("Create it", id="create", variant="primary")
                yield Button("Open the demo", id="demo")
                yield Button("Quit", id="quit")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "quit")

    def action_choose(self, choice: str) -> None:
        self.exit("create" if choice == "create" else "demo" if choice == "demo" else "quit")
