"""The Textual app: themes, keymap and config in; one board screen on top of a service."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

from mlboard.models import MlboardError
from mlboard.models.text import visible
from mlboard.package_data import themes_dir
from mlboard.services.session import BoardService
from mlboard.ui.config import Settings, config_dir, load_settings, remember_theme
from mlboard.ui.hints import error_text, use_keymap
from mlboard.ui.keymap import binding_ids, checked_keymap, without_clashes
from mlboard.ui.safe_text import ControlFilter
from mlboard.ui.screens.board import BoardScreen
from mlboard.ui.themes import DEFAULT_THEME, MLBOARD_VARIABLES, load_themes
from mlboard.ui.widgets.board_grid import BoardGrid


def board_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from mlboard.ui.palette import BoardCommands

    return BoardCommands


def generic_commands() -> type[Provider]:
    """Textual's generic entries, listed after mlboard's own."""
    from mlboard.ui.palette import GenericCommands

    return GenericCommands


CONTROL_FILTER = ControlFilter()


def _collect_from_now_on() -> None:
    """The app is long-lived: after the first frame, the garbage collector runs again (the
    executable starts without it), and what start-up made is frozen out of its walks."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class MlboardApp(App[int]):
    CSS_PATH = "mlboard.tcss"
    TITLE = "mlboard"
    COMMANDS: ClassVar = {board_commands, generic_commands}  # Textual's own provider: generic

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
        use_keymap(keymap)  # hints name the keys as remapped

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the net that keeps control characters off the terminal."""
        return [*super().get_line_filters(), CONTROL_FILTER]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notices carry board text (titles, handles, error lines): shown literally, with
        control characters as escapes; markup only when a caller asks for it."""
        super().notify(
            visible(message, multiline=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

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
        self.call_after_refresh(_collect_from_now_on)
        if self.notice:
            self.notify(self.notice, timeout=6)
        if self._problems:
            self.notify("\n".join(self._problems), title="Config", severity="warning", timeout=10)

    # --- quitting ----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q, the palette's Quit and every screen's `q`: quit once every change is
        written; when writing fails, ask (save again / quit anyway / cancel)."""
        self.request_quit()

    def request_quit(self) -> None:
        if self.service.dirty:
            self._save_then_quit()
        else:
            self.exit()

    @work(thread=True, exclusive=True, group="quit")
    def _save_then_quit(self) -> None:
        """Write what is pending (waiting for a save already under way); quit when it landed."""
        try:
            self.service.flush()
        except (MlboardError, OSError) as exc:
            self.call_from_thread(self._ask_unsaved, error_text(exc))
            return
        self.call_from_thread(self.exit)

    def _ask_unsaved(self, problem: str) -> None:
        from mlboard.ui.modals.quit import QuitChoice, UnsavedQuitModal

        if isinstance(self.screen, UnsavedQuitModal):
            return

        def chosen(choice: QuitChoice | None) -> None:
            if choice == "save":
                self.request_quit()
            elif choice == "quit" and self.service.dirty:
                path = self.service.repo.path
                line = f"mlboard: {path}: quit without saving the last changes: {problem}"
                one_line = Text(visible(" ".join(line.split())), no_wrap=True, overflow="ignore")
                self.exit(return_code=1, message=one_line)  # printed on stderr
            elif choice == "quit":  # a save under way landed them meanwhile
                self.exit()

        self.clear_notifications()  # the dialog says it all
        self.push_screen(UnsavedQuitModal(problem), chosen)
