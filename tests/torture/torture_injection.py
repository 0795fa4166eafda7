"""Terminal injection: escape sequences, C0/C1 controls and bidi overrides put into every text a
user or a script can set, then every command that prints. No raw control byte may reach the
terminal in text output or on stderr; `--json` keeps the exact string; Rich markup is shown
literally. A value may also be refused (exit 2, one clean line): that is safe too."""

from __future__ import annotations

import json
from pathlib import Path

from torture_boards import seed_board
from torture_kit import Ran, Tally, contents, judge, refused_left_alone, run_inprocess

CORPUS: tuple[tuple[str, str], ...] = (
    ("OSC 0 retitles the terminal", "x \x1b]0;pwned\x07 y"),
    ("CSI 2J clears the screen", "a\x1b[2Jb"),
    ("SGR colours", "\x1b[31mred\x1b[0m"),
    ("OSC 8 hyperlink", "\x1b]8;;https://evil.invalid/\x1b\\click\x1b]8;;\x1b\\"),
    ("C1 CSI", "c1 \x9b31m x"),
    ("right-to-left override", "abc\u202edcba\u202c"),
    ("bidi isolate", "x\u2066y\u2069"),
    ("bell and backspaces", "ding\x07\x08\x08"),
    ("carriage return", "safe\rEVIL"),
    ("DEL", "del\x7f"),
    ("vertical tab and form feed", "a\x0bb\x0cc"),
    ("Rich markup", "[bold red]not markup[/]"),
)
MARKUP = "[bold red]not markup[/]"
TEXT_REPORTS: tuple[tuple[str, ...], ...] = (
    ("list",),
    ("standup",),
    ("review",),
    ("retro",),
    ("plan",),
    ("flow",),
    ("graph",),
    ("graph", "--format", "mermaid"),
    ("graph", "--format", "dot"),
    ("sprint", "list"),
    ("check",),
    ("restore",),
)
JSON_REPORTS: tuple[tuple[str, ...], ...] = (
    ("list", "--json"),
    ("review", "--format", "json"),
    ("retro", "--format", "json"),
    ("standup", "--json"),
    ("graph", "--format", "json"),
)


class Injector:
    def __init__(self, tally: Tally, path: Path) -> None:
        self.tally = tally
        self.path = path
        self.accepted: dict[str, str] = {}  # card id → exact title it was given

    def run(self, *args: str, json_out: bool = False, must_refuse: bool = False) -> Ran:
        self.tally.tried += 1
        before = contents(self.path)
        ran = run_inprocess(self.path, *args)
        judge(self.tally, ran, json_out=json_out)
        refused_left_alone(self.tally, ran, before, self.path)
        if must_refuse and ran.code == 0:
            self.tally.fail("wrong_exit", f"{ran.shown()} → accepted, must be refused (exit 2)")
        return ran


def injection_scenario(tally: Tally, folder: Path, seed: int = 0) -> None:
    path = seed_board(folder / "mlboard.json", seed=seed)
    inj = Injector(tally, path)
    inj.run("column", "review", "--wip", "1", "--title", "".join(p for _, p in CORPUS))
    inj.run("sprint", "new", "--name", CORPUS[0][1], "--goal", CORPUS[5][1])
    for _name, payload in CORPUS:
        ran = inj.run(
            "add",
            payload,
            "--category",
            "experiment",
            "--description",
            payload,
            "--hypothesis",
            payload,
            "--method",
            payload,
            "--conclusive",
            payload,
        )
        if ran.code != 0:
            continue
        card = ran.out.strip()
        inj.accepted[card] = payload
        inj.run("edit", card, "--title", payload)
        inj.run("block", card, "--kind", "other", "--note", payload)
        inj.run("log", card, "auc=0.5", "--note", payload)
        inj.run("failure", card, payload)
        inj.run("outcome", card, "promising", "--note", payload)
        inj.run("move", card, "review")  # over the soft limit: a warning naming the column
        inj.run("note", "retro", payload, "--card", card)
        inj.run("note", "standup", "ana", payload)
        inj.run("pipeline", "add", f"p{card}", "--produces", f"d{card}")
        inj.run("pipeline", "set", f"p{card}", "failing", "--note", payload)
        inj.run("person", "add", "ana", "--role", "ml-engineer", "--name", payload)
        inj.run("sprint", "add", card)
        # handles are validated wherever they can be set
        inj.run("edit", card, "--assignee", f"ana{payload}", must_refuse=True)
        inj.run("person", "add", payload, "--role", "analyst", must_refuse=True)
        inj.run("add", "t", "--category", "data", "--assignee", payload, must_refuse=True)
        # a bad value echoed in an error is one clean line too
        inj.run("show", payload, must_refuse=True)
        inj.run("move", card, payload, must_refuse=True)
        inj.run("list", "--status", payload)
        inj.run("log", card, f"{payload}=1")
        inj.run("dataset", "add", payload)
    _read_everything(inj)
    _other_boards(tally, folder)


def _read_everything(inj: Injector) -> None:
    for card, payload in inj.accepted.items():
        inj.run("show", card)
        shown = inj.run("show", card, "--json", json_out=True)
        if shown.code == 0:
            data = json.loads(shown.out)
            # a title is made one line (whitespace runs become one space); the rest is exact
            one_line = " ".join(payload.split())
            if data.get("title") != one_line or data.get("description") != payload:
                inj.tally.fail("messy", f"{shown.shown()}: --json did not keep {payload!r}")
    for args in TEXT_REPORTS:
        ran = inj.run(*args)
        if args == ("list",) and ran.code == 0 and MARKUP not in ran.out:
            inj.tally.fail("messy", f"{ran.shown()}: Rich markup {MARKUP!r} not shown literally")
    for args in JSON_REPORTS:
        inj.run(*args, json_out=True)


def _other_boards(tally: Tally, folder: Path) -> None:
    """A board name and a board file name holding the payloads."""
    for i, (_, payload) in enumerate(CORPUS[:6]):
        named = Injector(tally, folder / f"named-{i}" / "mlboard.json")
        named.path.parent.mkdir()
        if named.run("init", "--name", payload).code == 0:
            named.run("add", "a card", "--category", "data")
            for args in (("list",), ("standup",), ("review",), ("graph", "--format", "dot")):
                named.run(*args)
        odd = Injector(tally, folder / f"odd{payload.replace('/', '')}.json")
        odd.run("check")
        odd.run("init", "--name", "odd file name")
        odd.run("check")
        odd.run("show", "TR-1")
