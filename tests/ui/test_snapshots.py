"""SVG snapshots of the board screen and its dialogs (fixed clock, fixed sizes, no animation).

Update after a deliberate change: ``.venv/bin/pytest tests/ui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from mlboard.ui.app import MlboardApp

Snap = Callable[..., bool]
AppFactory = Callable[..., MlboardApp]


async def steady(pilot: Pilot[Any]) -> None:
    """No blinking text cursors in a picture."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_scrum_board(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    assert snap_compare(make_app(board_path), terminal_size=(120, 40), run_before=steady)


def test_scrum_board_80x24(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    assert snap_compare(make_app(board_path), terminal_size=(80, 24), run_before=steady)


def test_blocked_card_focused(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["l"], terminal_size=(100, 30), run_before=steady)


def test_kanban_over_wip(snap_compare: Snap, kanban_path: Path, make_app: AppFactory) -> None:
    """Moving a third card into In Progress (limit 2) styles the column header."""
    app = make_app(kanban_path)
    assert snap_compare(app, press=["l", "L"], terminal_size=(120, 40), run_before=steady)


def test_kanban_200x60(snap_compare: Snap, kanban_path: Path, make_app: AppFactory) -> None:
    assert snap_compare(make_app(kanban_path), terminal_size=(200, 60), run_before=steady)


def test_lane_collapsed(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["z"], terminal_size=(100, 30), run_before=steady)


def test_filtered(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    keys = ["slash", *"@bo", "enter"]
    assert snap_compare(make_app(board_path), press=keys, terminal_size=(100, 30))


def test_edit_modal(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    keys = ["l", "j", "e"]  # the experiment card: experiment fields shown
    assert snap_compare(app, press=keys, terminal_size=(120, 40), run_before=steady)


def test_edit_modal_80x24(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["e"], terminal_size=(80, 24), run_before=steady)


def test_edit_modal_long_text(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    """A description of three lines, typed with enter, in its multi-line area at 80×24."""

    async def write(pilot: Pilot[Any]) -> None:
        await pilot.press("e")
        area = pilot.app.screen.query_one("#f-description", TextArea)
        area.focus()
        await pilot.press(*"Drop bot replies", "enter", *"and signatures", "enter", *"(v2)")
        await steady(pilot)

    assert snap_compare(make_app(board_path), terminal_size=(80, 24), run_before=write)


def test_refused_dependency(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    keys = ["l", "D", *"ML-4", "enter"]
    assert snap_compare(app, press=keys, terminal_size=(100, 30), run_before=steady)


def test_block_dialog(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["l", "b"], terminal_size=(100, 30), run_before=steady)


def test_help(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 40))


def test_mode_switch_confirm(snap_compare: Snap, board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    assert snap_compare(app, press=["t"], terminal_size=(100, 30))


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_theme(snap_compare: Snap, board_path: Path, make_app: AppFactory, theme: str) -> None:
    app = make_app(board_path, theme=theme)
    assert snap_compare(app, press=["l"], terminal_size=(100, 30), run_before=steady)
