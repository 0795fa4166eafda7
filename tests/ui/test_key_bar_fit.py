"""The key bar at 80 columns: when every key does not fit, the later keys give way so help,
the ways out, the other screens and the palette stay readable (issue 11: the key bar)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.text import Text

from mlboard.package_data import sample_board
from mlboard.ui import build_app
from mlboard.ui.widgets.key_bar import KeyBar, fitting


def bar_text(app: object) -> str:
    return str(app.screen.query_one(KeyBar).render())  # type: ignore[attr-defined]


async def test_at_80_columns_help_quit_the_screens_and_the_palette_stay(tmp_path: Path) -> None:
    shutil.copy(sample_board("scrum"), tmp_path / "mlboard.json")
    app = build_app(tmp_path / "mlboard.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert len(text) <= 80 and "…" not in text
        for part in (" L Move → ", " ? Help ", " q Quit ", "g p s r R f screens", "^p palette"):
            assert part in text, text
        await pilot.press("g")
        await pilot.pause(0.5)
        text = bar_text(app)
        assert " esc Board " in text and " ? Help " in text and "^p palette" in text, text
    async with build_app(tmp_path / "mlboard.json").run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert " u Undo " in bar_text(pilot.app)  # wide enough: every key


def test_fitting_drops_the_last_keys_first_and_never_the_kept_ones() -> None:
    keys = [(False, Text(" a One ")), (False, Text(" b Two ")), (True, Text(" ? Help "))]
    assert [str(t) for t in fitting(keys, 100)] == [" a One ", " b Two ", " ? Help "]
    assert [str(t) for t in fitting(keys, 15)] == [" a One ", " ? Help "]
    assert [str(t) for t in fitting(keys, 3)] == [" ? Help "]  # kept even when over
    assert [str(t) for t in fitting(keys, 0)] == [" a One ", " b Two ", " ? Help "]  # unknown
