"""Run `mlboard` commands in real child processes without paying the start-up each time.

`run_mlboard` behaves like `subprocess.run([python, "-m", "mlboard", ...],
capture_output=True)`: the command runs in its own process, with its own working
directory, environment, descriptors, file locks and exit status. The process is forked from
`cli_server`, which imported mlboard once per test worker, so a command costs a fork instead
of an interpreter start and ≈ 0.14 s of imports. `start_mlboard` starts one to `poll`,
`wait` for or `kill`. `tests/cli/test_subprocess.py`, the torture suite's `run_process`, the
servers and git's merge driver still exec the program (`MLBOARD` is that command line).

`MLBOARD_TEST_EXEC=1` makes every call exec `python -m mlboard` instead (to compare).
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, overload

SERVER = Path(__file__).with_name("cli_server.py")
MLBOARD = [sys.executable, "-m", "mlboard"]


class _Server:
    """One fork server per test process, started on first use."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        os.set_inheritable(theirs.fileno(), True)
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), str(theirs.fileno())],
            stdin=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
        )
        theirs.close()
        self.channel = ours
        self.lock = threading.Lock()  # one request on the channel at a time
        atexit.register(self.close)

    def close(self) -> None:
        self.channel.close()
        self.process.wait(timeout=10)

    def start(
        self, argv: list[str], cwd: str, env: Mapping[str, str], streams: tuple[int, int, int]
    ) -> tuple[int, _Answer]:
        """Fork the command; its pid, and where its exit status will arrive."""
        header = json.dumps({"argv": argv, "cwd": cwd, "env": dict(env)}).encode()
        ours, theirs = socket.socketpair()
        with self.lock, theirs:
            socket.send_fds(self.channel, [header], [theirs.fileno(), *streams])
        answer = _Answer(ours)
        return answer.number(None), answer


class _Answer:
    """The lines the server writes on one request's reply socket."""

    def __init__(self, reply: socket.socket) -> None:
        self.reply = reply
        self.received = b""

    @overload
    def number(self, timeout: None) -> int: ...
    @overload
    def number(self, timeout: float | None) -> int | None: ...
    def number(self, timeout: float | None) -> int | None:
        """The next line as a number; None when `timeout` seconds pass first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.received:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self.reply], [], [], left)[0]:
                return None
            chunk = self.reply.recv(4096)
            if not chunk:
                raise RuntimeError("the command server ended")
            self.received += chunk
        line, _, self.received = self.received.partition(b"\n")
        return int(line)


_server: _Server | None = None
_starting = threading.Lock()


def _the_server() -> _Server:
    global _server
    with _starting:
        if _server is None or _server.process.poll() is not None:
            _server = _Server()
        return _server


class Started:
    """A command started in its own process, like `subprocess.Popen` with both outputs
    captured: `poll`, `wait`, `kill`, then `outputs`."""

    def __init__(
        self, argv: tuple[str, ...], cwd: Path | str | None, env: Mapping[str, str] | None,
        input: str | bytes | None,
    ) -> None:  # fmt: skip
        self.args = [*MLBOARD, *argv]
        self.streams = [tempfile.TemporaryFile() for _ in range(3)]  # noqa: SIM115 (outputs)
        stdin = self.streams[0]
        if input is not None:
            stdin.write(input.encode() if isinstance(input, str) else input)
            stdin.seek(0)
        self.pid, self.answer = _the_server().start(
            list(argv), str(cwd or os.getcwd()), os.environ if env is None else env,
            (stdin.fileno(), self.streams[1].fileno(), self.streams[2].fileno()),
        )  # fmt: skip
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.wait(0) if self.returncode is None else self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit status (negative: the signal that ended it); None if `timeout` passes."""
        if self.returncode is None:
            self.returncode = self.answer.number(timeout)
            if self.returncode is not None:
                self.answer.reply.close()
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)

    def outputs(self, text: bool = True) -> tuple[Any, Any]:
        """Stdout and stderr once it has ended."""
        assert self.wait() is not None
        out, err = (_read(stream, text) for stream in self.streams[1:])
        for stream in self.streams:
            stream.close()
        return out, err


def start_mlboard(
    *argv: str, cwd: Path | str | None = None, env: Mapping[str, str] | None = None,
    input: str | bytes | None = None,
) -> Started:  # fmt: skip
    """`mlboard ARGV` started in its own process; `env` replaces the environment."""
    return Started(argv, cwd, env, input)


def run_mlboard(
    *argv: str,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    input: str | bytes | None = None,
    timeout: float | None = 60,
    text: bool = True,
) -> subprocess.CompletedProcess[Any]:
    """`mlboard ARGV` in its own process, as `subprocess.run(..., capture_output=True)`: `env`
    replaces the environment, `text` decodes the output as UTF-8 with universal newlines."""
    if os.environ.get("MLBOARD_TEST_EXEC"):
        return subprocess.run(
            [*MLBOARD, *argv], cwd=cwd, env=env, input=input, capture_output=True, text=text,
            timeout=timeout,
        )  # fmt: skip
    started = start_mlboard(*argv, cwd=cwd, env=env, input=input)
    code = started.wait(timeout)
    if code is None:
        started.kill()
        started.outputs()
        raise subprocess.TimeoutExpired(started.args, timeout or 0)
    out, err = started.outputs(text)
    return subprocess.CompletedProcess(started.args, code, out, err)


def _read(stream: IO[bytes], text: bool) -> str | bytes:
    stream.seek(0)
    data = stream.read()
    if not text:
        return data
    return data.decode().replace("\r\n", "\n").replace("\r", "\n")
