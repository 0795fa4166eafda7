"""The service every change goes through: apply, record events, persist, undo and redo."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mlboard.models import Board, ConflictError, MlboardError
from mlboard.models.hints import Hint
from mlboard.services.clock import Clock, SystemClock
from mlboard.services.draft import Draft, Operation
from mlboard.services.history import record
from mlboard.services.undo import restore, summarize
from mlboard.services.wip import checked
from mlboard.storage import BoardRepository, Stamp

UNDO_DEPTH = 200


@dataclass(frozen=True)
class Step:
    """One applied change, kept for undo/redo and for replay onto a newer file."""

    label: str
    operation: Operation
    at: datetime
    before: Board
    after: Board
    touched: frozenset[str]
    backup: str | None = None


@dataclass(frozen=True)
class Result:
    """An applied change: the new board, the card (or sprint, column) it was about, its
    warnings, and what it started from and touched (so a screen redraws only that)."""

    board: Board
    subject: str | None
    warnings: tuple[Hint, ...]
    before: Board
    touched: frozenset[str]


class BoardService:
    """Holds the current board of one file.

    `apply` changes the in-memory board at once; `flush` writes it under the lock. When the
    file changed underneath (another process), `flush` reloads it and replays the pending
    operations on top, so nobody's change is lost; a replay that a domain rule now refuses
    is a `ConflictError` and the newer file wins.
    """

    def __init__(self, repo: BoardRepository, clock: Clock | None = None) -> None:
        self.repo = repo
        self.clock: Clock = clock or SystemClock()
        loaded = repo.load()
        self.board: Board = loaded.board
        self._stamp: Stamp | None = loaded.stamp
        self._rev = loaded.rev
        self._pending: list[Step] = []
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._mutex = threading.RLock()
        # Called with (before, after) once a `do` has written a change (hooks run there).
        self.after_write: Callable[[Board, Board], None] | None = None

    @classmethod
    def open(cls, path: str | Path, clock: Clock | None = None) -> BoardService:
        return cls(BoardRepository(path), clock)

    # --- changes -----------------------------------------------------------------------

    def apply(self, label: str, operation: Operation) -> Result:
        operation = checked(operation)  # stored checked, so a replay meets the rule too
        with self._mutex:
            now = self.clock.now()
            before = self.board
            draft = operation(before, now)
            after = record(before, draft.board, draft.touched, now, draft.notes)
            result = Result(after, draft.subject, draft.warnings, before, draft.touched)
            if after is before:
                return result
            step = Step(label, operation, now, before, after, draft.touched, draft.backup)
            self.board = after
            self._pending.append(step)
            self._undo.append(step)
            del self._undo[:-UNDO_DEPTH]
            self._redo.clear()
            return result

    def do(self, operation: Callable[..., Draft], *args: Any, **kwargs: Any) -> Result:
        """Apply `operation(board, now, *args, **kwargs)` to the file's latest board and write
        it, all under the lock, so the result names what really landed in the file."""
        label = operation.__name__.replace("_", " ")
        with self.repo.locked(), self._mutex:  # always the file lock first, then the mutex
            if self._pending:
                self._flush_locked()
            elif self.repo.changed_since(self._stamp):
                self._reload_locked()
            before = self.board
            result = self.apply(label, lambda board, now: operation(board, now, *args, **kwargs))
            if self._pending:
                self._flush_locked()
        if self.after_write is not None and result.board is not before:
            self.after_write(before, result.board)  # outside the lock: the write is done
        return result

    # --- undo / redo ---------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the last change of this session; returns its label, or None if none.
        `ConflictError` when someone else changed what it would set back (nothing changes)."""
        with self._mutex:
            if not self._undo:
                return None
            step = self._undo[-1]  # kept when the undo is refused
            before = self.board
            self._reapply(f"undo {step.label}", restore(step.after, step.before, step.touched))
            self._redo.append(self._undo.pop())
            return f"{step.label}: {summarize(before, self.board, step.touched)}"

    def redo(self) -> str | None:
        with self._mutex:
            if not self._redo:
                return None
            step = self._redo[-1]  # kept when the redo is refused
            before = self.board
            operation = restore(step.before, step.after, step.touched)
            self._reapply(f"redo {step.label}", operation, step.backup)
            self._undo.append(self._redo.pop())
            return f"{step.label}: {summarize(before, self.board, step.touched)}"

    def _reapply(self, label: str, operation: Operation, backup: str | None = None) -> None:
        operation = checked(operation)  # undoing a move out of a full column is refused
        now = self.clock.now()
        before = self.board
        draft = operation(before, now)
        after = record(before, draft.board, draft.touched, now, draft.notes)
        self.board = after
        self._pending.append(Step(label, operation, now, before, after, draft.touched, backup))

    # --- persistence -------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Write pending changes; replay them onto the file if someone else wrote it.

        Called from a worker: the session mutex is not held while waiting for the file lock
        or writing, so changes keep applying in memory meanwhile (they stay pending).
        """
        with self._mutex:
            before = self._pending[0].before if self._pending else None
        if before is not None:
            with self.repo.locked():
                self._flush_locked()
            if self.after_write is not None and self.board is not before:
                self.after_write(before, self.board)  # after the write, in the caller's worker

    def _flush_locked(self) -> None:
        """Write under the file lock; the slow part (serialising, fsync) runs without the
        session mutex unless the caller holds it."""
        refused: ConflictError | None = None
        with self._mutex:
            if not self._pending:  # another flush wrote them while this one waited
                return
            if self.repo.changed_since(self._stamp):
                loaded = self.repo.load()
                self._rev, self._stamp = loaded.rev, loaded.stamp
                self.board, refused = self._replay(loaded.board, list(self._pending))
                if refused is not None and not self._pending:
                    raise refused  # nothing of this session's is left to write
            written, base, rev = len(self._pending), self.board, self._rev + 1
            backup = next((s.backup for s in self._pending if s.backup), None)
        if backup is not None and self.repo.exists():
            self.repo.backup(backup)  # the file as it is before this destructive change
        stamp = self.repo.write(base, rev)
        with self._mutex:
            self._stamp, self._rev = stamp, rev
            del self._pending[:written]
        if refused is not None:  # the changes before the refused one are saved
            raise refused

    def _reload_locked(self) -> None:
        loaded = self.repo.load()
        self.board, self._stamp, self._rev = loaded.board, loaded.stamp, loaded.rev

    def _replay(self, latest: Board, steps: list[Step]) -> tuple[Board, ConflictError | None]:
        """`latest` with the steps replayed up to the first one a rule now refuses; that one
        and the steps after it (made on top of it) are dropped from the pending ones."""
        board = latest
        for done, step in enumerate(steps):
            try:
                draft = step.operation(board, step.at)
            except MlboardError as exc:
                del self._pending[done:]
                later = len(steps) - done - 1
                dropped = f" (nor the {later} change(s) after it)" if later else ""
                return board, ConflictError(
                    f"another process changed the board; {step.label} no longer applies"
                    f"{dropped}: {exc}"
                )
            board = record(board, draft.board, draft.touched, step.at, draft.notes)
        return board, None

    @property
    def cacheable(self) -> bool:
        """Whether the file's content is worth keeping in the user's cache and is not yet."""
        return self.repo.needs_caching

    def keep_in_cache(self) -> None:
        """Keep the file's content, decoded, in the user's cache, so that the next open of
        the same file skips decoding it (costly: call it from a worker, when idle)."""
        self.repo.remember()

    def reload_if_changed(self) -> bool:
        """Pick up another process's write (cheap `stat` when nothing changed)."""
        if not self.repo.changed_since(self._stamp):
            return False
        with self._mutex:
            if not self.repo.changed_since(self._stamp):  # it was our own save, just landed
                return False
            if not self._pending:
                self._reload_locked()
                return True
        self.flush()  # replays the pending changes onto the other process's file
        return True


def bind(operation: Callable[..., Draft], *args: Any, **kwargs: Any) -> Operation:
    """An operation with its arguments, ready for `BoardService.apply`."""
    return lambda board, now: operation(board, now, *args, **kwargs)
