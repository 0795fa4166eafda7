"""Benchmark: the board screen at 10,000 cards against a bare Textual app, same run.

Run by hand: ``.venv/bin/python bench/tui_board.py [--cards 10000] [--keys 60]``.
Each app runs headless (`App.run_test`, 200×60) in a fresh process, so imports count
and peak memory is the process's own; the two alternate `--runs` times, best run kept. Figures:

- open: from process start (before importing Textual or mlboard) to the first screen
  painted; mlboard's includes reading and validating the board file.
- key: median time of one key press until the screen is idle again (bare: a binding that
  updates a Static; mlboard: moving the focus down and up a column of cards).
- also printed, without a goal: mlboard's open time split into phases, and a card move.
- memory: peak resident set size of the process (VmHWM on Linux).

mlboard's modules are byte-compiled before the runs, as in an installed package: Textual's
are, and with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every mlboard start would
otherwise compile ~50 modules from source (≈ 50 ms) that a user's start does not.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import compileall  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (200, 60)
PEAKS: dict[str, float] = {}


def make_board(path: Path, count: int, mode: str) -> None:
    """`count` cards over the lanes and columns, with blockers, dependencies, criteria."""
    from datetime import UTC, date, datetime, timedelta

    from mlboard.models import (
        DEFAULT_COLUMNS,
        Blocker,
        BlockerKind,
        Board,
        Card,
        Category,
        Criterion,
        Experiment,
        Mode,
        Sprint,
        SprintState,
    )
    from mlboard.storage import BoardRepository

    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    columns = [c.id for c in DEFAULT_COLUMNS]
    categories = list(Category)
    kinds = list(BlockerKind)
    cards: dict[str, Card] = {}
    for n in range(1, count + 1):
        category = categories[n % 4]
        cards[f"ML-{n}"] = Card(
            id=f"ML-{n}",
            title=f"Card {n}: tune the ticket router on slice {n % 97}",
            category=category,
            status=columns[(n // 4) % 5],
            points=float(n % 8),
            assignee=("ana", "bo", "cy", "dee")[n % 4],
            created_at=now - timedelta(days=n % 30),
            started_at=now - timedelta(days=n % 9) if (n // 4) % 5 >= 2 else None,
            sprint="S1" if n % 3 == 0 else None,
            blockers=(Blocker(kind=kinds[n % 6], note="x", since=now),) if n % 23 == 0 else (),
            depends_on=(f"ML-{n - 7}",) if n % 5 == 0 and n > 7 else (),
            criteria=(Criterion.parse("auc>0.8@holdout"),) if n % 11 == 0 else (),
            experiment=Experiment(hypothesis="h") if category is Category.EXPERIMENT else None,
        )
    sprint = Sprint(
        id="S1", start=date(2026, 11, 16), end=date(2026, 11, 29), state=SprintState.ACTIVE
    )
    board = Board(
        name="bench",
        key="ML",
        mode=Mode(mode),
        cards=cards,
        next_number=count + 1,
        sprints=(sprint,),
    )
    BoardRepository(path).create(board)


def peak_mb() -> float:
    """The process's peak resident memory (VmHWM; ru_maxrss would count the forking parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def timed_keys(pilot: Any, keys: list[str]) -> list[float]:
    times = []
    for key in keys:
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - start)
    return times


async def measure(app: Any, presses: int, moves: int) -> tuple[float, list[float], list[float]]:
    """Open time, focus-key times (j ten times, k ten times, ...), card-move times (L, H)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - STARTED
        keys = await timed_keys(pilot, ["j" if i % 20 < 10 else "k" for i in range(presses)])
        PEAKS["browsing"] = peak_mb()
        card_moves = await timed_keys(pilot, ["L" if i % 2 == 0 else "H" for i in range(moves)])
        await app.workers.wait_for_complete()
    return opened, keys, card_moves


def child(kind: str, path: str, presses: int) -> None:
    phases: dict[str, float] = {}
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        class Bare(App[None]):
            BINDINGS = [("j", "bump", "Bump"), ("k", "bump", "Bump")]  # noqa: RUF012

            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("0", id="count")
                yield Footer()

            def action_bump(self) -> None:
                static = self.query_one("#count", Static)
                static.update(str(int(str(static.content)) + 1))

        app: Any = Bare()
    else:
        from mlboard.ui import build_app  # the same factory `mlboard PATH` uses

        app = build_app(Path(path))
    phases["imports_and_load"] = time.perf_counter() - STARTED
    opened, times, moves = asyncio.run(measure(app, presses, 0 if kind == "bare" else 10))
    figures = {"open": opened, "key": statistics.median(times), "peak_mb": peak_mb()}
    if moves:
        phases["move"] = statistics.median(moves)
        phases["peak_browsing_mb"] = PEAKS["browsing"]
    print(json.dumps({**figures, **phases}))


def run_child(kind: str, path: Path, presses: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), "--keys", str(presses)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--mode", choices=("kanban", "scrum"), default="kanban")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.keys)
        return
    import mlboard

    compileall.compile_dir(Path(mlboard.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mlboard.json"
        make_board(path, args.cards, args.mode)
        size_mb = path.stat().st_size / 1e6
        print(f"{args.cards} cards, {args.mode} mode, file {size_mb:.1f} MB, {SIZE[0]}×{SIZE[1]}")
        runs: dict[str, list[dict[str, float]]] = {"bare": [], "mlboard": []}
        for _ in range(args.runs):
            for kind in runs:
                runs[kind].append(run_child(kind, path, args.keys))
    figures = {  # best of the runs: the machine is shared, noise only ever adds time
        kind: {k: min(r[k] for r in results) for k in results[0]} for kind, results in runs.items()
    }
    for kind in figures:
        figures[kind]["peak_mb"] = max(r["peak_mb"] for r in runs[kind])
    bare, board = figures["bare"], figures["mlboard"]
    for kind, what in (("bare", "Textual"), ("mlboard", "Textual, pydantic, mlboard; board load")):
        before_run = figures[kind]["imports_and_load"]
        print(
            f"{kind} open = imports ({what}) {before_run:.3f} s"
            f" + app start and first paint {figures[kind]['open'] - before_run:.3f} s"
        )
    print(
        f"mlboard moving a card (L/H, the view patched, saved in the background): "
        f"{board['move'] * 1000:.1f} ms a key; peak memory before the first save "
        f"{board['peak_browsing_mb']:.1f} MB"
    )
    rows = (
        ("open", "s", "open", 2),
        ("keypress repaint", "ms", "key", 2),
        ("peak memory", "MB", "peak_mb", 4),
    )
    print(f"{'':18}{'bare':>10}{'mlboard':>10}{'ratio':>8}  goal  (best of {args.runs} runs)")
    for label, unit, key, goal in rows:
        scale = 1000 if unit == "ms" else 1
        ratio = board[key] / bare[key]
        verdict = "ok" if ratio <= goal else "OVER"
        print(
            f"{label + ' (' + unit + ')':18}{bare[key] * scale:10.3f}{board[key] * scale:10.3f}"
            f"{ratio:7.2f}×  ≤{goal}×  {verdict}"
        )


if __name__ == "__main__":
    main()
