"""kill -9 during writes: real `mlboard` processes (add, move, edit, log, rm) killed at random
moments, half of them aimed inside the write (once its temporary file exists). Each command
is a process forked from the command server (cli_kit), so the other half land in loading,
applying or writing rather than mostly in the interpreter's start-up.

After every command the board must load (`mlboard check` exit 0), every acknowledged write
must be in it, a killed command may have landed or not but never half, and nothing else
may change: no other card, no event of the history before it.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cli_kit import start_mlboard
from torture_boards import COLUMNS, seed_board
from torture_kit import Ran, Tally, check_loads, judge, run_process

from mlboard.models import Board
from mlboard.storage import BoardRepository
from mlboard.storage.atomic import TMP_MARK

Snapshot = dict[str, tuple[str, str, int]]
Expect = Callable[[Board, str], str]  # the board after, the command's output → what is wrong


@dataclass
class Attempt:
    args: tuple[str, ...]
    card: str | None  # the card it touches (None for add: the new one)
    expect: Expect


def snapshot(board: Board) -> Snapshot:
    return {i: (c.title, c.status, len(c.metrics)) for i, c in board.cards.items()}


def history(board: Board) -> list[tuple[str, str, str | None]]:
    return [(e.key, e.kind, e.card) for e in board.events]


def next_attempt(board: Board, rng: random.Random, n: int) -> Attempt:
    ids = sorted(board.cards)
    card = rng.choice(ids)
    kind = rng.choices(("add", "move", "edit", "log", "rm"), (4, 3, 2, 2, 1))[0]
    if kind == "add" or len(ids) < 5:
        title = f"kill-add {n}"

        def added(after: Board, out: str) -> str:
            got = after.cards.get(out.strip())
            return "" if got and got.title == title else f"card {out.strip()} {title!r} missing"

        return Attempt(("add", title, "--category", "data"), None, added)
    if kind == "move":
        column = rng.choice([c for c in COLUMNS if c != board.cards[card].status])
        return Attempt(
            ("move", card, column),
            card,
            lambda after, out: "" if _status(after, card) == column else f"{card} not in {column}",
        )
    if kind == "edit":
        title = f"kill-edit {n}"
        return Attempt(
            ("edit", card, "--title", title),
            card,
            lambda after, out: (
                "" if _title(after, card) == title else f"{card} title not {title!r}"
            ),
        )
    if kind == "log":
        value = float(n)
        return Attempt(
            ("log", card, f"torture={n}"),
            card,
            lambda after, out: (
                ""
                if card in after.cards and value in [m.value for m in after.cards[card].metrics]
                else f"{card} lacks metric torture={n}"
            ),
        )
    return Attempt(
        ("rm", card),
        card,
        lambda after, out: "" if card not in after.cards else f"{card} not removed",
    )


def _status(board: Board, card: str) -> str | None:
    return board.cards[card].status if card in board.cards else None


def _title(board: Board, card: str) -> str | None:
    return board.cards[card].title if card in board.cards else None


def _writing(folder: Path, name: str) -> bool:
    """A temporary file of the board or of a backup exists: a write is under way."""
    mark = f"{TMP_MARK}"
    for entry in os.scandir(folder):
        if mark in entry.name:
            return True
        backups = entry.name == f".{name}.backups"
        if backups and any(mark in inner.name for inner in os.scandir(entry.path)):
            return True
    return False


def run_and_maybe_kill(
    path: Path, args: tuple[str, ...], rng: random.Random, typical: float, kill: bool
) -> tuple[Ran, bool]:
    """Start the command; if `kill`, kill -9 it at a random moment or inside its write."""
    argv = ("--board", str(path), *args)
    started = time.perf_counter()
    proc = start_mlboard(*argv)
    killed = False
    if kill:
        if rng.random() < 0.5:  # aimed: once its temporary file exists, within a few ms
            deadline = started + max(5.0, 4 * typical)
            while proc.poll() is None and time.perf_counter() < deadline:
                if _writing(path.parent, path.name):
                    time.sleep(rng.uniform(0, 0.004))
                    break
                time.sleep(0.0003)
        else:  # at any moment of its life: load, apply, write
            time.sleep(rng.uniform(0, 1.2 * typical))
        if proc.poll() is None:
            proc.kill()
            killed = True
    if proc.wait(timeout=120) is None:
        proc.kill()
    out, err = proc.outputs(text=False)
    seconds = time.perf_counter() - started
    text = Ran(
        argv, proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"), seconds
    )
    return text, killed


def kill_scenario(
    tally: Tally, folder: Path, *, cards: int, kills: int, seed: int, acked_every: int = 3
) -> None:
    """`kills` kill -9 on a board of about `cards` cards; between them, commands that finish."""
    path = seed_board(folder / "mlboard.json", extra_cards=max(0, cards - 12), seed=seed)
    rng = random.Random(seed)
    repo = BoardRepository(path)
    board = repo.load().board
    durations: list[float] = []
    delivered = acknowledged = mid_write = n = 0
    while delivered < kills and n < kills * 6:
        n += 1
        attempt = next_attempt(board, rng, n)
        typical = sorted(durations)[len(durations) // 2] if durations else 0.3
        kill = bool(durations) and n % acked_every != 0
        ran, killed = run_and_maybe_kill(path, attempt.args, rng, typical, kill)
        if killed:
            delivered += 1
            tally.tried += 1
            mid_write += _writing(path.parent, path.name)
        else:
            durations.append(ran.seconds)
            judge(tally, ran)
        context = f"after {'kill -9 of' if killed else ''} {ran.shown()} (seed {seed}, step {n})"
        if not check_loads(tally, path, context):
            board = _recover(repo, board)
            continue
        after = repo.load().board
        if ran.acknowledged:
            acknowledged += 1
            wrong = attempt.expect(after, ran.out)
            if wrong:
                tally.fail("lost", f"{context}: acknowledged ({ran.out.strip()}) but {wrong}")
        elif not killed:
            tally.fail("wrong_exit", f"{ran.shown()} → exit {ran.code}: {ran.err.strip()[:200]}")
        _compare(tally, board, after, attempt, ran, context)
        board = after
    final = run_process(path, "check")  # the executable itself, once, at the end
    judge(tally, final)
    if final.code != 0:
        tally.fail("invalid", f"after the kills: {final.shown()} → exit {final.code}")
    tally.notes.append(
        f"kills: {delivered} kill -9 delivered ({mid_write} left a write's temporary file), "
        f"{acknowledged} acknowledged writes checked, "
        f"{len(board.cards)} cards at the end"
    )
    if delivered < kills:
        tally.notes.append(f"only {delivered} of {kills} kills landed before the command ended")


def _compare(
    tally: Tally, before: Board, after: Board, attempt: Attempt, ran: Ran, context: str
) -> None:
    """Nothing but the command's own card changed; the history before it is intact."""
    old, new = snapshot(before), snapshot(after)
    for card_id, state in old.items():
        if card_id == attempt.card:
            continue
        if new.get(card_id) != state:
            tally.fail("lost", f"{context}: {card_id} {state} became {new.get(card_id)}")
    added = sorted(set(new) - set(old))
    if attempt.card is None:
        if len(added) > 1 or any(new[a][0] != attempt.args[1] for a in added):
            tally.fail("invalid", f"{context}: unexpected new cards {added}")
    elif added:
        tally.fail("invalid", f"{context}: unexpected new cards {added}")
    past = history(before)
    if history(after)[: len(past)] != past:
        tally.fail("lost", f"{context}: the event history before it changed")


def _recover(repo: BoardRepository, board: Board) -> Board:
    """After an invalid board was counted, put the last good one back and go on."""
    with repo.locked():
        repo.write(board, 10**6)
    return board
