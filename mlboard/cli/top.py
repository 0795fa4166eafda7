"""The top of the command line: `mlboard [--board P] [--theme T] [PATH]` and the command names.

Opening the terminal UI needs no more than this: the full parser (`parser.build_parser`, ~60
commands and the modules behind them, ≈ 20 ms) is built only when a command is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from mlboard.models.text import visible

COMMANDS = frozenset(
    {
        "add", "baseline", "block", "burndown", "check", "column", "compute", "confusion",
        "dataset", "demo", "edit", "export", "failure", "flow", "git-setup", "graph", "import",
        "init", "link", "list", "locate", "log", "merge-file", "mode", "move", "note",
        "outcome", "person", "pipeline", "plan", "rank", "resolve", "restore", "retro",
        "review", "rm", "serve", "show", "sprint", "standup", "unblock", "unlink",
    }
)  # fmt: skip
"""Every command's name: `parser.build_parser` has these, a test holds the two together."""


def asks_for_help(arg: str) -> bool:
    """`-h`, `--help`, or an abbreviation argparse takes for it (`--he`)."""
    return arg == "-h" or (len(arg) > 2 and "--help".startswith(arg))


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        text = visible(f"{self.prog}: error: {message} (see {self.prog} --help)")
        sys.stderr.write(text + "\n")
        raise SystemExit(2)


class _Version(argparse.Action):
    """`--version`, looked up only when asked (reading the package's metadata costs)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = f"mlboard {version('mlboard')}"
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            text = "mlboard (source)"
        sys.stdout.write(text + "\n")  # where argparse's own version action prints it
        parser.exit()


def top_parser() -> Parser:
    """The options before any command; alone, what opening the terminal UI parses."""
    parser = Parser(
        prog="mlboard",
        description="A keyboard-driven Scrum/Kanban board for ML teams. "
        "Without a command, opens the board in the terminal UI.",
    )
    parser.add_argument(
        "--board", metavar="PATH", help="board file (default: nearest mlboard.json)"
    )
    parser.add_argument("--theme", help="colour theme of the terminal UI")
    parser.add_argument("--version", action=_Version)
    return parser


def split_path(argv: list[str]) -> tuple[str | None, list[str], bool]:
    """`mlboard [--board P] [--theme T] [PATH]` opens the TUI: a leading PATH picked out,
    the other arguments, and whether they hold a command (or a request for help)."""
    rest: list[str] = []
    path: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in COMMANDS or asks_for_help(arg):
            return path, rest + argv[i:], True
        if arg in ("--board", "--theme") and i + 1 < len(argv):
            rest += argv[i : i + 2]
            i += 2
            continue
        if arg.startswith("-"):
            rest.append(arg)
        elif path is None:
            path = arg
        else:
            rest.append(arg)
        i += 1
    return path, rest, False
