"""A change made just before quitting is saved: the real executable, in a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from mlboard.storage import BoardRepository

pytestmark = pytest.mark.slow

SECONDS = 30.0


def read_until(fd: int, wanted: bytes | None, seconds: float) -> bytes:
    """What the TUI wrote until `wanted` appeared (or, for None, until it closed)."""
    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the TUI ended
            chunk = b""
        if not chunk:
            assert wanted is None, f"the TUI ended before showing {wanted!r}"
            return seen
        seen += chunk
        if wanted is not None and wanted in seen:
            return seen
    raise AssertionError(f"the TUI did not {'show ' + repr(wanted) if wanted else 'end'} in time")


def test_a_move_then_quit_in_one_keystroke_burst_is_saved(board_path: Path) -> None:
    focused = "ML-2"  # the first card of the active sprint has the focus at start
    assert BoardRepository(board_path).load().board.cards[focused].status == "todo"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real executable on the board
        os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(sys.executable, [sys.executable, "-m", "mlboard", "--board", str(board_path)])
    try:
        read_until(fd, b"Move", SECONDS)  # the key bar is drawn: the board is up
        os.write(fd, b"Lq")  # as a fast typist, or a browser tab closed right after a move
        read_until(fd, None, SECONDS)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert BoardRepository(board_path).load().board.cards[focused].status == "doing"
