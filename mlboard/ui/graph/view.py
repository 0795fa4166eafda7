"""The dependency graph canvas: draws only the visible rows of a laid-out picture.

A key that moves the focus repaints the two boxes' rows (or the screen, when it scrolls);
it never lays anything out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mlboard.drawing.canvas import cell_width
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
        empty: str = "",
    ) -> None:
        """Draw `picture` with the focus on `focus`; `empty` is said when there is none.

        `nearest` answers like the layout's own `nearest` (given: an index built with it).
        """
        self.picture = picture
        self._nearest = nearest or (picture.layout.nearest if picture else None)
        self._empty = empty
        size = Size(picture.canvas.width, picture.canvas.height) if picture else Size(0, 0)
        self.virtual_size = size
        self.refresh()
        self.focus_node(focus, force=True)
        self.call_after_refresh(self._scroll_to_focus)  # scrollbars may have come or gone

    def focus_node(self, node: str | None, *, force: bool = False) -> None:
        """Move the focus to `node`, repainting only the two boxes unless the view scrolls."""
        if self.picture is None or node not in self.picture.layout.boxes:
            node = None
        old = self.focused
        if node == old and not force:
            return
        self.focused = node
        for name in (old, node):
            box = self.picture.layout.boxes.get(name or "") if self.picture else None
            if box is not None:
                self.refresh_lines(box.y, box.h)
        self._scroll_to_focus()
        self.post_message(self.FocusChanged(node))

    def _scroll_to_focus(self) -> None:
        if self.picture is None or self.focused is None or not self.size:
            return
        box = self.picture.layout.boxes[self.focused]
        width = min(box.w, self.scrollable_content_region.width)
        region = Region(box.x, max(0, box.y - 1), width, box.h + 2)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

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
        x, y = event.x + self.scroll_offset.x, event.y + self.scroll_offset.y
        node = self.picture.layout.node_at(x, y)
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
        left, top = self.scroll_offset
        row = top + y
        if row >= picture.canvas.height:
            return Strip.blank(width, base)
        parts: list[Segment] = []
        at = left
        for seg in picture.canvas.row(row, left, left + width):
            if seg.x > at:
                parts.append(Segment(" " * (seg.x - at), base))
            style = self._style(seg.style)
            if seg.node is not None and seg.node == self.focused:
                style += self._style("focus")
            parts.append(Segment(seg.text, style))
            at = seg.x + cell_width(seg.text)
        return Strip(parts).adjust_cell_length(width, base)
