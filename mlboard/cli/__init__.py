"""`mlboard` on the command line. Never imports Textual unless the TUI is opened."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlboard.cli.hints import error_text
from mlboard.cli.top import split_path, top_parser
from mlboard.models import BadInput, MlboardError
from mlboard.models.text import visible
from mlboard.storage import BOARD_FILENAME, find_board
from mlboard.storage.discovery import ENV_VAR

if TYPE_CHECKING:
    from mlboard.cli.context import Context


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 refused, 2 bad input)."""
    path_arg, args_list, command = split_path(list(sys.argv[1:] if argv is None else argv))
    if command:
        from mlboard.cli.parser import build_parser

        parser = build_parser()
    else:
        parser = top_parser()  # the terminal UI: no command's options to know
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    theme = getattr(args, "theme", None)
    try:
        if getattr(args, "demo", False):
            from mlboard.cli.tui import open_demo

            return open_demo(args.sample, theme)
        if path_arg is not None and not _looks_like_board(path_arg):
            raise BadInput(
                f"{path_arg!r} is neither a command nor a board file (see mlboard --help)"
            )
        explicit = path_arg or getattr(args, "board", None)
        if getattr(args, "init", False) and explicit is None:
            explicit = os.environ.get(ENV_VAR) or BOARD_FILENAME  # init never walks up
        board_path = find_board(explicit)
        handler = getattr(args, "handler", None)
        if handler is None:
            from mlboard.cli.tui import open_board

            return open_board(board_path, theme, _found_by(path_arg, args), sys.stderr)
        from mlboard.cli.context import Context

        ctx = context or Context(board_path)
        ctx.board_path = board_path
        # `--json` and `--format json` are one option: a handler reads either
        if getattr(args, "format", None) == "json":
            args.json = True
        elif getattr(args, "json", False) and hasattr(args, "format"):
            args.format = "json"
        ctx.as_json = bool(getattr(args, "json", False))
        return int(handler(args, ctx))
    except MlboardError as exc:
        _error(error_text(exc))
        return exc.exit_status
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except OSError as exc:
        _error(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 2
    except Exception as exc:  # one line, never a traceback
        _error(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}")
        return 2


def _error(text: str) -> None:
    """The one error line on stderr; board text in it is shown with visible escapes."""
    sys.stderr.write(f"mlboard: {visible(text)}\n")


def _found_by(path_arg: str | None, args: argparse.Namespace) -> str:
    """How the board path was chosen, for a message about a board that is not there."""
    if path_arg is not None:
        return "the path given"
    if getattr(args, "board", None):
        return "--board"
    if os.environ.get(ENV_VAR):
        return f"${ENV_VAR}"
    return "no mlboard.json in this folder or any folder above"


def _looks_like_board(arg: str) -> bool:
    """An existing file or folder, or a new `.json` file: never a mistyped command."""
    return os.path.exists(arg) or arg.endswith(".json")
