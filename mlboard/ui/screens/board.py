"""The board screen: swimlanes, one-key moves, dialogs and the filter (saving, reload,
undo/redo, help and quit come from `FollowingScreen`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer

from mlboard.models import Board, Card, Category, MlboardError, Mode
from mlboard.models.text import visible
from mlboard.planning.query import CardQuery
from mlboard.services import cards, ranking, resources
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService, Result, bind
from mlboard.ui.badges import LEGEND
from mlboard.ui.board_model import DONE_SHOWN, LANES, build_view, update_view
from mlboard.ui.card_form import card_operation, column_choices, initial_values
from mlboard.ui.hints import error_text, hint_text
from mlboard.ui.screen_registry import build_view_screen
from mlboard.ui.screens.following import FollowingScreen
from mlboard.ui.sprint_figures import sprint_figures
from mlboard.ui.widgets.board_grid import BoardGrid
from mlboard.ui.widgets.board_header import BoardHeader
from mlboard.ui.widgets.card_bar import CardBar
from mlboard.ui.widgets.key_bar import KeyBar


class BoardScreen(FollowingScreen):
    """The board's cards by swimlane and column; every change goes through the service."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("L,shift+right", "step_card(1)", "Move →", key_display="L", id="board.move-right"),
        Binding("H,shift+left", "step_card(-1)", "Move ←", key_display="H", id="board.move-left"),
        Binding("K", "rank_card(-1)", "Card up", show=False, id="board.rank-up"),
        Binding("J", "rank_card(1)", "Card down", show=False, id="board.rank-down"),
        Binding("e", "edit_card", "Edit", id="board.edit-card"),
        Binding("enter", "view_card", "Open", show=False, id="board.view-card"),
        Binding("n", "new_card", "New", id="board.new-card"),
        Binding("d", "delete_card", "Delete", show=False, id="board.delete-card"),
        Binding("b", "block_card", "Block", id="board.block-card"),
        Binding("m", "log_metric", "Metric", show=False, id="board.log-metric"),
        Binding("D", "add_dependency", "Depends on", show=False, id="board.add-dependency"),
        Binding("slash", "filter", "Filter", id="board.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="board.clear-filter"),
        Binding("u", "undo", "Undo", id="board.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="board.redo"),
        Binding("t", "switch_mode", "Scrum/Kanban", show=False, id="board.switch-mode"),
        Binding("g", "open_view('graph')", "Graph", show=False, id="board.open-graph"),
        Binding("p", "open_view('planning')", "Planning", show=False, id="board.open-planning"),
        Binding("s", "open_view('standup')", "Standup", show=False, id="board.open-standup"),
        Binding("r", "open_view('review')", "Review", show=False, id="board.open-review"),
        Binding("R", "open_view('retro')", "Retro", show=False, id="board.open-retro"),
        Binding("f", "open_view('flow')", "Flow", show=False, id="board.open-flow"),
        Binding("question_mark", "help", "Help", key_display="?", id="board.help"),
        Binding("q", "quit", "Quit", id="board.quit"),
    ]

    help_title = "board"
    legend = LEGEND

    def __init__(self, service: BoardService) -> None:
        super().__init__(service)
        self.card_filter = CardQuery()
        self.collapsed: frozenset[Category] = frozenset()

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.shown = self.service.board
        view = build_view(self.shown, self.card_filter, self.collapsed)
        yield BoardHeader()
        yield BoardGrid(view, self.service.clock.now, id="grid")
        yield CardBar(id="card-bar")
        yield KeyBar()

    @property
    def grid(self) -> BoardGrid:
        return self.query_one(BoardGrid)

    def on_mount(self) -> None:
        self._show_around(self.grid.view.board)
        self.grid.focus()
        self.follow_board()

    def _show(self, board: Board, force: bool = False) -> None:
        """Rebuild what the screen shows from `board` (once per board change)."""
        if board is self.shown and not force:
            return
        self.shown = board
        self.grid.view = update_view(self.grid.view, board, self.card_filter, self.collapsed)
        self._show_around(board)

    def _show_around(self, board: Board) -> None:
        """The header and the card bar, after the grid shows `board`."""
        view = self.grid.view
        figures = sprint_figures(board, self.service.clock.now())
        self.query_one(BoardHeader).show(view, figures, self.card_filter)
        self.query_one(CardBar).show(board, self.grid.focused_card, self._more_hint())

    def _more_hint(self) -> str | None:
        """What `enter` does on a focused "+N more" line of a done column; None elsewhere."""
        view = self.grid.view
        if not view.is_more(self.grid.cursor):
            return None
        if view.done_limit is None:
            return f"enter shows the latest {DONE_SHOWN} finished cards again"
        return "enter shows every finished card"

    def on_board_grid_focus_changed(self, event: BoardGrid.FocusChanged) -> None:
        self.query_one(CardBar).show(self.grid.view.board, event.card, self._more_hint())

    def on_board_grid_card_activated(self, event: BoardGrid.CardActivated) -> None:
        self.edit_card(event.card)

    def on_board_grid_lane_toggled(self, event: BoardGrid.LaneToggled) -> None:
        self.collapsed = self.collapsed ^ {event.lane}
        self._show(self.service.board, force=True)

    def focus_card(self, card_id: str) -> None:
        """Jump to a card (from the palette), clearing a filter that hides it."""
        board = self.service.board
        if card_id not in board.cards:
            self.notify(f"no card {card_id}", severity="error")
            return
        card = board.cards[card_id]
        hidden = self.card_filter.active and not self.card_filter.matches(board, card)
        if hidden or card.category in self.collapsed:
            self.card_filter = CardQuery() if hidden else self.card_filter
            self.collapsed = self.collapsed - {card.category}
            self._show(board, force=True)
        if not self.grid.focus_card(card_id):
            self.notify(f"{card_id} is not in the active sprint; opening it", timeout=4)
            self.edit_card(card)

    # --- changes ---------------------------------------------------------------------

    def show_board(self) -> None:
        self._show(self.service.board)

    def show_change(self, result: Result) -> None:
        """A change made here: drawn, and the focus follows its card."""
        self._show(result.board)
        if result.subject:
            self.grid.focus_card(result.subject)

    # --- actions: moves ----------------------------------------------------------------

    def _focused(self) -> Card | None:
        """The focused card; says so when there is none."""
        card = self.grid.focused_card
        if card is None:
            self.notify("no card here", severity="warning", timeout=2)
        return card

    def action_step_card(self, step: int) -> None:
        card = self._focused()
        if card is not None:
            self.apply("move card", bind(cards.step_card, card.id, step))

    def action_rank_card(self, step: int) -> None:
        """Move the focused card up or down among the cards shown with it; focus follows."""
        card = self._focused()
        if card is None:
            return
        other = self.grid.view.neighbour(self.grid.cursor, step)
        if other is None:
            self.notify(f"{card.id} is already {'first' if step < 0 else 'last'} here", timeout=2)
        else:
            place = {"before": other} if step < 0 else {"after": other}
            self.apply("reorder card", bind(ranking.rank_card, card.id, **place))

    def action_switch_mode(self) -> None:
        from mlboard.ui.modals.confirm import ConfirmModal

        board = self.service.board
        target = Mode.KANBAN if board.mode is Mode.SCRUM else Mode.SCRUM
        question = f"Switch this board from {board.mode.value} to {target.value}?"
        if target is Mode.KANBAN:
            question += "\nSprints are kept and come back when you switch back."

        def done(yes: bool | None) -> None:
            if yes:
                self.apply(f"switch to {target.value}", bind(resources.set_mode, target.value))

        self.app.push_screen(ConfirmModal(question, yes="Switch"), done)

    def action_open_view(self, name: str) -> None:
        card = self.grid.focused_card
        self.app.push_screen(build_view_screen(name, self.service, card.id if card else None))

    # --- actions: dialogs --------------------------------------------------------------

    def action_block_card(self) -> None:
        from mlboard.ui import dialogs

        card = self._focused()
        if card is None:
            return
        asks, answer = dialogs.block_dialog(card)
        self.ask(f"Block or unblock {card.id}", asks, answer, "Apply")

    def action_log_metric(self) -> None:
        from mlboard.ui import dialogs

        card = self._focused()
        if card is None:
            return
        from mlboard.services.metric_log import criteria_moved
        from mlboard.ui.modals.prompt import PromptModal

        asks, answer = dialogs.metric_dialog(card)

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            before = self.service.board
            result = self.apply(*answer(values))
            if result is not None and result.board is not before:  # logged: say what it moved
                moved = criteria_moved(before, result.board, card.id, hint_text)
                said = "\n".join(moved) or "no acceptance criterion changed"
                self.notify(f"{card.id}: logged. {said}", markup=False, timeout=5)

        heading = f"Log a result on {card.id}"
        self.app.push_screen(PromptModal(heading, asks, self.check(answer), ok="Log"), done)

    def action_add_dependency(self) -> None:
        from mlboard.ui import dialogs

        card = self._focused()
        if card is None:
            return
        asks, answer = dialogs.dependency_dialog(self.service.board, card)
        self.ask(f"{card.id} depends on…", asks, answer, "Link")

    def action_delete_card(self) -> None:
        from mlboard.ui.modals.confirm import ConfirmModal

        card = self._focused()
        if card is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.apply("delete card", bind(cards.delete_card, card.id))
                self.notify(f"deleted {card.id} (u to undo)", timeout=3)

        question = f"Delete {card.id} “{visible(card.title)}”?"
        self.app.push_screen(ConfirmModal(question, "Delete"), done)

    def action_filter(self) -> None:
        from mlboard.ui.modals.prompt import Ask, PromptModal

        def check(values: dict[str, str]) -> str | None:
            try:
                CardQuery.parse(values["query"], self.service.board)
            except MlboardError as exc:
                return error_text(exc)
            return None

        before = self.card_filter
        pending: list[Timer] = []

        def show(text: str) -> None:
            try:
                query = CardQuery.parse(text, self.service.board)
            except MlboardError:
                return  # half typed (`in:do`): keep what is shown; enter says what is wrong
            if query != self.card_filter:
                self.card_filter = query
                self._show(self.service.board, force=True)

        def live(values: dict[str, str]) -> None:
            """The board behind the dialog follows the filter as it is typed (a pause of
            0.15 s first, so a fast typist does not wait for every letter's board)."""
            for timer in pending:
                timer.stop()
            pending[:] = [self.set_timer(0.15, lambda: show(values["query"]))]

        def done(values: dict[str, str] | None) -> None:
            for timer in pending:
                timer.stop()
            if values is not None:
                show(values["query"])
            elif self.card_filter != before:  # esc: the filter the board had before
                self.card_filter = before
                self._show(self.service.board, force=True)

        asks = [Ask("query", "Filter", self.card_filter.describe(), "loss @ana #data !blocked")]
        hint = (
            "words · @assignee · #category or #label · in:column · sprint:ID|current|backlog"
            " · !blocked"
            " — empty shows every card"
        )
        modal = PromptModal("Filter the board", asks, check, hint, "Filter", live=live)
        self.app.push_screen(modal, done)

    def action_clear_filter(self) -> None:
        if self.card_filter.active:
            self.card_filter = CardQuery()
            self._show(self.service.board, force=True)

    def action_new_card(self) -> None:
        from mlboard.ui.modals.card_modal import CardModal

        board = self.service.board
        spot = self.grid.cursor
        defaults = {
            "category": LANES[spot.lane].value,
            "status": self.grid.view.columns[spot.column].id,
        }
        if board.mode is Mode.SCRUM and board.active_sprint():
            defaults["sprint"] = "current"
        values = initial_values(None, defaults)

        def answer(form: dict[str, str]) -> tuple[str, Operation]:
            return "add card", card_operation(None, form, values)

        def done(form: dict[str, str] | None) -> None:
            if form is not None:
                self.apply(*answer(form))

        heading = f"New card ({board.next_card_id()})"
        modal = CardModal(heading, values, column_choices(board), self.check(answer))
        self.app.push_screen(modal, done)

    def action_view_card(self) -> None:
        """The whole card to read, its history included; `e` there edits it."""
        from mlboard.ui.modals.card_view import CardViewModal

        card = self._focused()
        if card is None:
            return

        def done(choice: str | None) -> None:
            current = self.service.board.cards.get(card.id)
            if choice == "edit" and current is not None:
                self.edit_card(current)

        self.app.push_screen(CardViewModal(self.service.board, card), done)

    def action_edit_card(self) -> None:
        card = self._focused()
        if card is None:
            return
        self.edit_card(card)
