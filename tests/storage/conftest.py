"""Fixtures of the storage tests; the helpers themselves live in storage_kit.py."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The test modules import the helpers as `storage_kit` (tests/ is not a package).
sys.path.insert(0, str(Path(__file__).parent))

from storage_kit import Ran, run_cli, write_board


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """A rich board written at ``tmp_path/mlboard.json``."""
    return write_board(tmp_path / "mlboard.json")


@pytest.fixture
def cli() -> Callable[..., Ran]:
    return run_cli
