"""The full torture run of issue 10: everything a user, a crash or an attacker does to a board.

Run by hand (not a test; CI runs the bounded version in tests/torture):

    .venv/bin/python bench/torture.py [--seed N] [--quick] [--only NAME ...] [--keep]

Scenarios (full / --quick):

- kill -9: 200 / 40 real `mlboard` writes (add, move, edit, log, rm) killed at random moments,
  half aimed inside the write, on a 2,000 / 300-card board; after each the board must load and
  hold every acknowledged write, and nothing else may change;
- writers: 4 processes × 50 / 25 commands (with rm) on one file;
- tui + cli: a headless terminal UI (Textual's Pilot, in its own process) adding and moving
  25 / 8 cards while 3 / 2 command-line writers run 50 / 15 commands each;
- rm race: 4 processes × 50 / 15 `rm` at once (forked after import);
- mutated files: 340 / 100 structurally mutated board files (duplicate keys at every depth,
  truncation, BOM, NaN, huge numbers, wrong types, lowered next_number, dangling ids, cycles,
  odd shapes), plus non-regular files (FIFO, socket, symlink loop, device) with a timeout;
- bad arguments: all 560 / 200 cases;
- injection: the terminal-injection corpus through every command that prints;
- read-only, restore, clock (libfaketime from Debian's `faketime`: 20 `rm` with the clock a day
  ahead, then one with the right clock), full disk (a 512 KB tmpfs, only as root).

It prints a table: tried, invalid boards, lost acknowledged writes, tracebacks (or "internal
error" lines), files changed by refused commands, hangs, messy output (a refusal not one
line; a raw control byte or bidi override in text output), wrong exit (a valid command
refused, or an invalid one accepted); then the first reproductions of each failing row.
Exit status 1 when any column is not 0. Same seed, same commands.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [
    str(HERE.parent),
    str(HERE.parent / "tests"),
    str(HERE.parent / "tests" / "torture"),
]

from torture_args import args_scenario  # noqa: E402
from torture_boards import seed_board  # noqa: E402
from torture_files import special_files, try_mutation, try_special  # noqa: E402
from torture_injection import injection_scenario  # noqa: E402
from torture_kills import kill_scenario  # noqa: E402
from torture_kit import Tally, table  # noqa: E402
from torture_mutations import FAMILIES, mutations  # noqa: E402
from torture_special import (  # noqa: E402
    clock_scenario,
    enospc_scenario,
    libfaketime,
    read_only_scenario,
    restore_scenario,
    rm_race_scenario,
)
from torture_writers import tui_and_cli_scenario, writers_scenario  # noqa: E402

Scenario = Callable[[Tally, Path, int, bool], None]


def kills(t: Tally, d: Path, seed: int, quick: bool) -> None:
    kill_scenario(t, d, cards=300 if quick else 2000, kills=40 if quick else 200, seed=seed)


def writers(t: Tally, d: Path, seed: int, quick: bool) -> None:
    writers_scenario(t, d, writers=4, commands=25 if quick else 50, seed=seed, with_rm=True)


def tui_cli(t: Tally, d: Path, seed: int, quick: bool) -> None:
    tui_and_cli_scenario(
        t,
        d,
        tui_cards=8 if quick else 25,
        writers=2 if quick else 3,
        commands=15 if quick else 50,
        seed=seed,
    )


def rm_race(t: Tally, d: Path, seed: int, quick: bool) -> None:
    rm_race_scenario(t, d, processes=4, each=15 if quick else 50)


def mutated(t: Tally, d: Path, seed: int, quick: bool) -> None:
    raw = seed_board(d / "seed.json", seed=seed).read_bytes()
    each = 10 if quick else 34
    for family in FAMILIES:
        for mutation in mutations(raw, family, each, seed):
            try_mutation(t, d / "mlboard.json", mutation)
    odd = d / "special"
    odd.mkdir()
    for name, path, alive in special_files(odd):
        with alive:
            try_special(t, name, path, timeout=10)


def bad_args(t: Tally, d: Path, seed: int, quick: bool) -> None:
    args_scenario(t, d, count=200 if quick else None, seed=seed)


def injection(t: Tally, d: Path, seed: int, quick: bool) -> None:
    injection_scenario(t, d, seed=seed)


def states(t: Tally, d: Path, seed: int, quick: bool) -> None:
    for name, run in (("ro", read_only_scenario), ("restore", restore_scenario)):
        (d / name).mkdir()
        run(t, d / name)


def clock(t: Tally, d: Path, seed: int, quick: bool) -> None:
    clock_scenario(t, d)


def full_disk(t: Tally, d: Path, seed: int, quick: bool) -> None:
    enospc_scenario(t, d)


SCENARIOS: dict[str, Scenario] = {
    "kill -9": kills,
    "writers": writers,
    "tui + cli": tui_cli,
    "rm race": rm_race,
    "mutated files": mutated,
    "bad arguments": bad_args,
    "injection": injection,
    "read-only, restore": states,
    "clock backwards": clock,
    "full disk": full_disk,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--quick", action="store_true", help="the bounded sizes of CI")
    parser.add_argument(
        "--only", action="append", choices=sorted(SCENARIOS), metavar="NAME",
        help=f"run only these scenarios (repeatable): {', '.join(SCENARIOS)}",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlboard-torture-"))
    os.environ["MLBOARD_CONFIG_DIR"] = str(work / "config")  # never the user's own config
    os.environ.pop("MLBOARD_BOARD", None)
    print(f"seed {args.seed}, {'quick' if args.quick else 'full'} run, work folder {work}")
    lib = libfaketime()
    print(f"clock: {'libfaketime ' + lib if lib else 'libfaketime missing (apt faketime)'}")
    print(f"full disk: {'as root' if os.geteuid() == 0 else 'not root: skipped'}", flush=True)
    tallies = []
    for name, run in SCENARIOS.items():
        if args.only and name not in args.only:
            continue
        tally = Tally(name)
        folder = work / name.replace(" ", "-").replace(",", "")
        folder.mkdir()
        started = time.perf_counter()
        run(tally, folder, args.seed, args.quick)
        tally.seconds = time.perf_counter() - started
        tallies.append(tally)
        status = "ok" if not tally.failures else f"{tally.failures} failure(s)"
        print(f"  {name}: {tally.tried} tried, {status}, {tally.seconds:.1f} s", flush=True)
    print()
    print(table(tallies))
    for tally in tallies:
        for note in tally.notes:
            print(f"note: {note}")
    for tally in tallies:
        if tally.failures:
            print()
            print(tally.explain())
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if any(t.failures for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
