"""Where things are on the board grid's screen: column widths, what a row or a click shows."""

from __future__ import annotations

from mlboard.ui.board_model import BoardView


def column_widths(width: int, count: int) -> tuple[int, ...]:
    """`count` column widths filling `width` with one cell between columns."""
    count = max(1, count)
    base, extra = divmod(max(0, width - (count - 1)), count)
    return tuple(base + (1 if i < extra else 0) for i in range(count))


def column_at(widths: tuple[int, ...], x: int) -> int:
    """The column drawn at screen column `x` (a gap counts with the column on its left)."""
    edge = 0
    for column, width in enumerate(widths):
        edge += width + 1
        if x < edge:
            return column
    return len(widths) - 1


def place_of_row(view: BoardView, scroll_y: int, y: int) -> tuple[int, int] | None:
    """(lane, line within the lane) drawn on screen row `y` ≥ 1, or None below the board.

    Row 1 keeps the header of the lane in sight when that lane's top is scrolled away.
    """
    line = scroll_y + y - 1
    if line >= view.height:
        return None
    lane = view.lane_at_line(line)
    end = view.lane_top[lane + 1] if lane + 1 < len(view.lane_top) else view.height
    pinned = y == 1 and line + 1 < end  # not when the lane ends on this very line
    return lane, 0 if pinned else line - view.lane_top[lane]
