"""Several processes on one board file: nobody's change is lost, and kill -9 never corrupts it."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard
from storage_kit import Ran, big_board, mlboard_command, write_board

from mlboard.models import ConflictError
from mlboard.services import cards as ops
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository, atomic
from mlboard.storage.atomic import TMP_MARK

ADDS = 25


def test_two_processes_adding_25_cards_each_leave_50(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    """Two scripts run `mlboard add` 25 times each, at the same time, on one new board (each
    add a process of its own)."""
    assert cli("init", "--name", "race", cwd=tmp_path).code == 0
    env = {k: v for k, v in os.environ.items() if k != "MLBOARD_BOARD"}
    start = threading.Event()

    def script(tag: str) -> list[str]:
        start.wait()
        printed = []
        for i in range(1, ADDS + 1):
            done = run_mlboard(
                "add", f"{tag} card {i}", "--category", "data", "--points", "1",
                cwd=tmp_path, env=env,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            printed.append(done.stdout)
        return printed

    with ThreadPoolExecutor(2) as pool:
        scripts = [pool.submit(script, tag) for tag in ("left", "right")]
        start.set()
        outputs = [each.result(timeout=120) for each in scripts]
    board = BoardRepository(tmp_path / "mlboard.json").load().board
    assert len(board.cards) == 2 * ADDS
    assert len({card.id for card in board.cards.values()}) == 2 * ADDS
    titles = {card.title for card in board.cards.values()}
    assert titles == {f"{tag} card {i}" for tag in ("left", "right") for i in range(1, ADDS + 1)}
    assert sorted(board.cards, key=lambda i: int(i.split("-")[1])) == [
        f"ML-{n}" for n in range(1, 2 * ADDS + 1)
    ]
    assert board.next_number == 2 * ADDS + 1
    created = [e for e in board.events if e.kind == "created"]
    assert len(created) == 2 * ADDS
    keys = [e.key for e in board.events]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    printed = [line for out in outputs for text in out for line in text.split()]
    assert sorted(printed) == sorted(board.cards)  # each add printed the id its card got


def test_the_id_an_add_reports_is_the_id_the_card_got(board_path: Path) -> None:
    """`mlboard add` prints result.subject; after a replay it named the other process's card."""
    mine = BoardService.open(board_path)
    other = BoardService.open(board_path)
    other.do(ops.add_card, "theirs", "data")
    result = mine.do(ops.add_card, "mine", "data")
    assert result.board.card(result.subject or "").title == "mine"


def test_a_stale_session_replays_its_change_onto_another_processs_write(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    """Like the TUI: a board held in memory, a change applied, another process writes, flush."""
    tui = BoardService.open(board_path)
    tui.apply("move", bind(ops.move_card, "ML-3", "done"))
    tui.apply("add", bind(ops.add_card, "from the TUI", "engineering"))
    assert tui.dirty
    ran = cli("add", "from the shell", "--category", "data", cwd=board_path.parent)
    assert ran.code == 0, ran.err
    assert ran.out.strip() == "ML-11"
    ran = cli("move", "ML-10", "doing", cwd=board_path.parent)
    assert ran.code == 0, ran.err
    tui.flush()
    assert not tui.dirty
    board = BoardRepository(board_path).load().board
    assert board == tui.board
    assert board.card("ML-3").status == "done"  # the TUI's change
    assert board.card("ML-10").status == "doing"  # the shell's change
    assert board.card("ML-11").title == "from the shell"
    assert board.card("ML-12").title == "from the TUI"  # replayed: a fresh id
    keys = [e.key for e in board.events]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert not tui.reload_if_changed()


def test_a_clean_session_picks_up_another_processs_write(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    tui = BoardService.open(board_path)
    assert not tui.reload_if_changed()
    assert cli("move", "ML-10", "doing", cwd=board_path.parent).code == 0
    assert tui.reload_if_changed()
    assert tui.board.card("ML-10").status == "doing"


def test_a_replay_that_no_longer_applies_keeps_the_newer_file(board_path: Path) -> None:
    tui = BoardService.open(board_path)
    tui.apply("move", bind(ops.move_card, "ML-3", "done"))
    BoardService.open(board_path).do(ops.delete_card, "ML-3")
    newer = board_path.read_bytes()
    with pytest.raises(ConflictError, match="ML-3"):
        tui.flush()
    assert board_path.read_bytes() == newer
    assert "ML-3" not in tui.board.cards
    assert not tui.dirty


# --- kill -9 -------------------------------------------------------------------------------------

KILLS = 15
CARDS = 2000


def keep_writing(path: str, seed: int, writing: Any) -> None:  # runs in the child process
    """Move random cards forever; `writing` is set as each write has made its temporary file
    (then come write, fsync, rename, fsync of the folder: a few ms here)."""
    make_temporary = tempfile.mkstemp

    def signalled(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = make_temporary(*args, **kwargs)
        writing.set()
        return made

    atomic.tempfile.mkstemp = signalled  # type: ignore[assignment]  # this child only
    rng = random.Random(seed)
    service = BoardService.open(path)
    columns = ("backlog", "todo", "doing", "review")
    while True:
        card = f"ML-{rng.randint(1, CARDS)}"
        now = service.board.card(card).status
        service.do(ops.move_card, card, rng.choice([c for c in columns if c != now]))


def test_kill_9_during_writes_never_leaves_a_broken_board(tmp_path: Path) -> None:
    path = write_board(tmp_path / "mlboard.json", big_board(CARDS))
    assert path.stat().st_size > 2_000_000
    rng = random.Random(20261126)
    fork = multiprocessing.get_context("fork")
    repo = BoardRepository(path)
    last_rev = repo.load().rev
    mid_write = 0
    for kill in range(KILLS):
        writing = fork.Event()
        writer = fork.Process(target=keep_writing, args=(str(path), kill, writing), daemon=True)
        writer.start()
        if kill % 2:  # at any moment: loading, applying, validating, writing
            time.sleep(rng.uniform(0.15, 0.45))  # load takes ~0.1 s, then a write every ~50 ms
        else:  # aimed inside a write: writing the temporary file, fsync, rename
            assert writing.wait(10)
            writing.clear()
            assert writing.wait(10)
            time.sleep(rng.uniform(0, 0.006))
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(5)
        assert writer.exitcode == -signal.SIGKILL
        mid_write += bool(list(tmp_path.glob(f".*{TMP_MARK}*")))
        loaded = repo.load()  # what `mlboard check` does; raises if the file is broken
        assert len(loaded.board.cards) == CARDS
        assert loaded.rev >= last_rev
        last_rev = loaded.rev
    assert last_rev > 1 + KILLS // 2, "the writers hardly wrote: the kills proved nothing"
    done = subprocess.run(
        [*mlboard_command(), "--board", str(path), "check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with repo.locked():  # the next writer sweeps what the killed ones left
        pass
    assert not list(tmp_path.glob(f".*{TMP_MARK}*"))
    print(f"{KILLS} kills, {mid_write} left a temporary file (killed mid-write), rev {last_rev}")
