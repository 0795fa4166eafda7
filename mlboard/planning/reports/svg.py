"""A chart (`planning.charts.Chart`) as inline SVG for the HTML reports: no script, no fonts or
files fetched. The series are the ones `--chart` and the report screens draw, so a page, a
terminal and a screen show the same figures.

Every label passes the sanitizer and is XML-escaped; numbers are formatted, never raw input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from mlboard.models.text import visible
from mlboard.planning.charts import Chart, Series
from mlboard.planning.text_chart import axis, format_value, short_label

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 40, 28
COLOURS = ("#9ca3af", "#7c3aed", "#2563eb", "#16a34a", "#ea580c", "#0891b2")
THRESHOLD_COLOUR = "#dc2626"
LABEL_ROOM = 56  # pixels an x label takes, with the gap to the next


def chart_svg(chart: Chart) -> str:
    """The chart as one ``<svg>`` element; ``""`` when it has nothing to draw."""
    values = chart.values()
    if not chart.x_labels or not values:
        return ""
    ticks, low, high = axis(values, chart.from_zero)
    plot = _Plot(low, high, len(chart.x_labels))
    parts = [_title(chart.title), *_y_axis(plot, ticks), *_x_axis(plot, chart.x_labels)]
    colours = [COLOURS[n % len(COLOURS)] for n in range(len(chart.series))]
    if chart.shape == "bars":
        parts += _bars(plot, chart.series, colours)
    elif chart.shape == "stacked":
        parts += _stacked(plot, chart.series, colours)
    else:
        for s, colour in zip(chart.series, colours, strict=True):
            parts += (
                _points(plot, s, colour) if chart.shape == "scatter" else _line(plot, s, colour)
            )
    for threshold in chart.thresholds:
        y = plot.y(threshold.value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{THRESHOLD_COLOUR}" stroke-dasharray="4 3"/>'
        )
    legend = [(s.name, c) for s, c in zip(chart.series, colours, strict=True)]
    legend += [(t.label, THRESHOLD_COLOUR) for t in chart.thresholds]
    parts += _legend(legend)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{_text(chart.title)}">'
        + "".join(parts)
        + "</svg>"
    )


class _Plot:
    """Where a value and an x index fall on the page."""

    def __init__(self, low: float, high: float, count: int) -> None:
        self.low, self.high, self.count = low, high, count
        self.slot = (WIDTH - LEFT - RIGHT) / count

    def x(self, index: float) -> float:
        return LEFT + (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return HEIGHT - BOTTOM - (value - self.low) / span * (HEIGHT - TOP - BOTTOM)


def _text(value: str) -> str:
    return escape(visible(value), quote=True)


def _title(title: str) -> str:
    return f'<text x="{LEFT}" y="14" font-size="12" font-weight="bold">{_text(title)}</text>'


def _y_axis(plot: _Plot, ticks: Sequence[float]) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#6b7280"/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#6b7280"/>',
    ]
    for tick in ticks:
        y = plot.y(tick)
        parts.append(
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" font-size="10" text-anchor="end">'
            f"{_text(format_value(tick))}</text>"
        )
    return parts


def _x_axis(plot: _Plot, labels: Sequence[str]) -> list[str]:
    """Labels (dates as ``18 Nov``) at even steps that leave room for each, and the last."""
    every = max(1, math.ceil(LABEL_ROOM / plot.slot))
    shown = list(range(0, len(labels), every))
    last = len(labels) - 1
    if shown[-1] != last:  # the last label takes the place of one too close to it
        shown[-1 if last - shown[-1] < every else len(shown) :] = [last]
    return [
        f'<text x="{plot.x(i):.1f}" y="{HEIGHT - 10}" font-size="10" text-anchor="middle">'
        f"{_text(short_label(labels[i]))}</text>"
        for i in shown
    ]


def _line(plot: _Plot, series: Series, colour: str) -> list[str]:
    coords: list[str] = []
    last_y: float | None = None
    for x, value in series.points:
        if series.step and last_y is not None:
            coords.append(f"{plot.x(x):.1f},{last_y:.1f}")
        last_y = plot.y(value)
        coords.append(f"{plot.x(x):.1f},{last_y:.1f}")
    return [
        f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(coords)}"/>'
    ]


def _points(plot: _Plot, series: Series, colour: str) -> list[str]:
    return [
        f'<circle cx="{plot.x(x):.1f}" cy="{plot.y(v):.1f}" r="3" fill="{colour}"/>'
        for x, v in series.points
    ]


def _bars(plot: _Plot, series: Sequence[Series], colours: Sequence[str]) -> list[str]:
    width = plot.slot / (len(series) + 1)
    parts = []
    for n, (s, colour) in enumerate(zip(series, colours, strict=True)):
        for x, value in s.points:
            top, base = plot.y(max(value, 0.0)), plot.y(min(value, 0.0))
            left = LEFT + x * plot.slot + width * (n + 0.5)
            parts.append(
                f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" '
                f'height="{base - top:.1f}" fill="{colour}"/>'
            )
    return parts


def _stacked(plot: _Plot, series: Sequence[Series], colours: Sequence[str]) -> list[str]:
    """Areas: each series on top of the ones before it."""
    below: dict[int, float] = {}
    parts = []
    for s, colour in zip(series, colours, strict=True):
        xs = [x for x, _ in s.points]
        top = {x: below.get(x, 0.0) + v for x, v in s.points}
        upper = [f"{plot.x(x):.1f},{plot.y(top[x]):.1f}" for x in xs]
        lower = [f"{plot.x(x):.1f},{plot.y(below.get(x, 0.0)):.1f}" for x in reversed(xs)]
        parts.append(
            f'<polygon fill="{colour}" fill-opacity="0.8" points="{" ".join(upper + lower)}"/>'
        )
        below = {**below, **top}
    return parts


def _legend(entries: Sequence[tuple[str, str]]) -> list[str]:
    parts = []
    x = float(LEFT)
    for name, colour in entries:
        label = visible(name)
        parts.append(f'<rect x="{x:.1f}" y="22" width="9" height="9" fill="{colour}"/>')
        parts.append(f'<text x="{x + 12:.1f}" y="30" font-size="10">{_text(label)}</text>')
        x += 24 + 6 * len(label)
    return parts
