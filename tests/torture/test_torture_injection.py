"""Terminal injection (issue 10 item 7): escape sequences, C0/C1 controls and bidi overrides in
every settable text never reach CLI text output or stderr raw; --json keeps exact strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_boards import seed_board
from torture_injection import CORPUS, injection_scenario
from torture_kit import RAW_CONTROL, Tally, run_inprocess

pytestmark = pytest.mark.torture


def test_the_injection_corpus_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    tally = Tally("injection")
    injection_scenario(tally, tmp_path)
    assert tally.failures == 0, tally.explain()


async def test_the_injection_corpus_never_reaches_a_tui_screen_raw(tmp_path: Path) -> None:
    """Board, card dialog, standup, review and graph screens hold the corpus, shown (the
    screenshot names it) without a raw control character."""
    from mlboard.services.session import BoardService
    from mlboard.ui.app import MlboardApp

    path = seed_board(tmp_path / "mlboard.json")
    for i, (_, payload) in enumerate(CORPUS):
        ran = run_inprocess(
            path, "add", f"{i}:{payload}", "--category", "data", "--status", "todo",
            "--sprint", "current", "--description", payload,
        )  # fmt: skip
        assert ran.code == 0, ran
    app = MlboardApp(BoardService.open(path))
    app.animation_level = "none"
    seen: list[bool] = []
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        for keys in ((), ("enter",), ("escape", "s"), ("escape", "r"), ("escape", "g")):
            await pilot.press(*keys)
            await pilot.pause()
            screen = app.export_screenshot()
            seen.append("pwned" in screen)
            raw = RAW_CONTROL.findall(screen)
            assert not raw, f"after {keys}: raw {sorted(set(raw))} on {type(app.screen).__name__}"
    assert seen[0], "the board does not show the corpus cards: the check proved nothing"
