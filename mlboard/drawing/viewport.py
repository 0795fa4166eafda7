"""Where a view looks into a picture: centred when smaller, the focused box never cut.

Sizes are ``(width, height)`` in cells. A view shows ``room`` cells of the picture from its
scroll offset; scrollbars ``bar`` cells thick come when the picture is larger than the view.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from mlboard.drawing.geometry import Box

Size = tuple[int, int]
MARGIN_X = 2  # columns kept beside the focused box when the view scrolls to it
MARGIN_Y = 1  # rows kept above and below it (the arrow into it, the line out of it)


def room(picture: Size, view: Size, bar: int) -> Size:
    """The cells a view of size ``view`` has for ``picture`` once its scrollbars are drawn."""
    (pw, ph), (w, h) = picture, view
    tall = ph > h
    wide = pw > w - (bar if tall else 0)
    if wide and not tall:
        tall = ph > h - bar
    return max(0, w - (bar if tall else 0)), max(0, h - (bar if wide else 0))


def fits(picture: Size, view: Size, bar: int) -> bool:
    """Whether ``picture`` fits the view's width: nothing to scroll sideways, no box cut.

    A layered picture reads downward, so a tall one scrolls like a list.
    """
    return picture[0] <= room(picture, view, bar)[0]


def inset(picture: Size, shown: Size) -> Size:
    """Blank cells left of and above a picture smaller than the view: centred."""
    return max(0, (shown[0] - picture[0]) // 2), max(0, (shown[1] - picture[1]) // 2)


class BoxIndex:
    """The boxes by their top row, to find those a band of rows shows."""

    def __init__(self, boxes: Iterable[Box]) -> None:
        self._boxes = sorted(boxes, key=lambda b: b.y)
        self._tops = [b.y for b in self._boxes]
        self._tallest = max((b.h for b in self._boxes), default=0)

    def rows(self, top: int, bottom: int) -> Sequence[Box]:
        """The boxes with a cell in rows ``top`` to ``bottom`` (excluded)."""
        start = bisect.bisect_left(self._tops, top - self._tallest + 1)
        end = bisect.bisect_left(self._tops, bottom)
        return [b for b in self._boxes[start:end] if b.y + b.h > top]


def follow(
    offset: Size,
    shown: Size,
    picture: Size,
    box: Box,
    index: BoxIndex,
    *,
    settle: bool = False,
) -> Size:
    """The scroll offset that shows ``box`` whole, with a margin when there is room.

    The offset stays where it is when the box is already shown so; otherwise it moves
    sideways to where the fewest boxes are cut at the view's left and right edges (then
    the nearest), and up or down as little as it can. ``settle`` (a first view) also
    places the top edge where the fewest boxes are cut. A box wider than the view shows
    its left end.
    """
    low, high = _span(shown[1], picture[1], box.y, box.h, MARGIN_Y)
    if settle:
        near = index.rows(low, high + shown[1])
        y = _fewest_cuts(offset[1], low, high, shown[1], [(b.y, b.h) for b in near])
    else:
        y = min(max(offset[1], low), high)
    low, high = _span(shown[0], picture[0], box.x, box.w, MARGIN_X)
    if low <= offset[0] <= high and not settle:
        return offset[0], y
    near = index.rows(y, y + shown[1])
    return _fewest_cuts(offset[0], low, high, shown[0], [(b.x, b.w) for b in near]), y


def _span(length: int, total: int, start: int, size: int, margin: int) -> tuple[int, int]:
    """The offsets that show ``start``..``start + size`` whole (with ``margin`` if it fits)."""
    last = max(0, total - length)
    for pad in (margin, 0):
        low = max(0, min(total, start + size + pad) - length)
        high = min(last, max(0, start - pad))
        if low <= high:
            return low, high
    at = min(last, start)
    return at, at


def _fewest_cuts(
    offset: int, low: int, high: int, length: int, spans: Sequence[tuple[int, int]]
) -> int:
    """The offset in ``low``..``high`` cutting the fewest ``(start, size)`` spans at either
    end of a view ``length`` long, then the nearest to ``offset``."""
    cuts = [0] * (high - low + 2)
    for start, size in spans:
        for first, end in ((start + 1, start + size), (start + 1 - length, start + size - length)):
            lo, hi = max(first, low), min(end, high + 1)  # the offsets cutting the span
            if lo < hi:
                cuts[lo - low] += 1
                cuts[hi - low] -= 1
    best, best_key = low, (2 * len(spans) + 1, 0)  # a span can be cut at both ends
    running = 0
    for at in range(low, high + 1):
        running += cuts[at - low]
        key = (running, abs(at - offset))
        if key < best_key:
            best, best_key = at, key
    return best
