"""What every command handler gets: the board path, a clock, output helpers."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import orjson

from mlboard.models import Board
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
        return BoardService(self.repository(), self.clock)

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def warn(self, text: str) -> None:
        self.err.write(f"mlboard: warning: {text}\n")

    def emit(self, data: Any, text: str) -> None:
        """JSON when `--json` was given, else the text for people."""
        if self.as_json:
            self.out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        else:
            self.print(text)

    def report(self, result: Result) -> None:
        for warning in result.warnings:
            self.warn(warning)
