"""Copies of a board file kept before destructive changes, numbered by a counter.

The number, not the clock, orders them: a clock that jumps back or forth must never make
the newest copy look like the oldest and get it pruned. Names read
``000042-20261206T091500-rm-ML-7.json`` (number, UTC time taken, reason); copies named by
time alone (earlier releases) count as older than every numbered one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from mlboard.storage.atomic import TMP_MARK, write_atomically

KEEP_BACKUPS = 20
_NUMBERED = re.compile(r"^(\d{6,18})-")
_REASON = re.compile(r"[^A-Za-z0-9_.-]+")


class Backups:
    """The backup folder of one board. Callers hold the board's lock for every change."""

    def __init__(self, folder: Path, keep: int = KEEP_BACKUPS) -> None:
        self.folder = folder
        self.keep = keep

    def listing(self) -> list[Path]:
        """Kept backups, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.json"), key=_age, reverse=True)

    def take(self, content: bytes, reason: str, spare: Path | None = None) -> Path:
        """Keep `content` as the newest backup, then prune to the newest `keep` copies
        (never `spare`: the copy being restored stays until the next backup)."""
        self.folder.mkdir(exist_ok=True)
        kept = self.listing()
        number = max((_number(p) for p in kept), default=0) + 1
        when = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        label = _REASON.sub("_", reason)[:60]
        target = self.folder / f"{number:06d}-{when}-{label}.json"
        # Atomic too: a copy cut short by kill -9 must not become a backup restore can't read.
        write_atomically(target, content)
        for old in [target, *kept][self.keep :]:
            if old != spare:
                old.unlink(missing_ok=True)
        for stale in self.folder.glob(f".*{TMP_MARK}*"):  # copies cut short by a killed writer
            stale.unlink(missing_ok=True)
        return target


def _number(path: Path) -> int:
    match = _NUMBERED.match(path.name)
    return int(match.group(1)) if match else 0


def _age(path: Path) -> tuple[int, str]:
    return (_number(path), path.name)
