"""Board files in odd states: read-only, corrupt with backups to restore, restored from the
oldest backup, written with the clock moved backwards, on a full disk, removed from by many
processes at once. Each adds to a Tally like the other scenarios."""

from __future__ import annotations

import contextlib
import glob
import multiprocessing
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from torture_boards import seed_board
from torture_kit import (
    Tally,
    as_root,
    check_loads,
    judge,
    refused_left_alone,
    run_inprocess,
)

from mlboard.storage import BoardRepository

KEPT = 20  # backups the product keeps (README: `mlboard restore` lists them)


def _ids(path: Path) -> set[str]:
    return set(BoardRepository(path).load().board.cards)


def read_only_scenario(tally: Tally, folder: Path) -> None:
    """A board file of mode 444 is refused by every write, bytes and mode kept."""
    path = seed_board(folder / "mlboard.json")
    path.chmod(0o444)
    before = path.read_bytes()
    for args in (("add", "x", "--category", "data"), ("move", "TR-2", "doing"), ("rm", "TR-7")):
        tally.tried += 1
        ran = run_inprocess(path, *args)
        judge(tally, ran)
        refused_left_alone(tally, ran, before, path)
        if ran.code == 0:
            tally.fail("wrong_exit", f"chmod 444 mlboard.json; {ran.shown()} → exit 0 (written)")
            path.write_bytes(before)  # put it back for the next command (root may write)
        if stat.S_IMODE(path.stat().st_mode) != 0o444:
            tally.fail("refused_changed", f"{ran.shown()} changed the mode of a read-only board")
            path.chmod(0o444)


def restore_scenario(tally: Tally, folder: Path) -> None:
    """`restore N` works from a corrupt board (keeping the corrupt bytes as a backup), and
    `restore 20` with 20 backups kept restores the oldest without losing it."""
    path = seed_board(folder / "mlboard.json")
    for card in ("TR-9", "TR-10", "TR-11"):
        run_inprocess(path, "rm", card)
    corrupt = path.read_bytes()[:-200]
    path.write_bytes(corrupt)
    tally.tried += 1
    ran = run_inprocess(path, "restore", "1")
    judge(tally, ran)
    if ran.code != 0:
        tally.fail("wrong_exit", f"truncate mlboard.json; {ran.shown()} → exit {ran.code}")
        path.write_bytes(corrupt)
    elif check_loads(tally, path, "restore 1 from a corrupt board"):
        if "TR-11" not in _ids(path):
            tally.fail("lost", f"{ran.shown()} from a corrupt board did not bring TR-11 back")
        kept = [p.read_bytes() for p in BoardRepository(path).backups()]
        if corrupt not in kept:
            tally.fail("lost", f"{ran.shown()}: the corrupt board was not kept as a backup")

    fresh = seed_board(folder / "oldest" / "mlboard.json", extra_cards=KEPT)
    for number in range(13, 13 + KEPT + 1):
        run_inprocess(fresh, "rm", f"TR-{number}")
    repo = BoardRepository(fresh)
    backups = repo.backups()
    if len(backups) < KEPT:
        tally.notes.append(f"restore: only {len(backups)} backups kept, expected {KEPT}")
        return
    oldest_bytes = backups[KEPT - 1].read_bytes()
    oldest = repo.read_backup(backups[KEPT - 1])
    now = _ids(fresh)
    tally.tried += 1
    ran = run_inprocess(fresh, "restore", str(KEPT))
    judge(tally, ran)
    if ran.code != 0:
        tally.fail("wrong_exit", f"{ran.shown()} with {KEPT} backups → exit {ran.code}")
        return
    if check_loads(tally, fresh, f"restore {KEPT}") and _ids(fresh) != set(oldest.cards):
        tally.fail("lost", f"{ran.shown()}: the board is not backup {KEPT}")
    if oldest_bytes not in [p.read_bytes() for p in repo.backups()]:
        tally.fail("lost", f"{KEPT} backups kept; {ran.shown()} deleted the backup it restored")
    tally.tried += 1
    undo = run_inprocess(fresh, "restore", "1")
    judge(tally, undo)
    if undo.code != 0 or not check_loads(tally, fresh, "restore 1 after restore 20"):
        tally.fail("wrong_exit", f"restore {KEPT}; {undo.shown()} → exit {undo.code}")
    elif _ids(fresh) != now:
        tally.fail("lost", f"restore {KEPT}; {undo.shown()} did not undo it")


# --- the clock moved backwards -----------------------------------------------------------


def libfaketime() -> str | None:
    """The libfaketime of Debian's `faketime` package, if it is installed."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    found += sorted(glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    return found[0] if found else None


RM_LOOP = """
import sys
from mlboard.cli import main
board, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for number in range(first, first + count):
    if main(["--board", board, "rm", f"TR-{number}"]) != 0:
        sys.exit(1)
"""


def clock_scenario(tally: Tally, folder: Path, *, ahead: int = KEPT) -> None:
    """`ahead` rm with the clock a day ahead (libfaketime), then one with the right clock:
    its backup must be kept and be the one `restore 1` brings back."""
    lib = libfaketime()
    if lib is None:
        tally.notes.append("clock: skipped, libfaketime not installed (apt-get install faketime)")
        return
    path = seed_board(folder / "mlboard.json", extra_cards=ahead + 1)
    env = {**os.environ, "LD_PRELOAD": lib, "FAKETIME": "+1d"}
    done = subprocess.run(
        [sys.executable, "-c", RM_LOOP, str(path), "13", str(ahead)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tally.tried += ahead
    if done.returncode != 0:
        tally.fail("wrong_exit", f"rm with the clock a day ahead failed: {done.stderr[-300:]}")
        return
    last = f"TR-{13 + ahead}"
    before_last = _ids(path)
    tally.tried += 1
    ran = run_inprocess(path, "rm", last)
    judge(tally, ran)
    if ran.code != 0:
        tally.fail("wrong_exit", f"{ran.shown()} → exit {ran.code}")
        return
    tally.tried += 1
    undo = run_inprocess(path, "restore", "1")
    judge(tally, undo)
    if undo.code != 0 or _ids(path) != before_last:
        tally.fail(
            "lost",
            f"FAKETIME=+1d: {ahead} × rm; then {ran.shown()}; restore 1 → exit {undo.code}, "
            "not the board before that rm (its backup was not kept, or is not number 1)",
        )


# --- a full disk -----------------------------------------------------------------------


@contextlib.contextmanager
def small_tmpfs(where: Path, size_kb: int) -> Iterator[bool]:
    """A tmpfs of `size_kb` mounted at `where` (True), or False when it cannot be mounted."""
    where.mkdir(parents=True, exist_ok=True)
    if not as_root() or shutil.which("mount") is None:
        yield False
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


NOTHING_WRITTEN = ("nothing", "not written", "not saved", "unchanged", "not changed")


def enospc_scenario(tally: Tally, folder: Path) -> None:
    """On a full disk a write is refused in one line that names the file and says nothing was
    written; the board is unchanged and no temporary file is left; with space it works again."""
    with small_tmpfs(folder / "disk", 512) as mounted:
        if not mounted:
            tally.notes.append("enospc: skipped, needs root and mount -t tmpfs")
            return
        path = seed_board(folder / "disk" / "mlboard.json")
        filler = folder / "disk" / "filler"
        free = shutil.disk_usage(path.parent).free
        filler.write_bytes(b"\0" * max(0, free - 8192))
        before = path.read_bytes()
        for args in (("add", "x", "--category", "data"), ("rm", "TR-7"), ("move", "TR-2", "doing")):
            tally.tried += 1
            ran = run_inprocess(path, *args)
            judge(tally, ran)
            refused_left_alone(tally, ran, before, path)
            if ran.code == 0:
                tally.fail("wrong_exit", f"full disk: {ran.shown()} → exit 0")
                continue
            line = ran.err.lower()
            if path.name not in ran.err or not any(w in line for w in NOTHING_WRITTEN):
                tally.fail(
                    "messy",
                    f"full disk: {ran.shown()} → {ran.err.strip()!r} (names no "
                    "file, or does not say nothing was written)",
                )
            leftovers = [p.name for p in path.parent.iterdir() if ".tmp-" in p.name]
            if leftovers:
                tally.fail("invalid", f"full disk: {ran.shown()} left {leftovers}")
        filler.unlink()
        tally.tried += 1
        ran = run_inprocess(path, "add", "after the disk was freed", "--category", "data")
        judge(tally, ran)
        if not ran.acknowledged:
            tally.fail("wrong_exit", f"disk freed: {ran.shown()} → exit {ran.code}")
        check_loads(tally, path, "after the disk was freed")


# --- many processes removing cards at once ------------------------------------------------


def _remove(
    board: str, numbers: list[int], results: multiprocessing.Queue[tuple[str, int, str]]
) -> None:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from mlboard.cli import main

    for number in numbers:
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(["--board", board, "rm", f"TR-{number}"])
        results.put((f"TR-{number}", code, err.getvalue().strip()))


def rm_race_scenario(tally: Tally, folder: Path, *, processes: int, each: int) -> None:
    """`processes` processes each remove `each` cards of their own at the same time (forked
    after import, so the race is not hidden behind start-up): every rm must succeed."""
    path = seed_board(folder / "mlboard.json", extra_cards=processes * each)
    fork = multiprocessing.get_context("fork")
    results: multiprocessing.Queue[tuple[str, int, str]] = fork.Queue()
    mine = [list(range(13 + p * each, 13 + (p + 1) * each)) for p in range(processes)]
    workers = [fork.Process(target=_remove, args=(str(path), m, results)) for m in mine]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in range(processes * each)]
    for worker in workers:
        worker.join(60)
    for card, code, err in outcomes:
        tally.tried += 1
        if code != 0:
            tally.fail(
                "wrong_exit", f"{processes} processes × rm at once: rm {card} → {code}: {err}"
            )
    if check_loads(tally, path, "after the rm race"):
        left = _ids(path) & {f"TR-{n}" for m in mine for n in m}
        acked = {card for card, code, _ in outcomes if code == 0}
        back = sorted(left & acked)
        if back:
            tally.fail("lost", f"rm race: acknowledged removals undone: {back[:5]}")
