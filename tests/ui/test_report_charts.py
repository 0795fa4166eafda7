"""Charts on the ceremony screens: the series each screen plots equal what the report's JSON
form (`mlboard … --json`, same board, same clock) gives, and plotext loads only with them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.package_data import sample_board
from mlboard.planning.charts import Chart, report_charts
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService
from mlboard.ui.app import MlboardApp
from mlboard.ui.screens.ceremony import CeremonyScreen

SAMPLE_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def copy_of(sample: str, tmp_path: Path) -> Path:
    path = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board(sample), path)
    return path


def printed(path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    capsys.readouterr()
    ctx = Context(path, clock=FixedClock(SAMPLE_NOW))
    assert main(["--board", str(path), *argv, "--json"], ctx) in (0, 1)
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


async def charts_on_screen(
    path: Path, key: str, size: tuple[int, int] = (120, 40), widths: list[int] | None = None
) -> list[Any]:
    """The charts (and the data plotext was given) the screen `key` opens shows, once its
    report is computed; `widths` receives each chart's width."""
    widths = [] if widths is None else widths
    from mlboard.ui.widgets.report_chart import ChartPlot, ReportChart

    app = MlboardApp(BoardService.open(path, FixedClock(SAMPLE_NOW)))
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CeremonyScreen)
        shown = list(app.screen.query(ReportChart))
        for widget in shown:  # each has drawn its plot at its size
            plot = widget.query_one(ChartPlot)
            assert plot.size.width >= 40 and plot.size.height >= 10
        widths.extend(w.size.width for w in shown)
        return [(w.chart, w.query_one(ChartPlot).plt.monitor) for w in shown]


def plotted_lines(chart: Chart) -> list[tuple[list[float], list[float]]]:
    """What a line chart gives plotext, recomputed: each series' points, a step's corners."""
    out = []
    for s in chart.series:
        xs: list[float] = []
        ys: list[float] = []
        for x, y in s.points:
            if s.step and ys:
                xs.append(x)
                ys.append(ys[-1])
            xs.append(x)
            ys.append(y)
        out.append((xs, ys))
    return out


async def test_review_plots_the_trends_of_review_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of("scrum", tmp_path)
    expected = report_charts("review", printed(path, capsys, "review"))
    assert len(expected) == 6
    shown = await charts_on_screen(path, "r", size=(200, 50))  # two abreast: all in view
    assert [chart for chart, _ in shown] == expected
    for chart, monitor in shown:
        assert list(zip(monitor.x, monitor.y, strict=True)) == plotted_lines(chart)
    holdout = expected[0]
    assert holdout.thresholds[0].label == "goal accuracy>=0.91"


async def test_standup_plots_the_active_sprints_burndown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of("scrum", tmp_path)
    expected = report_charts("burndown", printed(path, capsys, "burndown"))
    shown = await charts_on_screen(path, "s", size=(80, 24))
    assert [chart for chart, _ in shown] == expected
    ((chart, monitor),) = shown
    assert list(zip(monitor.x, monitor.y, strict=True)) == plotted_lines(chart)
    scope = next(s for s in chart.series if s.name == "scope")
    assert [v for _, v in scope.points] == [37.0] * 6 + [39.0] * 3  # TR-52 added on 24 Nov


async def test_retro_plots_velocity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_of("scrum", tmp_path)
    report = printed(path, capsys, "retro")
    widths: list[int] = []
    shown = await charts_on_screen(path, "R", size=(200, 50), widths=widths)
    assert widths[0] > 180  # one chart alone takes the whole width
    ((chart, _),) = shown
    assert chart == report_charts("retro", report)[0]
    committed = [(i, v["committed_points"]) for i, v in enumerate(report["velocity"])]
    assert next(s for s in chart.series if s.name == "committed").points == tuple(committed)


async def test_flow_plots_cumulative_flow_and_cycle_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of("kanban", tmp_path)
    report = printed(path, capsys, "flow")
    widths: list[int] = []
    shown = await charts_on_screen(path, "f", size=(200, 50), widths=widths)
    assert max(widths) < 100  # two abreast
    (cfd, cfd_monitor), (cycle, cycle_monitor) = shown
    assert [cfd, cycle] == report_charts("flow", report)
    # the areas: per column, the cards in it and in every column after it, top of the stack
    # (the first column) drawn first
    columns = report["cumulative_flow"]["columns"]
    stacks = [
        [
            float(sum(day["counts"][c] for c in columns[n:]))
            for day in report["cumulative_flow"]["days"]
        ]
        for n in range(len(columns))
    ]
    assert cfd_monitor.y == stacks
    # the scatter: one point per card finished, at its day, its days from start to done
    dates = [day["date"] for day in report["cumulative_flow"]["days"]]
    points = sorted((dates.index(c["date"]), c["days"]) for c in report["cycle_time"]["cards"])
    plotted = sorted(
        (x, y)
        for xs, ys in zip(cycle_monitor.x, cycle_monitor.y, strict=True)
        for x, y in zip(xs, ys, strict=True)
    )
    assert plotted == points and len(points) == report["cycle_time"]["count"]


async def test_c_hides_and_shows_the_charts(tmp_path: Path) -> None:
    from mlboard.ui.widgets.report_chart import ReportChart

    app = MlboardApp(BoardService.open(copy_of("scrum", tmp_path), FixedClock(SAMPLE_NOW)))
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one("#report-charts")
        assert panel.display and len(panel.query(ReportChart)) == 1
        await pilot.press("c")
        assert not panel.display
        await pilot.press("c")
        assert panel.display


def test_the_board_screen_does_not_load_plotext() -> None:
    code = (
        "import sys\n"
        "import mlboard.ui.app, mlboard.ui.screens.board, mlboard.ui.screens.ceremony\n"
        "print([m for m in sys.modules if 'plotext' in m])\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "[]"


def test_snapshot_flow_charts(snap_compare: Any, tmp_path: Path) -> None:
    app = MlboardApp(BoardService.open(copy_of("kanban", tmp_path), FixedClock(SAMPLE_NOW)))
    app.animation_level = "none"

    async def open_flow(pilot: Any) -> None:
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_flow)


def test_thresholds_at_one_value_share_a_line_and_a_label() -> None:
    from mlboard.planning.charts import Threshold
    from mlboard.ui.widgets.report_chart import threshold_lines

    chart = Chart("t", "scatter", ("d",), (),
        (Threshold("median 15 d", 15.0), Threshold("p85 15 d", 15.0), Threshold("x", 2.0)),
    )  # fmt: skip
    assert threshold_lines(chart) == [(15.0, "median 15 d · p85 15 d"), (2.0, "x")]
