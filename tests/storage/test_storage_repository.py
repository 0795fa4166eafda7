"""The repository: read-only commands, change detection, temporary files, backups, migrations."""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from storage_kit import Ran, rich_board

from mlboard.cli import main
from mlboard.models import SCHEMA_VERSION, BoardLoadError, BoardWriteError
from mlboard.services import cards as ops
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository, codec, migrations, repository
from mlboard.storage.atomic import TMP_MARK, sweep_temporary_files
from mlboard.storage.repository import KEEP_BACKUPS


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file of a folder tree with its bytes, mtime and inode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            found[str(path.relative_to(folder))] = (path.read_bytes(), st.st_mtime_ns, st.st_ino)
    return found


# --- read-only commands ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("list", "--json", "--category", "data"),
        ("show", "ML-2"),
        ("check",),
        ("graph",),
        ("graph", "--format", "json"),
    ],
)
def test_read_only_commands_never_write(
    board_path: Path, cli: Callable[..., Ran], command: tuple[str, ...]
) -> None:
    folder = board_path.parent
    before = snapshot(folder)
    listing = sorted(p.name for p in folder.iterdir())
    ran = cli(*command, cwd=folder)
    assert ran.code == 0, ran.err
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == listing  # no lock, temp or backup


def test_read_only_commands_never_write_an_old_schema_file(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrating on open happens in memory; only a change writes (after the backup)."""
    patch_schema(monkeypatch, 2, {1: rename_board})
    before = snapshot(board_path.parent)
    assert main(["--board", str(board_path), "list"]) == 0
    assert main(["--board", str(board_path), "check"]) == 0
    assert snapshot(board_path.parent) == before


# --- change detection ----------------------------------------------------------------------


def test_changed_since_sees_another_repositorys_write(board_path: Path) -> None:
    mine = BoardRepository(board_path)
    loaded = mine.load()
    assert not mine.changed_since(loaded.stamp)
    assert mine.stamp() == loaded.stamp
    other = BoardRepository(board_path)
    with other.locked():
        other.write(other.load().board, loaded.rev + 1)  # same content, still a new write
    assert mine.changed_since(loaded.stamp)
    again = mine.load()
    assert again.rev == loaded.rev + 1
    assert not mine.changed_since(again.stamp)


def test_changed_since_a_missing_file(tmp_path: Path) -> None:
    repo = BoardRepository(tmp_path / "mlboard.json")
    assert repo.stamp() is None
    assert not repo.changed_since(None)
    repo.create(rich_board())
    assert repo.changed_since(None)


def test_each_write_has_a_strictly_later_mtime(board_path: Path) -> None:
    """Even with a clock that has not moved (or a file dated ahead), stamps never repeat.

    Change detection compares (mtime, size, inode). Inode numbers are reused at once by the
    rename dance (ext4 alternates two), so two same-size writes within one clock tick would
    give back an earlier stamp and a stale writer would overwrite both without replaying.
    """
    repo = BoardRepository(board_path)
    board = repo.load().board
    future = time.time_ns() + 3600 * 10**9
    os.utime(board_path, ns=(future, future))
    seen = {repo.stamp()}
    last = future
    for rev in range(2, 8):
        with repo.locked():
            stamp = repo.write(board, rev % 2)  # alternate between two same-size contents
        assert stamp.mtime_ns > last
        assert stamp not in seen
        seen.add(stamp)
        last = stamp.mtime_ns


def test_the_file_keeps_its_permissions(board_path: Path) -> None:
    os.chmod(board_path, 0o640)
    repo = BoardRepository(board_path)
    with repo.locked():
        repo.write(repo.load().board, 5)
    assert stat.S_IMODE(board_path.stat().st_mode) == 0o640


def test_a_new_board_gets_the_umask_permissions_not_0600(tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(rich_board())
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_a_symlinked_board_stays_a_link(board_path: Path, tmp_path: Path) -> None:
    link_folder = tmp_path / "code"
    link_folder.mkdir()
    link = link_folder / "mlboard.json"
    link.symlink_to(board_path)
    service = BoardService.open(link)
    service.do(ops.move_card, "ML-3", "done")
    assert link.is_symlink()
    assert BoardRepository(board_path).load().board.card("ML-3").status == "done"
    assert not list(link_folder.glob(f".*{TMP_MARK}*"))
    assert not (link_folder / ".mlboard.json.lock").exists()  # one lock, next to the file


# --- the lock ---------------------------------------------------------------------------------


def test_a_held_lock_makes_writers_wait_then_give_up_but_never_readers(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    holder = BoardRepository(board_path)
    waiter = BoardRepository(board_path, lock_timeout=0.2)
    with holder.locked():
        began = time.monotonic()
        with pytest.raises(BoardLoadError) as caught, waiter.locked():
            pass
        assert time.monotonic() - began >= 0.2
        message = str(caught.value)
        assert "mlboard.json" in message and "lock" in message and "\n" not in message
        ran = cli("list", cwd=board_path.parent)  # reads need no lock
        assert ran.code == 0, ran.err
    with waiter.locked():  # released: the next writer gets it at once
        pass


# --- temporary files -------------------------------------------------------------------------


def test_stale_temporary_files_are_swept_under_the_lock(board_path: Path) -> None:
    stale = [board_path.with_name(f".{board_path.name}{TMP_MARK}{n}") for n in ("a1", "zz")]
    for path in stale:
        path.write_bytes(b'{"half": ')
    unrelated = board_path.with_name(".other.json.tmp-x")
    unrelated.write_bytes(b"")
    repo = BoardRepository(board_path)
    with repo.locked():
        assert not any(p.exists() for p in stale)
    assert unrelated.exists()
    assert sweep_temporary_files(board_path) == 0


def test_a_cli_write_sweeps_temporary_files(board_path: Path, cli: Callable[..., Ran]) -> None:
    stale = board_path.with_name(f".{board_path.name}{TMP_MARK}dead")
    stale.write_bytes(b"{")
    assert cli("move", "ML-3", "done", cwd=board_path.parent).code == 0
    assert not stale.exists()
    assert not list(board_path.parent.glob(f".*{TMP_MARK}*"))


def test_a_failed_write_leaves_the_file_and_no_temporary(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = board_path.read_bytes()

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    repo = BoardRepository(board_path)
    with (
        pytest.raises(
            BoardWriteError,
            match="not written: No space left on device; the file on disk is unchanged",
        ),
        repo.locked(),
    ):
        repo.write(repo.load().board, 9)
    monkeypatch.undo()
    assert board_path.read_bytes() == before
    assert not list(board_path.parent.glob(f".*{TMP_MARK}*"))


# --- backups ---------------------------------------------------------------------------------


def test_backups_are_kept_newest_first_and_capped(board_path: Path) -> None:
    repo = BoardRepository(board_path)
    repo.backup_folder.mkdir()
    cut_short = repo.backup_folder / f".20260101T000000000000-x.json{TMP_MARK}dead"
    cut_short.write_bytes(b"{")
    made = []
    for n in range(KEEP_BACKUPS + 4):
        with repo.locked():
            repo.write(repo.load().board, n + 2)
        made.append(repo.backup(f"n{n}"))
    kept = repo.backups()
    assert len(kept) == KEEP_BACKUPS
    assert kept == list(reversed(made))[:KEEP_BACKUPS]
    assert kept[0].read_bytes() == board_path.read_bytes()
    assert repo.read_backup(kept[-1]).name == rich_board().name
    assert not cut_short.exists()


def test_restore_brings_a_backup_back_and_backs_up_first(board_path: Path) -> None:
    repo = BoardRepository(board_path)
    original = board_path.read_bytes()
    repo.backup("manual")
    BoardService(repo).do(ops.move_card, "ML-3", "done")
    assert main(["--board", str(board_path), "restore", "1"]) == 0
    restored = repo.load()
    assert restored.board.card("ML-3").status == "review"
    assert restored.rev == 3  # rev keeps counting up: the restore is a new write
    assert repo.backups()[0].read_bytes() != original  # the moved board, kept for undo
    assert repo.read_backup(repo.backups()[0]).card("ML-3").status == "done"


# --- migrations ------------------------------------------------------------------------------

CURRENT = SCHEMA_VERSION  # the storage kit writes files of this version
NEXT = SCHEMA_VERSION + 1


def rename_board(tables: dict[str, Any]) -> dict[str, Any]:
    tables["board"]["1"]["name"] += " (v2)"
    return tables


def patch_schema(
    monkeypatch: pytest.MonkeyPatch,
    version: int,
    steps: dict[int, Callable[[dict[str, Any]], dict[str, Any]]],
) -> None:
    """Pretend this mlboard writes schema `version` and knows how to get there."""
    monkeypatch.setattr(repository, "SCHEMA_VERSION", version)
    monkeypatch.setattr(codec, "SCHEMA_VERSION", version)
    monkeypatch.setattr(migrations, "MIGRATIONS", dict(steps))


def test_an_old_file_is_migrated_on_open(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = board_path.read_bytes()
    patch_schema(monkeypatch, NEXT, {CURRENT: rename_board})
    loaded = BoardRepository(board_path).load()
    assert loaded.board.name == "Ticket routing (v2)"
    assert loaded.schema_version == CURRENT
    assert board_path.read_bytes() == original


def test_the_original_is_backed_up_before_the_first_write(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = board_path.read_bytes()
    patch_schema(monkeypatch, NEXT, {CURRENT: rename_board})
    repo = BoardRepository(board_path)
    service = BoardService(repo)
    assert repo.backups() == []
    service.do(ops.move_card, "ML-3", "done")
    backups = repo.backups()
    assert len(backups) == 1
    assert backups[0].read_bytes() == original
    assert f"schema{CURRENT}" in backups[0].name
    data = orjson.loads(board_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == NEXT
    assert data["board"]["1"]["name"] == "Ticket routing (v2)"
    service.do(ops.move_card, "ML-3", "review")
    assert len(repo.backups()) == 1  # only the first write backs up
    assert BoardRepository(board_path).load().schema_version == NEXT


def test_migration_runs_every_step_in_order(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def step2(tables: dict[str, Any]) -> dict[str, Any]:
        assert tables["meta"]["1"]["schema_version"] == NEXT
        tables["board"]["1"]["name"] += " (v3)"
        return tables

    patch_schema(monkeypatch, NEXT + 1, {CURRENT: rename_board, NEXT: step2})
    assert BoardRepository(board_path).load().board.name == "Ticket routing (v2) (v3)"


@pytest.mark.parametrize("steps", [{}, {CURRENT: lambda tables: tables["nope"]}])
def test_a_migration_that_cannot_run_is_a_load_error(
    board_path: Path, monkeypatch: pytest.MonkeyPatch, steps: dict[int, Any]
) -> None:
    original = board_path.read_bytes()
    patch_schema(monkeypatch, NEXT, steps)
    with pytest.raises(BoardLoadError) as caught:
        BoardRepository(board_path).load()
    message = str(caught.value)
    assert "mlboard.json" in message and f"schema {CURRENT}" in message
    assert "\n" not in message
    assert board_path.read_bytes() == original


def set_schema_version(path: Path, version: Any) -> bytes:
    data = orjson.loads(path.read_bytes())
    data["meta"]["1"]["schema_version"] = version
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    path.write_bytes(raw)
    return raw


def test_a_newer_schema_is_refused(board_path: Path) -> None:
    raw = set_schema_version(board_path, 7)
    with pytest.raises(BoardLoadError) as caught:
        BoardRepository(board_path).load()
    message = str(caught.value)
    assert "mlboard.json" in message and "schema version 7" in message
    assert "\n" not in message
    assert board_path.read_bytes() == raw


def test_a_newer_schema_is_refused_by_the_cli_and_never_overwritten(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    raw = set_schema_version(board_path, NEXT)
    before = snapshot(board_path.parent)
    for command in (("move", "ML-3", "done"), ("list",)):
        ran = cli(*command, cwd=board_path.parent)
        assert ran.code == 2
        assert ran.err.count("\n") == 1 and "Traceback" not in ran.err
        assert "mlboard.json" in ran.err and f"schema version {NEXT}" in ran.err
    assert board_path.read_bytes() == raw
    assert snapshot(board_path.parent) == before


@pytest.mark.parametrize("version", [0, -1, True, 1.0, "1", None])
def test_an_invalid_schema_version_is_refused(board_path: Path, version: Any) -> None:
    set_schema_version(board_path, version)
    with pytest.raises(BoardLoadError, match=r"mlboard\.json: meta\.schema_version"):
        BoardRepository(board_path).load()


# --- the garbage collector is held during whole-board work, and given back ----------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_load_and_write_leave_the_gc_as_they_found_it(board_path: Path, enabled: bool) -> None:
    repo = BoardRepository(board_path)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        loaded = repo.load()
        assert gc.isenabled() is enabled
        with repo.locked():
            repo.write(loaded.board, loaded.rev + 1)
        assert gc.isenabled() is enabled
        board_path.write_bytes(b"{")
        with pytest.raises(BoardLoadError):
            repo.load()
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
