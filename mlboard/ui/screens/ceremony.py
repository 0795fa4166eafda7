"""Planning, standup, review, retro and flow: the reports the CLI prints, on one screen.

The screen shows an entry of the report registry (`mlboard.planning.reports.registry`):
built the way `mlboard plan|standup|review|retro|flow` builds it and rendered as the same
Markdown, so the screen and the command always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.events import Resize
from textual.widgets import Markdown, Static
from textual.worker import Worker, WorkerState

from mlboard.models import Board, Mode
from mlboard.models.text import visible
from mlboard.planning.charts import Chart
from mlboard.planning.reports.registry import REPORTS, ReportKind, Request, Steps
from mlboard.services.session import BoardService
from mlboard.ui.hints import hint_text
from mlboard.ui.screens.following import FollowingScreen
from mlboard.ui.widgets.key_bar import KeyBar

WIDE = 160  # columns from which charts sit two abreast


@dataclass(frozen=True)
class Computed:
    """What the report worker made of `board`: the report, its text and its charts."""

    board: Board
    report: Any
    text: str
    charts: list[Chart]


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
        Binding("c", "toggle_charts", "Charts", id="report.toggle-charts"),
        Binding("escape", "close", "Board", key_display="esc", id="report.close"),
        Binding("question_mark", "help", "Help", key_display="?", id="report.help"),
        Binding("q", "quit", "Quit", show=False, id="report.quit"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    CeremonyScreen { layout: vertical; }
    CeremonyScreen #report-header { height: 1; width: 1fr; padding: 0 1; background: $panel; }
    CeremonyScreen #report-header.-errors { color: $error; text-style: bold; }
    CeremonyScreen VerticalScroll { height: 1fr; padding: 0 1; }
    CeremonyScreen #report-charts { layout: grid; grid-size: 1; grid-rows: 15; grid-gutter: 0 2;
                                    height: auto; }
    CeremonyScreen #report-charts.-wide { grid-size: 2; }
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
            yield Container(id="report-charts")
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
    def _compute(
        self, board: Board, sprint: str | None, day: date | None, now: datetime
    ) -> Computed:
        """Reports take 20–120 ms on a 10,000-card board: never on the key path."""
        request = Request(now, sprint=sprint, day=day, word=hint_text)
        report = self.kind.build(board, request)
        text = visible(self.kind.render(report), multiline=True)
        return Computed(board, report, text, self.kind.charts(board, report, request))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, Computed):
            self._show(result.board, result.report, result.text, result.charts)
        # saves and reloads are FollowingScreen's (Textual calls both handlers)

    def _show(self, board: Board, report: Any, text: str, charts: list[Chart]) -> None:
        if board is not self.service.board or not self.is_attached:
            return  # a newer board is being computed, or the screen was closed meanwhile
        panel = self.query_one("#report-charts", Container)
        if charts or panel.children:
            from mlboard.ui.widgets.report_chart import show_charts  # plotext: only here

            show_charts(panel, charts)
            self._arrange_charts(self.size.width, len(charts))
            self.refresh_bindings()
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
        if action == "toggle_charts":
            return bool(self.query("#report-charts > *"))
        return True

    def on_resize(self, event: Resize) -> None:
        panel = self.query_one("#report-charts")
        self._arrange_charts(event.size.width, len(panel.children))

    def _arrange_charts(self, width: int, count: int) -> None:
        """Two charts abreast on a wide terminal; one chart alone takes the whole width."""
        self.query_one("#report-charts").set_class(width >= WIDE and count > 1, "-wide")

    def action_toggle_charts(self) -> None:
        """Hide the charts (more room for the text), or show them again."""
        panel = self.query_one("#report-charts")
        panel.display = not panel.display

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
