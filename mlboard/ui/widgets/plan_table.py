"""A virtual table of cards: only the rows in sight are ever drawn.

Showing 10,000 rows is a list assignment, and a commit that moves one card from a table to
the other repaints the lines in sight, not a table's worth of cells (a DataTable measured
every cell of every row it was given, ≈ 1.5 s at 10,000 cards).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from math import ceil
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from mlboard.models import Card

Cells = Callable[[Card], Sequence[str | Text]]
"""One row's cells, one per column (Text for board text: never markup)."""
Widths = Callable[[Card], Sequence[int]]
"""One row's cell widths in cells, without drawing it."""
PADDING = 1  # blank cells on each side of a cell
LINES_CACHED = 512


class PlanTable(ScrollView, can_focus=True):
    """Cards in rows under a fixed header line, one row under a cursor.

    `show(cards)` replaces the rows, keeping the cursor on its card when the card is still
    shown. Columns are as wide as their widest cell, the last one takes the rest and cuts.
    A row whose card `leave`s by a key stays in place, struck out and skipped by the
    cursor, until `close_gaps` (at a pause): the rows under the cursor do not slide while
    the keys come, and a commit repaints two rows instead of every row below it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "plan-table--header",
        "plan-table--cursor",
        "plan-table--gone",
    }

    DEFAULT_CSS = """
    PlanTable { background: $surface; color: $foreground; }
    PlanTable:focus { background-tint: $foreground 5%; }
    PlanTable:focus > .plan-table--header { background-tint: $foreground 5%; }
    PlanTable > .plan-table--header { text-style: bold; background: $panel; color: $foreground; }
    PlanTable > .plan-table--gone { text-style: dim strike; }
    PlanTable > .plan-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    PlanTable:focus > .plan-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    def __init__(
        self, labels: Sequence[str], cells: Cells, widths: Widths, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._labels = tuple(labels)
        self._cells = cells
        self._measure = widths
        self._rows: list[Card] = []
        self._where: dict[str, int] | None = None  # card id → row, built when asked
        self._measured: dict[str, tuple[Card, Sequence[int]]] = {}
        self._widths: tuple[int, ...] = ()
        self._counts: list[Counter[int]] = [Counter() for _ in labels]  # rows by width
        self._lines: LRUCache[tuple[str, bool, bool], tuple[Card, Strip]] = LRUCache(LINES_CACHED)
        self._view: tuple[int, int, int, int] | None = None  # while drawing lines
        self._changed: tuple[int, int] | None = None  # rows a patch changed: [first, end)
        self._gone: set[str] = set()  # cards that left, their rows kept until `close_gaps`
        self.cursor_row = 0

    # --- rows ----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """The cards in the list (rows kept for cards that left are not)."""
        return len(self._rows) - len(self._gone)

    @property
    def row_ids(self) -> list[str]:
        return [card.id for card in self._rows if card.id not in self._gone]

    @property
    def cursor_id(self) -> str | None:
        if not self._rows or self._rows[self.cursor_row].id in self._gone:
            return None
        return self._rows[self.cursor_row].id

    def get_row_index(self, card_id: str) -> int:
        """The row of `card_id`; KeyError when it is not shown."""
        if self._where is None:
            self._where = {card.id: i for i, card in enumerate(self._rows)}
        return self._where[card_id]

    def show(self, cards: Sequence[Card]) -> None:
        """Show `cards` in that order; the cursor stays on its card if it is still there."""
        focused = self.cursor_id
        self._rows = list(cards)
        self._gone.clear()
        self._where = None
        self._fit_columns()
        self._size_content()
        row = self.cursor_row
        if focused is not None and self._rows:
            kept = self._rows[min(row, len(self._rows) - 1)].id == focused
            row = row if kept else self._index_or(focused, row)
        self._put_cursor(row, repaint=False)
        self.refresh()

    def put(self, card: Card, shown: bool, rank: Callable[[str], int]) -> None:
        """Show `card` or not, in its place among rows ordered by `rank` of their ids: a
        patch of one row (`settle` once after the patches)."""
        rows = self._rows
        at = bisect_left(rows, rank(card.id), key=lambda row: rank(row.id))
        here = at < len(rows) and rows[at].id == card.id
        if here and card.id in self._gone:  # back (or gone for good): a row like any other
            self._gone.discard(card.id)
        if here or shown:  # rows from `at` on move; the last one may become blank
            first, end = self._changed or (at, 0)
            self._changed = (min(first, at), max(end, len(rows) + 1))
        if here:
            self._count(rows[at], -1)
            if shown:
                rows[at] = card
            else:
                del rows[at]
                self.cursor_row -= at < self.cursor_row
        elif shown:
            rows.insert(at, card)
            self.cursor_row += at <= self.cursor_row and len(rows) > 1
        if shown:
            self._count(card, 1)
        self._where = None

    def leave(self, card_id: str) -> None:
        """The card left the list by a key here: its row stays, struck out, and the cursor
        goes on to the next card (`close_gaps` removes the row)."""
        row = self.get_row_index(card_id)
        self._gone.add(card_id)
        self._repaint(row + 1 - self.scroll_offset.y, 1)
        if row == self.cursor_row:
            self._put_cursor(row)

    def close_gaps(self) -> None:
        """Remove the rows kept for cards that left (the cursor stays on its card)."""
        if not self._gone:
            return
        rows, gone = self._rows, self._gone
        first = next(i for i, card in enumerate(rows) if card.id in gone)
        focused = rows[self.cursor_row].id if rows else None
        kept = rows[:first]
        for card in rows[first:]:
            if card.id in gone:
                self._count(card, -1)
            else:
                kept.append(card)
        self._rows = kept
        self._changed = (first, len(rows) + 1)
        gone.clear()
        self._where = None
        if focused is not None:
            self.cursor_row = self._index_or(focused, min(self.cursor_row, len(self._rows) - 1))
        self.settle()

    def settle(self) -> None:
        """After `put`s: widths, size, cursor, and a repaint of the lines that changed
        (the rows from the first one a patch moved to the last that was or is shown, in
        sight; cached lines mostly), and the cursor's line if it had to move."""
        changed, self._changed = self._changed, None
        if self._set_widths():
            changed = (-1, len(self._rows) + 1)  # every line, the header too
        self._size_content()
        row = self.cursor_row
        self._put_cursor(row, repaint=False)
        if self.cursor_row != row:  # it was on the last row, which went
            first, end = changed or (self.cursor_row, row + 1)
            changed = (min(first, self.cursor_row), max(end, row + 1))
        if changed is not None:
            top = self.scroll_offset.y - 1  # the row on the first line (the header's: -1)
            first = max(changed[0] - top, 0)
            end = min(changed[1] - top, self.size.height)
            if first < end:
                self._repaint(first, end - first)

    def _count(self, card: Card, step: int) -> None:
        for counts, width in zip(self._counts, self._sizes(card), strict=True):
            counts[width] += step

    def _sizes(self, card: Card) -> Sequence[int]:
        known = self._measured.get(card.id)
        if known is None or known[0] is not card:
            known = self._measured[card.id] = (card, self._measure(card))
        return known[1]

    def _index_or(self, card_id: str, default: int) -> int:
        try:
            return self.get_row_index(card_id)
        except KeyError:
            return default

    def _fit_columns(self) -> None:
        """Each column as wide as its widest cell or label, the last takes what is left."""
        sizes = [self._sizes(card) for card in self._rows]
        self._counts = [Counter() for _ in self._labels]
        for counts, cells in zip(self._counts, zip(*sizes, strict=True), strict=False):
            counts.update(cells)
        self._set_widths()

    def _set_widths(self) -> bool:
        """Fit the columns to their cells; whether the lines drawn so far changed with them.
        A column before the last one moves the columns after it: every line is drawn again.
        The last one only pads (a cached line of another length is drawn again anyway)."""
        widest = [cell_len(label) for label in self._labels]
        for column, counts in enumerate(self._counts):
            widest[column] = max([widest[column], *(w for w, n in counts.items() if n > 0)])
        widths, before = tuple(widest), self._widths
        if widths == before:
            return False
        self._widths = widths
        if widths[:-1] == before[:-1]:
            return False
        self._lines.clear()
        return True

    def _size_content(self) -> None:
        """Wide enough for every column (a horizontal scrollbar when the screen is not)."""
        width = sum(w + 2 * PADDING for w in self._widths)
        size, before = Size(width, len(self._rows) + 1), self.virtual_size
        if size == before:
            return
        if not self._scrollbars_stay(size):
            self.virtual_size = size  # a new layout of the screen
            return
        # The scrollbars stay as they are: no new layout of the whole screen for a row
        # more or less; the scrollbars' thumbs follow.
        self.set_reactive(PlanTable.virtual_size, size)
        if self.show_vertical_scrollbar and size.height != before.height:
            bar = self.vertical_scrollbar
            if _thumb(bar, size.height) == _thumb(bar, before.height):  # looks the same:
                bar.set_reactive(ScrollBar.window_virtual_size, size.height)  # no repaint
            else:
                bar.window_virtual_size = size.height
        if self.show_horizontal_scrollbar and size.width != before.width:
            self.horizontal_scrollbar.window_virtual_size = size.width
        x, y = self.scroll_offset
        if x > self.max_scroll_x or y > self.max_scroll_y:
            self.scroll_to(
                min(x, self.max_scroll_x), min(y, self.max_scroll_y), animate=False, immediate=True
            )

    def _scrollbars_stay(self, size: Size) -> bool:
        """Whether Textual would show the same scrollbars for a content of `size`: only
        the sure answers (near the edges, a layout decides)."""
        width, height = self.container_size
        if not (width and height):
            return False
        styles = self.styles
        if self.show_vertical_scrollbar:
            vertical = size.height > height
        else:
            vertical = size.height <= height - styles.scrollbar_size_horizontal
        if self.show_horizontal_scrollbar:
            horizontal = size.width > width
        else:
            horizontal = size.width <= width - styles.scrollbar_size_vertical
        return vertical and horizontal

    # --- cursor --------------------------------------------------------------------------

    def move_cursor(self, *, row: int) -> None:
        self._put_cursor(row)

    def _put_cursor(self, row: int, repaint: bool = True, step: int = 1) -> None:
        """The cursor to `row`, or the nearest card still in the list from there (looking
        in the direction of `step` first)."""
        old = self.cursor_row
        self.cursor_row = self._in_list(min(max(row, 0), max(len(self._rows) - 1, 0)), step)
        top = self.scroll_offset.y
        room = max(1, self.scrollable_content_region.height - 1)  # under the header
        if self.cursor_row < top:
            top = self.cursor_row
        elif self.cursor_row >= top + room:
            top = self.cursor_row - room + 1
        if top != self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif repaint and old != self.cursor_row:
            self._repaint(old + 1 - top, 1)  # +1: the header line
            self._repaint(self.cursor_row + 1 - top, 1)

    def _in_list(self, row: int, step: int) -> int:
        if not self._gone:
            return row
        rows, gone = self._rows, self._gone
        for direction in (step, -step):
            at = row
            while 0 <= at < len(rows):
                if rows[at].id not in gone:
                    return at
                at += direction
        return row  # every row left: the cursor stays where it is

    def _repaint(self, first: int, count: int) -> None:
        """Lines `first`… in sight (0: the header), without the scrollbar beside them: a
        scrollbar under a repainted region is drawn again whole (55 lines on a tall
        table, as many as the rows themselves), though only the rows changed."""
        self.refresh(Region(0, first, self.scrollable_content_region.width, count))

    def action_cursor_down(self) -> None:
        self._put_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self._put_cursor(self.cursor_row - 1, step=-1)

    def action_page(self, step: int) -> None:
        room = max(1, self.scrollable_content_region.height - 1)
        self._put_cursor(self.cursor_row + step * room, step=step)

    def action_first(self) -> None:
        self._put_cursor(0)

    def action_last(self) -> None:
        self._put_cursor(len(self._rows) - 1, step=-1)

    def on_click(self, event: events.Click) -> None:
        if event.y > 0:
            self._put_cursor(self.scroll_offset.y + event.y - 1)

    # --- drawing -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._set_widths()
        self._size_content()
        self._put_cursor(self.cursor_row, repaint=False)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._restyle(), init=False)

    def _restyle(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()  # the cursor row's colours follow the focus

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in `crop`, with the view's geometry looked up once for all of them
        (Textual's `size` and `scroll_offset` cost as much as a cached line)."""
        self._view = self._geometry()
        try:
            return super().render_lines(crop)
        finally:
            self._view = None

    def _geometry(self) -> tuple[int, int, int, int]:
        """Left column, top row, width in sight, and width of the lines drawn."""
        (left, top), width = self.scroll_offset, self.size.width
        return left, top, width, max(self.virtual_size.width, left + width)

    def render_line(self, y: int) -> Strip:
        left, top, width, wide = self._view or self._geometry()
        if y == 0:
            header = self.get_component_rich_style("plan-table--header")
            strip = self._strip(list(self._labels), header).adjust_cell_length(wide, header)
            return strip.crop(left, left + width)
        row = top + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        card = self._rows[row]
        gone = card.id in self._gone
        key = (card.id, row == self.cursor_row, gone)
        cached = self._lines.get(key)
        if cached is None or cached[0] is not card or cached[1].cell_length != wide:
            style = self.rich_style
            if gone:
                style += self.get_component_rich_style("plan-table--gone")
            elif key[1]:
                style += self.get_component_rich_style("plan-table--cursor")
            strip = self._strip(self._cells(card), style).adjust_cell_length(wide, style)
            cached = self._lines[key] = (card, strip)
        return cached[1].crop(left, left + width)

    def _strip(self, cells: Sequence[str | Text], style: Style) -> Strip:
        line = Text(no_wrap=True, end="")
        for cell, width in zip(cells, self._widths, strict=True):
            text = cell if isinstance(cell, Text) else Text(cell)
            text = text.copy()
            text.truncate(width, overflow="ellipsis", pad=True)
            line.append(" " * PADDING)
            line.append_text(text)
            line.append(" " * PADDING)
        segments = line.render(self.app.console)
        return Strip(segments).apply_style(style)


def _thumb(bar: ScrollBar, lines: int) -> tuple[int, int]:
    """Where `bar` draws its thumb for a content of `lines` lines, in eighths of a cell as
    Textual's scrollbar draws it: one row more or less in a long table moves nothing, and
    the bar is not drawn again for it (its 50-odd lines cost as much as the rows)."""
    size, window, position = bar.size.height, bar.window_size, bar.position
    if not (size and window) or window >= lines or size == lines:
        return (0, 0)
    thumb = max(1.0, window * size / lines)
    start = int((size - thumb) * position / (lines - window) * 8)
    return start, start + ceil(thumb * 8)
