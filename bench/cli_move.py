"""How much does `mlboard move` cost on a 10,000-card board, next to a plain json load + dump?

Run by hand (not a test):  .venv/bin/python bench/cli_move.py [--cards 10000] [--runs 5]

It builds a realistic board (categories, points, assignees, dependencies, criteria, metric
results, blockers, experiments, a history of events; ~8 MB like docs/design.md §4), then
times side by side, interleaved, the median of `--runs`:

- `mlboard move ML-n doing` as a subprocess (a different card each run, so each is a real write);
- a subprocess doing `json.load` + `json.dump(indent=2)` of a copy of the same file.

The issue's bar is a ratio of at most 3. It then breaks mlboard's time down, measured
in-process: interpreter start, imports, read, parse + validate, the change itself, encode,
write (fsync and rename).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mlboard.models import (
    Blocker,
    BlockerKind,
    Board,
    Card,
    Category,
    ComputePool,
    Criterion,
    Dataset,
    DatasetStatus,
    Event,
    EventKind,
    Experiment,
    MetricResult,
    Op,
    Outcome,
    Person,
    Pipeline,
    Role,
    Sprint,
    SprintState,
)
from mlboard.models.event_key import new_keys

WORDS = (
    "routing",
    "ticket",
    "intent",
    "classifier",
    "holdout",
    "drift",
    "label",
    "backfill",
    "feature",
    "store",
    "embedding",
    "tokenizer",
    "baseline",
    "calibration",
    "threshold",
    "precision",
    "recall",
    "latency",
    "batch",
    "pipeline",
    "schema",
    "dedupe",
    "sample",
    "augment",
    "distill",
    "quantize",
    "serve",
    "canary",
    "rollback",
    "monitor",
    "alert",
    "dashboard",
)
COLUMNS = ("backlog", "todo", "doing", "review", "done")
PEOPLE = ("ana", "bo", "chen", "dara", "eli", "fay", "gus", "hana")
DATASETS = ("tickets-raw", "tickets-clean", "labels-v3", "holdout", "holdout-2", "features")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def build_board(cards: int, seed: int = 2026) -> Board:
    """A board of `cards` cards that looks like a few years of a busy team's work."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 8, 9, tzinfo=UTC)
    made: dict[str, Card] = {}
    events: list[Event] = []
    sprints = [
        Sprint(
            id=f"S{n}",
            name=f"Sprint {n}",
            goal=sentence(rng, 5),
            start=date(2024, 1, 8) + timedelta(days=14 * (n - 1)),
            end=date(2024, 1, 8) + timedelta(days=14 * n - 1),
            state=SprintState.CLOSED if n < 60 else SprintState.ACTIVE,
        )
        for n in range(1, 61)
    ]
    for n in range(1, cards + 1):
        card_id = f"ML-{n}"
        category = rng.choices(list(Category), weights=(4, 2, 5, 1))[0]
        created = start + timedelta(minutes=150 * n)
        status = rng.choices(COLUMNS, weights=(3, 1, 1, 1, 6))[0]
        deps = {
            f"ML-{rng.randint(max(1, n - 300), n - 1)}"
            for _ in range(rng.randint(0, 3) if n > 1 else 0)
        }
        is_experiment = category is Category.EXPERIMENT
        metrics = tuple(
            MetricResult(
                name=rng.choice(("precision", "recall", "auc", "accuracy")),
                value=round(rng.uniform(0.6, 0.99), 4),
                dataset=rng.choice(("holdout", "holdout-2")),
                at=created + timedelta(days=d),
                sprint=f"S{min(60, 1 + n * 60 // cards)}",
            )
            for d in range(rng.choice((0, 0, 1, 2, 4)) if is_experiment else 0)
        )
        made[card_id] = Card(
            id=card_id,
            title=sentence(rng, rng.randint(3, 8)),
            description=sentence(rng, rng.choice((0, 0, 0, 8, 20))),
            category=category,
            status=status,
            points=rng.choice((None, 1, 2, 3, 5, 8, 13)),
            assignee=rng.choice((None, *PEOPLE)),
            roles=tuple(rng.sample(list(Role), rng.choice((0, 0, 1)))),
            depends_on=tuple(sorted(deps)),
            blockers=tuple(
                Blocker(
                    kind=rng.choice(list(BlockerKind)),
                    note=sentence(rng, 6),
                    since=created + timedelta(days=1),
                    resolved_at=created + timedelta(days=3) if rng.random() < 0.7 else None,
                )
                for _ in range(1 if rng.random() < 0.12 else 0)
            ),
            criteria=tuple(
                Criterion(metric=m, op=Op.GT, threshold=round(rng.uniform(0.8, 0.95), 2))
                for m in rng.sample(["precision", "recall", "auc"], rng.randint(1, 2))
            )
            if (is_experiment and rng.random() < 0.5) or rng.random() < 0.05
            else (),
            metrics=metrics,
            experiment=Experiment(
                hypothesis=sentence(rng, 6),
                method=sentence(rng, 6),
                conclusive=sentence(rng, 6),
                timebox=rng.randint(1, 3),
                outcome=rng.choice(list(Outcome)),
                learnings=sentence(rng, rng.choice((0, 0, 6))),
            )
            if is_experiment
            else None,
            datasets=tuple(rng.sample(DATASETS, rng.choice((0, 0, 1)))),
            gpu_hours=round(rng.uniform(1, 80), 1) if is_experiment else None,
            pool="a100" if is_experiment else None,
            sprint=f"S{rng.randint(1, 60)}" if rng.random() < 0.6 else None,
            created_at=created,
            started_at=created + timedelta(days=1) if status != "backlog" else None,
            done_at=created + timedelta(days=5) if status == "done" else None,
        )
        kinds = [EventKind.CREATED] + [EventKind.MOVED] * (rng.random() < 0.1)
        for kind in kinds:
            seq = len(events) + 1
            at = created + timedelta(hours=seq % 97)
            events.append(
                Event(
                    key=new_keys(at, f"{seq:06x}", 1)[0],
                    at=at,
                    kind=kind,
                    card=card_id,
                    field="status" if kind is EventKind.MOVED else None,
                    from_=rng.choice(COLUMNS) if kind is EventKind.MOVED else None,
                    to=rng.choice(COLUMNS) if kind is EventKind.MOVED else None,
                )
            )
    return Board(
        name="Support ticket routing",
        key="ML",
        people=tuple(Person(handle=p, roles=(rng.choice(list(Role)),)) for p in PEOPLE),
        datasets=tuple(Dataset(name=d, status=DatasetStatus.VALIDATED) for d in DATASETS),
        pipelines=(Pipeline(name="ingest"), Pipeline(name="features")),
        pools=(ComputePool(name="a100", gpu_hours=400),),
        sprints=tuple(sprints),
        cards=made,
        events=tuple(events),
        next_number=cards + 1,
    )


def timed(command: list[str], cwd: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return elapsed


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    """Median time of `fn`, run as the repository runs it: with the cyclic GC held."""
    from mlboard.storage.repository import paused_gc

    times = []
    for _ in range(runs):
        with paused_gc():
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def take_lock(repo: Any) -> None:
    with repo.locked():
        repo.stamp()


def breakdown(path: Path, card_id: str, runs: int) -> list[tuple[str, float]]:
    """Where `mlboard move` spends its time, measured step by step in this process."""
    from mlboard.services import cards as ops
    from mlboard.services.history import record
    from mlboard.storage import BoardRepository
    from mlboard.storage.atomic import write_atomically
    from mlboard.storage.codec import decode_current
    from mlboard.storage.document import DocumentWriter

    py = sys.executable
    cwd = path.parent
    bare = statistics.median(timed([py, "-c", "pass"], cwd) for _ in range(runs))
    imports = statistics.median(timed([py, "-c", "import mlboard.cli"], cwd) for _ in range(runs))
    raw = path.read_bytes()
    quick = decode_current(raw)
    assert quick is not None, "the board file should load by the quick path"
    board = quick[1]
    now = datetime.now(UTC)
    draft = ops.move_card(board, now, card_id, "doing")
    after = record(board, draft.board, draft.touched, now, draft.notes)
    payload = DocumentWriter().document(after, 2)
    scratch = path.with_name("breakdown.json")
    repo = BoardRepository(path)

    def apply_move() -> None:
        d = ops.move_card(board, now, card_id, "doing")
        record(board, d.board, d.touched, now, d.notes)

    rows = [
        ("python start (python -c pass)", bare),
        ("imports (import mlboard.cli)", imports - bare),
        ("read the file", median_of(runs, path.read_bytes)),
        (
            "parse + validate (one pydantic pass)",
            median_of(runs, lambda: decode_current(raw)),
        ),
        ("the change (move_card + record event)", median_of(runs, apply_move)),
        (
            "check + encode every row (a first save)",
            median_of(runs, lambda: DocumentWriter().document(after, 2)),
        ),
        (
            "write (temp file, fsync, rename)",
            median_of(runs, lambda: write_atomically(scratch, payload)),
        ),
        ("lock + stat + sweep", median_of(runs, lambda: take_lock(repo))),
    ]
    scratch.unlink(missing_ok=True)
    return rows


def main() -> int:
    if sys.argv[1:2] == ["--breakdown"]:  # the child process of the breakdown
        gc.disable()  # as in the mlboard executable, which runs a command without collections
        path, card_id, runs = sys.argv[2:5]
        print(json.dumps(breakdown(Path(path), card_id, int(runs))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    from mlboard.storage import BoardRepository

    folder = Path(tempfile.mkdtemp(prefix="mlboard-bench-"))
    try:
        board_path = folder / "mlboard.json"
        began = time.perf_counter()
        board = build_board(args.cards)
        BoardRepository(board_path).create(board)
        size = board_path.stat().st_size
        print(
            f"board: {len(board.cards):,} cards, {len(board.events):,} events, "
            f"{sum(bool(c.depends_on) for c in board.cards.values()):,} with dependencies, "
            f"{size / 1e6:.1f} MB ({time.perf_counter() - began:.1f} s to build)"
        )
        plain_path = folder / "plain.json"
        shutil.copyfile(board_path, plain_path)
        mlboard = Path(sys.executable).with_name("mlboard")
        move_cmd = (
            [str(mlboard)]
            if mlboard.is_file()
            else [
                sys.executable,
                "-c",
                "import sys; from mlboard.cli import main; sys.exit(main())",
            ]
        )
        plain_cmd = [
            sys.executable,
            "-c",
            "import json, sys\n"
            "with open(sys.argv[1]) as f: data = json.load(f)\n"
            "with open(sys.argv[1], 'w') as f: json.dump(data, f, indent=2)\n",
            str(plain_path),
        ]
        movable = [c.id for c in board.cards.values() if c.status in ("backlog", "todo")]
        chosen = random.Random(1).sample(movable, args.runs + 1)
        del board  # measure the breakdown below with a heap like the command's, not the builder's
        gc.collect()
        timed([*move_cmd, "check"], folder)  # warm the page cache and .pyc files
        timed(plain_cmd, folder)
        moves, plains = [], []
        for card_id in chosen[: args.runs]:
            moves.append(timed([*move_cmd, "move", card_id, "doing"], folder))
            plains.append(timed(plain_cmd, folder))
        move_s, plain_s = statistics.median(moves), statistics.median(plains)
        print(f"\nmedian of {args.runs}, interleaved:")
        print(f"  mlboard move ML-n doing      {move_s * 1000:8.0f} ms")
        print(f"  json.load + json.dump(indent=2) {plain_s * 1000:5.0f} ms")
        print(f"  ratio                        {move_s / plain_s:8.2f}x   (bar: <= 3x)")
        print(f"  all runs: move {[round(t * 1000) for t in moves]} ms,")
        print(f"            json {[round(t * 1000) for t in plains]} ms")

        print("\nwhere mlboard's time goes (measured step by step in a fresh process, medians):")
        done = subprocess.run(
            [sys.executable, __file__, "--breakdown", str(board_path), chosen[-1], str(args.runs)],
            capture_output=True,
            check=True,
        )
        rows = [(label, seconds) for label, seconds in json.loads(done.stdout)]
        for label, seconds in rows:
            print(f"  {label:<42} {seconds * 1000:7.1f} ms")
        print(f"  {'sum':<42} {sum(s for _, s in rows) * 1000:7.1f} ms")
    finally:
        if args.keep:
            print(f"\nkept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
