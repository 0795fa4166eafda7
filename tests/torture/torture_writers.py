"""Writers at the same time on one board file: each `mlboard` process (and, in the full run, a
terminal UI driven headless) works on its own cards; at the end every acknowledged add, move,
edit and metric is in the file, every created card has its event, and the event keys are unique
and in time order. Every command here is valid, so every one must succeed."""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torture_boards import COLUMNS, seed_board
from torture_kit import Ran, Tally, check_loads, judge, run_inprocess, run_process

from mlboard.models import Board
from mlboard.storage import BoardRepository


@dataclass
class Mine:
    """What one writer was told it did, per card it made."""

    title: str
    status: str = "backlog"
    metrics: set[float] = field(default_factory=set)
    removed: bool = False


@dataclass
class Writer:
    name: str
    commands: int
    seed: int
    with_rm: bool
    forked: bool = False  # commands run by `main` in this (forked) process, not executables
    cards: dict[str, Mine] = field(default_factory=dict)
    ran: list[Ran] = field(default_factory=list)

    def run(self, path: Path, start: Any) -> None:
        rng = random.Random(self.seed)
        start.wait()
        for n in range(1, self.commands + 1):
            live = [c for c, m in self.cards.items() if not m.removed]
            kind = (
                "add"
                if not live
                else rng.choices(
                    ("add", "move", "edit", "log", "rm"), (5, 2, 1, 2, 1 if self.with_rm else 0)
                )[0]
            )
            card = rng.choice(live) if live else ""
            if kind == "add":
                title = f"{self.name} card {n}"
                ran = self._run(path, "add", title, "--category", "engineering")
                if ran.acknowledged:
                    self.cards[ran.out.strip()] = Mine(title)
            elif kind == "move":
                column = rng.choice([c for c in COLUMNS if c != self.cards[card].status])
                if self._run(path, "move", card, column).acknowledged:
                    self.cards[card].status = column
            elif kind == "edit":
                title = f"{self.name} edit {n}"
                if self._run(path, "edit", card, "--title", title).acknowledged:
                    self.cards[card].title = title
            elif kind == "log":
                if self._run(path, "log", card, f"{self.name}={n}").acknowledged:
                    self.cards[card].metrics.add(float(n))
            elif self._run(path, "rm", card).acknowledged:
                self.cards[card].removed = True

    def _run(self, path: Path, *args: str) -> Ran:
        if self.forked:
            ran = run_inprocess(path, *args, timeout=120)
        else:
            ran = run_process(path, *args, timeout=120)
        self.ran.append(ran)
        return ran


def writers_scenario(
    tally: Tally,
    folder: Path,
    *,
    writers: int,
    commands: int,
    seed: int,
    with_rm: bool,
    cards: int = 12,
    forked: bool = False,
) -> None:
    """`writers` writers at once, each a thread running `mlboard` executables one after the
    other, or (`forked`) each a process forked after import running `main` in a loop: the
    same races on the file and its lock without ~0.15 s of start-up per command."""
    path = seed_board(folder / "mlboard.json", extra_cards=max(0, cards - 12), seed=seed)
    events_before = len(BoardRepository(path).load().board.events)
    crew = [Writer(f"w{i}", commands, seed * 100 + i, with_rm, forked) for i in range(writers)]
    if forked:
        _run_forked(crew, path)
    else:
        start = threading.Event()
        threads = [threading.Thread(target=w.run, args=(path, start)) for w in crew]
        for thread in threads:
            thread.start()
        start.set()
        for thread in threads:
            thread.join()
    judge_writers(tally, path, crew, events_before)


def _write_in_child(writer: Writer, path: Path, start: Any, results: Any) -> None:
    writer.run(path, start)
    results.put((writer.name, writer.cards, writer.ran))


def _run_forked(crew: Sequence[Writer], path: Path) -> None:
    fork = multiprocessing.get_context("fork")
    start, results = fork.Event(), fork.Queue()
    children = [fork.Process(target=_write_in_child, args=(w, path, start, results)) for w in crew]
    for child in children:
        child.start()
    start.set()
    by_name = {w.name: w for w in crew}
    for _ in crew:
        name, cards, ran = results.get(timeout=600)
        by_name[name].cards, by_name[name].ran = cards, ran
    for child in children:
        child.join(60)


def judge_writers(tally: Tally, path: Path, crew: Sequence[Writer], events_before: int) -> None:
    for writer in crew:
        for ran in writer.ran:
            tally.tried += 1
            judge(tally, ran)
            if ran.code != 0:
                tally.fail(
                    "wrong_exit", f"{ran.shown()} → exit {ran.code}: {ran.err.strip()[:200]}"
                )
    if not check_loads(tally, path, "after the writers"):
        return
    board = BoardRepository(path).load().board
    for writer in crew:
        lost = lost_by(writer.cards, board)
        for text in lost:
            tally.fail("lost", f"{writer.name}: {text}")
    keys = [e.key for e in board.events]
    if keys != sorted(set(keys)):
        tally.fail("invalid", "event keys repeat or are out of time order")
    created = {e.card for e in board.events[events_before:] if e.kind == "created"}
    for writer in crew:
        for card_id in writer.cards:
            if card_id not in created:
                tally.fail("lost", f"{writer.name}: no created event for {card_id}")


def lost_by(cards: dict[str, Mine], board: Board) -> list[str]:
    """What a writer was told was done and the file does not hold."""
    lost = []
    for card_id, mine in cards.items():
        got = board.cards.get(card_id)
        if mine.removed:
            if got is not None:
                lost.append(f"{card_id} was removed (acknowledged) but is back")
            continue
        if got is None:
            lost.append(f"{card_id} {mine.title!r} is gone")
            continue
        if got.title != mine.title:
            lost.append(f"{card_id} title {got.title!r}, acknowledged {mine.title!r}")
        if got.status != mine.status:
            lost.append(f"{card_id} in {got.status}, acknowledged {mine.status}")
        missing = mine.metrics - {m.value for m in got.metrics}
        if missing:
            lost.append(f"{card_id} lost metric values {sorted(missing)[:3]}")
    return lost


def tui_and_cli_scenario(
    tally: Tally, folder: Path, *, tui_cards: int, writers: int, commands: int, seed: int
) -> None:
    """A headless terminal UI adds and moves `tui_cards` cards while `writers` command-line
    writers run `commands` commands each on the same file: nobody loses anything."""
    import json
    import os
    import subprocess
    import sys

    path = seed_board(folder / "mlboard.json", seed=seed)
    events_before = len(BoardRepository(path).load().board.events)
    script = Path(__file__).with_name("torture_tui.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    tui = subprocess.Popen(
        [sys.executable, str(script), str(path), str(tui_cards)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    crew = [Writer(f"cli{i}", commands, seed * 100 + i, True) for i in range(writers)]
    start = threading.Event()
    threads = [threading.Thread(target=w.run, args=(path, start)) for w in crew]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join()
    out, err = tui.communicate(timeout=600)
    tally.tried += tui_cards
    if tui.returncode != 0 or "Traceback" in err:
        tally.fail("tracebacks", f"the TUI writer ended {tui.returncode}: {err.strip()[-400:]}")
        return
    report = json.loads(out.strip().splitlines()[-1])
    for problem in report["problems"]:
        tally.fail("wrong_exit", f"TUI: {problem}")
    lost_before = tally.counts["lost"]
    judge_writers(tally, path, crew, events_before)
    if tally.counts["lost"] > lost_before:
        for press in report["pressed"]:
            if press["in_session"] != [press["focused"]]:
                tally.notes.append(f"tui + cli: L pressed on {press}")
    board = BoardRepository(path).load().board
    for title, status in report["saved"].items():
        found = [c for c in board.cards.values() if c.title == title]
        if len(found) != 1:
            tally.fail("lost", f"TUI card {title!r} saved, {len(found)} such cards in the file")
        elif found[0].status != status:
            tally.fail("lost", f"TUI card {title!r} saved in {status}, in {found[0].status}")
