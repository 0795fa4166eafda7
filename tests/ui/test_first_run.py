"""Issue 11: a board path that does not exist is never created without asking."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.ui.first_run import FirstRunApp


def mlboard(
    *argv: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    full = {k: v for k, v in os.environ.items() if k != "MLBOARD_BOARD"} | (env or {})
    return run_mlboard(*argv, cwd=cwd, env=full)


@pytest.mark.parametrize(
    ("argv", "env", "said"),
    [
        (("x/newdir/x.json",), {}, "the path given"),
        ((), {"MLBOARD_BOARD": "typo.json"}, "$MLBOARD_BOARD"),
        (("--board", "other.json"), {}, "--board"),
        ((), {}, "no mlboard.json in this folder or any folder above"),
    ],
)
def test_no_terminal_no_board_is_one_line_and_creates_nothing(
    tmp_path: Path, argv: tuple[str, ...], env: dict[str, str], said: str
) -> None:
    ran = mlboard(*argv, cwd=tmp_path, env=env)
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1 and said in ran.stderr and "mlboard init" in ran.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("key", "choice"), [("c", "create"), ("d", "demo"), ("q", "quit")])
async def test_the_first_run_screen_asks(tmp_path: Path, key: str, choice: str) -> None:
    app = FirstRunApp(tmp_path / "new" / "mlboard.json", "the path given")
    async with app.run_test(size=(80, 24)) as pilot:
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "new/mlboard.json" in text and "and the folder" in text
        await pilot.press(key)
    assert app.return_value == choice
    assert not (tmp_path / "new").exists()  # the screen only asks; the caller creates


async def test_the_path_is_shown_literally_and_inert(tmp_path: Path) -> None:
    path = tmp_path / "x\x1b]0;pwned\x07[b]y" / "mlboard.json"
    app = FirstRunApp(path, "the path given")
    async with app.run_test(size=(100, 24)):
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "\\x1b]0;pwned\\x07[b]y" in text and "\x1b" not in text
