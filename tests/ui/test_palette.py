"""The command palette lists the app's own entries (the screen's actions, its cards) before
Textual's generic ones (theme, keys, screenshot, quit…), opened empty or searched."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import Command, CommandList, CommandPalette

from mlboard.ui.app import MlboardApp

AppFactory = Callable[..., MlboardApp]
SIZE = (120, 40)
CARD_HELP = {"jump to card", "show on the graph"}  # a card's entry, on the board or the graph
GENERIC = {"Theme", "Keys", "Quit", "Screenshot", "Maximize", "Minimize"}


async def listed(app: MlboardApp, typed: str) -> list[tuple[str, bool]]:
    """(entry, whether it is mlboard's own) in the palette's order, once it settled."""
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    found: list[tuple[str, bool]] = []
    for _ in range(40):  # the palette adds its hits in batches
        await asyncio.sleep(0.05)
        options = palette.query_one(CommandList).options
        now = []
        for option in options:
            assert isinstance(option, Command)
            help_text = option.hit.help or ""
            name = option.hit.text or str(option.hit.prompt)
            now.append((name, help_text.startswith("key ") or help_text in CARD_HELP))
        if now and now == found:
            return found
        found = now
    raise AssertionError(f"the palette did not settle on {typed!r}: {found}")


@pytest.mark.parametrize(("opening", "typed"), [(None, ""), (None, "quit"), ("g", ""), ("g", "q")])
async def test_the_apps_entries_come_before_textuals(
    board_path: Path, make_app: AppFactory, opening: str | None, typed: str
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        if opening is not None:
            await pilot.press(opening)
            await app.workers.wait_for_complete()
        await pilot.press("ctrl+p", *typed)
        entries = await listed(app, typed)
        kinds = [is_own for _, is_own in entries]
        assert True in kinds and False in kinds, entries
        assert kinds == sorted(kinds, reverse=True), entries  # own first, then generic
        generic = {name for name, is_own in entries if not is_own}
        assert generic & GENERIC, entries
