"""What the report and planning screens share: they follow the service's board, redrawn
when it changes here or in another process, and save their own changes in a worker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from mlboard.models import Board, MlboardError
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService
from mlboard.ui.hints import error_text
from mlboard.ui.keymap import key_table
from mlboard.ui.saving import apply_change, save

if TYPE_CHECKING:
    from mlboard.ui.dialogs import Answer
    from mlboard.ui.modals.prompt import Ask

WATCH_SECONDS = 0.5


class FollowingScreen(Screen[None]):
    """Subclasses draw `service.board` in `show_board` (which records it in `shown`), call
    `follow_board` once mounted, and name their keys' help with `help_title`."""

    help_title = ""

    def __init__(self, service: BoardService) -> None:
        super().__init__()
        self.service = service
        self.shown: Board | None = None

    def show_board(self) -> None:
        raise NotImplementedError

    def follow_board(self) -> None:
        self.set_interval(WATCH_SECONDS, self._watch_board)

    def _watch_board(self) -> None:
        """Redraw when the board changed; else see whether another process wrote it."""
        if self.service.board is not self.shown:
            self.show_board()
        else:
            self._check_file()

    @work(thread=True, exclusive=True, group="reload")
    def _check_file(self) -> None:
        try:
            self.service.reload_if_changed()
        except (MlboardError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, f"Could not reload: {error_text(exc)}", severity="error"
            )

    # --- changing the board ------------------------------------------------------------

    def ask(self, heading: str, asks: Sequence[Ask], answer: Answer, ok: str) -> None:
        """A form checked by a dry run of its answer; the answer is applied when it closes."""
        from mlboard.ui import dialogs
        from mlboard.ui.modals.prompt import PromptModal

        def check(values: dict[str, str]) -> str | None:
            now = self.service.clock.now()
            return dialogs.dry_run(self.service.board, now, answer, values)

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.apply(*answer(values))

        self.app.push_screen(PromptModal(heading, asks, check, ok=ok), done)

    def apply(self, label: str, operation: Operation) -> None:
        """Change the board now, draw it, save it in the background once it is drawn (a
        thread writing 10,000 cards would hold the interpreter while the screen repaints)."""
        if apply_change(self, self.service, label, operation) is not None:
            self.show_board()
            self.call_after_refresh(self._save)

    @work(thread=True, exclusive=True, group="save")
    def _save(self) -> str | None:
        """Write pending changes; the problem to report, or None."""
        return save(self.service)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "save" and event.state is WorkerState.SUCCESS and worker.result:
            self.notify(str(worker.result), severity="error", timeout=10)

    # --- leaving -----------------------------------------------------------------------

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_help(self) -> None:
        from mlboard.ui.modals.help import HelpModal

        self.app.push_screen(HelpModal(self.help_title, key_table(self)))

    async def action_quit(self) -> None:
        await self.app.action_quit()  # the app's: unsaved changes are written first, or asked about
