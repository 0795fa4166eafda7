"""The board screen: swimlanes, one-key moves, dialogs, undo/redo, saving and live reload."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from mlboard.models import Board, Card, Category, MlboardError, Mode
from mlboard.models.text import visible
from mlboard.planning.query import CardQuery
from mlboard.services import cards, resources
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService, bind
from mlboard.ui.board_model import LANES, build_view, update_view
from mlboard.ui.card_facts import card_facts
from mlboard.ui.card_form import card_operation, column_choices, initial_values
from mlboard.ui.hints import error_text, hint_text
from mlboard.ui.keymap import key_table
from mlboard.ui.saving import apply_change, save
from mlboard.ui.screen_registry import build_view_screen
from mlboard.ui.sprint_figures import sprint_figures
from mlboard.ui.widgets.board_grid import BoardGrid
from mlboard.ui.widgets.board_header import BoardHeader
from mlboard.ui.widgets.card_bar import CardBar
from mlboard.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from mlboard.ui import dialogs
    from mlboard.ui.modals.prompt import Ask

RELOAD_SECONDS = 0.5


class BoardScreen(Screen[None]):
    """Holds the service of one board file; every change goes through it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("L,shift+right", "step_card(1)", "Move →", key_display="L", id="board.move-right"),
        Binding("H,shift+left", "step_card(-1)", "Move ←", key_display="H", id="board.move-left"),
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

    def __init__(self, service: BoardService) -> None:
        super().__init__()
        self.service = service
        self.card_filter = CardQuery()
        self.collapsed: frozenset[Category] = frozenset()
        self._shown_board: Board | None = None
        self._reported: set[str] = set()  # problems shown since the last good save or reload

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._shown_board = self.service.board
        view = build_view(self._shown_board, self.card_filter, self.collapsed)
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
        self.set_interval(RELOAD_SECONDS, self._check_reload)

    def on_screen_resume(self) -> None:
        """Back from a view (the graph) that may have changed the board."""
        self._show(self.service.board)

    def _show(self, board: Board, force: bool = False) -> None:
        """Rebuild what the screen shows from `board` (once per board change)."""
        if board is self._shown_board and not force:
            return
        self._shown_board = board
        self.grid.view = update_view(self.grid.view, board, self.card_filter, self.collapsed)
        self._show_around(board)

    def _show_around(self, board: Board) -> None:
        """The header and the card bar, after the grid shows `board`."""
        view = self.grid.view
        figures = sprint_figures(board, self.service.clock.now())
        self.query_one(BoardHeader).show(view, figures, self.card_filter)
        self.query_one(CardBar).show(board, self.grid.focused_card)

    def on_board_grid_focus_changed(self, event: BoardGrid.FocusChanged) -> None:
        self.query_one(CardBar).show(self.grid.view.board, event.card)

    def on_board_grid_card_activated(self, event: BoardGrid.CardActivated) -> None:
        self._edit(event.card)

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
            self._edit(card)

    # --- changes ---------------------------------------------------------------------

    def apply(self, label: str, operation: Operation) -> None:
        """Apply a change now (the focus follows its card) and save it in the background."""
        result = apply_change(self, self.service, label, operation)
        if result is None:
            return
        self._show(result.board)
        if result.subject:
            self.grid.focus_card(result.subject)
        self._save()

    @work(thread=True, exclusive=True, group="save")
    def _save(self) -> str | None:
        """Write pending changes; the problem to report, or None."""
        return save(self.service)

    def _check_reload(self) -> None:
        if not any(w.group in ("save", "reload") for w in self.workers if w.is_running):
            self._reload()

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self) -> str | bool:
        """Whether another process changed the file (a problem to report, as text)."""
        try:
            return self.service.reload_if_changed()
        except (MlboardError, OSError) as exc:
            return f"Could not reload: {error_text(exc)}"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show what a save or reload in the background found (conflicts, new file)."""
        if event.state is not WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, str):
            if result not in self._reported:  # the reload timer finds it twice a second
                self._reported.add(result)
                self.notify(result, severity="error", timeout=10)
        else:
            self._reported.clear()
        if result is not False:  # a save may have replayed this screen's change on a newer file
            self._show(self.service.board)

    # --- actions: moves, undo ----------------------------------------------------------

    def _focused(self) -> str | None:
        card = self.grid.focused_card
        if card is None:
            self.notify("no card here", severity="warning", timeout=2)
        return card.id if card else None

    def action_step_card(self, step: int) -> None:
        card_id = self._focused()
        if card_id:
            self.apply("move card", bind(cards.step_card, card_id, step))

    async def action_quit(self) -> None:
        await self.app.action_quit()  # the app's: unsaved changes are written first, or asked about

    def action_undo(self) -> None:
        self._history(self.service.undo, "undid", "nothing to undo")

    def action_redo(self) -> None:
        self._history(self.service.redo, "redid", "nothing to redo")

    def _history(self, step: Callable[[], str | None], done: str, nothing: str) -> None:
        try:
            label = step()
        except MlboardError as exc:  # e.g. it would pass a hard WIP limit: shown, not raised
            self.notify(error_text(exc), severity="error", timeout=6)
            return
        if label is None:
            self.notify(nothing, timeout=2)
            return
        self.notify(f"{done} {label}", timeout=2)
        self._show(self.service.board)
        self._save()

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

    def action_help(self) -> None:
        from mlboard.ui.badges import LEGEND
        from mlboard.ui.modals.help import HelpModal

        self.app.push_screen(HelpModal("board", key_table(self), LEGEND))

    # --- actions: dialogs --------------------------------------------------------------

    def _check(self, answer: dialogs.Answer) -> dialogs.Check:
        from mlboard.ui import dialogs

        return lambda values: dialogs.dry_run(
            self.service.board, self.service.clock.now(), answer, values
        )

    def _ask(self, heading: str, asks: list[Ask], answer: dialogs.Answer, ok: str) -> None:
        from mlboard.ui.modals.prompt import PromptModal

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.apply(*answer(values))

        self.app.push_screen(PromptModal(heading, asks, self._check(answer), ok=ok), done)

    def action_block_card(self) -> None:
        from mlboard.ui import dialogs

        card = self.grid.focused_card
        if card is None:
            self._focused()
            return
        asks, answer = dialogs.block_dialog(card)
        self._ask(f"Block or unblock {card.id}", asks, answer, "Apply")

    def action_log_metric(self) -> None:
        from mlboard.ui import dialogs

        card = self.grid.focused_card
        if card is None:
            self._focused()
            return
        from mlboard.services.metric_log import criteria_moved
        from mlboard.ui.modals.prompt import PromptModal

        asks, answer = dialogs.metric_dialog(card)

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            before = self.service.board
            self.apply(*answer(values))
            if self.service.board is not before:  # logged: say which criterion it moved
                moved = criteria_moved(before, self.service.board, card.id, hint_text)
                said = "\n".join(moved) or "no acceptance criterion changed"
                self.notify(f"{card.id}: logged. {said}", markup=False, timeout=5)

        heading = f"Log a result on {card.id}"
        self.app.push_screen(PromptModal(heading, asks, self._check(answer), ok="Log"), done)

    def action_add_dependency(self) -> None:
        from mlboard.ui import dialogs

        card = self.grid.focused_card
        if card is None:
            self._focused()
            return
        asks, answer = dialogs.dependency_dialog(self.service.board, card)
        self._ask(f"{card.id} depends on…", asks, answer, "Link")

    def action_delete_card(self) -> None:
        from mlboard.ui.modals.confirm import ConfirmModal

        card = self.grid.focused_card
        if card is None:
            self._focused()
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
        modal = CardModal(heading, values, column_choices(board), self._check(answer))
        self.app.push_screen(modal, done)

    def action_view_card(self) -> None:
        """The whole card to read, its history included; `e` there edits it."""
        from mlboard.ui.modals.card_view import CardViewModal

        card = self.grid.focused_card
        if card is None:
            self._focused()
            return

        def done(choice: str | None) -> None:
            current = self.service.board.cards.get(card.id)
            if choice == "edit" and current is not None:
                self._edit(current)

        self.app.push_screen(CardViewModal(self.service.board, card), done)

    def action_edit_card(self) -> None:
        card = self.grid.focused_card
        if card is None:
            self._focused()
            return
        self._edit(card)

    def _edit(self, card: Card) -> None:
        from mlboard.ui.modals.card_modal import CardModal

        initial = initial_values(card, {})

        def answer(form: dict[str, str]) -> tuple[str, Operation]:
            return "edit card", card_operation(card.id, form, initial)

        def done(form: dict[str, str] | None) -> None:
            if form is not None and form != initial:
                self.apply(*answer(form))

        board = self.service.board
        facts = card_facts(board, card, self.service.clock.now())
        check = self._check(answer)
        modal = CardModal(card.id, initial, column_choices(board), check, facts=facts)
        self.app.push_screen(modal, done)
