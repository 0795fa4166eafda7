"""Bad arguments: every command with wrong ids, numbers, dates, columns, criteria, files and
options. Each must end with exit 0, 1 or 2, no traceback, a refusal in one line on stderr and
the file's bytes unchanged; what is plainly invalid must be refused; what is accepted must
leave a board that loads."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from torture_boards import seed_board
from torture_kit import Tally, check_loads, judge, refused_left_alone, run_inprocess

# (value, plainly invalid everywhere it is used)
POOLS: dict[str, tuple[tuple[str, bool], ...]] = {
    "id": (
        ("TR-99999", True),
        ("", True),
        ("TR-0", True),
        ("TR--1", True),
        ("TR-1e3", True),
        ("TR-", True),
        ("-1", True),
        ("X" * 5000, True),
        ("TR-1\n", True),
        ("ML-1", True),
        ("TR-" + "9" * 30, True),
        ("../../etc/passwd", True),
        ("TR-1 TR-2", True),
        ("TR-\u0661", True),
    ),
    "num": (
        ("abc", True),
        ("nan", True),
        ("NaN", True),
        ("inf", True),
        ("-inf", True),
        ("1e309", True),
        ("", True),
        (" ", True),
        ("0x10", True),
        ("-1", False),
        ("99999999999999999999", False),
        ("1_000", False),
        ("1e-400", False),
        ("-0", False),
        ("\u0661\u0662", False),
        ("9" * 400, False),
    ),
    "date": (
        ("2026-02-30", True),
        ("2026-13-01", True),
        ("yesterday", True),
        ("", False),
        ("9999-99-99", True),
        ("0000-01-01", True),
        ("99999-01-01", True),
        ("2026-12-06T25:00", True),
        ("2026-1-1", False),
        ("2026-12-06", False),
    ),
    "column": (
        ("nowhere", True),
        ("", True),
        ("x" * 1000, True),
        ("DONE", False),
        ("done ", False),
        ("\x1b[2J", True),
    ),
    "category": (("research", True), ("", True), ("DATA", False), ("data,experiment", True)),
    "kind": (("weather", True), ("", True), ("DATA", False)),
    "criterion": (
        ("x>>1", True),
        (">0.5", True),
        ("auc>", True),
        ("auc>nan@holdout", True),
        ("auc>inf", True),
        ("auc>0.5@", True),
        ("auc=0.5", True),
        ("auc>0.5@@x", True),
        ("a" * 1000 + ">1", False),
        ("auc>1e999", True),
    ),
    "pair": (
        ("auc", True),
        ("=1", True),
        ("auc=", True),
        ("auc=nan", True),
        ("auc=inf", True),
        ("auc=1e999", True),
        ("auc=abc", True),
        ("auc==1", True),
        ("=", True),
        ("auc=1=2", True),
        ("auc=-inf", True),
    ),
    "file": (
        ("missing.json", True),
        ("folder", True),
        ("bad.json", True),
        ("empty.json", True),
        ("list.json", True),
        ("nan.json", True),
        ("deep.json", True),
        ("binary.bin", True),
        ("ragged.json", True),
        ("negative.json", True),
        ("labels-twice.json", True),
    ),
    "outcome": (("great", True), ("", True), ("PROMISING", False)),
    "mode": (("waterfall", True), ("", True)),
    "sprint": (("S99", True), ("S0", True), ("", False), ("sprint1", True), ("S-1", True)),
    "handle": (("", True), ("a b", True), ("../x", True), ("-x", True), ("a\nb", True)),
    "role": (("ceo", True), ("", True)),
    "dstatus": (("gone", True), ("", True)),
    "pstatus": (("burning", True), ("", True)),
    "n": (("0", True), ("-1", True), ("999", True), ("9" * 30, True), ("x", True), ("1.5", True)),
    "str": (("", False), ("x" * 10_000, False), ("\x01", False), ("-", False)),
    # a card or column title is made one line (whitespace runs become one space)
    "title": (("", True), (" ", True), ("a\nb", False), ("\t", True), ("x" * 100_000, False)),
    "ctitle": (("", True), (" ", True), ("a\nb", False), ("x" * 100_000, False)),
    "note": (("TR-3", True), ("=x", True), ("TR-99999=x", True), ("nope", True)),
    "command": (("ad", True), ("", True), ("--", True), ("-x", True), ("rm -rf", True)),
}
TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("add", "t", "--category", "{category}"),
    ("add", "t", "--category", "data", "--points", "{num}"),
    ("add", "t", "--category", "data", "--gpu-hours", "{num}"),
    ("add", "t", "--category", "experiment", "--timebox", "{num}"),
    ("add", "t", "--category", "data", "--depends-on", "{id}"),
    ("add", "t", "--category", "data", "--status", "{column}"),
    ("add", "t", "--category", "data", "--sprint", "{sprint}"),
    ("add", "t", "--category", "data", "--accept", "{criterion}"),
    ("add", "t", "--category", "data", "--role", "{role}"),
    ("add", "{title}", "--category", "data"),
    ("edit", "{id}", "--title", "x"),
    ("edit", "TR-1", "--points", "{num}"),
    ("edit", "TR-2", "--depends-on", "{id}"),
    ("edit", "TR-1", "--status", "{column}"),
    ("edit", "TR-1", "--title", "{title}"),
    ("move", "{id}", "doing"),
    ("move", "TR-1", "{column}"),
    ("show", "{id}"),
    ("rm", "{id}"),
    ("link", "{id}", "--on", "TR-1"),
    ("link", "TR-2", "--on", "{id}"),
    ("unlink", "TR-2", "--on", "{id}"),
    ("block", "{id}", "--kind", "data", "--note", "n"),
    ("block", "TR-1", "--kind", "{kind}", "--note", "n"),
    ("block", "TR-1", "--kind", "data", "--note", "n", "--eta", "{date}"),
    ("unblock", "{id}"),
    ("log", "{id}", "auc=0.5"),
    ("log", "TR-3", "{pair}"),
    ("log", "TR-3", "--from", "{file}"),
    ("outcome", "TR-3", "{outcome}"),
    ("outcome", "{id}", "promising"),
    ("confusion", "TR-3", "--from", "{file}"),
    ("failure", "{id}", "x"),
    ("person", "add", "{handle}", "--role", "analyst"),
    ("person", "add", "dee", "--role", "{role}"),
    ("dataset", "add", "d", "--status", "{dstatus}"),
    ("pipeline", "set", "ingest", "{pstatus}"),
    ("compute", "add", "p", "--gpu-hours", "{num}"),
    ("sprint", "new", "--start", "{date}"),
    ("sprint", "new", "--days", "{num}"),
    ("sprint", "new", "--measure", "{criterion}"),
    ("sprint", "add", "{id}"),
    ("sprint", "close", "--note", "{note}"),
    ("sprint", "reserve", "a100", "--gpu-hours", "{num}"),
    ("plan", "--sprint", "{sprint}"),
    ("standup", "--date", "{date}"),
    ("review", "--sprint", "{sprint}"),
    ("flow", "--days", "{num}"),
    ("graph", "--sprint", "{sprint}"),
    ("mode", "{mode}"),
    ("column", "doing", "--wip", "{num}"),
    ("column", "{column}", "--wip", "2"),
    ("column", "doing", "--title", "{ctitle}"),
    ("restore", "{n}"),
    ("list", "--category", "{category}"),
    ("{command}",),
    ("{command}", "TR-1"),
)
READING = {"list", "plan", "standup", "review", "flow", "graph"}
FIXED: tuple[tuple[str, ...], ...] = (
    ("add",),
    ("add", "t"),
    ("move", "TR-1"),
    ("log",),
    ("sprint",),
    ("person",),
    ("add", "t", "--category", "data", "--bogus"),
    ("link", "TR-1", "--on", "TR-1"),
    ("link", "TR-1", "--on", "TR-3"),
    ("edit", "TR-1"),
    ("sprint", "start"),
    ("outcome", "TR-1", "promising"),
    ("init",),
    ("dataset", "set", "nope", "validated"),
    ("unblock", "TR-1", "--kind", "review"),
    ("column", "doing", "--wip", "1", "--hard", "--soft"),
)
MUST_REFUSE_FIXED = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13}


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    must_refuse: bool


def all_cases(folder: Path) -> list[Case]:
    """Every template with every value of its slot, plus the fixed ones."""
    cases = []
    for template in TEMPLATES:
        slot = next(a[1:-1] for a in template if a.startswith("{") and a.endswith("}"))
        for value, invalid in POOLS[slot]:
            if slot == "file" and value:
                value = str(folder / value)
            args = tuple(value if a == "{" + slot + "}" else a for a in template)
            reading = template[0] in READING
            cases.append(Case(args, invalid and not reading))
    for i, args in enumerate(FIXED):
        cases.append(Case(args, i in MUST_REFUSE_FIXED))
    return cases


def make_files(folder: Path) -> None:
    (folder / "folder").mkdir()
    files = {
        "bad.json": b"{",
        "empty.json": b"",
        "list.json": b"[1, 2]",
        "nan.json": b'{"auc": NaN}',
        "deep.json": b"[" * 100_000,
        "binary.bin": bytes(random.Random(0).randrange(256) for _ in range(4096)),
        "ragged.json": b'{"labels": ["a", "b"], "counts": [[1], [1, 2, 3]]}',
        "negative.json": b'{"labels": ["a", "b"], "counts": [[1, -2], [3, 4]]}',
        "labels-twice.json": b'{"labels": ["a", "a"], "counts": [[1, 2], [3, 4]]}',
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


def args_scenario(tally: Tally, folder: Path, *, count: int | None, seed: int) -> None:
    """`count` cases drawn with `seed` (None: all of them) on a fresh copy of one board."""
    path = seed_board(folder / "mlboard.json", seed=seed)
    make_files(folder)
    base = path.read_bytes()
    cases = all_cases(folder)
    if count is not None and count < len(cases):
        cases = random.Random(seed).sample(cases, count)
    for case in cases:
        tally.tried += 1
        ran = run_inprocess(path, *case.args)
        judge(tally, ran)
        refused_left_alone(tally, ran, base, path)
        if ran.code == 0:
            if case.must_refuse:
                tally.fail("wrong_exit", f"{ran.shown()} → accepted, must be refused")
            check_loads(tally, path, f"after {ran.shown()}")
        if path.read_bytes() != base:
            path.write_bytes(base)
