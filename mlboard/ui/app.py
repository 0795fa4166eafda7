"""The Textual app: themes, keymap and config in; one board screen on top of a service."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

from mlboard.resources import themes_dir
from mlboard.services.session import BoardService
from mlboard.ui.config import Settings, config_dir, load_settings, remember_theme
from mlboard.ui.keymap import binding_ids, checked_keymap, without_clashes
from mlboard.ui.screens.board import BoardScreen
from mlboard.ui.themes import DEFAULT_THEME, MLBOARD_VARIABLES, load_themes
from mlboard.ui.widgets.board_grid import BoardGrid


def board_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from mlboard.ui.palette import BoardCommands

    return BoardCommands


class MlboardApp(App[int]):
    CSS_PATH = "mlboard.tcss"
    TITLE = "mlboard"
    COMMANDS: ClassVar = App.COMMANDS | {board_commands}

    def __init__(
        self,
        service: BoardService,
        *,
        theme: str | None = None,
        settings: Settings | None = None,
        user_themes: Path | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.notice = notice
        settings = settings or load_settings()
        found = load_themes(themes_dir(), user_themes or config_dir() / "themes")
        for loaded in found.themes.values():
            self.register_theme(loaded)
        keymap, key_problems = checked_keymap(
            settings.keys, binding_ids(BoardScreen.BINDINGS, BoardGrid.BINDINGS)
        )
        keymap, clashes = without_clashes(keymap, BoardScreen.BINDINGS, BoardGrid.BINDINGS)
        self._problems = [*settings.problems, *found.problems, *key_problems, *clashes]
        fallback = DEFAULT_THEME if DEFAULT_THEME in found.themes else "textual-dark"
        wanted = theme or settings.theme or fallback
        if wanted not in self.available_themes:
            known = ", ".join(sorted(found.themes))
            self._problems.append(f"no theme {wanted!r} (themes: {known}); using {fallback}")
            wanted = fallback
        self.theme = wanted
        self._started_theme, self._theme_switched = wanted, False
        self.set_keymap(keymap)

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a theme the user switches to (not the one the app started with)."""
        if theme.name != self._started_theme or self._theme_switched:
            self._theme_switched = True
            remember_theme(theme.name)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(MLBOARD_VARIABLES)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(BoardScreen(self.service))
        if self.notice:
            self.notify(self.notice, timeout=6)
        if self._problems:
            self.notify("\n".join(self._problems), title="Config", severity="warning", timeout=10)
