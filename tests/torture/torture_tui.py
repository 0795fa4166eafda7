"""A terminal UI writer for the torture run: the real app, headless (Textual's Pilot), adding
cards with `n` (typed title, enter) and moving each with `L`, while `mlboard` processes write
the same file. Run as a process:

    python tests/torture/torture_tui.py BOARD COUNT

It prints one JSON object: the titles whose save it saw succeed, the column each ended in,
and what went wrong (a dialog that did not open, a save left pending)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any


async def drive(path: Path, count: int) -> dict[str, Any]:
    from mlboard.services.session import BoardService
    from mlboard.ui.app import MlboardApp
    from mlboard.ui.modals.card_modal import CardModal
    from mlboard.ui.screens.board import BoardScreen

    service = BoardService.open(path)
    app = MlboardApp(service)
    app.animation_level = "none"
    saved: dict[str, str] = {}
    problems: list[str] = []
    pressed: list[dict[str, Any]] = []  # the card each L was pressed on, as the screen had it
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for i in range(1, count + 1):
            title = f"tui card {i}"
            await pilot.press("n")
            if not isinstance(app.screen, CardModal):
                problems.append(f"{title}: n did not open the card dialog ({app.screen})")
                await pilot.press("escape")
                continue
            await pilot.press(*title)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            if service.dirty:
                problems.append(f"{title}: not saved")
                continue
            saved[title] = _status_of(service.board, title)
            board_screen = next(s for s in app.screen_stack if isinstance(s, BoardScreen))
            focused = board_screen.grid.focused_card
            if focused is None or focused.title != title:
                continue
            ids = sorted(c.id for c in service.board.cards.values() if c.title == title)
            pressed.append({"title": title, "focused": focused.id, "in_session": ids})
            await pilot.press("L")
            await app.workers.wait_for_complete()
            await pilot.pause()
            if service.dirty:
                problems.append(f"{title}: the move was not saved")
                continue
            saved[title] = _status_of(service.board, title)
    return {"saved": saved, "problems": problems, "pressed": pressed}


def _status_of(board: Any, title: str) -> str:
    found = [card.status for card in board.cards.values() if card.title == title]
    return found[0] if len(found) == 1 else f"{len(found)} cards titled {title!r}"


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(drive(path, count))))


if __name__ == "__main__":
    main()
