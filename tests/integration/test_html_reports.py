"""`review|retro|standup --format html` render in headless Chromium without a console error
or a fetch (issue 12 item 6)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from tools_kit import tool

from mlboard.package_data import sample_board
from mlboard.planning.reports.html import page

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def browser() -> str:
    """Debian's Chromium, which .ci/run installs and then requires (MLBOARD_REQUIRE_BROWSER)."""
    return tool("chromium", required=bool(os.environ.get("MLBOARD_REQUIRE_BROWSER")))


def chromium(html: Path) -> tuple[str, str]:
    """The DOM Chromium built from `html`, and what its console said."""
    done = subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu",
         "--enable-logging=stderr", "--v=0", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, "\n".join(console)


@pytest.mark.parametrize(("argv", "charts"), [
    (("review", "--sprint", "S3"), -1), (("retro", "--sprint", "S3"), 1), (("standup",), 1),
])  # fmt: skip
def test_a_report_page_renders_with_its_charts_and_no_console_error(
    tmp_path: Path, argv: tuple[str, ...], charts: int
) -> None:
    shutil.copy(sample_board("scrum"), tmp_path / "mlboard.json")
    done = run_mlboard(*argv, "--format", "html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = tmp_path / "report.html"
    html.write_text(done.stdout)
    if charts < 0:  # the review: a burndown and a line per trend of two sprints or more
        as_json = run_mlboard(*argv, "--format", "json", cwd=tmp_path)
        assert as_json.returncode == 0, as_json.stderr
        report = json.loads(as_json.stdout)
        charts = 1 + sum(1 for t in report["trends"] if len(t["points"]) >= 2)
    dom, console = chromium(html)
    assert console == ""
    assert "<h1>" in dom and len(re.findall(r"<svg\b", dom)) == charts
    assert "http://" not in done.stdout.replace("http://www.w3.org/2000/svg", "")


def test_the_console_check_sees_a_blocked_fetch_and_script(tmp_path: Path) -> None:
    """The page forbids fetches and scripts; a page that tried would show in the console."""
    tried = page("t", "# t").replace(
        "<body>", '<body><img src="https://example.invalid/x.png"><script>1</script>'
    )
    (tmp_path / "tried.html").write_text(tried)
    _, console = chromium(tmp_path / "tried.html")
    assert "Content Security Policy" in console


def test_text_is_escaped_not_markup() -> None:
    html = page("<b>x</b>", "# <script>alert(1)</script>\n- a \x1b[2J b\n| <i> | 2 |\n|---|---|")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\\x1b[2J" in html
    assert "<th>&lt;i&gt;</th>" in html and "<title>&lt;b&gt;x&lt;/b&gt;</title>" in html
