"""Where a logged value came from: the run (id or URL), the git commit, the file read."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from mlboard.models import BadInput

GIT_TIMEOUT_S = 3.0
_SHA = re.compile(r"^[0-9a-fA-F]{7,64}$")
# wandb/run-20261206_101500-1a2b3c4d/files/wandb-summary.json → run 1a2b3c4d
_WANDB_RUN = re.compile(r"^(?:offline-)?run-\d{8}_\d{6}-(?P<id>[A-Za-z0-9]+)$")


def head_commit(cwd: Path) -> str | None:
    """HEAD of the git repository `cwd` is in; None outside one, without git, or on a
    repository with no commit yet."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    sha = done.stdout.strip()
    return sha.lower() if done.returncode == 0 and _SHA.match(sha) else None


def is_commit(text: str) -> bool:
    return bool(_SHA.match(text.strip()))


def commit_option(text: str) -> str:
    """A `--commit` value: a commit hash, 7 to 64 hex digits."""
    sha = text.strip()
    if not is_commit(sha):
        raise BadInput(f"--commit {text!r} is not a commit hash (7 to 64 hex digits)")
    return sha.lower()


def run_option(text: str) -> str:
    """A `--run` value: an id or URL on one line."""
    run = text.strip()
    if not run or any(ch.isspace() or not ch.isprintable() for ch in run):
        raise BadInput(f"--run {text!r} must be one word: a run id or URL")
    return run


def run_of_source(source: str) -> str | None:
    """The run a metrics file names by where it lies (W&B's ``run-…-ID/files/`` folders)."""
    parts = Path(source).parts
    for part in reversed(parts[:-1]):
        match = _WANDB_RUN.match(part)
        if match:
            return match["id"]
    return None
