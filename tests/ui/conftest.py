"""UI test fixtures: a private config folder, a small board, an app on a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mlboard.models import Board
from mlboard.services import cards, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.config import CONFIG_ENV

START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def clock() -> FixedClock:
    return FixedClock(START)


def make_board(path: Path, mode: str = "scrum") -> Path:
    """A small Scrum board for a ticket-routing model: 10 cards, one active sprint."""
    BoardRepository(path).create(Board(name="ticket-routing", key="ML"))
    fixed = clock()
    service = BoardService.open(path, fixed)
    do = service.apply
    do("person", bind(resources.add_person, "ana", ["ml-engineer"]))
    do("person", bind(resources.add_person, "bo", ["data-engineer"]))
    do("wip", bind(resources.configure_column, "doing", wip=2))
    add: list[tuple[str, str, dict[str, Any]]] = [
        ("Label 5k support tickets", "data", dict(points=5, assignee="bo")),
        ("Clean ticket text", "data", dict(points=3, assignee="bo")),
        (
            "Try a distilled transformer",
            "experiment",
            dict(
                points=8,
                assignee="ana",
                hypothesis="distillation keeps accuracy",
                method="holdout accuracy",
                conclusive="accuracy>=0.91 within 1 sprint",
                criteria=["accuracy>=0.91@holdout", "latency<50@holdout"],
            ),
        ),
        ("Baseline TF-IDF router", "experiment", dict(points=3, assignee="ana")),
        ("Serve model behind API", "engineering", dict(points=5, assignee="ana")),
        ("Retry queue for routing", "engineering", dict(points=2)),
        ("Remove old rules engine", "tech-debt", dict(points=3, assignee="bo")),
        ("Pin training dependencies", "tech-debt", dict(points=1)),
    ]
    for title, category, fields in add:
        do("add", bind(cards.add_card, title, category, **fields))
    do("sprint", bind(sprints.new_sprint, name="Sprint 1", goal="Route 91% of tickets"))
    do("commit", bind(sprints.commit_cards, [f"ML-{i}" for i in range(1, 9)]))
    do("start", bind(sprints.start_sprint))
    fixed.advance(timedelta(days=1))
    do("move", bind(cards.move_card, "ML-1", "doing"))
    do("move", bind(cards.move_card, "ML-3", "doing"))
    do("move", bind(cards.move_card, "ML-8", "done"))
    fixed.advance(timedelta(days=1))
    do("block", bind(cards.block, "ML-1", "data", "waiting for labelled tickets"))
    do("link", bind(cards.link, "ML-2", "ML-1"))
    do("link", bind(cards.link, "ML-4", "ML-2"))
    do("log", bind(cards.log_metrics, "ML-3", {"accuracy": 0.92, "latency": 61.0}))
    do("add", bind(cards.add_card, "Collect holdout set", "data", points=2))
    do("add", bind(cards.add_card, "Drift monitor", "engineering", status="review"))
    if mode == "kanban":
        do("mode", bind(resources.set_mode, "kanban"))
    service.flush()
    return path


NOW = START + timedelta(days=3)


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the user's real config (themes, keys) out of every UI test."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    return make_board(tmp_path / "mlboard.json")


@pytest.fixture
def kanban_path(tmp_path: Path) -> Path:
    return make_board(tmp_path / "mlboard.json", mode="kanban")


AppFactory = Callable[..., MlboardApp]


@pytest.fixture
def make_app() -> AppFactory:
    def build(path: Path, theme: str | None = None) -> MlboardApp:
        service = BoardService.open(path, FixedClock(NOW))
        app = MlboardApp(service, theme=theme)
        app.animation_level = "none"
        return app

    return build
