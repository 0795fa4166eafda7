"""The cache of decoded boards: a load from it is the load of the file, or it is not used."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from hypothesis import given, settings
from storage_kit import rich_board
from test_storage_codec import boards

from mlboard.models import Board
from mlboard.storage import BoardRepository, board_cache, repository
from mlboard.storage.board_cache import CACHE_ENV, BoardCache, Cached, content_digest
from mlboard.storage.repository import Loaded


@pytest.fixture(autouse=True)
def _every_board_is_worth_caching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test boards decode in a millisecond; a real one worth caching takes 20 ms or more."""
    monkeypatch.setattr(repository, "CACHE_DECODES_OVER", 0.0)


def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any decode of the file fails the test from now on: what loads must be the cache's."""

    def refuse(*_: object) -> None:
        raise AssertionError("the file was decoded")

    monkeypatch.setattr(repository, "decode_current", refuse)
    monkeypatch.setattr(BoardRepository, "_decode_any", refuse)


def cache_folder() -> Path:
    return Path(os.environ[CACHE_ENV])


def remembered(path: Path) -> Board:
    """Load the board at `path` and keep it in the cache; the board loaded."""
    repo = BoardRepository(path)
    board = repo.load().board
    assert repo.needs_caching
    repo.remember()
    assert not repo.needs_caching
    return board


def test_a_remembered_board_loads_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    board = remembered(path)
    decoded_rev = BoardRepository(path).load().rev
    no_decoding(monkeypatch)
    loaded = BoardRepository(path).load()
    assert loaded.board == board
    assert loaded.rev == decoded_rev
    assert len(list(cache_folder().glob("*.board"))) == 1


def test_changed_bytes_are_decoded_again(tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    board = rich_board()
    BoardRepository(path).create(board)
    remembered(path)
    raw = path.read_bytes()
    # an edit of the same size, with the old mtime: only the content tells
    renamed = "X" + board.name[1:]
    edited = raw.replace(f'"name": "{board.name}"'.encode(), f'"name": "{renamed}"'.encode(), 1)
    assert edited != raw and len(edited) == len(raw)
    stat = path.stat()
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert BoardRepository(path).load().board.name == renamed


def test_after_a_write_the_file_is_read_and_decoded_again_for_the_cache(
    tmp_path: Path, monkeypatch
) -> None:
    """What is kept after a write is what decoding the written bytes gives, never the board
    held in memory (a `model_copy` skips validation, a load would not)."""
    path = tmp_path / "mlboard.json"
    repo = BoardRepository(path)
    repo.create(rich_board())
    loaded = repo.load()
    with repo.locked():
        repo.write(loaded.board.model_copy(update={"name": "Renamed  twice"}), loaded.rev + 1)
    assert repo.needs_caching
    repo.remember()
    assert not repo.needs_caching
    decoded = BoardRepository(path).load()  # entry kept: no decode; the name as a load reads it
    no_decoding(monkeypatch)
    assert BoardRepository(path).load() == decoded


def written_once(path: Path) -> tuple[BoardRepository, Loaded]:
    """A repository that created the board at `path`, loaded it and wrote it again."""
    repo = BoardRepository(path)
    repo.create(rich_board())
    loaded = repo.load()
    with repo.locked():
        repo.write(loaded.board, loaded.rev + 1)
    return repo, loaded


def test_a_write_whose_bytes_are_cached_is_not_decoded_again(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mlboard.json"
    repo, _ = written_once(path)
    repo.remember()
    with repo.locked():  # the same bytes again (a rewrite of an unchanged board)
        document = path.read_bytes()
        path.write_bytes(document)
    repo._wrote = True
    no_decoding(monkeypatch)
    repo.remember()


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1],
        lambda blob: blob[:40],
        lambda blob: b"",
        lambda blob: blob[:-10] + bytes(10),
        lambda blob: b"x" + blob[1:],
    ],
    ids=["last byte cut", "header only", "empty", "zeros at the end", "wrong magic"],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage) -> None:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    board = remembered(path)
    (entry,) = cache_folder().glob("*.board")
    entry.write_bytes(damage(entry.read_bytes()))
    assert BoardRepository(path).load().board == board


class _Runs:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_an_entry_that_would_run_code_is_refused(tmp_path: Path, monkeypatch) -> None:
    """An entry with the right code, content and checksum that unpickles anything but a
    board builds nothing: the load decodes the file instead."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    board = remembered(path)
    (entry,) = cache_folder().glob("*.board")
    payload = pickle.dumps(_Runs())
    header = b"".join(
        (
            board_cache._MAGIC,
            board_cache.code_fingerprint(),
            content_digest(path.read_bytes()),
            hashlib.sha256(payload).digest(),
        )
    )
    entry.write_bytes(header + payload)
    assert BoardRepository(path).load().board == board
    assert not (tmp_path / "pwned").exists()


def test_an_entry_others_may_write_is_ignored(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    remembered(path)
    (entry,) = cache_folder().glob("*.board")
    entry.chmod(0o622)
    no_decoding(monkeypatch)
    with pytest.raises(AssertionError, match="decoded"):
        BoardRepository(path).load()
    entry.chmod(0o600)
    cache_folder().chmod(0o777)
    with pytest.raises(AssertionError, match="decoded"):
        BoardRepository(path).load()
    cache_folder().chmod(0o700)
    BoardRepository(path).load()


def test_other_code_does_not_read_the_entry(tmp_path: Path, monkeypatch) -> None:
    """An entry written by another version of the models is a miss, not a stale board."""
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    remembered(path)
    no_decoding(monkeypatch)
    monkeypatch.setattr(board_cache, "code_fingerprint", lambda: bytes(32))
    with pytest.raises(AssertionError, match="decoded"):
        BoardRepository(path).load()


def test_off_keeps_nothing(tmp_path: Path, monkeypatch) -> None:
    folder = cache_folder()
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    repo = BoardRepository(path)
    repo.load()
    assert not repo.needs_caching
    repo.remember()
    assert not list(folder.glob("*.board"))
    assert not (tmp_path / "off").exists()


def test_entries_of_boards_not_opened_for_a_month_are_removed(tmp_path: Path) -> None:
    old_board, new_board = tmp_path / "old.json", tmp_path / "new.json"
    for path in (old_board, new_board):
        BoardRepository(path).create(rich_board())
    remembered(old_board)
    (old_entry,) = cache_folder().glob("*.board")
    month_ago = old_entry.stat().st_mtime - (board_cache.KEEP_DAYS + 1) * 86400
    os.utime(old_entry, (month_ago, month_ago))
    remembered(new_board)
    assert not old_entry.exists()
    assert len(list(cache_folder().glob("*.board"))) == 1


def test_a_small_board_is_not_worth_an_entry(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(repository, "CACHE_DECODES_OVER", 60.0)
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    repo = BoardRepository(path)
    repo.load()
    assert not repo.needs_caching


@settings(max_examples=40, deadline=None)
@given(board=boards())
def test_any_board_loads_the_same_from_the_cache(board: Board) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mlboard.json"
        BoardRepository(path).create(board)
        decoded = BoardRepository(path).load()
        repo = BoardRepository(path)
        repo.load()
        repo.remember()
        cached = BoardRepository(path).load()
        assert cached.board == decoded.board
        assert cached.rev == decoded.rev
        assert cached.schema_version == decoded.schema_version
        for a, b in zip(cached.board.cards.values(), decoded.board.cards.values(), strict=True):
            assert a.model_fields_set == b.model_fields_set
            assert a.model_dump_json() == b.model_dump_json()


def test_code_whose_sources_cannot_be_read_keeps_no_cache(tmp_path: Path, monkeypatch) -> None:
    """Without the sources (an install of byte code only) another version's entries could
    not be told apart: no cache at all."""
    monkeypatch.setattr(board_cache, "code_fingerprint", lambda: None)
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    repo = BoardRepository(path)
    repo.load()
    repo.remember()
    assert not list(cache_folder().glob("*.board"))


def test_an_entry_with_a_revision_that_is_not_a_number_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    board = remembered(path)
    cache = BoardCache(cache_folder())
    cache.put(path, content_digest(path.read_bytes()), Cached(board, "7"))  # type: ignore[arg-type]
    assert cache.get(path, content_digest(path.read_bytes())) is None
    assert BoardRepository(path).load().rev == 1


def test_a_linked_cache_folder_and_foreign_files_are_left_alone(
    tmp_path: Path, monkeypatch
) -> None:
    """A cache folder that is a link (planted in a shared place) is not used; pruning
    removes only old entries of its own, never another file or a link."""
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv(CACHE_ENV, str(link))
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    remembered(path)
    assert not list(real.iterdir())
    monkeypatch.setenv(CACHE_ENV, str(real))
    old = time.time() - (board_cache.KEEP_DAYS + 1) * 86400
    foreign = real / "notes.board"
    foreign.write_text("mine")
    target = tmp_path / "precious.txt"
    target.write_text("keep")
    planted = real / ("0" * 32 + ".board")
    planted.symlink_to(target)
    for item in (foreign, target):
        os.utime(item, (old, old))
    os.utime(planted, (old, old), follow_symlinks=False)
    remembered(path)
    assert foreign.exists() and planted.is_symlink() and target.read_text() == "keep"


def test_a_failing_remember_leaves_the_cache_as_it_was(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mlboard.json"
    repo, loaded = written_once(path)

    def broken(*_: object) -> None:
        raise RecursionError("deep")

    monkeypatch.setattr(repository, "decode_current", broken)
    repo.remember()  # raised in the worker, which ended the app
    monkeypatch.setattr(board_cache.pickle, "dumps", broken)
    BoardCache(cache_folder()).put(path, b"x" * 32, Cached(loaded.board, 1))
    assert not list(cache_folder().glob("*.board"))


def test_a_command_reads_the_entry_of_the_bytes_it_finds(tmp_path: Path) -> None:
    """The command line reads the cache as the TUI does: an entry for the file's exact bytes
    (here one made to tell: a title the file does not hold) is what `show` prints, and a
    file changed since is decoded again."""
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    board = remembered(path)
    card_id = next(iter(board.cards))
    marked = board.model_copy(
        update={"cards": {**board.cards, card_id: board.cards[card_id].model_copy(
            update={"title": "read from the cache"}
        )}}
    )  # fmt: skip
    BoardCache(cache_folder()).put(path, content_digest(path.read_bytes()), Cached(marked, 1))
    env = {**os.environ, CACHE_ENV: str(cache_folder())}
    shown = run_mlboard("show", card_id, "--board", str(path), env=env)
    assert shown.returncode == 0 and "read from the cache" in shown.stdout, shown.stderr
    path.write_bytes(path.read_bytes() + b"\n")  # other bytes, the same board
    shown = run_mlboard("show", card_id, "--board", str(path), env=env)
    assert shown.returncode == 0 and "read from the cache" not in shown.stdout, shown.stderr
