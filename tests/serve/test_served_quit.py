"""A served TUI saves a change made just before its browser tab closed.

textual-serve ends a tab's TUI with a `quit` packet, which exits the app without its quit
action (the one that writes pending changes first). The test holds the board's lock so the
background save of the move cannot land before the tab closes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from serve_kit import mlboard

from mlboard.storage import BoardRepository

pytestmark = pytest.mark.slow

SECONDS = 30.0
SERVED = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "COLUMNS": "120", "ROWS": "40"}


def packet(kind: bytes, payload: bytes) -> bytes:
    """textual-serve's framing of what it writes to a tab's TUI: kind, length, payload."""
    return kind + len(payload).to_bytes(4, "big") + payload


def read_until(tui: subprocess.Popen[bytes], wanted: bytes, what: str) -> None:
    assert tui.stdout is not None
    seen, deadline = b"", time.monotonic() + SECONDS
    while wanted not in seen:
        assert time.monotonic() < deadline, f"the served TUI did not show {what}"
        chunk = os.read(tui.stdout.fileno(), 65536)
        assert chunk, f"the served TUI ended before showing {what}"
        seen += chunk


def test_a_move_then_the_tab_closing_is_saved(tmp_path: Path) -> None:
    board = tmp_path / "mlboard.json"
    mlboard(board, "init")
    card = mlboard(board, "add", "Clean labels", "--category", "data").strip()
    tui = subprocess.Popen(
        [sys.executable, "-m", "mlboard", f"--board={board}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **SERVED},
    )
    assert tui.stdin is not None
    try:
        read_until(tui, "· Backlog".encode(), "the board")  # the card bar under the focus
        with BoardRepository(board).locked():  # as another writer would, for a moment
            tui.stdin.write(packet(b"D", b"L"))  # a key from the browser
            tui.stdin.flush()
            read_until(tui, "· To Do".encode(), "the move")  # on screen, its save waiting
            tui.stdin.write(packet(b"M", json.dumps({"type": "quit"}).encode()))  # tab closed
            tui.stdin.flush()
            read_until(tui, b'"exit"', "its exit")  # the app has ended; the lock is let go
        assert tui.wait(timeout=SECONDS) == 0
    finally:
        if tui.poll() is None:
            tui.kill()
            tui.wait()
    assert json.loads(mlboard(board, "show", card, "--json"))["status"] == "todo"
