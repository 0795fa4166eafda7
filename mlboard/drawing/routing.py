"""Edge routes and y positions for a placed layered graph: the last step of a layout.

In each channel between two layers every bent edge segment gets its own track row
(``tracks.assign_tracks``); a channel is as tall as its tracks, plus the stub rows.
"""

from __future__ import annotations

import itertools
from types import MappingProxyType

from mlboard.drawing.geometry import BOX_HEIGHT, Box, Layout, Route
from mlboard.drawing.layering import Layered
from mlboard.drawing.placement import Placement
from mlboard.drawing.tracks import assign_tracks


def route(g: Layered, at: Placement) -> Layout:
    """Assign tracks in every channel between layers, then y positions and polylines."""
    x, port_down, port_up = at.x, at.port_down, at.port_up
    tracks: dict[tuple[int, int], tuple[int, ...]] = {}
    heights: list[int] = []
    for r in range(len(g.layers) - 1):
        segments = [
            (x[u] + port_down[(u, w)], x[w] + port_up[(u, w)], (u, w))
            for u in g.layers[r]
            for w in g.down[u]
        ]
        heights.append(assign_tracks(segments, tracks))
    tops: list[int] = []
    y = 0
    for r in range(len(g.layers)):
        tops.append(y)
        y += BOX_HEIGHT + (2 + heights[r] if r < len(heights) else 0)
    rank = g.rank
    boxes = {
        g.nodes[v]: Box(x[v], tops[rank[v]], at.w[v], BOX_HEIGHT, rank[v])
        for v in range(len(g.nodes))
    }
    routes = []
    for (u, v), chain in zip(g.edges, g.chains, strict=True):
        points = [(x[u] + port_down[(u, chain[1])], tops[rank[u]] + 2)]
        for a, b in itertools.pairwise(chain):
            top = tops[rank[a]] + BOX_HEIGHT
            ax, bx = x[a] + port_down[(a, b)], x[b] + port_up[(a, b)]
            if ax != bx:
                t, *dogleg = tracks[(a, b)]
                points.append((ax, top + t))
                if dogleg:
                    d, t2 = dogleg
                    points += [(d, top + t), (d, top + t2)]
                    t = t2
                points.append((bx, top + t))
        points.append((bx, tops[rank[v]] - 1))
        routes.append(Route(g.nodes[u], g.nodes[v], tuple(points)))
    width = max((left + w for left, w in zip(x, at.w, strict=True)), default=0)
    width = max([width] + [px + 1 for one in routes for px, _ in one.points])
    return Layout(
        boxes=MappingProxyType(boxes),
        orders=tuple(tuple(g.slots[v] for v in layer) for layer in g.layers),
        routes=tuple(routes),
        width=width,
        height=y,
        crossings=g.crossings,
    )
