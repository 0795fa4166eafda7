"""How long does git's merge driver take on two 10,000-card branches, next to one `mlboard move`?

Run by hand (not a test):  .venv/bin/python bench/merge.py [--cards 10000] [--runs 3]

It builds the realistic board of bench/cli_move.py as the common base, then two branches of a
few days' work each, made through the services: moves, edits, metric results, blockers, new
cards (both branches create cards under the same ids, so the merge renumbers theirs) and one
field both branches change (a conflict record). Then it times side by side, interleaved, the
median of `--runs`:

- `mlboard merge-file BASE OURS THEIRS mlboard.json`, as git runs it (OURS is a fresh copy each
  run: the driver writes the result into it);
- `mlboard move ML-n doing` on the same 10,000-card board (a different card each run).

The issue's bar is a ratio of at most 3.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package

from cli_move import build_board

from mlboard.models import MlboardError
from mlboard.services import cards as ops
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository

BRANCHED = datetime(2026, 12, 1, 9, tzinfo=UTC)  # after the base board's history


def work(path: Path, seed: int, clock: FixedClock, steps: int) -> None:
    """A branch's few days: `steps` changes through the services, saved once."""
    rng = random.Random(seed)
    service = BoardService(BoardRepository(path), clock)
    ids = list(service.board.cards)
    for n in range(steps):
        card = rng.choice(ids)
        operation = rng.choice(
            (
                bind(ops.move_card, card, rng.choice(("todo", "doing", "review", "done"))),
                bind(ops.edit_card, card, points=float(rng.choice((1, 2, 3, 5, 8)))),
                bind(ops.log_metrics, card, {"auc": round(rng.uniform(0.7, 0.9), 3)}),
                bind(ops.block, card, "data", f"waiting for labels {n}"),
                bind(ops.add_card, f"branch {seed} card {n}", "experiment"),
            )
        )
        with contextlib.suppress(MlboardError):  # a refused change changes nothing
            service.apply("bench", operation)
    service.apply("bench", bind(ops.edit_card, "ML-1", title=f"ML-1 as branch {seed} sees it"))
    service.flush()


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return elapsed, done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=200, help="changes on each branch")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="mlboard-bench-merge-"))
    try:
        base = folder / "base.json"
        began = time.perf_counter()
        board = build_board(args.cards)
        BoardRepository(base).create(board)
        movable = [c.id for c in board.cards.values() if c.status in ("backlog", "todo")]
        del board
        ours, theirs = folder / "ours.json", folder / "theirs.json"
        shutil.copyfile(base, ours)
        shutil.copyfile(base, theirs)
        work(ours, 1, FixedClock(BRANCHED, timedelta(minutes=7)), args.steps)
        work(theirs, 2, FixedClock(BRANCHED, timedelta(minutes=5)), args.steps)
        print(
            f"base: {args.cards:,} cards, {base.stat().st_size / 1e6:.1f} MB; two branches of "
            f"{args.steps} changes each ({time.perf_counter() - began:.1f} s to build)"
        )
        moving = folder / "mlboard.json"
        shutil.copyfile(base, moving)
        mlboard = [sys.executable, "-m", "mlboard"]
        timed([*mlboard, "check"], folder)  # warm the page cache and .pyc files
        chosen = random.Random(1).sample(movable, args.runs)
        merges, moves = [], []
        report = ""
        for card_id in chosen:
            result = folder / "result.json"
            shutil.copyfile(ours, result)
            merge_cmd = [
                *mlboard,
                "merge-file",
                str(base),
                str(result),
                str(theirs),
                "mlboard.json",
            ]
            seconds, report = timed(merge_cmd, folder)
            merges.append(seconds)
            moves.append(timed([*mlboard, "move", card_id, "doing"], folder)[0])
        merge_s, move_s = statistics.median(merges), statistics.median(moves)
        merged = BoardRepository(folder / "result.json").load().board
        renumbered = sum(1 for line in report.splitlines() if "→" in line)
        print(
            f"merged: {len(merged.cards):,} cards, {len(merged.events):,} events, "
            f"{renumbered} renumbered, {len(merged.open_conflicts())} conflict record(s)"
        )
        print(f"\nmedian of {args.runs}, interleaved:")
        print(f"  mlboard merge-file (two {args.cards:,}-card branches) {merge_s * 1000:8.0f} ms")
        print(f"  mlboard move ML-n doing                      {move_s * 1000:8.0f} ms")
        print(
            f"  ratio                                        {merge_s / move_s:8.2f}x  (bar: <= 3x)"
        )
        print(f"  all runs: merge {[round(t * 1000) for t in merges]} ms,")
        print(f"            move  {[round(t * 1000) for t in moves]} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
