"""Planning, standup, review, retro and flow: the reports the CLI prints, on one screen.

The screen shows an entry of the report registry (`mlboard.planning.reports.registry`):
built the way `mlboard plan|standup|review|retro|flow` builds it and rendered as the same
Markdown, so the screen and the command always say the same thing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from mlboard.models import Board, Mode
from mlboard.models.text import visible
from mlboard.planning.reports.registry import REPORTS, ReportKind, Request, Steps
from mlboard.services.session import BoardService
from mlboard.ui.hints import hint_text
from mlboard.ui.screens.following import FollowingScreen
from mlboard.ui.widgets.key_bar import KeyBar


class CeremonyScreen(FollowingScreen):
    """A report of the current board, recomputed in a worker when the board changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket,left", "step(-1)", "Earlier", key_display="[",
                id="report.step-back"),
        Binding("right_square_bracket,right", "step(1)", "Later", key_display="]",
                id="report.step-forward"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="report.scroll-down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="report.scroll-up"),
        Binding("a", "add_note", "Add note", id="report.add-note"),
        Binding("escape", "close", "Board", key_display="esc", id="report.close"),
        Binding("question_mark", "help", "Help", key_display="?", id="report.help"),
        Binding("q", "quit", "Quit", show=False, id="report.quit"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    CeremonyScreen { layout: vertical; }
    CeremonyScreen #report-header { height: 1; width: 1fr; padding: 0 1; background: $panel; }
    CeremonyScreen #report-header.-errors { color: $error; text-style: bold; }
    CeremonyScreen VerticalScroll { height: 1fr; padding: 0 1; }
    """

    def __init__(self, kind: str, service: BoardService, card_id: str | None = None) -> None:
        super().__init__(service)
        self.kind: ReportKind[Any] = REPORTS[kind]
        self.help_title = self.kind.title.lower()
        self.sprint: str | None = None  # None: the report's own default
        self.day: date | None = None  # None: today

    def compose(self) -> ComposeResult:
        yield Static(self.kind.title, id="report-header")
        with VerticalScroll():
            yield Markdown("Computing…", id="report")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self.show_board()
        self.follow_board()

    def show_board(self) -> None:
        """Recompute the report of the board as it is now."""
        board = self.service.board
        self.shown = board
        self._compute(board, self.sprint, self.day, self.service.clock.now())

    @work(thread=True, exclusive=True, group="report", description="report")  # no repr(board)
    def _compute(self, board: Board, sprint: str | None, day: date | None, now: datetime) -> None:
        """Reports take 20–120 ms on a 10,000-card board: never on the key path."""
        report = self.kind.build(board, Request(now, sprint=sprint, day=day, word=hint_text))
        text = visible(self.kind.render(report), multiline=True)
        self.app.call_from_thread(self._show, board, report, text)

    def _show(self, board: Board, report: Any, text: str) -> None:
        if board is not self.service.board:
            return  # a newer board is being computed
        header = self.query_one("#report-header", Static)
        header.update(Text(visible(self._header(board, report))))
        header.set_class(self.kind.errors(report) > 0, "-errors")
        self.query_one("#report", Markdown).update(text)

    def _header(self, board: Board, report: Any) -> str:
        parts = [self.kind.title, *self.kind.summary(report)]
        if board.mode is Mode.KANBAN and self.kind.steps is Steps.SPRINT:
            parts.append("Kanban: work in flight")
        return " · ".join(parts)

    # --- keys --------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        """Previous/next sprint (planning, review, retro) or working day (standup)."""
        board = self.service.board
        if self.kind.steps is Steps.DAY:
            today = self.service.clock.now().date()
            day = (self.day or today) + timedelta(days=delta)
            while day.weekday() >= 5:
                day += timedelta(days=delta)
            self.day = None if day >= today else day
        else:
            ids = [s.id for s in sorted(board.sprints, key=lambda s: s.number)]
            if not ids:
                return
            current = self.sprint or self.kind.default_sprint_id(board)
            index = ids.index(current) if current in ids else len(ids) - 1
            self.sprint = ids[max(0, min(len(ids) - 1, index + delta))]
        self.show_board()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Notes belong to standups and retros; the other reports have no `a`."""
        if action == "add_note":
            return self.kind.notes
        if action == "step":
            return self.kind.steps is not Steps.NONE
        return True

    def action_add_note(self) -> None:
        """A standup note on the day shown, or a retro note on the sprint shown."""
        from mlboard.ui import dialogs

        board = self.service.board
        if self.kind.steps is Steps.DAY:
            day = self.day or self.service.clock.now().date()
            asks, answer = dialogs.standup_note_dialog(board, day)
            heading = f"Standup note for {day.isoformat()}"
        else:
            sprint = self.sprint or self.kind.default_sprint_id(board)
            if sprint is None:
                self.notify("No sprint to attach a retro note to", severity="warning")
                return
            asks, answer = dialogs.retro_note_dialog(sprint)
            heading = f"Retro note on {sprint}"
        self.ask(heading, asks, answer, "Add")

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)


def standup_screen(service: BoardService, card_id: str | None = None) -> CeremonyScreen:
    return CeremonyScreen("standup", service, card_id)


def review_screen(service: BoardService, card_id: str | None = None) -> CeremonyScreen:
    return CeremonyScreen("review", service, card_id)


def retro_screen(service: BoardService, card_id: str | None = None) -> CeremonyScreen:
    return CeremonyScreen("retro", service, card_id)


def flow_screen(service: BoardService, card_id: str | None = None) -> CeremonyScreen:
    return CeremonyScreen("flow", service, card_id)
