"""The base of every screen bound to the board (board, planning, graph, reports).

A change goes through the service, is drawn at once and written by a worker once it is on
screen, so keys never wait for the file; another process's write is reloaded and drawn
with the focus kept; `?` lists the screen's keys and `q` quits. What a worker finds comes
back as a typed value (`Synced`), and every problem is shown the same way (`show_error`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from mlboard.models import Board, Card, ConflictError, MlboardError
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService, Result
from mlboard.ui.hints import error_text, hint_text
from mlboard.ui.keymap import key_table

if TYPE_CHECKING:
    from mlboard.ui.dialogs import Answer, Check
    from mlboard.ui.modals.prompt import Ask

WATCH_SECONDS = 0.5  # how often the screen looks for a change made elsewhere
ERROR_SECONDS = 8
SYNC_GROUPS = ("save", "reload")
HEAVY_WORK = 0.05  # CPU seconds: background work this costly waits for a pause in the keys
PAUSE_SECONDS = 0.4  # no change for this long: a pause in the keys
CPU_PER_CARD = 1e-5  # a save or a check of 10,000 cards: ≈ 0.1 s of the interpreter
IDLE_SECONDS = 2.0  # no change for this long: the user is elsewhere (the cache is written)


@dataclass(frozen=True)
class Synced:
    """What a save or a reload in the background found: the problem to show, or None
    when the board on screen and its file agree; and the CPU time a save took."""

    problem: str | None = None
    cpu: float | None = None  # None: nothing was written
    read: bool = False  # the file was read again (another process wrote it)


def save(service: BoardService) -> Synced:
    """Write pending changes (replayed onto the file if another process wrote it)."""
    if not service.dirty:
        return Synced()
    started = time.thread_time()  # the interpreter's work, not the waits for the disk
    try:
        service.flush()
    except ConflictError as exc:
        return Synced(f"Not saved: {error_text(exc)}")
    except (MlboardError, OSError) as exc:
        problem = error_text(exc)
        return Synced(
            f"Not saved: {problem} (it stays on screen; undo, or retry with the next change)"
        )
    return Synced(cpu=time.thread_time() - started)


def reload(service: BoardService) -> Synced:
    """Pick up another process's write (a `stat` when nothing changed)."""
    try:
        read = service.reload_if_changed()
    except (MlboardError, OSError) as exc:
        return Synced(f"Could not reload: {error_text(exc)}")
    return Synced(read=read)


def expected_cpu(board: Board) -> float:
    """What a save or a check of `board` will cost before one has been measured: so that
    on a big board even the first waits for a pause instead of holding the next keys."""
    return len(board.cards) * CPU_PER_CARD


class FollowingScreen(Screen[None]):
    """Subclasses draw `service.board` in `show_board` (and record it in `shown`), call
    `follow_board` once mounted, and name their help with `help_title` (and `legend`)."""

    help_title = ""
    legend: ClassVar[Sequence[tuple[str, str]]] = ()

    def __init__(self, service: BoardService) -> None:
        super().__init__()
        self.service = service
        self.shown: Board | None = None
        self._reported: set[str] = set()  # problems shown since the last good save or reload
        self._save_cpu = expected_cpu(service.board)  # what the last save cost
        self._waiting: dict[str, tuple[Timer, Callable[[], object]]] = {}

    # --- drawing the board as it is --------------------------------------------------------

    def show_board(self) -> None:
        raise NotImplementedError

    def show_change(self, result: Result) -> None:
        """Draw a change made on this screen (`result` says what it touched)."""
        self.show_board()

    def follow_board(self) -> None:
        self.set_interval(WATCH_SECONDS, self._watch_board)
        self._cache_soon()

    def _cache_soon(self) -> None:
        """Keep the file's content in the user's cache once the changes have stopped for a
        while (after an open, a reload or a save), so the next open of a big board is
        quicker; nothing to do for a small one. A wait already running is left as it is:
        every change restarts it (`save_soon`), and it keeps whatever the file holds then."""
        if self.service.cacheable and "cache" not in self._waiting:
            self.run_soon("cache", HEAVY_WORK, self._keep_in_cache, IDLE_SECONDS)

    def catch_up(self) -> bool:
        """Draw the board if it changed since it was drawn (a reload, another screen) and
        this screen is in sight; one hidden under another catches up when it is back."""
        if self.shown is None or self.service.board is self.shown or not self._in_front():
            return False
        self.show_board()
        return True

    def on_screen_resume(self) -> None:
        """Back from a dialog or a screen that may have changed the board."""
        self.catch_up()

    def _watch_board(self) -> None:
        """Redraw when the board changed; else see whether another process wrote it."""
        if not self._in_front() or self.catch_up():
            return
        if any(w.group in SYNC_GROUPS for w in self.workers if w.is_running):
            return
        if self.service.dirty and "save" not in self._waiting and not self._reported:
            self._save()  # left by a screen closed while its save waited for a pause
        else:
            self._reload()

    def _in_front(self) -> bool:
        """On top, or under dialogs only (which leave it in sight)."""
        for screen in reversed(self.app.screen_stack):
            if screen is self:
                return True
            if not isinstance(screen, ModalScreen):
                return False
        return False

    # --- the file, in the background -------------------------------------------------------

    @work(thread=True, exclusive=True, group="reload", description="reload")
    def _reload(self) -> Synced:
        return reload(self.service)

    @work(thread=True, exclusive=True, group="save", description="save")
    def _save(self) -> Synced:
        return save(self.service)

    @work(thread=True, exclusive=True, group="cache", description="cache")
    def _keep_in_cache(self) -> None:
        self.service.keep_in_cache()

    def save_soon(self) -> None:
        """Save once the change is on screen; on a big board, at the first pause in the
        keys (leaving the screen or quitting writes at once)."""
        self._cancel_waiting("cache")  # not while changes come: after the save, when idle
        self.run_soon("save", self._save_cpu, self._save)

    def run_soon(
        self, name: str, cpu: float, run: Callable[[], object], pause: float | None = None
    ) -> None:
        """Start `run` (a worker) once the change is on screen, the key's repaint first.
        When that work costs much of the interpreter (`cpu` seconds last time: a save or a
        check of 10,000 cards, which a thread holds against the keys), start it at the
        first pause in the keys instead (no change for `pause` seconds, PAUSE_SECONDS
        unless said): quick changes then share one run, and no key waits behind one."""
        self._cancel_waiting(name)
        if cpu < HEAVY_WORK:
            self.call_after_refresh(run)
        else:
            wait = PAUSE_SECONDS if pause is None else pause
            timer = self.set_timer(wait, lambda: self._start_waiting(name))
            self._waiting[name] = (timer, run)

    def _cancel_waiting(self, name: str) -> Callable[[], object] | None:
        waiting = self._waiting.pop(name, None)
        if waiting is None:
            return None
        waiting[0].stop()
        return waiting[1]

    def _start_waiting(self, name: str) -> None:
        run = self._cancel_waiting(name)
        if run is not None:
            run()

    def on_screen_suspend(self) -> None:
        """Another screen or a dialog comes on top: a save waiting for a pause starts."""
        self._start_waiting("save")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, Synced):
            if result.cpu is not None:
                self._save_cpu = result.cpu
            if result.problem is None:
                self._reported.clear()
            elif result.problem not in self._reported:  # the timer finds it twice a second
                self._reported.add(result.problem)
                self.show_error(result.problem)
            self.catch_up()  # a reload, or a save that replayed the change on a newer file
            if result.problem is None and (result.cpu is not None or result.read):
                self._cache_soon()  # a board read again or written

    def show_error(self, message: str) -> None:
        """Every problem a bound screen reports: a refusal, a failed save or reload."""
        self.notify(message, severity="error", timeout=ERROR_SECONDS)

    # --- changing the board ----------------------------------------------------------------

    def apply(self, label: str, operation: Operation) -> Result | None:
        """Change the board now, draw it, save it in the background; a refusal or a
        warning is shown, never raised (None when refused)."""
        try:
            result = self.service.apply(label, operation)
        except MlboardError as exc:
            self.show_error(error_text(exc))
            return None
        for warning in result.warnings:
            self.notify(hint_text(warning), severity="warning")
        self.show_change(result)
        self.save_soon()
        return result

    def check(self, answer: Answer) -> Check:
        """A form's check: a dry run of its answer on the board as it is then."""
        from mlboard.ui import dialogs

        return lambda values: dialogs.dry_run(
            self.service.board, self.service.clock.now(), answer, values
        )

    def ask(self, heading: str, asks: Sequence[Ask], answer: Answer, ok: str) -> None:
        """A form checked by a dry run of its answer; the answer is applied when it closes."""
        from mlboard.ui.modals.prompt import PromptModal

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.apply(*answer(values))

        self.app.push_screen(PromptModal(heading, asks, self.check(answer), ok=ok), done)

    def edit_card(self, card: Card) -> None:
        """The card form (with the card's facts); saved when it closes changed."""
        from mlboard.ui.card_facts import card_facts
        from mlboard.ui.card_form import card_operation, column_choices, initial_values
        from mlboard.ui.modals.card_modal import CardModal

        initial = initial_values(card, {})

        def answer(form: dict[str, str]) -> tuple[str, Operation]:
            return "edit card", card_operation(card.id, form, initial)

        def done(form: dict[str, str] | None) -> None:
            if form is not None and form != initial:
                self.apply(*answer(form))

        board = self.service.board
        facts = card_facts(board, card, self.service.clock.now())
        choices = column_choices(board)
        self.app.push_screen(
            CardModal(card.id, initial, choices, self.check(answer), facts=facts), done
        )

    def action_undo(self) -> None:
        self._history(self.service.undo, "undid", "nothing to undo")

    def action_redo(self) -> None:
        self._history(self.service.redo, "redid", "nothing to redo")

    def _history(self, step: Callable[[], str | None], done: str, nothing: str) -> None:
        try:
            label = step()
        except MlboardError as exc:  # e.g. it would pass a hard WIP limit: shown, not raised
            self.show_error(error_text(exc))
            return
        if label is None:
            self.notify(nothing, timeout=2)
            return
        self.notify(f"{done} {label}", timeout=2)
        self.show_board()
        self.save_soon()

    # --- help and leaving ------------------------------------------------------------------

    def action_help(self) -> None:
        from mlboard.ui.modals.help import HelpModal

        self.app.push_screen(HelpModal(self.help_title, key_table(self), self.legend))

    def action_close(self) -> None:
        self._start_waiting("save")
        self.app.pop_screen()

    async def action_quit(self) -> None:
        await self.app.action_quit()  # the app's: unsaved changes are written first, or asked about
