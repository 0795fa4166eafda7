"""The character grid: a ``Layout`` drawn with box-drawing characters, row by row or whole.

A ``Canvas`` indexes the boxes and edge runs once; ``row(y)`` then builds that row's
styled segments on demand (cheap enough for a terminal view that draws only visible rows).
Styles are plain strings: ``node``, ``node-critical``, ``node-blocked``, ``edge``,
``edge-critical``, ``edge-blocked``.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from mlboard.drawing.geometry import Box, Layout

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8
_SHAPES: tuple[int, ...] = (UP | DOWN, LEFT | RIGHT, DOWN | RIGHT, DOWN | LEFT, UP | RIGHT)
_SHAPES += (UP | LEFT, UP | DOWN | RIGHT, UP | DOWN | LEFT, DOWN | LEFT | RIGHT, UP | LEFT | RIGHT)
_SHAPES += (15, UP, DOWN, LEFT, RIGHT)
LIGHT = dict(zip(_SHAPES, "│─╭╮╰╯├┤┬┴┼││──", strict=True))
HEAVY = dict(zip(_SHAPES, "┃━┏┓┗┛┣┫┳┻╋┃┃━━", strict=True))
ARROW = "▼"
BUCKET = 32  # rows per bucket of the vertical-run index
_EDGE_RANK = {"edge": 0, "edge-blocked": 1, "edge-critical": 2}


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with ``…`` when something was cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = cell_width(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Look:
    """How one node is drawn: the text inside its box, heavy when critical."""

    label: str
    critical: bool = False
    blocked: bool = False

    @property
    def style(self) -> str:
        if self.blocked:
            return "node-blocked"
        return "node-critical" if self.critical else "node"


class Segment(NamedTuple):
    """A run of text at column ``x``; ``node`` is the card id for a box's cells."""

    x: int
    text: str
    style: str
    node: str | None = None


class Canvas:
    """The drawing of a layout; ``edge_styles`` maps ``(source, target)`` to an edge style."""

    def __init__(
        self,
        layout: Layout,
        looks: Mapping[str, Look],
        edge_styles: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.width = layout.width
        self.height = layout.height
        self._boxes: dict[int, list[tuple[int, int, str, str, str]]] = {}  # y: (x, w, text, …)
        self._flat: dict[int, list[tuple[int, int, str]]] = {}  # y: (x1, x2, style)
        self._upright: dict[int, list[tuple[int, int, int, str]]] = {}  # bucket: (x, y1, y2, …)
        self._arrows: dict[int, list[tuple[int, str]]] = {}
        self._cache: dict[tuple[int, int, int], list[Segment]] = {}
        styles = edge_styles or {}
        ports: dict[str, list[int]] = {}
        for route in layout.routes:
            ports.setdefault(route.source, []).append(route.points[0][0])
            self._add_route(route.points, styles.get((route.source, route.target), "edge"))
        for node, box in layout.boxes.items():
            self._add_box(node, box, looks[node], ports.get(node, []))
        for runs in (self._boxes, self._upright):
            for found in runs.values():
                found.sort()
        self._upright_x = {b: [run[0] for run in runs] for b, runs in self._upright.items()}

    def _add_route(self, points: tuple[tuple[int, int], ...], style: str) -> None:
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            if y1 == y2:
                self._flat.setdefault(y1, []).append((min(x1, x2), max(x1, x2), style))
            else:
                lo, hi = min(y1, y2), max(y1, y2)
                for bucket in range(lo // BUCKET, hi // BUCKET + 1):
                    self._upright.setdefault(bucket, []).append((x1, lo, hi, style))
        x, y = points[-1]
        self._arrows.setdefault(y, []).append((x, style))

    def _add_box(self, node: str, box: Box, look: Look, ports: list[int]) -> None:
        heavy = look.critical
        edge, side = ("━", "┃") if heavy else ("─", "│")
        top = ("┏" if heavy else "╭") + edge * (box.w - 2) + ("┓" if heavy else "╮")
        bottom = [edge] * box.w
        bottom[0], bottom[-1] = ("┗", "┛") if heavy else ("╰", "╯")
        for x in ports:
            bottom[x - box.x] = "┳" if heavy else "┬"
        label = shorten(look.label, box.w - 4)
        middle = f"{side} {label}{' ' * (box.w - 4 - cell_width(label))} {side}"
        for dy, text in enumerate((top, middle, "".join(bottom))):
            self._boxes.setdefault(box.y + dy, []).append((box.x, box.w, text, look.style, node))

    def row(self, y: int, start: int = 0, end: int | None = None) -> list[Segment]:
        """The segments of row ``y`` within columns ``start`` to ``end``, left to right.

        Blanks between segments are left out; a box cut by the window is cut to it.
        """
        key = (y, start, self.width if end is None else end)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            cached = self._cache[key] = self._build_row(*key)
        return cached

    def _build_row(self, y: int, start: int, end: int) -> list[Segment]:
        light: dict[int, int] = {}
        heavy: dict[int, int] = {}
        style_at: dict[int, str] = {}

        def mark(x: int, bits: int, style: str) -> None:
            into = heavy if style == "edge-critical" else light
            into[x] = into.get(x, 0) | bits
            current = style_at.get(x)
            if current is None or _EDGE_RANK[style] > _EDGE_RANK[current]:
                style_at[x] = style

        for lo, hi, style in self._flat.get(y, ()):
            for x in range(max(lo, start), min(hi, end - 1) + 1):
                mark(x, (LEFT if x > lo else 0) | (RIGHT if x < hi else 0), style)
        runs = self._upright.get(y // BUCKET, [])
        xs = self._upright_x.get(y // BUCKET, [])
        for i in range(bisect.bisect_left(xs, start), bisect.bisect_left(xs, end)):
            x, y1, y2, style = runs[i]
            if y1 <= y <= y2:
                mark(x, (UP if y > y1 else 0) | (DOWN if y < y2 else 0), style)
        edges = {
            x: (_char(light.get(x, 0), heavy.get(x, 0)), style) for x, style in style_at.items()
        }
        for x, style in self._arrows.get(y, ()):
            if start <= x < end:
                edges[x] = (ARROW, style)
        boxes = []
        for x, w, text, style, node in self._boxes.get(y, ()):
            if x < end and x + w > start:
                cut = _clip(x, text, start, end)
                if cut:
                    boxes.append(Segment(*cut, style, node))
        return _merge(edges, boxes)

    def lines(self) -> list[str]:
        """The whole drawing as text lines, trailing blanks stripped."""
        out = []
        for y in range(self.height):
            line, used = [], 0
            for seg in self.row(y):
                line.append(" " * (seg.x - used) + seg.text)
                used = seg.x + cell_width(seg.text)
            out.append("".join(line).rstrip())
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"


def _clip(x: int, text: str, start: int, end: int) -> tuple[int, str] | None:
    """The part of ``text`` (drawn at ``x``) inside columns ``start``..``end``.

    A wide character cut in half becomes a blank.
    """
    if x >= start and x + cell_width(text) <= end:
        return x, text
    out: list[str] = []
    first = None
    for char in text:
        size = cell_width(char)
        if x >= start and x + size <= end:
            out.append(char)
            first = x if first is None else first
        elif x < end and x + size > start:
            overlap = min(x + size, end) - max(x, start)
            out.append(" " * overlap)
            first = max(x, start) if first is None else first
        x += size
    return (first, "".join(out)) if first is not None else None


def _char(light: int, heavy: int) -> str:
    """The box-drawing character for the directions a cell's lines take."""
    if not heavy:
        return LIGHT.get(light, "┼")
    if not light & ~heavy:
        return HEAVY.get(heavy, "╋")
    both = light | heavy
    if both == 15:
        return "╂" if heavy & (UP | DOWN) == UP | DOWN else "┿"
    return (HEAVY if bin(heavy).count("1") >= bin(light).count("1") else LIGHT).get(both, "┼")


def _merge(edges: Mapping[int, tuple[str, str]], boxes: list[Segment]) -> list[Segment]:
    """Box runs over edge cells, edge cells grouped into runs of one style."""
    out = list(boxes)
    spans = [(s.x, s.x + cell_width(s.text)) for s in out]
    k = 0
    run: list[str] = []
    start, style, last = 0, "", -2
    for x in sorted(edges):
        while k < len(spans) and spans[k][1] <= x:
            k += 1
        if k < len(spans) and spans[k][0] <= x:
            continue
        char, kind = edges[x]
        if run and (x != last + 1 or kind != style):
            out.append(Segment(start, "".join(run), style))
            run = []
        if not run:
            start, style = x, kind
        run.append(char)
        last = x
    if run:
        out.append(Segment(start, "".join(run), style))
    out.sort(key=lambda s: s.x)
    return out
