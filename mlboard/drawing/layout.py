"""Layered layout of a DAG for a character grid: the steps in order, and loose nodes shelved.

Edges point from a dependency (drawn above) to its dependent (drawn below). Steps:
layers and their order (``layering``), compact x positions aligned to the neighbours' ports
(``placement``), orthogonal routing on separate tracks between layers (``routing``); nodes
without edges then go on shelves below the graph.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import MappingProxyType

import networkx as nx

from mlboard.drawing.geometry import BOX_HEIGHT, Box, Layout, Slot
from mlboard.drawing.layering import Layered
from mlboard.drawing.placement import BOX_GAP, place
from mlboard.drawing.routing import route

BOX_PADDING = 4  # border and one blank on each side of a label
SHELF_WIDTH = 120  # nodes without edges wrap at this width, or the graph's if wider


def layout_graph(
    graph: nx.DiGraph,
    label_widths: Mapping[str, int],
    *,
    previous: Sequence[Sequence[Slot]] | None = None,
    shelf_width: int = SHELF_WIDTH,
) -> Layout:
    """Lay ``graph`` out; ``previous`` (an earlier ``Layout.orders``) seeds the order.

    Nodes without edges wrap at ``shelf_width`` columns, or at the graph's width if wider.
    """
    return Ordered(graph, previous).lay_out(label_widths, shelf_width=shelf_width)


class Ordered:
    """A graph's layers and order, found once; ``lay_out`` then sizes and routes it, as
    often as wanted with other label widths (the order does not depend on them).

    The garbage collector waits while it works: the layout allocates thousands of small
    lists and tuples that all live until the end (≈ 10% of the time on 1,000 cards).
    """

    def __init__(self, graph: nx.DiGraph, previous: Sequence[Sequence[Slot]] | None = None) -> None:
        if not nx.is_directed_acyclic_graph(graph):
            raise ValueError("the graph has a cycle")
        self.graph = graph
        with _no_gc():
            self._layered = Layered(graph.subgraph([n for n in graph if graph.degree(n)]))
            self._layered.order(previous)

    def lay_out(self, label_widths: Mapping[str, int], *, shelf_width: int = SHELF_WIDTH) -> Layout:
        """Boxes fitting ``label_widths``, routes, and the loose nodes on shelves."""
        graph, g = self.graph, self._layered
        with _no_gc():
            widths = [
                box_width(label_widths[n], graph.in_degree(n), graph.out_degree(n)) for n in g.nodes
            ]
            drawn = route(g, place(g, widths))
            loose = [n for n in graph if not graph.degree(n)]
            return _shelve(drawn, loose, label_widths, shelf_width)


@contextmanager
def _no_gc() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _shelve(
    layout: Layout, loose: list[str], label_widths: Mapping[str, int], shelf_width: int
) -> Layout:
    """Nodes without edges go in rows below the graph, as wide as the graph (or a screen)."""
    if not loose:
        return layout
    limit = max(layout.width, shelf_width)
    boxes = dict(layout.boxes)
    rows: list[list[str]] = [[]]
    x, y = 0, layout.height + (1 if layout.height else 0)
    for node in loose:
        w = box_width(label_widths[node], 0, 0)
        if rows[-1] and x + w > limit:
            rows.append([])
            x, y = 0, y + BOX_HEIGHT + 1
        boxes[node] = Box(x, y, w, BOX_HEIGHT, len(layout.orders) + len(rows) - 1)
        rows[-1].append(node)
        x += w + BOX_GAP
    return Layout(
        boxes=MappingProxyType(boxes),
        orders=layout.orders + tuple(tuple(row) for row in rows),
        routes=layout.routes,
        width=max(layout.width, max(b.x + b.w for b in boxes.values())),
        height=y + BOX_HEIGHT,
        crossings=layout.crossings,
    )


def box_width(label_width: int, edges_in: int, edges_out: int) -> int:
    """A box fits its label and gives each edge its own column on its border."""
    return max(label_width + BOX_PADDING, edges_in + 2, edges_out + 2)
