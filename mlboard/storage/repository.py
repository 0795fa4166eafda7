"""Load and save one board file safely: atomic writes, a lock, change detection, backups."""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB

from mlboard.models import SCHEMA_VERSION, BadInput, Board, BoardLoadError, BoardWriteError
from mlboard.models.card import MAX_INT
from mlboard.models.hints import CreateBoard
from mlboard.storage import migrations
from mlboard.storage.atomic import (
    AtomicJSONStorage,
    NotARegularFile,
    read_regular_file,
    sweep_temporary_files,
    write_atomically,
)
from mlboard.storage.backups import KEEP_BACKUPS, Backups
from mlboard.storage.board_cache import BoardCache, Cached, content_digest
from mlboard.storage.codec import DecodeError, decode, decode_current, meta_of
from mlboard.storage.document import DocumentWriter, UnwritableNumber
from mlboard.storage.seal import seal
from mlboard.storage.strict_json import NotExactJSON, refuse_bom, refuse_duplicate_keys

if TYPE_CHECKING:
    from filelock import FileLock


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector during a whole-board read or write.

    Parsing, validating and dumping a board allocate hundreds of thousands of containers and
    no garbage cycles, yet each allocation burst triggers collections that walk the growing
    heap: on a 10,000-card board that was ~30% of `mlboard move` (bench/cli_move.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Stamp:
    """What `stat` says about the file; any difference means someone wrote it."""

    mtime_ns: int
    size: int
    inode: int


@dataclass(frozen=True)
class Loaded:
    board: Board
    stamp: Stamp
    rev: int
    schema_version: int


def _revision(meta: dict[str, Any]) -> int:
    """The file's revision; a broken one restarts the count (it only tells writers apart)."""
    rev = meta.get("rev", 0)
    return rev if type(rev) is int and 0 <= rev <= MAX_INT else 0


CACHE_DECODES_OVER = 0.02  # CPU seconds: a board slower than this to decode is worth caching


class BoardRepository:
    """One board file. Reads need no lock (writes are atomic renames); writes take it."""

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float = 15.0) -> None:
        self.path = Path(path)
        # A symlinked board (`mlboard.json -> ../team/board.json`) is written where it points,
        # so the link survives the atomic rename and every name of the file shares one lock.
        self.target = Path(os.path.realpath(self.path)) if self.path.is_symlink() else self.path
        self._lock_timeout = lock_timeout
        self._db = TinyDB(self.target, storage=AtomicJSONStorage)
        self._unmigrated: int | None = None
        self._writer = DocumentWriter()
        self._cache = BoardCache.for_user()
        # The last load's decoded board, not yet in the cache: (content digest, entry).
        self._uncached: tuple[bytes, Cached] | None = None
        self._wrote = False  # since the last `remember`: the file holds bytes not cached
        self._worth_caching = False  # the board last read was slow enough to decode

    # --- reading ---------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.is_file()

    def stamp(self) -> Stamp | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return Stamp(st.st_mtime_ns, st.st_size, st.st_ino)

    def load(self) -> Loaded:
        """Read and validate the whole board; any problem is a one-line `BoardLoadError`."""
        try:
            with paused_gc():
                return self._load()
        except BoardLoadError as exc:
            text = str(exc)
            if "\n" in text or "\r" in text or "\t" in text:
                text = " ".join(text.split())
                raise BoardLoadError(text) from None
            raise

    def _load(self) -> Loaded:
        name = self.path.name
        stamp = self.stamp()
        if stamp is None:
            raise BoardLoadError(f"{self.path}: no board file here", action=CreateBoard())
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        try:
            raw = storage.read_bytes()
        except FileNotFoundError:
            raise BoardLoadError(f"{self.path}: the board file disappeared") from None
        except NotARegularFile as exc:
            raise BoardLoadError(f"{self.path}: {exc}; nothing was read") from None
        except OSError as exc:
            raise BoardLoadError(f"{name}: {exc}") from None
        self._uncached = None  # of bytes read earlier
        digest = content_digest(raw) if self._cache is not None else b""
        cached = self._cache.get(self.target, digest) if self._cache is not None else None
        if cached is not None:
            self._unmigrated = None  # only what mlboard wrote in the current schema is kept
            self._worth_caching = True
            return Loaded(cached.board, stamp, cached.rev, SCHEMA_VERSION)
        started = time.thread_time()
        quick = decode_current(raw)
        if quick is None:
            meta, board, version = self._decode_any(raw, stamp)
        else:
            (meta, board), version = quick, SCHEMA_VERSION
        rev = _revision(meta)
        self._unmigrated = version if version < SCHEMA_VERSION else None
        self._worth_caching = time.thread_time() - started >= CACHE_DECODES_OVER
        if quick is not None and self._cache is not None and self._worth_caching:
            self._uncached = (digest, Cached(board, rev))
        return Loaded(board, stamp, rev, version)

    @property
    def needs_caching(self) -> bool:
        """Whether `remember` has something to keep: a board the last load decoded, worth
        keeping, or a write of this repository's since (of a board worth keeping)."""
        return self._uncached is not None or (self._wrote and self._worth_caching)

    def remember(self) -> None:
        """Keep the file's content, decoded, in the user's cache, so that the next load of
        the same bytes skips decoding: the board the last load decoded (≈ 60 ms of pickling
        at 10,000 cards), or after a write, the file read and decoded again (≈ 170 ms). A
        board held in memory is never what is kept: only what decoding the bytes gives.
        Call it off the critical path; any problem only leaves the cache as it was."""
        uncached, self._uncached = self._uncached, None
        wrote, self._wrote = self._wrote, False
        if self._cache is None:
            return
        try:
            if uncached is None and wrote and self._worth_caching:
                with paused_gc():
                    uncached = self._decoded_for_cache(self._cache)
        except Exception:  # any file the load path itself would report: not worth an entry
            return
        if uncached is not None:
            self._cache.put(self.target, *uncached)

    def _decoded_for_cache(self, cache: BoardCache) -> tuple[bytes, Cached] | None:
        """The file as it is now, decoded, when it is mlboard's own (sealed, current schema),
        slow enough to decode to be worth an entry, and not in the cache yet."""
        try:
            raw = read_regular_file(self.target)
        except OSError:
            return None
        digest = content_digest(raw)
        if cache.holds(self.target, digest):
            return None
        started = time.thread_time()
        quick = decode_current(raw)
        if quick is None or time.thread_time() - started < CACHE_DECODES_OVER:
            return None
        meta, board = quick
        return digest, Cached(board, _revision(meta))

    def _decode_any(self, raw: bytes, stamp: Stamp) -> tuple[dict[str, Any], Board, int]:
        """Meta, board and schema version of a file of any version; or the load error."""
        name = self.path.name
        try:
            refuse_bom(raw)
            tables = AtomicJSONStorage.parse(raw)
            refuse_duplicate_keys(raw)
        except NotExactJSON as exc:
            raise BoardLoadError(f"{name}: {exc}; nothing was changed") from None
        except (orjson.JSONDecodeError, UnicodeDecodeError):
            what = "empty" if stamp.size == 0 else "not valid JSON"
            raise BoardLoadError(f"{name}: the file is {what}; nothing was changed") from None
        except ValueError as exc:
            raise BoardLoadError(f"{name}: {exc}") from None
        try:
            meta = meta_of(tables)
            version = meta["schema_version"]
            if version > SCHEMA_VERSION:
                raise BoardLoadError(
                    f"{name}: schema version {version} is newer than this mlboard "
                    f"understands ({SCHEMA_VERSION}); upgrade mlboard"
                )
            if version < 1:
                raise DecodeError(f"meta.schema_version: {version} is not a valid version")
            if version < SCHEMA_VERSION:
                tables = self._migrate(tables, version)
            return meta, decode(tables), version
        except DecodeError as exc:
            raise BoardLoadError(f"{name}: {exc}") from None

    def _migrate(self, tables: dict[str, Any], version: int) -> dict[str, Any]:
        """Upgrade old tables in memory; the file itself is backed up before the first write."""
        try:
            return migrations.migrate(tables, version, SCHEMA_VERSION)
        except Exception as exc:  # a step meeting data it does not expect is a bad file too
            raise BoardLoadError(
                f"{self.path.name}: cannot migrate schema {version} to {SCHEMA_VERSION}: "
                f"{type(exc).__name__}: {exc}"
            ) from None

    def changed_since(self, stamp: Stamp | None) -> bool:
        return self.stamp() != stamp

    # --- writing ---------------------------------------------------------------------

    @cached_property
    def _lock(self) -> FileLock:
        """The lock file next to the board; filelock is imported by the first writer only
        (reading commands and a TUI start need none of its ≈ 10 ms import)."""
        from filelock import FileLock

        return FileLock(
            self.target.with_name(f".{self.target.name}.lock"), timeout=self._lock_timeout
        )

    @contextmanager
    def locked(self) -> Iterator[None]:
        from filelock import Timeout

        try:
            with self._lock:
                sweep_temporary_files(self.path)
                yield
        except Timeout:
            raise BoardLoadError(
                f"{self.path.name}: another mlboard holds the lock ({self._lock.lock_file})"
            ) from None

    def write(self, board: Board, rev: int) -> Stamp:
        """Write the board as revision `rev`; call it while holding `locked()`.

        A board with a NaN or an infinite number is refused (`BadInput`) and nothing is written:
        JSON would save it as null, and the file would no longer load.
        """
        try:
            with paused_gc():
                document = seal(self._writer.document(board, rev))
        except UnwritableNumber as exc:
            raise BadInput(
                f"{self.path.name}: not written: {exc} (a board file holds finite numbers,"
                " whole ones up to 2**53)"
            ) from None
        self._check_writable()
        if self._unmigrated is not None and self.exists():
            self.backup(f"schema{self._unmigrated}")
        self._unmigrated = None
        self._uncached = None  # of the bytes being replaced
        self._write_file(self.target, document)
        self._wrote = True  # once renamed into place: a `remember` now reads these bytes
        stamp = self.stamp()
        assert stamp is not None
        return stamp

    def _check_writable(self) -> None:
        """A board file whose owner may not write it is left alone, even by root (whom the
        operating system would let through): its mode is the owner's decision."""
        try:
            mode = os.stat(self.target).st_mode
        except FileNotFoundError:
            return
        if not stat.S_ISREG(mode):
            raise BoardWriteError(f"{self.path}: not a regular file; nothing was written")
        if not mode & stat.S_IWUSR:
            raise BoardWriteError(
                f"{self.path.name}: the file is read-only (mode {stat.S_IMODE(mode):o}); "
                f"nothing was written (chmod u+w {self.path.name} to allow changes)"
            )

    def _write_file(self, target: Path, content: bytes) -> None:
        """`write_atomically`, with a failure (full disk, no permission) said in one line."""
        try:
            write_atomically(target, content)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise BoardWriteError(
                f"{target.name}: not written: {reason}; the file on disk is unchanged"
            ) from None

    def create(self, board: Board) -> Stamp:
        with self.locked():
            if os.path.lexists(self.path):
                raise BoardLoadError(f"{self.path}: something is already here")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self.write(board, 1)

    # --- backups ---------------------------------------------------------------------

    @property
    def backup_folder(self) -> Path:
        return self.target.with_name(f".{self.target.name}.backups")

    @property
    def _backups(self) -> Backups:
        return Backups(self.backup_folder, KEEP_BACKUPS)

    def backup(self, reason: str, spare: Path | None = None) -> Path:
        """Copy the current file aside (readable or not), keeping the newest `KEEP_BACKUPS`
        copies besides `spare`; call it while holding `locked()`."""
        try:
            return self._backups.take(read_regular_file(self.target), reason, spare)
        except OSError as exc:
            raise BoardWriteError(
                f"{self.path.name}: no backup taken ({exc.strerror or exc}); nothing was changed"
            ) from None

    def backups(self) -> list[Path]:
        """Kept backups, newest first."""
        return self._backups.listing()

    def read_backup(self, backup: Path) -> Board:
        probe = BoardRepository(backup)
        return probe.load().board

    def restore(self, backup: Path) -> None:
        """Replace the board with a kept backup, whatever state the current file is in:
        the current file (even an unreadable one) is backed up first, so a restore can be
        undone by restoring that copy."""
        board = self.read_backup(backup)
        with self.locked():
            rev = 0
            if os.path.lexists(self.target):
                self.backup("before-restore", spare=backup)
                try:
                    rev = self.load().rev
                except BoardLoadError:
                    rev = 0  # an unreadable file has no revision worth keeping
            self._unmigrated = None
            self.write(board, rev + 1)


__all__ = ["BoardRepository", "Loaded", "Stamp", "write_atomically"]
