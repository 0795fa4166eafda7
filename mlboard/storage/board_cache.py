"""A per-user cache of boards as they were loaded, so that opening a big board again skips
parsing and validating it (10,000 cards: ≈ 110 ms to decode, ≈ 35 ms from the cache).

An entry is the board decoded from one exact file content: it is found by the board's path
and used only when the SHA-256 of the bytes just read is the one it was decoded from, and
when the code that decodes and defines boards is the code that wrote it (a fingerprint of
`mlboard/models` and `mlboard/storage`, pydantic and Python). Anything else, a damaged or
foreign entry included, is a miss and the file is decoded as always; so the cache can make a
load faster, never different. Only boards mlboard wrote itself (sealed, current schema)
are kept, and only what a load decoded, never a board held in memory.

Entries are pickles, read back by an unpickler that builds nothing but mlboard's models,
their enums and dates, from files in a folder only the user can write (`$MLBOARD_CACHE_DIR`,
else the platform's user cache folder; `off` turns the cache off). Entries of boards not
opened for `KEEP_DAYS` days are removed when an entry is written.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import io
import os
import pickle
import re
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pydantic
import pydantic_core

from mlboard.models import SCHEMA_VERSION, Board

CACHE_ENV = "MLBOARD_CACHE_DIR"
OFF = "off"
KEEP_DAYS = 30
SUFFIX = ".board"
_MAGIC = b"mlboard board cache 1\n"
_DIGEST = 32  # bytes of a SHA-256
_HEADER = len(_MAGIC) + 3 * _DIGEST
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.board")
_DATES: dict[tuple[str, str], type] = {
    ("datetime", "datetime"): datetime,
    ("datetime", "date"): date,
    ("datetime", "timezone"): timezone,
    ("datetime", "timedelta"): timedelta,
    # pydantic reads a time zone in a file as its own `TzInfo` (a fixed offset)
    ("pydantic_core._pydantic_core", "TzInfo"): pydantic_core.TzInfo,
}


@dataclass(frozen=True)
class Cached:
    """A board as decoded from a file, and the file's revision."""

    board: Board
    rev: int


def content_digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()


class BoardCache:
    """The entries in `folder`, one per board path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_user(cls) -> BoardCache | None:
        """The user's cache (`$MLBOARD_CACHE_DIR`, else the platform's); None when off."""
        override = os.environ.get(CACHE_ENV)
        if override == OFF:
            return None
        if override:
            return cls(Path(override))
        from platformdirs import user_cache_dir

        return cls(Path(user_cache_dir("mlboard")) / "boards")

    def entry(self, board_path: Path) -> Path:
        name = hashlib.sha256(os.fsencode(os.path.abspath(board_path))).hexdigest()[:32]
        return self.folder / f"{name}{SUFFIX}"

    def holds(self, board_path: Path, digest: bytes) -> bool:
        """Whether the entry of `board_path` is of the content `digest`, by this code (its
        header only: `get` checks the rest)."""
        try:
            with open(self.entry(board_path), "rb") as handle:
                header = handle.read(_HEADER)
        except OSError:
            return False
        fingerprint = code_fingerprint()
        return fingerprint is not None and header[len(_MAGIC) : _HEADER - _DIGEST] == (
            fingerprint + digest
        )

    def get(self, board_path: Path, digest: bytes) -> Cached | None:
        """The board decoded from the content whose SHA-256 is `digest`, or None (for any
        problem with the entry: the cache is only ever a shortcut)."""
        try:
            return self._get(board_path, digest)
        except Exception:  # a damaged or foreign entry, an unreadable folder: only a miss
            return None

    def _get(self, board_path: Path, digest: bytes) -> Cached | None:
        blob = self._read_private(self.entry(board_path))
        if blob is None or len(blob) < _HEADER or not blob.startswith(_MAGIC):
            return None
        fingerprint = code_fingerprint()  # after the entry: most loads have none (small boards)
        if fingerprint is None:
            return None
        stored, checksum = blob[len(_MAGIC) : _HEADER - _DIGEST], blob[_HEADER - _DIGEST : _HEADER]
        payload = memoryview(blob)[_HEADER:]
        if stored != fingerprint + digest or hashlib.sha256(payload).digest() != checksum:
            return None
        value = _ModelsOnly(io.BytesIO(payload)).load()
        if isinstance(value, Cached) and isinstance(value.board, Board) and type(value.rev) is int:
            return value
        return None

    def put(self, board_path: Path, digest: bytes, cached: Cached) -> None:
        """Keep `cached` as what the content `digest` decodes to; any failure is silent
        (the cache is only ever a shortcut)."""
        with contextlib.suppress(Exception):
            fingerprint = code_fingerprint()
            if fingerprint is None:
                return
            payload = pickle.dumps(cached, protocol=5)
            header = _MAGIC + fingerprint + digest + hashlib.sha256(payload).digest()
            self._make_folder()
            self._write(self.entry(board_path), header + payload)
            self._prune()

    def _make_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(self.folder):
            raise PermissionError(f"{self.folder} is not private to this user")

    def _write(self, path: Path, content: bytes) -> None:
        """Atomically, as `atomic.write_atomically`, but private (mkstemp's 0o600, not the
        umask's mode, which may let the group write and so make the entry unusable) and
        without fsync: a lost entry is only a miss."""
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp_name, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise

    def _read_private(self, path: Path) -> bytes | None:
        """The entry's bytes if it and its folder are this user's and no one else may write
        them; None otherwise."""
        if not _private_folder(self.folder):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not (stat.S_ISREG(info.st_mode) and _private(info)):
                return None
            return handle.read()

    def _prune(self) -> None:
        """Remove entries not read or written for `KEEP_DAYS` days (boards gone or moved)."""
        oldest = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob(f"*{SUFFIX}"):
            if not _ENTRY_NAME.fullmatch(path.name):
                continue  # not one of ours
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and max(info.st_atime, info.st_mtime) < oldest:
                    path.unlink()


def _private_folder(folder: Path) -> bool:
    """The folder itself (not a link to one) is this user's and no one else may write it."""
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    owner = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class _ModelsOnly(pickle.Unpickler):
    """Builds mlboard's models and enums, dates and times; refuses every other global."""

    def find_class(self, module: str, name: str) -> type:
        found = _DATES.get((module, name))
        if found is not None:
            return found
        if module == "mlboard.models" or module.startswith("mlboard.models."):
            value = getattr(sys.modules.get(module), name, None)
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel | enum.Enum):
                return value
        if (module, name) == (__name__, "Cached"):
            return Cached
        raise pickle.UnpicklingError(f"not in a board: {module}.{name}")


@cache
def code_fingerprint() -> bytes | None:
    """What decides how a file decodes and how a board pickles: the source of the models
    and of storage, the schema version, and the versions of pydantic and Python. None (no
    cache) where the sources cannot be read (an install without them)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, str(SCHEMA_VERSION)):
        digest.update(part.encode() + b"\0")
    sources = [
        source for folder in ("models", "storage") for source in (package / folder).glob("*.py")
    ]
    if len(sources) < 2:
        return None
    try:
        for source in sorted(sources):
            digest.update(f"{source.parent.name}/{source.name}".encode() + b"\0")
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.digest()
