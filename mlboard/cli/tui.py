"""Opening the terminal UI; Textual is imported only here, and only when needed."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from mlboard.models import BadInput
from mlboard.models.text import visible
from mlboard.package_data import sample_board

DEMO_PREFIX = "mlboard-demo-"
OWNER_FILE = "owner.pid"


def open_board(path: Path, theme: str | None, found_by: str, err: TextIO) -> int:
    """Open the board in the TUI. A path with no board is never created without asking: in
    a terminal the first-run screen asks (create here / the demo / quit), elsewhere it is a
    one-line error. A broken board is reported in one line (exit 2) before the screen."""
    from mlboard.ui import ask_first_run, run

    if not os.path.lexists(path):
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise BadInput(
                f"no board at {path} ({found_by}); create one with mlboard init,"
                " or try mlboard demo"
            )
        choice = ask_first_run(path, found_by, theme)
        if choice == "demo":
            return open_demo("scrum", theme)
        if choice != "create":
            return 0
        create_board(path)
        err.write(f"mlboard: created {visible(str(path))}\n")
    return run(path, theme=theme)


def create_board(path: Path) -> None:
    """A new empty board named after its folder, cards ML-N, Scrum."""
    from mlboard.models import Board
    from mlboard.models.limits import TITLE_MAX
    from mlboard.storage import BoardRepository

    name = path.resolve().parent.name[:TITLE_MAX] or "board"  # a folder name may be longer
    BoardRepository(path).create(Board(name=name, key="ML"))


def open_demo(sample: str, theme: str | None) -> int:
    """A throwaway copy of a sample board, its history moved up to today."""
    try:
        source = sample_board(sample)
    except FileNotFoundError as exc:
        raise BadInput(str(exc)) from None
    sweep_abandoned_demos(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=DEMO_PREFIX) as folder:
        (Path(folder) / OWNER_FILE).write_text(str(os.getpid()))
        copy = Path(folder) / "mlboard.json"
        shutil.copyfile(source, copy)
        bring_to_today(copy, datetime.now(UTC))
        from mlboard.ui import run

        return run(copy, theme=theme, demo=True)


def bring_to_today(path: Path, now: datetime) -> None:
    """Move the copy's history so that its last day of work is today."""
    from mlboard.services.demo import days_to_today, shift_dates
    from mlboard.storage import BoardRepository

    repo = BoardRepository(path)
    with repo.locked():
        loaded = repo.load()
        days = days_to_today(loaded.board, now)
        if days:
            repo.write(shift_dates(loaded.board, days), loaded.rev + 1)


def sweep_abandoned_demos(folder: Path) -> list[Path]:
    """Remove demo copies whose mlboard is gone (a terminal killed before it could clean up):
    only this user's, only those whose owner process no longer runs."""
    removed = []
    for demo in folder.glob(f"{DEMO_PREFIX}*"):
        try:
            if demo.is_symlink() or demo.stat().st_uid != os.getuid():
                continue
            owner = int((demo / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if not _running(owner):
            shutil.rmtree(demo, ignore_errors=True)
            removed.append(demo)
    return removed


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        # A zombie (killed, not yet reaped) holds its pid but runs no more.
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[-1].split()[0] != "Z"
    return True
