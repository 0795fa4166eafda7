"""x positions for a layered, ordered graph: compact, each slot near its neighbours' ports.

Each layer starts packed from the left with the minimum gaps; sweeps then move each layer,
keeping its order and gaps, to the weighted least-squares fit of where its edges come from
(pool adjacent violators). Placeholders weigh more than boxes, so long edges run straight.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from mlboard.drawing.layering import Layered

BOX_GAP = 3  # blank columns between two boxes of a layer
LINE_GAP = 1  # blank columns beside an edge passing through a layer
X_PASSES = 6

Ports = dict[tuple[int, int], int]


@dataclass(frozen=True, slots=True)
class Placement:
    """Per slot its left x and width; per edge slot pair ``(upper, lower)`` the column
    offsets of its ends on the upper slot's bottom (``down``) and the lower's top (``up``)."""

    x: list[int]
    w: list[int]
    port_down: Ports
    port_up: Ports


def place(g: Layered, widths: list[int]) -> Placement:
    """Compact x positions for ``g`` (ordered) with its real nodes ``widths`` wide."""
    n = len(g.nodes)
    w_all = widths + [1] * (len(g.slots) - n)
    port_down, port_up = _edge_ports(g, w_all)
    aligned_up = [
        [(u, port_down[(u, v)] - port_up[(u, v)]) for u in g.up[v]] for v in range(len(g.slots))
    ]
    aligned_down = [
        [(w, port_up[(v, w)] - port_down[(v, w)]) for w in g.down[v]] for v in range(len(g.slots))
    ]
    weight = [1.0] * n + [4.0 if g.up[d][0] >= n else 2.0 for d in range(n, len(g.slots))]
    offsets = [_offsets(layer, w_all, n) for layer in g.layers]  # fixed while x moves
    weights = [[weight[v] for v in layer] for layer in g.layers]
    x = [0] * len(g.slots)
    for layer, packed in zip(g.layers, offsets, strict=True):
        for v, offset in zip(layer, packed, strict=True):
            x[v] = offset
    for p in range(X_PASSES):
        downward = p % 2 == 0
        span = range(1, len(g.layers)) if downward else range(len(g.layers) - 2, -1, -1)
        aligned = aligned_up if downward else aligned_down
        for r in span:
            layer, packed = g.layers[r], offsets[r]
            targets = []
            for v, offset in zip(layer, packed, strict=True):
                near = aligned[v]  # the ports' mean x, inlined: the hot loop
                if len(near) == 1:
                    u, delta = near[0]
                    targets.append((x[u] + delta) / 1 - offset)
                elif near:
                    targets.append(sum(x[u] + d for u, d in near) / len(near) - offset)
                else:
                    targets.append(x[v] - offset)
            for v, y, offset in zip(layer, _monotone(targets, weights[r]), packed, strict=True):
                x[v] = math.floor(y + 0.5) + offset
    left = min(x, default=0)
    return Placement([at - left for at in x], w_all, port_down, port_up)


def _edge_ports(g: Layered, widths: list[int]) -> tuple[Ports, Ports]:
    """Where each edge between adjacent slots leaves the upper one and enters the lower."""
    port_down: Ports = {}
    port_up: Ports = {}
    for v, (below, above, width) in enumerate(zip(g.down, g.up, widths, strict=True)):
        if len(below) == 1:  # one port: centred, as _ports(1, width) puts it
            port_down[(v, below[0])] = (width - 1) // 2
        else:
            for offset, w in zip(_ports(len(below), width), _by_pos(g, below), strict=True):
                port_down[(v, w)] = offset
        if len(above) == 1:
            port_up[(above[0], v)] = (width - 1) // 2
        else:
            for offset, u in zip(_ports(len(above), width), _by_pos(g, above), strict=True):
                port_up[(u, v)] = offset
    return port_down, port_up


def _by_pos(g: Layered, near: list[int]) -> list[int]:
    return sorted(near, key=g.pos.__getitem__) if len(near) > 1 else near


def _offsets(layer: list[int], widths: list[int], nodes: int) -> list[int]:
    """Left x of each slot of ``layer`` packed from 0 with the minimum gaps.

    Slots below ``nodes`` are boxes, the others placeholders.
    """
    offsets: list[int] = []
    edge = 0
    for v, nxt in itertools.pairwise([*layer, -1]):
        offsets.append(edge)
        gap = BOX_GAP if v < nodes and 0 <= nxt < nodes else LINE_GAP
        edge += widths[v] + gap
    return offsets


def _ports(count: int, width: int) -> list[int]:
    """Column offsets of ``count`` edge ends on a border ``width`` wide, centred.

    Two columns apart when they fit, else side by side (``box_width`` leaves room).
    """
    if count == 0:
        return []
    if width == 1:
        return [0]
    step = 2 if 2 * count + 1 <= width else 1
    start = (width - 1 - step * (count - 1)) // 2
    return [start + step * i for i in range(count)]


def _monotone(targets: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    sums: list[float] = []
    totals: list[float] = []
    sizes: list[int] = []
    for t, w in zip(targets, weights, strict=True):
        s, tw, k = t * w, w, 1
        while sums and sums[-1] * tw > s * totals[-1]:  # the block before is higher: pool
            s += sums.pop()
            tw += totals.pop()
            k += sizes.pop()
        sums.append(s)
        totals.append(tw)
        sizes.append(k)
    out: list[float] = []
    for s, tw, k in zip(sums, totals, sizes, strict=True):
        out += [s / tw] * k
    return out
