"""Benchmark: the report charts on a board of 10,000 cards and ~50,000 events.

Run by hand: ``.venv/bin/python bench/charts.py [--cards 10000] [--runs 5]``. For each
report with charts, the median time of building the report, of its JSON form, of the series
(`planning.charts`), of the text charts (`--chart`, 80 columns) and of plotext drawing them
(120×15 each, as on the ceremony screens), and the charts' share of the whole.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from reports import big_board

from mlboard.planning.charts import report_charts
from mlboard.planning.reports.registry import REPORTS, Request
from mlboard.planning.text_chart import render_charts


def _median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _plot(charts: list[Any]) -> None:
    from mlboard.ui.widgets.report_chart import ChartPlot

    for chart in charts:
        plot = ChartPlot(chart)
        plot.draw(120)
        plot.plt.plotsize(120, 15)
        plot.plt.build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    board, now = big_board(args.cards)
    request = Request(now)
    print(f"{args.cards} cards, {len(board.events)} events; median of {args.runs} runs, ms")
    print(f"{'report':10} {'build':>8} {'json':>8} {'series':>8} {'text':>8} {'plot':>8} share")
    _plot([])  # import plotext once, outside the timings
    for name in ("burndown", "retro", "review", "flow"):
        kind = REPORTS[name]
        report = kind.build(board, request)
        document = report.to_json()
        charts = report_charts(name, document)
        build = _median_ms(lambda: kind.build(board, request), args.runs)  # noqa: B023
        as_json = _median_ms(report.to_json, args.runs)
        series = _median_ms(lambda: report_charts(name, document), args.runs)  # noqa: B023
        text = _median_ms(lambda: render_charts(charts, 80), args.runs)  # noqa: B023
        plot = _median_ms(lambda: _plot(charts), args.runs)  # noqa: B023
        share = (series + text) / (build + as_json + series + text)
        print(
            f"{name:10} {build:8.1f} {as_json:8.1f} {series:8.1f} {text:8.1f} {plot:8.1f} "
            f"{share:5.0%} ({len(charts)} charts)"
        )


if __name__ == "__main__":
    main()
