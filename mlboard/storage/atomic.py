"""A TinyDB storage that never leaves a half-written file and never caches across processes."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

TMP_MARK = ".tmp-"


def dumps(data: Any) -> bytes:
    """Sorted keys and two-space indentation, so the file diffs and merges well in git."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _read_umask() -> int:
    """The process umask, read without changing it where the platform allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # pragma: no cover - not Linux
    os.umask(mask)  # pragma: no cover
    return mask  # pragma: no cover


_NEW_FILE_MODE = 0o666 & ~_read_umask()


def write_atomically(path: Path, payload: bytes) -> None:
    """Temporary file in the same folder, flush, fsync, rename over, fsync the folder.

    The new file keeps the permissions of the one it replaces (a new file gets the usual
    0o666 minus the umask, not mkstemp's 0o600), and its mtime is strictly later than the
    replaced file's, so the (mtime, size, inode) stamp of change detection never repeats
    even when the clock has not ticked between two writes and the inode number is reused.
    """
    try:
        old: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        old = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}{TMP_MARK}", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode) if old else _NEW_FILE_MODE)
            if old is not None:
                mtime = max(time.time_ns(), old.st_mtime_ns + 1)
                os.utime(handle.fileno(), ns=(mtime, mtime))
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_folder(path.parent)


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder: never a board file."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_regular_file(path: Path) -> bytes:
    """The bytes of the regular file at `path`; `NotARegularFile` at once for anything else.

    Opened without blocking and checked on the open descriptor: reading a FIFO would wait
    forever for a writer, and a check before opening could be raced.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotARegularFile(f"{path.name} is {kind}, not a board file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without folder descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def sweep_temporary_files(path: Path) -> int:
    """Remove temporary files left by a writer that died; call it while holding the lock."""
    removed = 0
    for stale in path.parent.glob(f".{path.name}{TMP_MARK}*"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed += 1
    return removed


class AtomicJSONStorage(Storage):
    """TinyDB storage: reopens the path on every read, writes through `write_atomically`.

    Reading raises the underlying error (missing file, bad JSON) instead of creating an empty
    database: the repository turns those into one-line load errors and never overwrites.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.parse(self.read_bytes())

    def read_bytes(self) -> bytes:
        return read_regular_file(self.path)

    @staticmethod
    def parse(raw: bytes) -> dict[str, dict[str, Any]]:
        data = orjson.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("the top level is not a JSON object")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, dumps(data))

    def close(self) -> None:
        """Nothing stays open between calls."""
