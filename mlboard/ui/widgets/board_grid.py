"""The board: lanes × columns drawn line by line; only visible cards are ever painted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mlboard.models import Card, Category
from mlboard.ui.board_model import CARD_HEIGHT, DONE_SHOWN, LANES, ROW_HEIGHT, BoardView, Spot
from mlboard.ui.widgets.board_geometry import column_at, column_widths, place_of_row
from mlboard.ui.widgets.card_painter import (
    ROLES,
    Palette,
    header_strip,
    lane_strip,
    more_strip,
    paint_card,
)

CARDS_CACHED = 2048  # painted cards kept between keys (a 200×60 screen shows ≈ 100)
LINES_CACHED = 1024  # rendered board lines kept between keys
Painted = tuple[Strip, Strip, Strip]


class BoardGrid(ScrollView, can_focus=True):
    """Swimlanes of cards under a fixed line of column headers.

    Gets a `BoardView` as an attribute (`view`); posts `FocusChanged` when the focused card
    changes, `CardActivated` on a double click and `LaneToggled` when the user asks to
    collapse or expand a lane.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Focus up", show=False, id="board.focus-up"),
        Binding("down,j", "cursor_down", "Focus down", show=False, id="board.focus-down"),
        Binding("left,h", "cursor_left", "Focus left", show=False, id="board.focus-left"),
        Binding("right,l", "cursor_right", "Focus right", show=False, id="board.focus-right"),
        Binding(
            "left_square_bracket", "lane(-1)", "Previous lane", show=False, id="board.prev-lane"
        ),
        Binding("right_square_bracket", "lane(1)", "Next lane", show=False, id="board.next-lane"),
        Binding("z", "toggle_lane", "Fold/unfold lane", show=False, id="board.toggle-lane"),
        Binding("enter", "toggle_done", "All / latest done", show=False, id="board.toggle-done"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board.page-down"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "board-grid--card",
        "board-grid--focus",
        "board-grid--id",
        "board-grid--header",
        "board-grid--over-wip",
        "board-grid--outside",
        "board-grid--lane",
        "board-grid--blocked-bar",
        *(f"board-grid--{role}" for role in ROLES),
        *(f"board-grid--lane-{category.value}" for category in LANES),
    }

    DEFAULT_CSS = """
    BoardGrid { scrollbar-size-vertical: 1; overflow-x: hidden; }
    BoardGrid > .board-grid--outside { text-style: dim; }
    """

    class FocusChanged(Message):
        """The cursor moved (to a card, or to an empty cell when `card` is None)."""

        def __init__(self, card: Card | None) -> None:
            super().__init__()
            self.card = card

    class CardActivated(Message):
        """A double click on a card: open it."""

        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    class LaneToggled(Message):
        def __init__(self, lane: Category) -> None:
            super().__init__()
            self.lane = lane

    def __init__(
        self, view: BoardView, now: Callable[[], datetime], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._view = view
        self._now = now
        self.cursor = Spot(0, 0, 0)
        self._focus_id: str | None = None
        self._palette: Palette | None = None
        self._cache: LRUCache[tuple[str, bool], Painted] = LRUCache(CARDS_CACHED)
        # Lines by (line of the view, pinned on row 1 as its lane's header): a focus move
        # repaints two cards' lines, a scroll takes all but those from here.
        self._lines: LRUCache[tuple[int, bool], Strip] = LRUCache(LINES_CACHED)
        self._widths: tuple[int, ...] = ()
        self._blanks: dict[int, Strip] = {}
        self._all_done = False  # done columns show every card, not the latest few
        self._seek(self._first_card_spot())

    @property
    def view(self) -> BoardView:
        return self._view

    @view.setter
    def view(self, view: BoardView) -> None:
        """Show a new view, keeping the focus on the same card when it is still shown."""
        self._view = view.with_done_limit(None) if self._all_done else view
        self._cache.clear()
        self._lines.clear()
        self._sync_size()
        place = view.find(self._focus_id) if self._focus_id else None
        self._seek(place or self._clamp(self.cursor))
        self.refresh()  # every line may have changed, not only the focused card's

    @property
    def focused_card(self) -> Card | None:
        return self._view.card_at(self.cursor)

    def focus_card(self, card_id: str) -> bool:
        """Focus a card (showing all done cards when it is one of the hidden ones)."""
        place = self._view.find(card_id)
        if place is None and self._view.place(card_id) is not None:
            self._all_done = True
            self.view = self._view
            place = self._view.find(card_id)
        if place is not None:
            self._seek(place)
        return place is not None

    def restyle(self) -> None:
        """Forget painted cards and styles (after a theme change)."""
        self._palette = None
        self._cache.clear()
        self._lines.clear()
        self._blanks.clear()
        self.refresh()

    # --- geometry ----------------------------------------------------------------------

    def _sync_size(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        widths = column_widths(width, len(self._view.columns))
        if widths != self._widths:
            self._widths = widths
            self._cache.clear()
            self._lines.clear()
        self.virtual_size = Size(width, self._view.height + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._sync_size()
        self._scroll_to_cursor()

    def on_mount(self) -> None:
        self._sync_size()
        self.watch(self.app, "theme", lambda _: self.restyle(), init=False)

    def _clamp(self, spot: Spot) -> Spot:
        lane = min(max(spot.lane, 0), len(LANES) - 1)
        column = min(max(spot.column, 0), len(self._view.columns) - 1)
        size = self._view.spots(lane, column)
        return Spot(lane, column, min(max(spot.row, 0), max(size - 1, 0)))

    def _first_card_spot(self) -> Spot:
        for lane in range(len(LANES)):
            for column in range(len(self._view.columns)):
                if self._view.cell(lane, column):
                    return Spot(lane, column, 0)
        return Spot(0, 0, 0)

    def _seek(self, spot: Spot) -> None:
        """Put the cursor on `spot` and in sight; when nothing scrolled, repaint only the
        lines of the two spots."""
        old_spot = self.cursor
        self.cursor = self._clamp(spot)
        card = self._view.card_at(self.cursor)
        if card is not None:
            self._focus_id = card.id
        offset = self.scroll_offset
        self._scroll_to_cursor()
        if self.scroll_offset == offset:
            self._refresh_spot(self._clamp(old_spot))
            self._refresh_spot(self.cursor)
        else:  # every line moved: all are repainted, from the cache but for these two
            self._forget_spot(self._clamp(old_spot))
            self._forget_spot(self.cursor)
            self.refresh()
        if self.is_mounted:
            self.post_message(self.FocusChanged(card))

    def _refresh_spot(self, spot: Spot) -> None:
        """Repaint the lines that show whether `spot` has the focus, and no others."""
        view = self._view
        self._forget_spot(spot)
        if view.is_more(spot):
            self.refresh_lines(view.card_line(spot) + 1)
        elif view.card_at(spot) is None:  # an empty cell is marked on its lane's header line
            self.refresh_lines(view.lane_top[spot.lane] + 1)  # +1: the column headers' line
            pinned = self.scroll_offset.y  # the line under row 1, which may show its header
            if view.lane_at_line(pinned) == spot.lane:
                self.refresh_lines(pinned + 1)
        else:
            self.refresh_lines(view.card_line(spot) + 1, CARD_HEIGHT)

    def _forget_spot(self, spot: Spot) -> None:
        """Drop the cached lines whose look depends on whether `spot` has the focus."""
        view = self._view
        if view.is_more(spot):
            self._lines.discard((view.card_line(spot), False))
        elif view.card_at(spot) is None:
            top = view.lane_top[spot.lane]
            self._lines.discard((top, False))
            self._lines.discard((top, True))
        else:
            line = view.card_line(spot)
            for sub in range(CARD_HEIGHT):
                self._lines.discard((line + sub, False))

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        view, spot = self._view, self.cursor
        top = view.lane_top[spot.lane]
        line = view.card_line(spot)
        bottom = line + (ROW_HEIGHT if view.card_at(spot) else 1 if view.is_more(spot) else 2)
        fits = bottom - top <= self.scrollable_content_region.height - 1
        start = top if fits else line - 1  # the line above stays free for the lane's header
        region = Region(0, start, 1, bottom - start)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    # --- actions -------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        spot, view = self.cursor, self._view
        if spot.row + 1 < view.spots(spot.lane, spot.column):
            self._seek(Spot(spot.lane, spot.column, spot.row + 1))
        elif spot.lane + 1 < len(LANES):
            self._seek(Spot(spot.lane + 1, spot.column, 0))

    def action_cursor_up(self) -> None:
        spot = self.cursor
        if spot.row > 0:
            self._seek(Spot(spot.lane, spot.column, spot.row - 1))
        elif spot.lane > 0:
            lane = spot.lane - 1
            self._seek(Spot(lane, spot.column, self._view.spots(lane, spot.column) - 1))

    def action_cursor_left(self) -> None:
        self._seek(Spot(self.cursor.lane, self.cursor.column - 1, self.cursor.row))

    def action_cursor_right(self) -> None:
        self._seek(Spot(self.cursor.lane, self.cursor.column + 1, self.cursor.row))

    def action_lane(self, step: int) -> None:
        self._seek(Spot(self.cursor.lane + step, self.cursor.column, 0))

    def action_page(self, step: int) -> None:
        rows = max(1, (self.scrollable_content_region.height - 1) // ROW_HEIGHT)
        self._seek(Spot(self.cursor.lane, self.cursor.column, self.cursor.row + step * rows))

    def action_toggle_lane(self) -> None:
        self.post_message(self.LaneToggled(LANES[self.cursor.lane]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` toggles the done cards only on a "more" line (elsewhere: the screen's)."""
        if action == "toggle_done":
            return self._view.is_more(self.cursor)
        return True

    def action_toggle_done(self) -> None:
        """Every card of the done columns, or their latest few again; the cursor stays on
        the line that says so."""
        spot = self.cursor
        self._all_done = not self._all_done
        self.view = self._view.with_done_limit(None if self._all_done else DONE_SHOWN)
        row = self._view.more_row(spot.lane, spot.column)
        self._seek(Spot(spot.lane, spot.column, spot.row if row is None else row))

    def on_click(self, event: events.Click) -> None:
        if event.y <= 0 or not self._widths:
            return
        place = place_of_row(self._view, self.scroll_offset.y, event.y)
        if place is None:
            return
        lane, offset = place
        column = column_at(self._widths, event.x)
        if offset == 0:
            self._seek(Spot(lane, column, 0))
            if event.chain == 2:
                self.action_toggle_lane()
            return
        row, sub = divmod(offset - 1, ROW_HEIGHT)
        if sub == ROW_HEIGHT - 1 and self._view.more_row(lane, column) == row + 1:
            self._seek(Spot(lane, column, row + 1))
            self.action_toggle_done()
            return
        self._seek(Spot(lane, column, row))
        card = self.focused_card
        if event.chain == 2 and card is not None:
            self.post_message(self.CardActivated(card))

    # --- drawing -------------------------------------------------------------------------

    def _styles(self) -> Palette:
        if self._palette is None:
            card = self.get_component_rich_style("board-grid--card")
            self._palette = Palette.resolve(card, self._part_style)
        return self._palette

    def _part_style(self, name: str) -> Style:
        return self.get_component_rich_style(f"board-grid--{name}", partial=True)

    def _card_strips(self, card_id: str, width: int, focused: bool, faint: bool) -> Painted:
        """A card's lines; `faint` for a card outside the active sprint (fixed per view, and
        the cache is cleared with every new view)."""
        key = (card_id, focused)
        strips = self._cache.get(key)
        if strips is None or strips[0].cell_length != width:
            card = self._view.board.cards[card_id]
            board, now = self._view.board, self._now()
            strips = paint_card(board, card, width, focused, self._styles(), now)
            if faint:
                outside = self.get_component_rich_style("board-grid--outside", partial=True)
                a, b, c = (strip.apply_style(outside) for strip in strips)
                strips = (a, b, c)
            self._cache[key] = strips
        return strips

    def _header_line(self) -> Strip:
        header = self.get_component_rich_style("board-grid--header")
        over = header + self.get_component_rich_style("board-grid--over-wip", partial=True)
        return header_strip(self._view, self._widths, header, over)

    def _lane_line(self, lane: int) -> Strip:
        base = self.get_component_rich_style("board-grid--lane")
        colour, focus = base + self._styles().lanes[LANES[lane]], base + self._styles().focus
        return lane_strip(self._view, lane, self._widths, self.cursor, colour, focus)

    def render_line(self, y: int) -> Strip:
        if not self._widths:
            return Strip.blank(self.size.width)
        if y == 0:
            return self._header_line()
        place = place_of_row(self._view, self.scroll_offset.y, y)
        if place is None:
            return Strip.blank(self.size.width, self.rich_style)
        lane, offset = place
        key = (self._view.lane_top[lane] + offset, offset == 0 and y == 1)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self._board_line(lane, offset)
        return strip

    def _board_line(self, lane: int, offset: int) -> Strip:
        """Line `offset` of lane `lane` (0: the lane's header)."""
        if offset == 0:
            return self._lane_line(lane)
        view = self._view
        row, sub = divmod(offset - 1, ROW_HEIGHT)
        parts: list[Strip] = []
        for column, width in enumerate(self._widths):
            cell = view.cell(lane, column)
            if sub < ROW_HEIGHT - 1 and row < view.rows(lane, column):
                spot = Spot(lane, column, row)
                faint = view.is_outside(spot)
                strips = self._card_strips(cell[row], width, self.cursor == spot, faint)
                parts.append(strips[sub])
            elif sub == ROW_HEIGHT - 1 and view.more_row(lane, column) == row + 1:
                parts.append(self._more_line(lane, column, width))
            else:
                parts.append(self._blank(width))
            if column + 1 < len(self._widths):
                parts.append(self._blank(1))
        return Strip.join(parts)

    def _more_line(self, lane: int, column: int, width: int) -> Strip:
        style = self.rich_style + self._styles().roles["muted"]
        if self.cursor == Spot(lane, column, self._view.rows(lane, column)):
            style += self._styles().focus
        return more_strip(self._view, lane, column, width, style)

    def _blank(self, width: int) -> Strip:
        strip = self._blanks.get(width)
        if strip is None:
            strip = self._blanks[width] = Strip.blank(width, self.rich_style)
        return strip
