"""`mlboard git-setup`: register mlboard's merge driver in the current git repository."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mlboard.models import BadInput

DRIVER = "merge-file %O %A %B %P"
NAME = "mlboard board merge (entity by entity, conflict records)"
PATTERN = "mlboard.json"


@dataclass(frozen=True)
class Setup:
    root: Path
    wrote: tuple[str, ...]  # what changed, one line each
    kept: tuple[str, ...]  # what was already in place


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise BadInput("git is not installed (or not on PATH)")
    return subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, check=False)


def driver_command() -> str:
    """How git calls mlboard: `mlboard` when that is the program on PATH, else this Python
    running the package (a checkout without an installed script)."""
    found = shutil.which("mlboard")
    program = "mlboard" if found else f"{shlex.quote(sys.executable)} -m mlboard"
    return f"{program} {DRIVER}"


def git_setup(cwd: Path, board: Path | None) -> Setup:
    """Write the `.gitattributes` lines and the `merge.mlboard.*` config; idempotent.

    `board`, when it is inside the repository and not named mlboard.json, gets its own line.
    """
    top = _git(cwd, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise BadInput(f"{cwd}: not inside a git repository (run git init, or cd into one)")
    root = Path(top.stdout.strip())
    wrote: list[str] = []
    kept: list[str] = []
    patterns = [PATTERN]
    if board is not None and board.name != PATTERN:
        try:
            relative = board.resolve().relative_to(root.resolve())
        except ValueError:
            relative = None
        if relative is not None:
            patterns.append("/" + relative.as_posix().replace(" ", "[[:space:]]"))
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    lines = text.splitlines()
    for pattern in patterns:
        line = f"{pattern} merge=mlboard"
        if line in (raw.strip() for raw in lines):
            kept.append(f".gitattributes: {line}")
            continue
        text = text + ("" if not text or text.endswith("\n") else "\n") + line + "\n"
        lines.append(line)
        wrote.append(f".gitattributes: {line}")
    if wrote:
        attributes.write_text(text, encoding="utf-8")
    for key, value in (("merge.mlboard.name", NAME), ("merge.mlboard.driver", driver_command())):
        current = _git(root, "config", "--local", "--get", key)
        if current.returncode == 0 and current.stdout.rstrip("\n") == value:
            kept.append(f"git config {key} = {value}")
            continue
        done = _git(root, "config", "--local", key, value)
        if done.returncode != 0:
            raise BadInput(f"git config {key} failed: {done.stderr.strip() or done.returncode}")
        wrote.append(f"git config {key} = {value}")
    return Setup(root, tuple(wrote), tuple(kept))
