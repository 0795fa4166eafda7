"""What every command handler gets: the board path, a clock, output helpers."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import orjson

from mlboard.cli.hints import note_text
from mlboard.models import Board
from mlboard.models.text import json_safe, visible
from mlboard.services.clock import Clock, SystemClock
from mlboard.services.session import BoardService, Result
from mlboard.storage import BoardRepository


@dataclass
class Context:
    board_path: Path
    as_json: bool = False
    clock: Clock = field(default_factory=SystemClock)
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    def repository(self) -> BoardRepository:
        return BoardRepository(self.board_path)

    def load(self) -> Board:
        """Read-only access: never writes the file."""
        return self.repository().load().board

    def service(self) -> BoardService:
        service = BoardService(self.repository(), self.clock)
        service.after_write = self.run_hooks
        return service

    def run_hooks(self, before: Board, after: Board) -> None:
        """The user's hooks (config folder's hooks.toml) for what this write changed; a
        failing hook is a warning, never a change of exit status."""
        from mlboard.services.hooks import fire
        from mlboard.ui.config import config_dir

        for problem in fire(config_dir(), before, after, self.clock.now()):
            self.warn(problem)

    # The one way out to the terminal: board text is shown with its control characters and
    # bidi overrides as visible escapes (mlboard.models.text), JSON keeps the exact strings.

    def write(self, text: str) -> None:
        """Text for people on stdout, as given (an export ends its own lines)."""
        self.out.write(visible(text, multiline=True))

    def export(self, document: str) -> None:
        """A whole document whose every cell or text was already made safe by its own format's
        escaping and the sanitizer (an HTML page, a CSV file with its \r\n line ends)."""
        self.out.write(document)

    def print(self, text: str = "") -> None:
        self.write(text + "\n")

    def warn(self, text: str) -> None:
        self.err.write(f"mlboard: warning: {visible(text)}\n")

    def error(self, text: str) -> None:
        """Lines for people on stderr (a refusal, the findings behind it)."""
        self.err.write(visible(text, multiline=True) + "\n")

    def emit(self, data: Any, text: str) -> None:
        """JSON when `--json` was given, else the text for people."""
        if self.as_json:
            document = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
            self.out.write(json_safe(document) + "\n")
        else:
            self.print(text)

    def report(self, result: Result) -> None:
        for warning in result.warnings:
            self.warn(note_text(warning))
