"""Shared fixtures: a fixed clock, a fresh board file, a service on it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from mlboard.models import Board
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository

# Test modules import the shared kits (pipeline_kit) by name: tests/ is not a package.
sys.path.insert(0, str(Path(__file__).parent))

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

# CI replays the same examples on every run (no deadline on a shared 2-core machine); a
# developer's run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core. Many tests wait on a real subprocess (git, the CLI,
    a server, a browser), so a core idles without a second worker (CI: 153 s → 133 s)."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's real config, cache and board never leak into a test."""
    monkeypatch.setenv("MLBOARD_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("MLBOARD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("MLBOARD_BOARD", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0, step=timedelta(minutes=1))


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    path = tmp_path / "mlboard.json"
    BoardRepository(path).create(Board(name="Routing", key="ML"))
    return path


@pytest.fixture
def service(board_path: Path, clock: FixedClock) -> Iterator[BoardService]:
    yield BoardService(BoardRepository(board_path), clock)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first, so that no worker starts one near the end while the others idle
    (every xdist worker sorts the same collection the same way)."""
    long_markers = ("slow", "torture", "integration", "browser")
    items.sort(key=lambda item: not any(item.get_closest_marker(m) for m in long_markers))
