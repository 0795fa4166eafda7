"""A report chart on a ceremony screen, drawn by textual-plotext from `planning.charts` series.

Imported only when a report screen with charts opens (the board screen never loads plotext).
The series come from the report's JSON form, as `--chart` draws them in text, so the screen
and the command line draw the same figures, on the same y ticks (`text_chart.axis`).

Lines and scatters are plotted at x = 0, 1, 2 … with the labels as ticks (as many as fit the
width); a step series (the burndown's scope) is plotted with its corners; the cumulative flow
as filled lines, the running total from the bottom of the stack up to each column, the top
one first; thresholds as red horizontal lines labelled at their left end (the newest data is on the
right). The legend sits on
a line of its own under the plot, so it never hides data.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static
from textual_plotext import PlotextPlot

from mlboard.models.text import visible
from mlboard.planning.charts import Chart, Series
from mlboard.planning.text_chart import THRESHOLD, axis, format_value, short_label

TICK_GAP = 2
Rgb = tuple[int, int, int]
PALETTE: tuple[Rgb, ...] = (
    (66, 133, 244),  # blue
    (255, 152, 0),  # orange
    (67, 160, 71),  # green
    (171, 71, 188),  # purple
    (0, 172, 193),  # cyan
    (192, 160, 0),  # ochre
    (141, 110, 99),  # brown
    (120, 144, 156),  # grey
)
THRESHOLD_COLOUR: Rgb = (229, 57, 53)


def colours(chart: Chart) -> list[Rgb]:
    """A colour per series; in a line chart the last series (drawn on top) gets the first."""
    picked = [PALETTE[n % len(PALETTE)] for n in range(len(chart.series))]
    return picked[::-1] if chart.shape == "lines" else picked


class ChartPlot(PlotextPlot):
    """The plot of one chart, redrawn for its size."""

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self.chart = chart

    def render(self) -> RenderResult:
        self.draw(self.size.width)
        return super().render()

    def draw(self, width: int) -> None:
        """Give plotext the chart's series, thresholds and ticks for `width` columns."""
        plt = self.plt
        chart = self.chart
        plt.clear_figure()
        plt.title(visible(chart.title))
        tints = colours(chart)
        if chart.shape == "bars":
            plt.multiple_bar(
                [visible(x) for x in chart.x_labels],
                [bar_values(s, len(chart.x_labels)) for s in chart.series],
                color=tints,  # type: ignore[arg-type]
            )  # (plotext takes a colour per bar series; textual-plotext's stub says one)
        elif chart.shape == "stacked":
            for (xs, ys), tint in reversed(list(zip(stacked_lines(chart), tints, strict=True))):
                plt.plot(xs, ys, fillx=True, marker="sd", color=tint)
        else:
            for s, tint in zip(chart.series, tints, strict=True):
                xs, ys = plotted(s)
                if chart.shape == "scatter":
                    plt.scatter(xs, ys, marker="●", color=tint)
                else:
                    plt.plot(xs, ys, marker="hd", color=tint)
        last = len(chart.x_labels) - 1
        for value, label in threshold_lines(chart):
            plt.horizontal_line(value, color=THRESHOLD_COLOUR)
            plt.text(visible(label), 0, value, color=THRESHOLD_COLOUR, alignment="left")
        if chart.shape != "bars":
            ticks = tick_indexes(chart.x_labels, width)
            plt.xticks([float(i) for i in ticks], [short_label(chart.x_labels[i]) for i in ticks])
            plt.xlim(-0.5, last + 0.5)
        values, low, high = axis(chart.values(), chart.from_zero)
        plt.ylim(low, high)
        plt.yticks(values, [format_value(v) for v in values])


class ReportChart(Vertical):
    """One chart of a report with its legend; `chart` holds the series it draws."""

    DEFAULT_CSS: ClassVar[str] = """
    ReportChart { height: 15; min-width: 40; }
    ReportChart ChartPlot { height: 1fr; }
    ReportChart .chart-legend { height: auto; padding: 0 1; }
    """

    def __init__(self, chart: Chart) -> None:
        super().__init__(classes="report-chart")
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield ChartPlot(self.chart)
        yield Static(legend(self.chart), classes="chart-legend")


def legend(chart: Chart) -> Text:
    """Each series' name after a block of its colour; each threshold after a red ``┄``."""
    text = Text()
    items = list(zip(chart.series, colours(chart), strict=True))
    if chart.shape == "stacked":
        items.reverse()  # the top of the stack first, as the areas read
    for s, (r, g, b) in items:
        text.append("■ ", style=f"rgb({r},{g},{b})")
        text.append(visible(s.name) + "   ")
    r, g, b = THRESHOLD_COLOUR
    for threshold in chart.thresholds:
        text.append(f"{THRESHOLD} ", style=f"bold rgb({r},{g},{b})")
        text.append(visible(threshold.label) + "   ")
    text.rstrip()
    return text


def threshold_lines(chart: Chart) -> list[tuple[float, str]]:
    """One line per threshold value, its label naming every threshold at that value (a
    median equal to the 85th percentile is one line, ``median 15 d · p85 15 d``)."""
    lines: dict[float, list[str]] = {}
    for threshold in chart.thresholds:
        lines.setdefault(threshold.value, []).append(threshold.label)
    return [(value, " · ".join(labels)) for value, labels in lines.items()]


def show_charts(panel: Widget, charts: Sequence[Chart]) -> None:
    """Put these charts in `panel`, in order; the same charts are left as they are."""
    if [w.chart for w in panel.query_children(ReportChart)] == list(charts):
        return
    panel.remove_children()
    panel.mount_all([ReportChart(chart) for chart in charts])


def plotted(series: Series) -> tuple[list[float], list[float]]:
    """The x and y a series is plotted at: its points, with a step's corners added."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in series.points:
        if series.step and ys:
            xs.append(x)
            ys.append(ys[-1])
        xs.append(x)
        ys.append(y)
    return xs, ys


def bar_values(series: Series, count: int) -> list[float]:
    """A series as one value per x label (0 where it has none)."""
    found = dict(series.points)
    return [found.get(i, 0.0) for i in range(count)]


def stacked_lines(chart: Chart) -> list[tuple[list[float], list[float]]]:
    """Per series of a stacked chart, bottom first, the x and the running total of the
    series from the bottom of the stack up to it."""
    count = len(chart.x_labels)
    columns = [bar_values(s, count) for s in chart.series]
    totals = accumulate(
        columns, lambda below, own: [a + b for a, b in zip(below, own, strict=True)]
    )
    xs = [float(i) for i in range(count)]
    return [(xs, total) for total in totals]


def tick_indexes(labels: tuple[str, ...], width: int) -> list[int]:
    """Which x labels get a tick: evenly spaced, as many as fit `width`, the first always."""
    if not labels:
        return []
    size = max(len(short_label(label)) for label in labels) + TICK_GAP
    fit = max(1, (width - 8) // size)
    step = -(-len(labels) // fit)
    return list(range(0, len(labels), step))
