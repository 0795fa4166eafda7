"""Shared fixtures: a fixed clock, a fresh board file, a service on it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlboard.models import Board
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's real config and board never leak into a test."""
    monkeypatch.setenv("MLBOARD_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
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
