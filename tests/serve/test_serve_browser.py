"""Two browser tabs on one `mlboard serve`: a move in one shows in the other.

Chromium is Debian's (`apt-get install chromium`, which `.ci/run` does); Playwright drives it
through `executable_path`, never through its own browser download. What a page shows is read
from the page's own xterm.js terminal: the test hands the page textual-serve's script with the
terminal object exposed as `window.__mlboardTerminal`, and reads its screen buffer.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from serve_kit import mlboard, served

from mlboard.storage import BoardRepository

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("MLBOARD_CHROMIUM", "/usr/bin/chromium")
SECONDS = 40.0  # to see a whole board on two loaded cores, then the other tab's move
TERMINAL_HOOK = re.compile(r"(this\.terminal=)(new [\w$]+\.Terminal\()")
# The background's brightness (0-255) at the right edge, halfway down: the theme shows there.
BACKGROUND_JS = """() => {
  const term = window.__mlboardTerminal;
  const cell = term.buffer.active.getLine(term.rows >> 1).getCell(term.cols - 1);
  if (!cell.isBgRGB()) return null;
  const rgb = cell.getBgColor();
  return 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
}"""
SCREEN_JS = """() => {
  const term = window.__mlboardTerminal;
  if (!term) return null;
  const buffer = term.buffer.active, lines = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
  return lines.join("\\n");
}"""


def missing(message: str) -> None:
    """Fail in CI (the browser test must run there), skip on a developer's machine."""
    if os.environ.get("CI") or os.environ.get("MLBOARD_REQUIRE_BROWSER"):
        pytest.fail(f"the browser test must run in CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        missing(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set MLBOARD_CHROMIUM)")
    try:
        from playwright import sync_api
    except ImportError:
        missing("no playwright: pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def click_terminal(page: Page) -> None:
    """Click the terminal's top-left cell (the column titles: a click there changes nothing)."""
    page.click(".xterm-screen", position={"x": 2, "y": 2})
    page.wait_for_function("document.activeElement?.classList.contains('xterm-helper-textarea')")


def column_of(screen: str, card_id: str) -> str | None:
    """The column whose header stands above the card's id on the screen."""
    lines = screen.splitlines()
    header = next((line for line in lines if "Backlog" in line and "Done" in line), None)
    card = next((line for line in lines if re.search(rf"\b{card_id}\b", line)), None)
    if header is None or card is None:
        return None
    x = card.index(card_id)
    starts = [(m.start(), m.group(1)) for m in re.finditer(r"(\S[^\d]*?) \d+", header)]
    chosen = [title for start, title in starts if start <= x]
    return chosen[-1].strip() if chosen else None


def test_two_tabs_see_each_others_moves(chromium: Browser, tmp_path: Path) -> None:
    # The served command line carries this path: quoted, it must not run `touch`.
    board = tmp_path / "board 'quoted' $(touch injected).json"
    mlboard(board, "init", "--name", "Team")
    mlboard(board, "add", "Clean labels", "--category", "data")
    # The user's keymap reaches the served TUIs, as `--theme` does: `x` also moves right.
    config = Path(os.environ["MLBOARD_CONFIG_DIR"])
    (config / "keys.toml").write_text('"board.move-right" = "L,shift+right,x"\n')
    with served(board, "--theme", "light") as server:  # as in a terminal: the default is dark
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        seen: list[int] = []

        def expose_terminal(route: Route) -> None:
            response = route.fetch()
            seen.append(response.status)  # the cookie set by the token URL opens the script
            script, found = TERMINAL_HOOK.subn(r"\1window.__mlboardTerminal=\2", response.text())
            assert found == 1, "textual-serve's script changed: update TERMINAL_HOOK"
            route.fulfill(response=response, body=script)

        context.route("**/static/js/textual.js", expose_terminal)
        pages = [context.new_page(), context.new_page()]
        for page in pages:
            page.goto(server.url)

        def screen(page: Page) -> str:
            return str(page.evaluate(SCREEN_JS) or "")

        def wait_for(what: str, check: Callable[[], bool]) -> None:
            deadline = time.monotonic() + SECONDS
            while time.monotonic() < deadline:
                if check():
                    return
                time.sleep(0.1)
            texts = "\n---\n".join(screen(page) for page in pages)
            raise AssertionError(f"no {what} within {SECONDS:.0f} s; the pages show:\n{texts}")

        wait_for("board in both tabs", lambda: all(
            column_of(screen(page), "ML-1") == "Backlog" for page in pages
        ))  # fmt: skip
        assert seen and set(seen) == {200}
        for page in pages:
            assert page.evaluate(BACKGROUND_JS) > 200  # the light theme reached the tabs
        mover, watcher = pages
        click_terminal(mover)  # keys reach the app once its terminal has focus
        mover.keyboard.press("Shift+L")
        wait_for("move in the other tab", lambda: column_of(screen(watcher), "ML-1") == "To Do")
        assert column_of(screen(mover), "ML-1") == "To Do"
        assert BoardRepository(board).load().board.cards["ML-1"].status == "todo"
        click_terminal(watcher)
        watcher.keyboard.press("x")
        wait_for("remapped key's move", lambda: column_of(screen(mover), "ML-1") == "In Progress")
        context.close()
    assert not (tmp_path / "injected").exists()
