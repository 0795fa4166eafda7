"""The board file through TinyDB's own API, for scripts and notebooks: `open_tinydb`.

mlboard keys every table by its rows' own ids (``TR-12``, ``aisha``, ``S3``), which plain
TinyDB turns into integers and fails on; the tables handed out here keep them as strings
(TinyDB's `Table.document_id_class`), so `Query` works on every table.

Every read opens the file again and nothing is cached between queries: another mlboard
process may change the board at any moment. A handle is read-only unless asked otherwise.
On a writable handle each TinyDB write (an `insert`, an `update`, a `remove` ...) is one
mlboard write: under the board's lock, checked by the very loader every mlboard command
reads the file with, written atomically in mlboard's own layout; or refused, with nothing
written.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table
from tinydb.utils import LRUCache

from mlboard.models import BadInput, Board, BoardLoadError, ConflictError, MlboardError
from mlboard.storage.atomic import AtomicJSONStorage, dumps, read_regular_file
from mlboard.storage.discovery import find_board
from mlboard.storage.repository import BoardRepository, Stamp

BACKUP_REASON = "before-tinydb-write"
_LEAVE = object()  # marks, in the walk of `_first_non_json`, the end of a container


class ReadOnlyBoardError(MlboardError):
    """A write through a handle opened read-only; the file is unchanged."""

    exit_status = 1

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: opened read-only, nothing was written; change the board with mlboard "
            f"commands, or open it with mlboard.open_tinydb({str(path)!r}, read_only=False)"
        )
        self.path = path


class InvalidBoardWrite(BadInput):
    """The tables a write would leave do not load as a board (the loader's one-line
    message says why); nothing was written."""


class BoardStorage(Storage):
    """TinyDB storage of one board file: reads re-open the file and remember its stamp;
    writes are refused (read-only) or checked and written by the board's repository."""

    def __init__(self, repository: BoardRepository, read_only: bool) -> None:
        super().__init__()
        self.repository = repository
        self.read_only = read_only
        self._read_stamp: Stamp | None = None
        self._backed_up = False

    def read(self) -> dict[str, dict[str, Any]]:
        try:
            # The stamp before the bytes: a write landing in between makes the stamp older
            # than what was read, so a later write is refused rather than losing that change.
            stamp = self.repository.stamp()
            tables = AtomicJSONStorage.parse(read_regular_file(self.repository.path))
        except (OSError, ValueError) as exc:
            failure = exc
        else:
            self._read_stamp = stamp
            return tables
        self.repository.load()  # raises the one-line message every mlboard command gives
        raise failure  # repaired in between: reading again will do

    def transaction(self) -> AbstractContextManager[None]:
        """What a read-modify-write holds: the board's lock, unless nothing may be written."""
        return nullcontext() if self.read_only else self.repository.locked()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise ReadOnlyBoardError(self.repository.path)
        name = self.repository.path.name
        with self.repository.locked():
            # TinyDB read the tables from the file as it still is (a table's read-modify-write
            # holds this same lock); anything else would lose another process's change.
            if self._read_stamp is not None and self.repository.stamp() != self._read_stamp:
                raise ConflictError(
                    f"{name}: another process changed the board since this handle read it; "
                    "nothing was written (read again, then write)"
                )
            board, rev = checked_board(data, name)
            if not self._backed_up:  # one backup per handle: `mlboard restore 1` undoes a script
                self.repository.backup(BACKUP_REASON)
                self._backed_up = True
            self._read_stamp = self.repository.write(board, rev + 1)

    def close(self) -> None:
        """Nothing stays open between calls."""


class _NoQueryCache(LRUCache):  # type: ignore[type-arg]
    """Keeps nothing: a cached result would hide another process's change to the file."""

    def set(self, key: Any, value: Any) -> None:
        return None


class BoardTable(Table):
    """A board table: string document ids (the rows' own ids), no query cache, and each
    read-modify-write under the board's lock."""

    document_id_class = str  # type: ignore[assignment]
    query_cache_class = _NoQueryCache

    def _update_table(self, updater: Callable[[dict[int, Mapping[Any, Any]]], None]) -> None:
        storage = self.storage
        assert isinstance(storage, BoardStorage)
        with storage.transaction():
            super()._update_table(updater)

    def _get_next_id(self) -> NoReturn:
        raise ValueError(
            f"{self.name}: board rows are keyed by their own ids, not by numbers; insert "
            "tinydb.table.Document(row, doc_id=KEY), e.g. a card with doc_id=row['id']"
        )


class BoardTinyDB(TinyDB):
    """A `TinyDB` on a board file (see `open_tinydb`)."""

    table_class = BoardTable

    @property
    def path(self) -> Path:
        return self._board_storage().repository.path

    @property
    def read_only(self) -> bool:
        return self._board_storage().read_only

    def _board_storage(self) -> BoardStorage:
        storage = self.storage
        assert isinstance(storage, BoardStorage)
        return storage


def open_tinydb(path: str | os.PathLike[str] | None = None, read_only: bool = True) -> BoardTinyDB:
    """A `TinyDB` on the board file at `path` (found like the command line finds it when
    None: `$MLBOARD_BOARD`, then the nearest ``mlboard.json`` up from the current folder).

    The board is checked on open as `mlboard check` does; a missing, unreadable or invalid
    file raises `BoardLoadError` with the same one-line message.
    """
    repository = BoardRepository(find_board(path))
    repository.load()
    return BoardTinyDB(storage=partial(BoardStorage, repository, read_only))


def checked_board(tables: dict[str, Any], name: str) -> tuple[Board, int]:
    """The board and revision `tables` hold, as the loader reads them from a file named
    `name` (it is the loader that reads them); else `InvalidBoardWrite` with its message."""
    payload = _payload(tables, name)
    with tempfile.TemporaryDirectory(prefix="mlboard-check-") as folder:
        probe = Path(folder) / name
        probe.write_bytes(payload)
        try:
            loaded = BoardRepository(probe).load()
        except BoardLoadError as exc:
            raise InvalidBoardWrite(f"{exc}; nothing was written") from None
    return loaded.board, loaded.rev


def _payload(tables: dict[str, Any], name: str) -> bytes:
    """The tables as file bytes, or `InvalidBoardWrite` saying where they hold something a
    board file cannot keep as written (orjson would write a NaN as null, a datetime as text).
    """
    if tables.get("_default"):
        problem = "_default: not a board table (mlboard would drop its rows)"
    else:
        try:
            # The C encoder refuses NaN, infinities and objects JSON has no form for, ~3x
            # faster than walking the tables; orjson then refuses non-string keys and
            # integers past 64 bits. Only a refusal pays for the walk that says where.
            json.dumps(tables, allow_nan=False)
            return dumps(tables)
        except (ValueError, TypeError, RecursionError) as exc:
            problem = _first_non_json(tables) or f"not JSON ({exc})"
    raise InvalidBoardWrite(f"{name}: {problem}; nothing was written")


def _first_non_json(tables: dict[str, Any]) -> str | None:
    """Where `tables` hold something that is not plain JSON (a NaN, an infinity, a set, a
    datetime object, a key that is not a string, a list inside itself), or None."""
    stack: list[tuple[Any, str]] = [(tables, "")]
    around: list[int] = []  # the containers around the item looked at, outermost first
    while stack:
        item, at = stack.pop()
        if item is _LEAVE:
            around.pop()
        elif item is None or isinstance(item, str | bool):
            continue
        elif isinstance(item, int):
            if not -(2**63) <= item < 2**64:
                return f"{at}: {item} is too large for a board file"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return f"{at}: {item} is not a number JSON can hold"
        elif isinstance(item, dict | list | tuple):
            if id(item) in around:
                return f"{at}: contains itself"
            around.append(id(item))
            stack.append((_LEAVE, at))
            if not isinstance(item, dict):
                stack.extend((inner, f"{at}.{i}") for i, inner in enumerate(item))
                continue
            for key, inner in item.items():
                if type(key) is not str:
                    return f"{at}: the key {key!r} is not a string"
                stack.append((inner, f"{at}.{key}" if at else key))
        else:
            return f"{at}: a {type(item).__name__} is not a JSON value"
    return None


__all__ = [
    "BoardStorage",
    "BoardTable",
    "BoardTinyDB",
    "InvalidBoardWrite",
    "ReadOnlyBoardError",
    "checked_board",
    "open_tinydb",
]
