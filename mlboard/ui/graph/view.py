"""The dependency graph canvas: draws only the visible rows of a laid-out picture.

A key that moves the focus repaints the two boxes' rows (or the screen, when it scrolls);
it never lays anything out again. A picture smaller than the view is centred; the view
scrolls so the focused box is whole (`drawing.viewport` decides where).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size as VirtualSize
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mlboard.drawing.canvas import cell_width
from mlboard.drawing.viewport import BoxIndex, Size, follow, inset, room
from mlboard.ui.graph.keys import VIEW_BINDINGS

if TYPE_CHECKING:
    from collections.abc import Callable

    from mlboard.drawing.geometry import Direction
    from mlboard.planning.picture import Picture

    Nearest = Callable[[str, Direction], str | None]

STYLES = ("node", "node-critical", "node-blocked", "edge", "edge-critical", "edge-blocked")


class GraphView(ScrollView, can_focus=True):
    """Gets a `Picture` with `show`; posts `FocusChanged` and, on a double click, `Activated`."""

    BINDINGS: ClassVar[list[BindingType]] = VIEW_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "graph-view--focus",
        "graph-view--empty",
        *(f"graph-view--{name}" for name in STYLES),
    }

    DEFAULT_CSS = """
    GraphView { background: $background; color: $foreground; scrollbar-size: 1 1; }
    GraphView:focus { background-tint: $background 0%; }
    GraphView > .graph-view--node { color: $foreground; }
    GraphView > .graph-view--node-critical { color: $critical; text-style: bold; }
    GraphView > .graph-view--node-blocked { color: $card-blocked; text-style: bold; }
    GraphView > .graph-view--edge { color: $card-muted; }
    GraphView > .graph-view--edge-critical { color: $critical; }
    GraphView > .graph-view--edge-blocked { color: $card-blocked; }
    GraphView > .graph-view--focus { text-style: reverse bold; }
    GraphView > .graph-view--empty { color: $text-muted; }
    """

    class FocusChanged(Message):
        def __init__(self, node: str | None) -> None:
            super().__init__()
            self.node = node

    class Activated(Message):
        """A double click on a box."""

        def __init__(self, node: str) -> None:
            super().__init__()
            self.node = node

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.picture: Picture | None = None
        self.focused: str | None = None
        self._empty = ""
        self._nearest: Nearest | None = None
        self._styles: dict[str, Style] = {}
        self._trail: tuple[str, str] | None = None  # (from, to) of the last edge followed
        self._index = BoxIndex(())

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._restyle(), init=False)

    def _restyle(self) -> None:
        self._styles.clear()
        self.refresh()

    # --- attributes down -------------------------------------------------------------

    def show(
        self,
        picture: Picture | None,
        focus: str | None,
        *,
        nearest: Nearest | None = None,
        index: BoxIndex | None = None,
        empty: str = "",
    ) -> None:
        """Draw `picture` with the focus on `focus`; `empty` is said when there is none.

        `nearest` answers like the layout's own `nearest` and `index` finds the boxes in a
        band of rows (given: built in the layout worker). The view scrolls to show the
        focused box whole, cutting as few other boxes as it can at its edges.
        """
        self.picture = picture
        self._nearest = nearest or (picture.layout.nearest if picture else None)
        self._index = index or BoxIndex(picture.layout.boxes.values() if picture else ())
        self._empty = empty
        self.virtual_size = VirtualSize(*self._picture_size())
        self.refresh()
        self.focus_node(focus, force=True, scroll=False)
        self._scroll_to_focus(settle=True)
        self.call_after_refresh(self._scroll_to_focus)  # Textual's scrollbars are in now

    @property
    def bar(self) -> int:
        """How thick the scrollbars are."""
        return self.styles.scrollbar_size_vertical

    def _picture_size(self) -> Size:
        picture = self.picture
        return (picture.layout.width, picture.layout.height) if picture else (0, 0)

    def _room(self) -> Size:
        """The cells the picture has, scrollbars drawn (they come when it is larger)."""
        region = self.scrollable_content_region
        return region.width, region.height

    def _inset(self) -> Size:
        return inset(self._picture_size(), self._room())

    @property
    def origin(self) -> Size:
        """Where the picture's top-left cell is drawn in the view (centring and scrolling)."""
        left, top = self._inset()
        return left - round(self.scroll_offset.x), top - round(self.scroll_offset.y)

    def focus_node(self, node: str | None, *, force: bool = False, scroll: bool = True) -> None:
        """Move the focus to `node`, repainting only the two boxes unless the view scrolls."""
        if self.picture is None or node not in self.picture.layout.boxes:
            node = None
        old = self.focused
        if node == old and not force:
            return
        self.focused = node
        top = self._inset()[1]
        for name in (old, node):
            box = self.picture.layout.boxes.get(name or "") if self.picture else None
            if box is not None:
                self.refresh_lines(top + box.y, box.h)
        if scroll:
            self._scroll_to_focus()
        self.post_message(self.FocusChanged(node))

    def _scroll_to_focus(self, *, settle: bool = False) -> None:
        """Show the focused box whole; `settle` (a new picture) also places the rest."""
        if self.picture is None or self.focused is None or not self.size:
            return
        box = self.picture.layout.boxes[self.focused]
        here = (round(self.scroll_offset.x), round(self.scroll_offset.y))
        size = self._picture_size()
        shown = room(size, (self.size.width, self.size.height), self.bar)
        x, y = follow(here, shown, size, box, self._index, settle=settle)
        if (x, y) != here:
            self.scroll_to(x, y, animate=False, force=True, immediate=True)

    # --- actions -----------------------------------------------------------------------

    def action_focus_toward(self, direction: Direction) -> None:
        """The nearest box in that direction (no layout: a look-up in the boxes)."""
        if self._nearest is None or self.focused is None:
            return
        target = self._nearest(self.focused, direction)
        if target is not None:
            self._trail = None
            self.focus_node(target)

    def action_follow_edge(self, direction: Direction) -> None:
        """Up to a dependency or down to a dependent: back where we came from if it is one,
        else the one whose box is closest sideways."""
        if self.picture is None or self.focused is None:
            return
        here = self.focused
        graph = self.picture.graph
        up = direction == "up"
        options = list(graph.predecessors(here) if up else graph.successors(here))
        if not options:
            kind = "dependencies" if up else "dependents"
            self.notify(f"{here} has no {kind} in this view", timeout=2)
            return
        if self._trail and self._trail[1] == here and self._trail[0] in options:
            target = self._trail[0]
        else:
            boxes = self.picture.layout.boxes
            centre = boxes[here].x + boxes[here].w / 2
            target = min(options, key=lambda n: abs(boxes[n].x + boxes[n].w / 2 - centre))
        self.focus_node(target)
        self._trail = (here, target)

    def on_click(self, event: events.Click) -> None:
        if self.picture is None:
            return
        left, top = self.origin
        node = self.picture.layout.node_at(event.x - left, event.y - top)
        if node is None:
            return
        self.focus_node(node)
        if event.chain == 2:
            self.post_message(self.Activated(node))

    # --- drawing -------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """A component class's style, or the widget's own for ``base`` (kept until restyled)."""
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            else:
                partial = name == "focus"
                style = self.get_component_rich_style(f"graph-view--{name}", partial=partial)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("base")
        picture = self.picture
        if picture is None:
            text = f" {self._empty}" if y == 1 else ""
            return Strip([Segment(text, self._style("empty"))]).adjust_cell_length(width, base)
        pad_x, pad_y = self._inset()
        left, top = self.scroll_offset
        row = top + y - pad_y
        if not 0 <= row < picture.canvas.height:
            return Strip.blank(width, base)
        parts: list[Segment] = [Segment(" " * pad_x, base)] if pad_x else []
        at = left
        for seg in picture.canvas.row(row, left, left + width - pad_x):
            if seg.x > at:
                parts.append(Segment(" " * (seg.x - at), base))
            style = self._style(seg.style)
            if seg.node is not None and seg.node == self.focused:
                style += self._style("focus")
            parts.append(Segment(seg.text, style))
            at = seg.x + cell_width(seg.text)
        return Strip(parts).adjust_cell_length(width, base)
