"""Scenarios on broken board files: each mutated file is either loaded correctly or refused
(exit 2, one line, the bytes left as they were); a file that is accepted must keep every
card and event it held through the next write. Non-regular files are refused at once."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from torture_kit import Ran, Tally, as_root, check_loads, judge, refused_left_alone, run_inprocess
from torture_kit import run_process as run_process
from torture_mutations import Mutation, held

from mlboard.storage import BoardRepository

AFTER = "written after the mutation"


def try_mutation(tally: Tally, path: Path, mutation: Mutation) -> None:
    """Load the mutated file; if it is accepted, write to it and look for what was lost."""
    tally.tried += 1
    label = f"{mutation.family} ({mutation.name})"
    path.write_bytes(mutation.data)
    ran = run_inprocess(path, "check", timeout=20)
    judge(tally, ran)
    refused_left_alone(tally, ran, mutation.data, path)
    if ran.code is None or ran.code == 1:
        if ran.code == 1:
            tally.fail("wrong_exit", f"{label}: check → exit 1 (a bad file is exit 2)")
        return
    if ran.code != 0:  # refused to read: a write must be refused too, the bytes kept
        write = run_inprocess(path, "add", AFTER, "--category", "data")
        judge(tally, write)
        refused_left_alone(tally, write, mutation.data, path)
        if write.code == 0:
            tally.fail("wrong_exit", f"{label}: check refused it, yet `add` wrote to it")
        return
    if path.read_bytes() != mutation.data:
        tally.fail("refused_changed", f"{label}: mlboard check rewrote the file")
    if mutation.must_refuse:
        tally.fail("wrong_exit", f"{label}: accepted ({ran.out.strip()}), must be refused")
    judge(tally, run_inprocess(path, "list", "--json"), json_out=True)
    write = run_inprocess(path, "add", AFTER, "--category", "data")
    judge(tally, write)
    if write.code != 0:
        refused_left_alone(tally, write, mutation.data, path)
        return
    if not check_loads(tally, path, f"{label}, then add"):
        return
    lost = _lost(mutation.data, path, write.out.strip())
    if lost:
        tally.fail("lost", f"{label}: accepted, then `add` → {write.out.strip()}; {lost}")


def _lost(data: bytes, path: Path, new_id: str) -> str:
    """What the write dropped or replaced of what the accepted file held ('' if nothing)."""
    cards, events = held(data)
    board = BoardRepository(path).load().board
    gone = sorted(c for c in cards if c not in board.cards)
    replaced = sorted(
        c for c in cards if c in board.cards and cards[c] and board.cards[c].title not in cards[c]
    )
    problems = []
    if gone:
        problems.append(f"{len(gone)} of {len(cards)} cards gone ({', '.join(gone[:3])}…)")
    if replaced:
        problems.append(f"card(s) replaced: {', '.join(replaced[:3])}")
    if new_id in cards:
        problems.append(f"the new card took the id of an existing one ({new_id})")
    if len(board.events) < events:
        problems.append(f"events {events} → {len(board.events)}")
    return "; ".join(problems)


# --- non-regular files ---------------------------------------------------------------------


@contextlib.contextmanager
def listening_socket(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        yield
    finally:
        server.close()


def special_files(folder: Path) -> list[tuple[str, Path, contextlib.AbstractContextManager[None]]]:
    """(name, path, what keeps it alive) for every kind of non-regular board file we can make."""
    made: list[tuple[str, Path, contextlib.AbstractContextManager[None]]] = []
    fifo = folder / "fifo.json"
    os.mkfifo(fifo)
    made.append(("a FIFO", fifo, contextlib.nullcontext()))
    loop = folder / "loop.json"
    loop.symlink_to(loop)
    made.append(("a symlink to itself", loop, contextlib.nullcontext()))
    to_fifo = folder / "to-fifo.json"
    to_fifo.symlink_to(fifo)
    made.append(("a symlink to a FIFO", to_fifo, contextlib.nullcontext()))
    sock = folder / "socket.json"
    made.append(("a UNIX socket", sock, listening_socket(sock)))
    if as_root():
        device = folder / "null.json"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        made.append(("a character device (a copy of /dev/null)", device, contextlib.nullcontext()))
    return made


def _kind(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "gone"
    return stat.filemode(mode)[0]


EVERY = (("check",), ("list",), ("add", "x", "--category", "data"))


def try_special(
    tally: Tally,
    name: str,
    path: Path,
    timeout: float = 10.0,
    commands: Sequence[tuple[str, ...]] = EVERY,
) -> list[Ran]:
    """check, list and add on a non-regular file: each ends at once with exit 2, and the file
    stays what it was (a command that hangs is killed after `timeout` and counted)."""
    kind = _kind(path)
    done = []
    for args in commands:
        tally.tried += 1
        ran = run_process(path, *args, timeout=timeout)
        done.append(ran)
        judge(tally, ran)
        if ran.code is None:
            continue
        if ran.code != 2:
            tally.fail("wrong_exit", f"{name}: {ran.shown()} → exit {ran.code}, must be 2")
        if _kind(path) != kind:
            tally.fail("refused_changed", f"{name}: {ran.shown()} replaced it ({_kind(path)})")
    return done
