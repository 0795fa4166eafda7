"""A chart as plain text: what `mlboard burndown|retro|review|flow --chart` prints.

No colour and no terminal needed: one character per cell, a y axis labelled with values (and
with each threshold's value), an x axis labelled with dates (``18 Nov``) or sprint ids, every
threshold drawn as a labelled ``┄`` line, and a legend naming each glyph. Every line fits in
the width asked for (at least `MIN_WIDTH` columns); 80 columns read well.

Rows stand for evenly spaced levels from the axis's low value (row 0, at the bottom) to its
high one (the top row): a value is drawn in the nearest row, a bar or an area fills the rows
up to that row (an area the rows above the one below it). Each x label has a column, evenly
spread over the plot's width (bars: a slot each, the value written over a bar wide enough;
with more sprints than slots, the latest ones are drawn and the title says so).
"""

from __future__ import annotations

import itertools
import math
import sys
import textwrap
from collections.abc import Sequence
from datetime import date

from mlboard.drawing.canvas import cell_width, shorten
from mlboard.models.text import visible
from mlboard.planning.charts import Chart, Json, Series, report_charts, single_point_trends

MIN_WIDTH = 40
HEIGHT = 12
LINE_GLYPHS = (".", "=", "+", "x", "o", "*", "#", "~")
LAST_LINE = ("●", "•")  # the series drawn last (on top): its points, and what joins them
BAR_GLYPHS = ("░", "█", "▒", "▓")
AREA_GLYPHS = ("█", "▓", "▒", "░", "#", "=", "+", ":", "o", "~")
POINT_GLYPHS = ("●", "▲", "■", "◆", "x", "+", "o", "*")
THRESHOLD = "┄"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

NOTHING = {
    "burndown": "The sprint has no days to draw yet.",
    "retro": "No closed sprint yet: no velocity to draw.",
    "review": "No metric has results in two sprints yet: no trend to draw.",
}

Grid = list[list[str]]


def render_charts(charts: Sequence[Chart], width: int = 80, height: int = HEIGHT) -> str:
    """The charts one after the other, a blank line between."""
    return "\n\n".join("\n".join(render_chart(c, width, height)) for c in charts)


def render_chart(chart: Chart, width: int = 80, height: int = HEIGHT) -> list[str]:
    """The chart's lines, none wider than `width` columns (`MIN_WIDTH` at least)."""
    width = max(width, MIN_WIDTH)
    height = max(height, 3)
    title = visible(chart.title)
    values = chart.values()
    if not chart.x_labels or not values:
        return [shorten(title, width), shorten("  (nothing to draw yet)", width)]
    ticks, low, high = axis(values, chart.from_zero)
    labels: dict[int, str] = {}
    for value in ticks:  # two ticks in one row: the lower one
        labels.setdefault(_row(value, low, high, height), format_value(value))
    for threshold in chart.thresholds:
        labels[_row(threshold.value, low, high, height)] = format_value(threshold.value)
    label_width = max(cell_width(text) for text in labels.values())
    plot_width = width - label_width - 2
    x_labels = list(chart.x_labels)
    series = list(chart.series)
    if chart.shape == "bars":
        shown = max(1, plot_width // (len(series) + 1))
        if len(x_labels) > shown:
            title += f" (the last {shown} of {len(x_labels)})"
            first = len(x_labels) - shown
            x_labels = x_labels[first:]
            series = [
                Series(s.name, tuple((i - first, v) for i, v in s.points if i >= first))
                for s in series
            ]
    grid: Grid = [[" "] * plot_width for _ in range(height)]
    scale = _Scale(low, high, height, plot_width, len(x_labels))
    _draw_thresholds(grid, chart, scale)
    columns = _draw(grid, chart, series, scale)
    _label_thresholds(grid, chart, scale)
    lines = [shorten(title, width)]
    for row in range(height - 1, -1, -1):
        tick = labels.get(row)
        axis_char = "┤" if tick is not None else "│"
        text = (tick or "").rjust(label_width)
        lines.append(f"{text} {axis_char}{''.join(grid[row])}".rstrip())
    lines.append(" " * label_width + " └" + "─" * plot_width)
    lines.append((" " * (label_width + 2) + _x_axis(x_labels, columns, plot_width)).rstrip())
    lines += _legend(chart, series, width)
    return lines


# --- the axis ------------------------------------------------------------------------------


def axis(values: Sequence[float], from_zero: bool) -> tuple[list[float], float, float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) covering the values, and the
    axis's low and high ends (the outer ticks)."""
    low, high = min(values), max(values)
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if (high - low) / 5 < sys.float_info.min:  # one value, or two a denormal apart
        pad = abs(high) * 0.1 or 1.0
        low, high = (low, high + pad) if from_zero and low == 0 else (low - pad, high + pad)
    step = _nice((high - low) / 5)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    ticks = [_clean(k * step) for k in range(first, last + 1)]
    if ticks[-1] <= ticks[0]:  # values too close for twelve digits: the values themselves
        return [low, high], low, high
    return ticks, ticks[0], ticks[-1]


def _nice(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power


def _clean(value: float) -> float:
    return float(f"{value:.12g}")


def format_value(value: float) -> str:
    """A value in at most four significant digits, no exponent for everyday sizes."""
    if value == 0:
        return "0"
    digits = max(0, min(6, 3 - math.floor(math.log10(abs(value)))))
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if len(text) <= 10 else f"{value:.3g}"


def _row(value: float, low: float, high: float, height: int) -> int:
    return int((value - low) / (high - low) * (height - 1) + 0.5)


class _Scale:
    """From values to rows and from x indexes to columns."""

    def __init__(self, low: float, high: float, height: int, width: int, count: int) -> None:
        self.low, self.high, self.height, self.width, self.count = low, high, height, width, count

    def row(self, value: float) -> int:
        return min(self.height - 1, max(0, _row(value, self.low, self.high, self.height)))

    def rows_up_to(self, value: float) -> int:
        """How many rows a bar or an area up to `value` fills: up to the value's row."""
        return 0 if value <= self.low else self.row(value) + 1

    def column(self, index: int) -> int:
        if self.count == 1:
            return self.width // 2
        return int(index * (self.width - 1) / (self.count - 1) + 0.5)

    def slot(self, index: int) -> tuple[int, int]:
        """A bar group's first column and its width."""
        size = self.width // self.count
        return index * size, size


# --- drawing -------------------------------------------------------------------------------


def _draw(grid: Grid, chart: Chart, series: list[Series], scale: _Scale) -> list[int]:
    """Draw the series; the column under each x label."""
    if chart.shape == "bars":
        return _draw_bars(grid, series, scale)
    if chart.shape == "stacked":
        _draw_stacked(grid, series, scale)
    elif chart.shape == "scatter":
        for n, s in enumerate(series):
            for index, value in s.points:
                grid[scale.row(value)][scale.column(index)] = POINT_GLYPHS[n % len(POINT_GLYPHS)]
    else:
        for n, s in enumerate(series):
            glyphs = _line_glyphs(n, len(series))
            _draw_line(grid, s, scale, glyphs)
    return [scale.column(i) for i in range(scale.count)]


def _line_glyphs(n: int, count: int) -> tuple[str, str]:
    if n == count - 1:
        return LAST_LINE
    glyph = LINE_GLYPHS[n % len(LINE_GLYPHS)]
    return glyph, glyph


def _draw_line(grid: Grid, series: Series, scale: _Scale, glyphs: tuple[str, str]) -> None:
    mark, join = glyphs
    points = [(scale.column(i), scale.row(v), v) for i, v in series.points]
    for (x0, y0, v0), (x1, y1, v1) in itertools.pairwise(points):
        if series.step:
            for x in range(x0 + 1, x1):
                grid[y0][x] = join
            for y in range(min(y0, y1) + 1, max(y0, y1)):
                grid[y][x1] = join
        else:
            for x in range(x0 + 1, x1):
                grid[scale.row(v0 + (v1 - v0) * (x - x0) / (x1 - x0))][x] = join
    for x, y, _ in points:
        grid[y][x] = mark


def _draw_bars(grid: Grid, series: list[Series], scale: _Scale) -> list[int]:
    kinds = max(1, len(series))
    centres = []
    for index in range(scale.count):
        start, size = scale.slot(index)
        bar = max(1, (size - 1) // kinds)
        left = start + (size - 1 - bar * kinds) // 2
        centres.append(left + (bar * kinds - 1) // 2)
        for n, s in enumerate(series):
            value = dict(s.points).get(index)
            if value is None or value <= scale.low:
                continue
            top = scale.rows_up_to(value)
            for row in range(top):
                for x in range(left + n * bar, left + (n + 1) * bar):
                    grid[row][x] = BAR_GLYPHS[n % len(BAR_GLYPHS)]
            text = format_value(value)
            if len(text) <= bar:  # the value over its bar (in its top row when at the top)
                first = left + n * bar + (bar - len(text)) // 2
                grid[min(top, scale.height - 1)][first : first + len(text)] = list(text)
    return centres


def _draw_stacked(grid: Grid, series: list[Series], scale: _Scale) -> None:
    values = [dict(s.points) for s in series]
    for x in range(scale.width):
        index = 0 if scale.count == 1 else int(x * (scale.count - 1) / (scale.width - 1) + 0.5)
        total = scale.low
        for n, points in enumerate(values):
            below = scale.rows_up_to(total)
            total += points.get(index, 0.0)
            for row in range(below, scale.rows_up_to(total)):
                grid[row][x] = AREA_GLYPHS[n % len(AREA_GLYPHS)]


def _draw_thresholds(grid: Grid, chart: Chart, scale: _Scale) -> None:
    for threshold in chart.thresholds:
        grid[scale.row(threshold.value)] = [THRESHOLD] * scale.width


def _label_thresholds(grid: Grid, chart: Chart, scale: _Scale) -> None:
    """Each threshold's label on its line, at the right end, else the left, where no data
    was drawn; the legend names it either way."""
    for threshold in chart.thresholds:
        row = grid[scale.row(threshold.value)]
        text = f" {visible(threshold.label)} "
        if cell_width(text) != len(text) or len(text) > scale.width:
            continue
        for start in (scale.width - len(text), 0):
            if all(c == THRESHOLD for c in row[start : start + len(text)]):
                row[start : start + len(text)] = list(text)
                break


# --- labels --------------------------------------------------------------------------------


def short_label(label: str) -> str:
    """An ISO date as ``18 Nov``; a sprint id as it is."""
    try:
        day = date.fromisoformat(label)
    except ValueError:
        return visible(label)
    return f"{day.day} {MONTHS[day.month - 1]}"


def _x_axis(labels: list[str], columns: list[int], width: int) -> str:
    """As many labels as fit with two spaces between, the first and the last always."""
    texts = [shorten(short_label(label), width) for label in labels]
    order = [0, len(texts) - 1] if len(texts) > 1 else [0]
    order += range(1, len(texts) - 1)
    taken: list[tuple[int, int]] = []
    line = [" "] * width
    for index in order:
        text = texts[index]
        size = cell_width(text)
        start = min(max(0, columns[index] - (size - 1) // 2), width - size)
        if size == 0 or any(start < end + 2 and begin < start + size + 2 for begin, end in taken):
            continue
        taken.append((start, start + size))
        line[start] = text
        for x in range(start + 1, start + size):
            line[x] = ""
    return "".join(line)


def _legend(chart: Chart, series: list[Series], width: int) -> list[str]:
    items = []
    for n, s in enumerate(series):
        if chart.shape == "bars":
            glyph = BAR_GLYPHS[n % len(BAR_GLYPHS)]
        elif chart.shape == "stacked":
            glyph = AREA_GLYPHS[n % len(AREA_GLYPHS)]
        elif chart.shape == "scatter":
            glyph = POINT_GLYPHS[n % len(POINT_GLYPHS)]
        else:
            glyph = _line_glyphs(n, len(series))[0]
        items.append(f"{glyph} {visible(s.name)}")
    if chart.shape == "stacked":
        items.reverse()  # top of the stack first, as the areas read
    items += [f"{THRESHOLD} {visible(t.label)}" for t in chart.thresholds]
    lines: list[str] = []
    current = ""
    for item in (shorten(i, width) for i in items):
        joined = f"{current}   {item}" if current else item
        if current and cell_width(joined) > width:
            lines.append(current)
            joined = item
        current = joined
    return [*lines, current] if current else lines


def report_chart_text(kind: str, report: Json, width: int = 80) -> str:
    """What `--chart` prints for a report's JSON form: its charts, or why there is none, and
    for a review the metrics not drawn because only one sprint has a value."""
    charts = report_charts(kind, report)
    parts = [render_charts(charts, width)] if charts else [NOTHING[kind]]
    if kind == "review":
        single = single_point_trends(report)
        if single:
            text = visible(f"One sprint so far, not drawn: {', '.join(single)}.")
            parts.append(textwrap.fill(text, width))
    return "\n\n".join(parts)
