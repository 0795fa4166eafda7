"""The other half of `cli_kit`: a process that has imported mlboard once and forks a fresh
child for every command the tests run.

Each child is a real process running the executable's own entry point
(`mlboard.__main__.entry`) with its own working directory, environment, stdin, stdout, stderr,
file locks and exit status; only the interpreter start-up and the imports (≈ 0.14 s a
command) are shared. Started by `cli_kit` with one end of a socket pair (its descriptor is
the argument).

A request is a JSON header (argv, cwd, env) with four descriptors attached (SCM_RIGHTS): a
socket for the answer, then stdin, stdout and stderr. The answer is the child's pid, then
its exit status (negative: the signal that ended it).
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pkgutil
import selectors
import signal
import socket
import sys
import traceback

HEADER_LIMIT = 1 << 20


def preload() -> None:
    """Everything a command may import, except the terminal UI and the web server."""
    import mlboard
    import mlboard.__main__

    for module in pkgutil.walk_packages(mlboard.__path__, "mlboard."):
        if not module.name.startswith(("mlboard.ui", "mlboard.serve")):
            importlib.import_module(module.name)


def run_child(request: dict[str, object], streams: list[int]) -> None:
    """In the forked child: become the requested command, then exit as `python -m mlboard`
    would (an escaping exception prints its traceback and exits 1)."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for fd, target in zip(streams, (0, 1, 2), strict=True):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(str(request["cwd"]))
    os.environ.clear()
    os.environ.update(request["env"])  # type: ignore[arg-type]
    encoding = os.environ.get("PYTHONIOENCODING", "utf-8")
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding=encoding)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding=encoding)
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding=encoding, errors="backslashreplace",
        line_buffering=True,
    )  # fmt: skip
    sys.argv = ["mlboard", *request["argv"]]  # type: ignore[misc]
    from mlboard.__main__ import entry

    try:
        entry()
    except SystemExit as stop:
        code = stop.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        status = code or 0
    except BaseException:
        traceback.print_exc()
        status = 1
    else:
        status = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def serve(channel: socket.socket) -> None:
    """Fork a child per request; report each child's end on the request's own reply socket,
    so that commands from several test threads run at the same time."""
    reaped_r, reaped_w = os.pipe()
    os.set_blocking(reaped_w, False)
    signal.set_wakeup_fd(reaped_w)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    replies: dict[int, socket.socket] = {}
    selector = selectors.DefaultSelector()
    selector.register(channel, selectors.EVENT_READ)
    selector.register(reaped_r, selectors.EVENT_READ)
    while True:
        for key, _ in selector.select():
            if key.fileobj is channel:
                header, fds, _, _ = socket.recv_fds(channel, HEADER_LIMIT, 4)
                if not header:
                    return
                reply = socket.socket(fileno=fds[0])
                pid = os.fork()
                if pid == 0:
                    for inherited in (channel, reply, *replies.values()):
                        inherited.close()
                    os.close(reaped_r)
                    os.close(reaped_w)
                    run_child(json.loads(header), fds[1:])
                for fd in fds[1:]:
                    os.close(fd)
                reply.sendall(f"{pid}\n".encode())
                replies[pid] = reply
            else:
                os.read(reaped_r, 4096)
        while replies:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            reply = replies.pop(pid)
            reply.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
            reply.close()


if __name__ == "__main__":
    preload()
    serve(socket.socket(fileno=int(sys.argv[1])))
