"""Benchmark: mlboard in a real terminal (tmux) against a bare Textual app, same run.

Run by hand: ``.venv/bin/python bench/tui_tmux.py [--samples 12] [--cards 10000]``
(tmux must be installed: ``apt-get install -y tmux``).

Each app runs in a detached tmux session of a given size on a private tmux server; keys are
sent with ``tmux send-keys`` and a key's time runs until ``tmux capture-pane -p -e`` shows a
change (polled every millisecond, with a deadline), the median of ``--samples`` keys. After
each key the screen is left to settle before the next one. The bare app (Header, a Static,
Footer; `j` updates the Static) is started and measured the same way, so the ratios compare
like with like on whatever load the machine has. Figures:

- key → repaint: `j` (focus down) and `l` (focus right) on the 56-card sample board and on
  a 10,000-card board (bench/synthetic.py), at 80×24 and 200×60; bare: `j`.
- open: process start (the ``tmux new-session`` call) until the board is drawn, 10,000 cards,
  against the bare app's open: with the board in the user's cache (a first, unmeasured open
  stays until the app has kept it there, as it does once the user is idle), and without
  the cache (``MLBOARD_CACHE_DIR=off``: the first open after another program wrote the file).
- planning (`p`) at 10,000 cards: time to open, and per commit (`enter`) against a board key.
- "deep" DAG layout at 1,000 cards (bench/graph_layout.py's shape): plain timing, median
  of 5, CPU time against the bar (the wall time is printed too).

mlboard's modules are byte-compiled first, as in an installed package (see tui_board.py).
"""

from __future__ import annotations

import argparse
import atexit
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOCKET = f"mlboard-bench-{os.getpid()}"
SETTLE = 0.15  # seconds without a change: the screen is stable
DEADLINE = 10.0  # seconds a key or an open may take before the bench gives up

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    BINDINGS = [("j", "bump", "Bump"), ("k", "bump", "Bump")]

    def compose(self):
        yield Header()
        yield Static("0", id="count")
        yield Footer()

    def action_bump(self) -> None:
        static = self.query_one("#count", Static)
        static.update(str(int(str(static.content)) + 1))


Bare().run()
"""


def tmux(*args: str) -> str:
    out = subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(f"tmux {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout


def screen(target: str) -> str:
    return tmux("capture-pane", "-p", "-e", "-t", target)


def wait_for(
    target: str, done: Callable[[str], bool], deadline: float = DEADLINE
) -> tuple[float, str]:
    """Poll the pane every millisecond until `done(screen)`; the time it took and the screen."""
    start = time.perf_counter()
    while True:
        shown = screen(target)
        if done(shown):
            return time.perf_counter() - start, shown
        if time.perf_counter() - start > deadline:
            raise TimeoutError(f"screen did not change in {deadline} s:\n{shown}")
        time.sleep(0.001)


def settle(target: str, shown: str) -> str:
    """Wait until the screen has not changed for SETTLE seconds; the last screen."""
    still = time.perf_counter()
    while time.perf_counter() - still < SETTLE:
        time.sleep(0.005)
        now = screen(target)
        if now != shown:
            shown, still = now, time.perf_counter()
    return shown


class Session:
    """One app in a detached tmux session of `width`×`height`."""

    made = 0

    def __init__(self, command: list[str], width: int, height: int, ready: str) -> None:
        self.command, self.size, self.ready = command, (width, height), ready
        Session.made += 1
        self.name = f"bench{Session.made}"
        self.opened = 0.0
        self.shown = ""

    def __enter__(self) -> Session:
        start = time.perf_counter()
        width, height = self.size
        tmux(
            *("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height)),
            " ".join(self.command),
        )
        _, shown = wait_for(self.name, lambda s: self.ready in s)
        self.opened = time.perf_counter() - start
        self.shown = settle(self.name, shown)
        return self

    def __exit__(self, *_: object) -> None:
        tmux("kill-session", "-t", self.name)

    def key(self, key: str, until: str | None = None) -> float:
        """Send `key`; the time until the screen changes (or shows `until`)."""
        before = self.shown
        tmux("send-keys", "-t", self.name, key)
        took, shown = wait_for(self.name, lambda s: s != before if until is None else until in s)
        self.shown = settle(self.name, shown)
        return took

    def keys(self, key: str, back: str, samples: int) -> float:
        """Median time of `key`, each followed by an untimed `back` (so the focus returns)."""
        times = []
        for _ in range(samples):
            times.append(self.key(key))
            self.key(back)
        return statistics.median(times)


def environment(home: Path, cache: bool = True) -> str:
    values = {
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "MLBOARD_CACHE_DIR": str(home / "cache") if cache else "off",
    }
    return "env " + " ".join(f"{k}={v}" for k, v in values.items())


def deep_layout_ms(cards: int, runs: int) -> tuple[float, float]:
    """Median CPU time and wall time of one layout, in ms. The bar applies to the CPU
    time: the layout is single-threaded, and on a shared machine the wall time also
    counts the other processes' turns."""
    sys.path.insert(0, str(HERE))
    from graph_layout import deep_dag, ours

    graph = deep_dag(cards, seed=1)
    cpu, wall = [], []
    for _ in range(runs):
        start, started = time.process_time(), time.perf_counter()
        ours(graph)
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def big_board(path: Path, cards: int) -> None:
    """bench/synthetic.py's board, in Scrum mode with a planned sprint to commit cards to."""
    sys.path.insert(0, str(HERE))
    from synthetic import make_board

    from mlboard.models import Sprint
    from mlboard.storage import BoardRepository

    sprint = Sprint(id="S1", start=date(2026, 12, 7), end=date(2026, 12, 18))
    board = make_board(cards).model_copy(update={"sprints": (sprint,)})
    BoardRepository(path).create(board)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=12)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--layout-cards", type=int, default=1_000)
    parser.add_argument("--opens", type=int, default=3, help="opens of each app (best kept)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed (apt-get install -y tmux)")
    import mlboard
    from mlboard.package_data import sample_board
    from mlboard.ui.screens.following import IDLE_SECONDS

    atexit.register(
        subprocess.run, ["tmux", "-L", SOCKET, "kill-server"], check=False, capture_output=True
    )
    # One idle session keeps the tmux server up between the measured ones.
    tmux("new-session", "-d", "-s", "keep", "sleep 86400")
    compileall.compile_dir(Path(mlboard.__file__).parent, quiet=1)
    python = sys.executable
    rows: list[tuple[str, float, float, str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = environment(home)
        bare_py = home / "bare.py"
        bare_py.write_text(BARE_APP)
        sample = home / "sample.json"
        shutil.copyfile(sample_board("kanban"), sample)
        big = home / "big.json"
        big_board(big, args.cards)
        bare = [env, python, str(bare_py)]

        def board(path: Path, cache: bool = True) -> list[str]:
            return [environment(home, cache), python, "-m", "mlboard", str(path)]

        n = args.samples
        keys: dict[tuple[str, int, int], float] = {}
        for width, height in ((80, 24), (200, 60)):
            with Session(bare, width, height, "Bump") as app:
                keys["bare", width, height] = app.keys("j", "k", n)
            for name, path in (("56", sample), (f"{args.cards}", big)):
                with Session(board(path), width, height, "Quit") as app:
                    keys[f"{name} j", width, height] = app.keys("j", "k", n)
                    keys[f"{name} l", width, height] = app.keys("l", "h", n)
            for what in ("56 j", "56 l", f"{args.cards} j", f"{args.cards} l"):
                cards, key = what.split()
                rows.append(
                    (
                        f"key {key}, {cards} cards, {width}×{height} (ms)",
                        keys["bare", width, height] * 1000,
                        keys[what, width, height] * 1000,
                        "≤2× bare",
                        2.0,
                    )
                )
        with Session(board(big), 200, 60, "Quit"):
            time.sleep(IDLE_SECONDS + 1.0)  # the app keeps the board in the cache, idle
        opens: dict[str, list[float]] = {"bare": [], "board": [], "cold": []}
        planning_open: list[float] = []
        commits: list[float] = []
        board_key: list[float] = []
        for attempt in range(args.opens):
            with Session(bare, 200, 60, "Bump") as app:
                opens["bare"].append(app.opened)
            with Session(board(big, cache=False), 200, 60, "Quit") as app:
                opens["cold"].append(app.opened)
            with Session(board(big), 200, 60, "Quit") as app:
                opens["board"].append(app.opened)
                if attempt == 0:
                    board_key.append(app.keys("j", "k", n))
                    planning_open.append(app.key("p", until="Backlog ·"))
                    app.key("j")  # off the first row, whose card the sprint takes first
                    commits.append(statistics.median(app.key("enter") for _ in range(n)))
        for kind, label in (("board", "200×60"), ("cold", "not cached")):
            rows.append(
                (
                    f"open {args.cards} cards, {label} (s)",
                    min(opens["bare"]),
                    min(opens[kind]),
                    "≤2× bare",
                    2.0,
                )
            )
        rows.append(
            (
                f"planning open, {args.cards} cards (s)",
                min(opens["board"]),
                planning_open[0],
                "≤ board open",
                1.0,
            )
        )
        rows.append(
            (
                "planning commit vs board key (ms)",
                board_key[0] * 1000,
                commits[0] * 1000,
                "≤2× key",
                2.0,
            )
        )
    layout, layout_wall = deep_layout_ms(args.layout_cards, 5)
    rows.append((f"deep layout, {args.layout_cards} cards (CPU ms)", 250.0, layout, "≤250 ms", 1.0))
    print(f"tmux, median of {n} keys; open: best of {args.opens}; reference = bare app unless said")
    print(f"{'':44}{'reference':>10}{'mlboard':>10}{'ratio':>8}  bar")
    for label, reference, ours, bar, limit in rows:
        ratio = ours / reference
        verdict = "ok" if ratio <= limit else "OVER"
        print(f"{label:44}{reference:10.3f}{ours:10.3f}{ratio:7.2f}×  {bar:10} {verdict}")
    print(f"deep layout wall time: {layout_wall:.1f} ms (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
