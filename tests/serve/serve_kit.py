"""Starting `mlboard serve` as a real process on a free loopback port, and stopping it."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cli_kit import run_mlboard

START_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mlboard(board: Path, *args: str) -> str:
    """Run one CLI command on `board`; its stdout."""
    done = run_mlboard("--board", str(board), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # what it printed: the root URL with the token
    port: int
    printed: str = ""  # its stdout up to the URL

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def served(board: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`mlboard serve` on a free port until the block ends; its whole process group (the
    server and each tab's TUI) is stopped then."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mlboard", "--board", str(board), "serve", "--port", str(port),
         *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=board.parent,  # where a shell injection through the board's path would write
        start_new_session=True,
    )  # fmt: skip
    try:
        printed = _printed(process)
        yield Served(process, _url_in(printed), port, printed)
    finally:
        _stop(process)


def _printed(process: subprocess.Popen[str]) -> str:
    """Its stdout up to the line with the URL."""
    assert process.stdout is not None
    output, deadline = "", time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(process.stdout.fileno(), 4096).decode()
        if not chunk:
            assert process.stderr is not None
            raise AssertionError(f"mlboard serve ended: {process.stderr.read()}")
        output += chunk
        if _url_in(output):
            return output
    raise AssertionError(f"mlboard serve printed no URL: {output!r}")


def _url_in(output: str) -> str:
    for line in output.splitlines(keepends=True):
        if line.startswith("mlboard: open ") and line.endswith("\n"):
            return line.split()[-1]
        if line.startswith("{") and line.endswith("\n"):  # --json
            return str(json.loads(line)["url"])
    return ""


def _stop(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
