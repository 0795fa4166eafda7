"""Issue 10: each way a board could lose a card or a backup, replayed as a user would."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orjson
import pytest
from storage_kit import Ran, rich_board

from mlboard.models import Board, BoardLoadError, BoardWriteError, ConflictError
from mlboard.services import cards as ops
from mlboard.services import sprints
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.storage.backups import KEEP_BACKUPS


def set_setting(path: Path, **values: object) -> bytes:
    """Rewrite settings in the file by hand, as an editor would (the seal no longer matches)."""
    data = orjson.loads(path.read_bytes())
    data["board"]["1"].update(values)
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    path.write_bytes(raw)
    return raw


def files_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock"))


# --- 1. next_number at or below an existing card ----------------------------------------------


def test_a_stale_next_number_is_refused_and_add_replaces_nothing(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    raw = set_setting(board_path, next_number=1)
    checked = cli("check", cwd=board_path.parent)
    assert checked.code == 2
    assert "next_number: 1 is not above the highest card number (ML-10)" in checked.err
    added = cli("add", "x", "--category", "data", cwd=board_path.parent)
    assert added.code == 2 and added.err.count("\n") == 1
    assert board_path.read_bytes() == raw


def test_add_never_replaces_a_card_even_on_an_inconsistent_board() -> None:
    board = rich_board()
    stale = board.model_copy(update={"next_number": 1})  # model_copy skips validation
    with pytest.raises(ConflictError, match="ML-1 already exists"):
        ops.add_card(stale, rich_board().cards["ML-1"].created_at, "x", "data")


def test_a_board_built_without_next_number_continues_after_its_cards() -> None:
    board = rich_board()
    rebuilt = Board.model_validate(board.model_dump(exclude={"next_number"}))
    assert rebuilt.next_number == 11


# --- 2. a key written twice --------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        lambda raw: raw[: raw.rstrip().rindex(b"}")] + b',"cards": {}}\n',  # the case
        lambda raw: raw.replace(b'"title": "Routing model v2"', b'"title": "a", "title": "b"'),
        lambda raw: raw.replace(b'"ML-3": {', b'"ML-1": {"id": "ML-1"}, "ML-3": {', 1),
    ],
    ids=["top-level", "a card field", "a card id"],
)
def test_a_repeated_key_is_refused_and_nothing_is_written(
    board_path: Path, cli: Callable[..., Ran], edit: Callable[[bytes], bytes]
) -> None:
    raw = edit(board_path.read_bytes())
    orjson.loads(raw)  # still JSON that a plain reader accepts
    board_path.write_bytes(raw)
    checked = cli("check", cwd=board_path.parent)
    assert checked.code == 2 and "appears twice" in checked.err, checked
    added = cli("add", "x", "--category", "data", cwd=board_path.parent)
    assert added.code == 2 and "appears twice" in added.err
    assert board_path.read_bytes() == raw


def test_a_byte_order_mark_is_named(board_path: Path, cli: Callable[..., Ran]) -> None:
    raw = b"\xef\xbb\xbf" + board_path.read_bytes()
    board_path.write_bytes(raw)
    checked = cli("check", cwd=board_path.parent)
    assert checked.code == 2 and "byte-order mark (BOM)" in checked.err
    assert board_path.read_bytes() == raw


# --- 3. backups ordered by a counter, not the clock ---------------------------------------------


def test_a_clock_far_ahead_never_makes_the_newest_backup_look_oldest(board_path: Path) -> None:
    repo = BoardRepository(board_path)
    repo.backup_folder.mkdir()
    for n in range(1, KEEP_BACKUPS + 1):  # taken with the clock a day ahead (names say 2099)
        (repo.backup_folder / f"{n:06d}-20991231T000000-rm-ML-{n}.json").write_bytes(b"{}")
    (repo.backup_folder / "20991231T000000000000-rm-ML-9.json").write_bytes(b"{}")  # old naming
    service = BoardService(repo)
    service.do(ops.delete_card, "ML-3")
    kept = repo.backups()
    assert len(kept) == KEEP_BACKUPS
    assert kept[0].name.startswith(f"{KEEP_BACKUPS + 1:06d}-") and "rm-ML-3" in kept[0].name
    assert repo.read_backup(kept[0]).card("ML-3")  # the card deleted just now is in it


# --- 4. a read-only board file ------------------------------------------------------------------


def test_a_read_only_board_is_never_overwritten(board_path: Path, cli: Callable[..., Ran]) -> None:
    raw = board_path.read_bytes()
    board_path.chmod(0o444)
    try:
        moved = cli("move", "ML-3", "done", cwd=board_path.parent)
        assert moved.code == 2
        assert "read-only (mode 444)" in moved.err and moved.err.count("\n") == 1
        assert board_path.read_bytes() == raw
        assert stat.S_IMODE(board_path.stat().st_mode) == 0o444
        assert cli("list", cwd=board_path.parent).code == 0  # reading still works
    finally:
        board_path.chmod(0o644)


# --- 5 and 12. restore, whatever state the board is in -------------------------------------------


def test_restore_works_on_a_corrupt_board_and_keeps_the_corrupt_copy(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    good = board_path.read_bytes()
    BoardService(BoardRepository(board_path)).do(ops.delete_card, "ML-3")  # backup 1: good
    board_path.write_bytes(b'{"cards": [trunc')
    restored = cli("restore", "1", cwd=board_path.parent)
    assert restored.code == 0, restored.err
    repo = BoardRepository(board_path)
    assert repo.load().board.card("ML-3")
    assert orjson.loads(board_path.read_bytes())["cards"] == orjson.loads(good)["cards"]
    assert repo.backups()[0].read_bytes() == b'{"cards": [trunc'  # undoable, even this


def test_restoring_the_oldest_backup_keeps_it(board_path: Path, cli: Callable[..., Ran]) -> None:
    repo = BoardRepository(board_path)
    for n in range(KEEP_BACKUPS):
        with repo.locked():
            repo.backup(f"n{n}")
    oldest = repo.backups()[-1]
    content = oldest.read_bytes()
    assert cli("restore", str(KEEP_BACKUPS), cwd=board_path.parent).code == 0
    assert oldest.exists() and oldest.read_bytes() == content
    assert repo.backups()[0].name.split("-", 2)[2] == "before-restore.json"


# --- 6. backups whichever front end deletes ------------------------------------------------------


def test_a_delete_applied_and_saved_later_keeps_a_backup(board_path: Path) -> None:
    """The TUI's path: apply in memory, save from a worker."""
    service = BoardService(BoardRepository(board_path))
    before = board_path.read_bytes()
    service.apply("delete", lambda board, now: ops.delete_card(board, now, "ML-3"))
    service.flush()
    kept = service.repo.backups()
    assert len(kept) == 1 and "rm-ML-3" in kept[0].name
    assert kept[0].read_bytes() == before


def test_closing_a_sprint_keeps_a_backup_from_any_front_end(board_path: Path) -> None:
    service = BoardService(BoardRepository(board_path))
    if service.board.active_sprint() is None:
        pytest.skip("the rich board has an active sprint")
    service.apply("close", lambda board, now: sprints.close_sprint(board, now))
    service.flush()
    assert "sprint-close" in service.repo.backups()[0].name


def test_undo_then_redo_of_a_delete_backs_up_again(board_path: Path) -> None:
    service = BoardService(BoardRepository(board_path))
    service.do(ops.delete_card, "ML-3")
    service.undo()
    service.flush()
    service.redo()
    service.flush()
    assert [p.name.split("-", 2)[2] for p in service.repo.backups()] == [
        "rm-ML-3.json",
        "rm-ML-3.json",
    ]


# --- 8. a FIFO (or any non-regular file) as the board -------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    for command in (("list",), ("check",), ("add", "x", "--category", "data"), ("init",)):
        ran = cli("--board", str(fifo), *command, cwd=tmp_path, timeout=20)
        assert ran.code == 2, (command, ran)
        assert ran.err.count("\n") == 1, ran.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(BoardLoadError, match=r"FIFO \(named pipe\), not a board file"):
        BoardRepository(fifo).load()


def test_a_folder_named_like_a_board_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "board.json"
    folder.mkdir()
    with pytest.raises(BoardLoadError, match="a folder, not a board file"):
        BoardRepository(folder).load()


# --- 9. concurrent deletes -----------------------------------------------------------------------


@pytest.mark.slow
def test_concurrent_deletes_all_succeed(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    assert cli("init", cwd=tmp_path).code == 0
    service = BoardService(BoardRepository(tmp_path / "mlboard.json"))
    for n in range(24):  # the cards to remove are set up in-process: the race is in `rm`
        service.do(ops.add_card, f"card {n}", "data")

    def remove(ids: list[str]) -> list[Ran]:
        return [cli("rm", card_id, cwd=tmp_path) for card_id in ids]

    batches = [[f"ML-{n}" for n in range(k, 25, 4)] for k in range(1, 5)]
    with ThreadPoolExecutor(4) as pool:
        results = [ran for batch in pool.map(remove, batches) for ran in batch]
    assert [r for r in results if r.code != 0] == []
    assert BoardRepository(tmp_path / "mlboard.json").load().board.cards == {}
    assert len(BoardRepository(tmp_path / "mlboard.json").backups()) == KEEP_BACKUPS


# --- 11. a full disk ------------------------------------------------------------------------------


def test_a_full_disk_is_said_plainly(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    before = board_path.read_bytes()
    service = BoardService(BoardRepository(board_path))
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(BoardWriteError) as raised:
        service.do(ops.move_card, "ML-3", "done")
    monkeypatch.undo()
    assert str(raised.value) == (
        "mlboard.json: not written: No space left on device; the file on disk is unchanged"
    )
    assert board_path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_real_full_disk(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        assert cli("init", cwd=mount).code == 0
        (mount / "filler").write_bytes(b"\0" * 40_000)
        added = None
        for n in range(200):
            ran = cli("add", "t" * 150 + str(n), "--category", "data", cwd=mount)
            if ran.code != 0:
                added = ran
                break
        assert added is not None, "the disk never filled"
        assert added.code == 2
        assert "No space left on device" in added.err and "unchanged" in added.err, added.err
        assert cli("check", cwd=mount).code == 0
    finally:
        subprocess.run(["umount", str(mount)], check=False)
