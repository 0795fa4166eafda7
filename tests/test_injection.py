"""Terminal injection: board text holding escape sequences never reaches a terminal raw.

A hostile board is written through the commands a user or a script would run (plus a hand
edit for what no command accepts any more), then every printing command runs in a real
process: no control character other than a newline or a tab, no C1 control, no bidi
override in stdout or stderr; `--json` keeps the exact strings.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.services.clock import FixedClock

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

# ESC CSI (clear screen), OSC title ending in BEL, an OSC 8 link, 8-bit CSI, DEL, backspace,
# a right-to-left override and an isolate, markup-looking text, a zero-width joiner (kept).
PAYLOAD = (
    "\x1b[2J\x1b]0;pwned\x07 \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\"
    " \x9b31m \x7f \x08 \u202egnp.exe \u2066x\u2069 [red]r[/red] a\u200db"
)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str, what: str) -> None:
    found = UNSAFE.findall(text)
    assert not found, f"{what}: raw {sorted({hex(ord(c)) for c in found})} in {text[:300]!r}"


def run(*argv: str, cwd: Path) -> tuple[int, str, str]:
    """A real `mlboard` process; stdout and stderr decoded strictly as UTF-8."""
    done = run_mlboard(
        *argv, cwd=cwd, env={**os.environ, "MLBOARD_BOARD": str(cwd / "mlboard.json")}, text=False
    )
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return done.returncode, out, err


def cli(argv: list[str], board: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """A writing command in-process (quicker); its own output is checked too."""
    status = main(["--board", str(board), *argv], Context(board, clock=FixedClock(T0)))
    captured = capsys.readouterr()
    assert_clean(captured.out + captured.err, repr(argv))
    return status, captured.out


def hostile_board(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    board = folder / "mlboard.json"
    p = PAYLOAD
    steps: list[list[str]] = [
        ["init", "--name", p],
        ["person", "add", "ana", "--role", "ml-engineer", "--name", p],
        ["dataset", "add", p],
        ["pipeline", "add", "etl" + p, "--produces", p],
        ["pipeline", "set", "etl" + p, "failing", "--note", p],
        ["compute", "add", "a100" + p, "--gpu-hours", "10"],
        ["column", "doing", "--title", p, "--wip", "1"],
        ["column", "review", "--title", "[/x] markup-looking [b]"],
        ["sprint", "new", "--name", p, "--goal", p],
        ["add", p, "--category", "experiment", "--assignee", "ana", "--description", p,
         "--hypothesis", p, "--method", p, "--conclusive", p, "--data", p, "--data", "x" + p,
         "--pool", "a100" + p, "--gpu-hours", "20", "--accept", "auc>0.8@holdout",
         "--sprint", "current", "--points", "3"],
        ["add", "second " + p, "--category", "data", "--depends-on", "ML-1", "--sprint", "current"],
        ["add", "third", "--category", "engineering", "--status", "doing"],
        ["block", "ML-1", "--kind", "data", "--note", p],
        ["log", "ML-1", "auc=0.7", "--note", p, "--dataset", "hold" + p],
        ["log", "ML-1", "auc=0.81"],
        ["failure", "ML-1", p],
        ["note", "standup", "ana", p],
        ["sprint", "start"],
        ["move", "ML-2", "doing"],  # over the soft WIP limit of a column titled with the payload
        ["note", "retro", p, "--person", "ana", "--card", "ML-1"],
        ["outcome", "ML-1", "promising", "--note", p],
        ["sprint", "reserve", "a100" + p, "--gpu-hours", "2", "--note", p],
    ]  # fmt: skip
    for argv in steps:
        status, _ = cli(argv, board, capsys)
        assert status == 0, argv
    # What no command takes any more, but an old or hand-edited file may hold.
    data = json.loads(board.read_text())
    card = next(iter(data["cards"].values()))
    card["assignee"] = "bo\x1b[2J"
    card["description"] += " \x00 nul"
    data["cards"]["ML-2"]["assignee"] = "[/y]"  # markup that would not even parse
    card["metrics"][0]["name"] = f"auc{PAYLOAD}"  # `log` refuses such a name since issue 9
    board.write_text(json.dumps(data))
    return board


PRINTING = [
    ["list"], ["show", "ML-1"], ["show", "ML-2"], ["standup"], ["review"], ["retro"],
    ["plan"], ["flow"], ["graph"], ["graph", "--format", "mermaid"], ["graph", "--format", "dot"],
    ["graph", "--critical-path"], ["sprint", "list"], ["check"], ["restore"], ["burndown"],
    ["locate"], ["review", "--format", "html"], ["standup", "--format", "html"],
    ["show", "ML-99"], ["list", "--assignee", "bo\x1b[2J"],
]  # fmt: skip
JSON = [
    ["list", "--json"], ["show", "ML-1", "--json"], ["standup", "--json"],
    ["review", "--format", "json"], ["retro", "--format", "json"], ["plan", "--json"],
    ["flow", "--format", "json"], ["graph", "--format", "json"], ["sprint", "list", "--json"],
    ["burndown", "--json"],
]  # fmt: skip


def test_no_printing_command_writes_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_board(tmp_path, capsys)
    for argv in PRINTING:
        _, out, err = run(*argv, cwd=tmp_path)
        assert out or err, argv
        assert_clean(out + err, repr(argv))
    _, csv, _ = run("export", "csv", cwd=tmp_path)  # CSV rows end in \r\n, by the RFC
    assert "pwned" in csv
    assert_clean(csv.replace("\r\n", "\n"), "export csv")
    # the escapes are visible where the text stood
    _, listed, _ = run("list", cwd=tmp_path)
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in listed and "\\u202egnp.exe" in listed
    assert "[red]r[/red]" in listed and "a\u200db" in listed  # markup literal, ZWJ kept
    _, shown, _ = run("show", "ML-1", cwd=tmp_path)
    assert "\\x00 nul" in shown and "bo\\x1b[2J" in shown
    _, dot, _ = run("graph", "--format", "dot", cwd=tmp_path)
    assert dot.startswith('digraph "\\\\x1b[2J')  # the DOT header: a quoted, escaped string


def test_json_keeps_the_exact_strings_and_stays_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_board(tmp_path, capsys)
    title = " ".join(PAYLOAD.split())  # a title is one line: whitespace runs become a space
    for argv in JSON:
        status, out, err = run(*argv, cwd=tmp_path)
        assert status in (0, 1), (argv, err)  # `plan` exits 1 on a planning error
        assert_clean(out + err, repr(argv))
        json.loads(out)
    _, out, _ = run("show", "ML-1", "--json", cwd=tmp_path)
    card: dict[str, Any] = json.loads(out)
    assert card["title"] == title
    assert card["description"] == PAYLOAD + " \x00 nul"
    assert card["experiment"]["hypothesis"] == PAYLOAD
    assert card["blockers"][0]["note"] == PAYLOAD
    assert card["assignee"] == "bo\x1b[2J"
    assert card["failures"] == [PAYLOAD]
    assert card["metrics"][0]["name"] == "auc" + PAYLOAD
    _, out, _ = run("sprint", "list", "--json", cwd=tmp_path)
    assert json.loads(out)[0]["goal"] == PAYLOAD


def test_errors_and_warnings_on_stderr_are_one_clean_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_board(tmp_path, capsys)
    for argv in (
        ["show", PAYLOAD],
        ["move", "ML-3", PAYLOAD],
        ["add", "x", "--category", PAYLOAD],
        ["edit", "ML-1", "--assignee", PAYLOAD],
        ["--board", str(tmp_path / PAYLOAD / "b.json"), "list"],
        ["list", "--frobnicate", PAYLOAD],
        ["add", "y", "--category", "data", "--data", "new" + PAYLOAD],  # a warning, exit 0
    ):
        status, out, err = run(*argv, cwd=tmp_path)
        assert err.count("\n") == 1, (argv, err)
        assert_clean(out + err, repr(argv))
        assert "\\x1b" in err or "\\u202e" in err or status == 0, (argv, err)


# --- the TUI ---------------------------------------------------------------------------


def screen_text(app: Any) -> str:
    """Every line the current screen would send to the terminal, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def test_the_tui_never_draws_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mlboard.services.session import BoardService
    from mlboard.ui.app import MlboardApp
    from mlboard.ui.screens.board import BoardScreen

    board = hostile_board(tmp_path, capsys)
    app = MlboardApp(BoardService.open(board, FixedClock(T0)))
    app.animation_level = "none"
    seen: dict[str, str] = {}

    async def look(name: str) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen[name] = screen_text(app)
        assert_clean(seen[name], name)

    async with app.run_test(size=(200, 60)) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen.focus_card("ML-1")
        await look("board")
        # the title, the board name, the sprint and the card bar read the escapes
        assert "\\x1b[2J" in seen["board"] and "[red]r[/red]" in seen["board"]
        await pilot.press("enter")  # the card's sheet: every field, results, history
        await look("card sheet")
        assert not isinstance(app.screen, BoardScreen)
        assert "\\x1b[2J" in seen["card sheet"] and "pwned" in seen["card sheet"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")  # the card's dialog: inputs hold the exact text
        await look("card dialog")
        assert "\\x1b[2J" in seen["card dialog"]  # its heading
        await pilot.press("escape")
        assert "[/x] markup-looking [b]" in seen["card dialog"]  # the status choice
        await pilot.press("s", "a")  # a standup note: the people to choose from
        await look("standup note dialog")
        await pilot.press("escape", "escape")
        for key in ("s", "r", "R", "p", "g", "f"):
            await pilot.press(key)
            await look(f"view {key}")
            await pilot.press("escape")
            await pilot.pause()
        assert "[red]r[/red]" in seen["view r"]  # a report is Markdown: markup stays literal
        app.notify(f"note {PAYLOAD}")
        await look("notification")
        assert "pwned" in seen["notification"]
        await pilot.press("d")  # delete asks, quoting the title
        await look("delete question")
        assert "\\x1b]0;pwned\\x07" in seen["delete question"]
        await pilot.press("n")
        await pilot.press("ctrl+p")
        await pilot.press(*"ML-1")
        await look("palette")
        assert "ML-1 \\x1b[2J" in seen["palette"]  # the jump-to-card hit, escapes visible
        assert "\\x1b[2J" in seen["view g"]  # the graph's card labels
