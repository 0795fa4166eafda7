"""Helpers of the merge tests: a real git repository with a board and mlboard's merge driver."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import orjson
from cli_kit import run_mlboard

from mlboard.models import Board
from mlboard.storage import BoardRepository

# git must not read the developer's or CI's own configuration or identity.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_EDITOR": "true",
}


@dataclass
class Repo:
    root: Path

    @property
    def board_path(self) -> Path:
        return self.root / "mlboard.json"

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        ran = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, timeout=120,
            env={**os.environ, **GIT_ENV},
        )  # fmt: skip
        if check and ran.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {ran.returncode}\n{ran.stderr}")
        return ran

    def mlboard(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        ran = run_mlboard(*args, cwd=self.root, env={**os.environ, **GIT_ENV}, timeout=120)
        if check and ran.returncode != 0:
            raise AssertionError(f"mlboard {' '.join(args)}: {ran.returncode}\n{ran.stderr}")
        return ran

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def board(self) -> Board:
        return BoardRepository(self.board_path).load().board

    def tables(self) -> dict[str, dict[str, object]]:
        data: dict[str, dict[str, object]] = orjson.loads(self.board_path.read_bytes())
        return data


def new_repo(root: Path, key: str = "T") -> Repo:
    """A repository with an empty board committed on `main` and the driver set up."""
    root.mkdir(parents=True, exist_ok=True)
    repo = Repo(root)
    repo.git("init", "-q", "-b", "main")
    repo.mlboard("init", "--key", key, "--name", "Team board")
    repo.mlboard("git-setup")
    repo.commit("board")
    return repo


def renumbering(stderr: str) -> dict[str, str]:
    """The ``OLD → NEW`` mapping the driver printed (git passes its stderr through)."""
    mapping = {}
    for line in stderr.splitlines():
        if "→" in line and "both branches created" in line:
            head = line.split(": ")[-1]
            old, _, rest = head.partition(" → ")
            mapping[old.strip()] = rest.split()[0]
    return mapping
