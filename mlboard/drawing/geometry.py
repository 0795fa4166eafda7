"""What a layout is made of: boxes and edge routes in character cells, and moving between boxes.

Edges point from a dependency (drawn above) to its dependent (drawn below).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Direction = Literal["up", "down", "left", "right"]
Slot = str | tuple[str, str]
"""A place in a layer order: a node id, or the edge ``(u, v)`` passing through the layer."""

BOX_HEIGHT = 3


@dataclass(frozen=True, slots=True)
class Box:
    """A node's rectangle in cells; ``layer`` is its rank from the top."""

    x: int
    y: int
    w: int
    h: int
    layer: int


@dataclass(frozen=True, slots=True)
class Route:
    """An edge as an orthogonal polyline of cells.

    It starts on the source box's bottom border and ends on the row above the target box,
    where the arrowhead goes.
    """

    source: str
    target: str
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """Boxes and routes in cells; ``orders`` seeds the next layout of an edited graph."""

    boxes: Mapping[str, Box]
    orders: tuple[tuple[Slot, ...], ...]
    routes: tuple[Route, ...]
    width: int
    height: int
    crossings: int

    def node_at(self, x: int, y: int) -> str | None:
        """The node whose box covers cell ``(x, y)``."""
        for node, box in self.boxes.items():
            if box.x <= x < box.x + box.w and box.y <= y < box.y + box.h:
                return node
        return None

    def nearest(self, node: str, direction: Direction) -> str | None:
        """The node to focus from ``node`` when moving in ``direction``, if any.

        Up and down go to the closest layer that way, then the closest centre; left and
        right prefer the same layer, then the closest layer with a box on that side.
        """
        here = self.boxes[node]
        sign = 1 if direction in ("down", "right") else -1
        vertical = direction in ("up", "down")
        cx = here.x + here.w / 2
        best: tuple[float, float, str] | None = None
        for other, box in self.boxes.items():
            ox = box.x + box.w / 2
            layers = box.layer - here.layer
            ahead = layers * sign > 0 if vertical else (ox - cx) * sign > 0
            if ahead and (best is None or (abs(layers), abs(ox - cx)) < best[:2]):
                best = (abs(layers), abs(ox - cx), other)
        return best[2] if best else None
