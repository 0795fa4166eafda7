"""The other half of `cli_kit`: a process that has imported mlboard once and forks a fresh
child for every command the tests run.

Each child is a real process running the executable's own entry point
(`mlboard.__main__.entry`) with its own working directory, environment, stdin, stdout, stderr,
file locks and exit status; only the interpreter start-up and the imports (≈ 0.14 s a
command) are shared. Started by `cli_kit` with one end of a socket pair (its descriptor is
the argument).

One request at a time: a JSON header (argv, cwd, env) with the stdin, stdout and stderr
descriptors attached (SCM_RIGHTS); the answer is the child's pid, then its wait status.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pkgutil
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


def run_child(request: dict[str, object]) -> None:
    """In the forked child: become the requested command, then exit as `python -m mlboard`
    would (an escaping exception prints its traceback and exits 1)."""
    for fd, target in zip(request["fds"], (0, 1, 2), strict=True):  # type: ignore[call-overload]
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
    while True:
        header, fds, _, _ = socket.recv_fds(channel, HEADER_LIMIT, 3)
        if not header:
            return
        request = json.loads(header)
        request["fds"] = fds
        pid = os.fork()
        if pid == 0:
            channel.close()
            run_child(request)
        for fd in fds:
            os.close(fd)
        channel.sendall(f"{pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        channel.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


if __name__ == "__main__":
    preload()
    serve(socket.socket(fileno=int(sys.argv[1])))
