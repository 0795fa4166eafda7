"""Layered layout of a DAG for a character grid: layers, order, x positions, edge routes.

Edges point from a dependency (drawn above) to its dependent (drawn below). Steps:
longest-path layering, placeholder slots on long edges, crossing reduction (barycenter
sweeps plus adjacent swaps, seeded from a previous order), compact x positions aligned to
the neighbours' ports, and orthogonal routing on separate tracks between layers.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import networkx as nx

from mlboard.drawing.tracks import assign_tracks

Direction = Literal["up", "down", "left", "right"]
Slot = str | tuple[str, str]
"""A place in a layer order: a node id, or the edge ``(u, v)`` passing through the layer."""

BOX_HEIGHT = 3
BOX_GAP = 3  # blank columns between two boxes of a layer
LINE_GAP = 1  # blank columns beside an edge passing through a layer
BOX_PADDING = 4  # border and one blank on each side of a label
PATIENCE = 2  # sweep pairs without a better order before a round stops
BIG = 4000  # slots (nodes and placeholders) above which a round gives up after one idle pair
SWEEPS = 8  # at most this many down+up barycenter sweep pairs per round
SWAP_PASSES = 6
X_PASSES = 6
SHELF_WIDTH = 120  # nodes without edges wrap at this width, or the graph's if wider


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


def layout_graph(
    graph: nx.DiGraph,
    label_widths: Mapping[str, int],
    *,
    previous: Sequence[Sequence[Slot]] | None = None,
) -> Layout:
    """Lay ``graph`` out; ``previous`` (an earlier ``Layout.orders``) seeds the order.

    The garbage collector waits until it is done: the layout allocates thousands of small
    lists and tuples that all live until the end (≈ 10% of the time on 1,000 cards).
    """
    if not nx.is_directed_acyclic_graph(graph):
        raise ValueError("the graph has a cycle")
    collecting = gc.isenabled()
    gc.disable()
    try:
        linked = graph.subgraph([n for n in graph if graph.degree(n)])
        g = _Graph(linked)
        g.order(previous)
        widths = [
            box_width(label_widths[n], graph.in_degree(n), graph.out_degree(n)) for n in g.nodes
        ]
        g.place(widths)
        return _shelve(g.route(), [n for n in graph if not graph.degree(n)], label_widths)
    finally:
        if collecting:
            gc.enable()


def _shelve(layout: Layout, loose: list[str], label_widths: Mapping[str, int]) -> Layout:
    """Nodes without edges go in rows below the graph, as wide as the graph (or a screen)."""
    if not loose:
        return layout
    limit = max(layout.width, SHELF_WIDTH)
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


class _Graph:
    """Working state on integer indices; placeholder slots come after the real nodes."""

    def __init__(self, graph: nx.DiGraph) -> None:
        self.nodes: list[str] = list(graph.nodes)
        index = {n: i for i, n in enumerate(self.nodes)}
        self.edges = [(index[u], index[v]) for u, v in graph.edges]
        self.rank = _ranks(len(self.nodes), self.edges)  # grows with the placeholders
        self.slots: list[Slot] = list(self.nodes)
        self.up: list[list[int]] = [[] for _ in self.nodes]
        self.down: list[list[int]] = [[] for _ in self.nodes]
        self.chains: list[list[int]] = []
        for u, v in self.edges:
            chain = [u]
            for r in range(self.rank[u] + 1, self.rank[v]):
                self.slots.append((self.nodes[u], self.nodes[v]))
                self.rank.append(r)
                self.up.append([])
                self.down.append([])
                chain.append(len(self.slots) - 1)
            chain.append(v)
            for a, b in itertools.pairwise(chain):
                self.down[a].append(b)
                self.up[b].append(a)
            self.chains.append(chain)
        depth = max(self.rank, default=-1) + 1
        self.layers: list[list[int]] = [[] for _ in range(depth)]
        for i, r in enumerate(self.rank):
            self.layers[r].append(i)
        self.pos = [0] * len(self.slots)
        self.x = [0] * len(self.slots)
        self.crossings = 0

    # --- order -------------------------------------------------------------------------

    def order(self, previous: Sequence[Sequence[Slot]] | None) -> None:
        """Seed each layer, then improve until a round finds nothing strictly better."""
        self.up1, self.down1 = _single(self.up), _single(self.down)
        self._seed(previous)
        current = [list(layer) for layer in self.layers]
        count = self._count(current)
        while count:
            better, better_count = self._round(current, count)
            if better_count >= count:
                break
            current, count = better, better_count
        self._set(current)
        self.crossings = count

    def _seed(self, previous: Sequence[Sequence[Slot]] | None) -> None:
        """Slots keep their relative place in ``previous``; others go under their parents."""
        known: dict[tuple[int, Slot], float] = {}
        for r, seen in enumerate(previous or ()):
            for i, slot in enumerate(seen):
                known[(r, slot)] = (i + 0.5) / len(seen)
        for r, layer in enumerate(self.layers):
            above = self.layers[r - 1] if r else []
            keys: dict[int, float] = {}
            for v in layer:
                key = known.get((r, self.slots[v]))
                if key is None:
                    ups = self.up[v]
                    key = (
                        (sum(self.pos[u] + 0.5 for u in ups) / len(ups) / len(above))
                        if ups
                        else 1.0
                    )
                keys[v] = key
            layer.sort(key=lambda v: (keys[v], v))
            for i, v in enumerate(layer):
                self.pos[v] = i

    def _set(self, layers: list[list[int]]) -> None:
        self.layers = layers
        for layer in layers:
            for i, v in enumerate(layer):
                self.pos[v] = i

    def _count(self, layers: list[list[int]]) -> int:
        self._set(layers)
        return sum(self._channel_crossings(r) for r in range(len(layers) - 1))

    def _channel_crossings(self, r: int) -> int:
        pos, down, down1 = self.pos, self.down, self.down1
        ends: list[int] = []  # lower ends by (upper end, lower end): the layer in order
        for u in self.layers[r]:
            w = down1[u]
            if w >= 0:
                ends.append(pos[w])
            elif w == MANY:
                ends += sorted([pos[w] for w in down[u]])
        seen: list[int] = []
        insert, after = seen.insert, bisect.bisect_right
        total = 0
        for count, b in enumerate(ends):
            at = after(seen, b)
            total += count - at
            insert(at, b)
        return total

    def _round(self, start: list[list[int]], start_count: int) -> tuple[list[list[int]], int]:
        """Barycenter sweeps from ``start`` keeping the best order, then adjacent swaps."""
        best, best_count = start, start_count
        current = [list(layer) for layer in start]
        stale = 0
        for _ in range(SWEEPS):
            improved = False
            for downward in (True, False):
                self._set(current)
                current = self._sweep(current, downward)
                count = self._count(current)
                if count < best_count:
                    best, best_count = [list(layer) for layer in current], count
                    improved = True
            stale = 0 if improved else stale + 1
            if stale == (PATIENCE if len(self.slots) <= BIG else 1):
                break
        if best_count:
            self._set(best)
            best = [list(layer) for layer in best]
            self._swaps(best)
            best_count = self._count(best)
        return best, best_count

    def _sweep(self, layers: list[list[int]], downward: bool) -> list[list[int]]:
        pos = self.pos
        span = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        nbrs, single = (self.up, self.up1) if downward else (self.down, self.down1)
        for r in span:
            keyed = []
            for v in layers[r]:
                u = single[v]
                if u >= 0:
                    key = float(pos[u])
                elif u == NONE:
                    key = float(pos[v])
                else:
                    near = nbrs[v]
                    key = sum(pos[u] for u in near) / len(near)
                keyed.append((key, pos[v], v))
            keyed.sort()
            layers[r] = [v for _, _, v in keyed]
            for i, v in enumerate(layers[r]):
                pos[v] = i
        return layers

    def _swaps(self, layers: list[list[int]]) -> None:
        """Swap neighbours while that removes crossings; revisit only layers near a swap."""
        pos, up, down, up1, down1 = self.pos, self.up, self.down, self.up1, self.down1
        dirty = set(range(len(layers)))
        for _ in range(SWAP_PASSES):
            swapped: set[int] = set()
            for r in sorted(dirty):
                layer = layers[r]
                for i in range(len(layer) - 1):
                    v, w = layer[i], layer[i + 1]
                    a, b = up1[v], up1[w]  # one edge each, the common case, inlined
                    if a >= 0 and b >= 0:
                        a, b = pos[a], pos[b]
                        gain = (a > b) - (a < b)
                    else:
                        gain = 0 if NONE in (a, b) else _swap_gain(up[v], up[w], pos)
                    a, b = down1[v], down1[w]
                    if a >= 0 and b >= 0:
                        a, b = pos[a], pos[b]
                        gain += (a > b) - (a < b)
                    elif NONE not in (a, b):
                        gain += _swap_gain(down[v], down[w], pos)
                    if gain > 0:
                        layer[i], layer[i + 1] = w, v
                        pos[v], pos[w] = i + 1, i
                        swapped.add(r)
            dirty = {near for r in swapped for near in (r - 1, r, r + 1) if 0 <= near < len(layers)}
            if not dirty:
                return

    # --- x positions ---------------------------------------------------------------------

    def place(self, widths: list[int]) -> None:
        """Compact x positions: each layer as close as it can be to its neighbours' ports."""
        n = len(self.nodes)
        self.w = widths + [1] * (len(self.slots) - n)
        self.port_down: dict[tuple[int, int], int] = {}
        self.port_up: dict[tuple[int, int], int] = {}
        for v, (below, above, width) in enumerate(zip(self.down, self.up, self.w, strict=True)):
            if len(below) == 1:  # one port: centred, as _ports(1, width) puts it
                self.port_down[(v, below[0])] = (width - 1) // 2
            else:
                for offset, w in zip(_ports(len(below), width), self._by_pos(below), strict=True):
                    self.port_down[(v, w)] = offset
            if len(above) == 1:
                self.port_up[(above[0], v)] = (width - 1) // 2
            else:
                for offset, u in zip(_ports(len(above), width), self._by_pos(above), strict=True):
                    self.port_up[(u, v)] = offset
        self._aligned_up = [
            [(u, self.port_down[(u, v)] - self.port_up[(u, v)]) for u in self.up[v]]
            for v in range(len(self.slots))
        ]
        self._aligned_down = [
            [(w, self.port_up[(v, w)] - self.port_down[(v, w)]) for w in self.down[v]]
            for v in range(len(self.slots))
        ]
        weight = [1.0] * n + [4.0 if self.up[d][0] >= n else 2.0 for d in range(n, len(self.slots))]
        offsets = [self._offsets(layer) for layer in self.layers]  # fixed while x moves
        weights = [[weight[v] for v in layer] for layer in self.layers]
        for layer, packed in zip(self.layers, offsets, strict=True):
            for v, offset in zip(layer, packed, strict=True):
                self.x[v] = offset
        x = self.x
        for p in range(X_PASSES):
            downward = p % 2 == 0
            span = range(1, len(self.layers)) if downward else range(len(self.layers) - 2, -1, -1)
            aligned = self._aligned_up if downward else self._aligned_down
            for r in span:
                layer, packed = self.layers[r], offsets[r]
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
        left = min(self.x, default=0)
        self.x = [x - left for x in self.x]

    def _by_pos(self, near: list[int]) -> list[int]:
        return sorted(near, key=self.pos.__getitem__) if len(near) > 1 else near

    def _offsets(self, layer: list[int]) -> list[int]:
        """Left x of each slot of ``layer`` packed from 0 with the minimum gaps."""
        n = len(self.nodes)
        offsets: list[int] = []
        edge = 0
        for v, nxt in itertools.pairwise([*layer, -1]):
            offsets.append(edge)
            gap = BOX_GAP if v < n and 0 <= nxt < n else LINE_GAP
            edge += self.w[v] + gap
        return offsets

    # --- routes --------------------------------------------------------------------------

    def route(self) -> Layout:
        """Assign tracks in every channel between layers, then y positions and polylines."""
        tracks: dict[tuple[int, int], tuple[int, ...]] = {}
        heights: list[int] = []
        for r in range(len(self.layers) - 1):
            segments = [
                (self.x[u] + self.port_down[(u, w)], self.x[w] + self.port_up[(u, w)], (u, w))
                for u in self.layers[r]
                for w in self.down[u]
            ]
            heights.append(assign_tracks(segments, tracks))
        tops: list[int] = []
        y = 0
        for r in range(len(self.layers)):
            tops.append(y)
            y += BOX_HEIGHT + (2 + heights[r] if r < len(heights) else 0)
        n = len(self.nodes)
        boxes = {
            self.nodes[v]: Box(self.x[v], tops[self.rank[v]], self.w[v], BOX_HEIGHT, self.rank[v])
            for v in range(n)
        }
        routes = []
        for (u, v), chain in zip(self.edges, self.chains, strict=True):
            points = [(self.x[u] + self.port_down[(u, chain[1])], tops[self.rank[u]] + 2)]
            for a, b in itertools.pairwise(chain):
                top = tops[self.rank[a]] + BOX_HEIGHT
                ax, bx = self.x[a] + self.port_down[(a, b)], self.x[b] + self.port_up[(a, b)]
                if ax != bx:
                    t, *dogleg = tracks[(a, b)]
                    points.append((ax, top + t))
                    if dogleg:
                        d, t2 = dogleg
                        points += [(d, top + t), (d, top + t2)]
                        t = t2
                    points.append((bx, top + t))
            points.append((bx, tops[self.rank[v]] - 1))
            routes.append(Route(self.nodes[u], self.nodes[v], tuple(points)))
        width = max((x + w for x, w in zip(self.x, self.w, strict=True)), default=0)
        width = max([width] + [x + 1 for route in routes for x, _ in route.points])
        return Layout(
            boxes=MappingProxyType(boxes),
            orders=tuple(tuple(self.slots[v] for v in layer) for layer in self.layers),
            routes=tuple(routes),
            width=width,
            height=y,
            crossings=self.crossings,
        )


def _ranks(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """Longest-path layers; a source sits just above its highest dependent."""
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        succs[u].append(v)
        preds[v].append(u)
    indegree = [len(p) for p in preds]
    topo = [v for v in range(n) if not indegree[v]]
    for v in topo:
        for w in succs[v]:
            indegree[w] -= 1
            if not indegree[w]:
                topo.append(w)
    rank = [0] * n
    for v in topo:
        rank[v] = max((rank[u] + 1 for u in preds[v]), default=0)
    for v in reversed(topo):
        if not preds[v] and succs[v]:
            rank[v] = min(rank[w] for w in succs[v]) - 1
    return rank


NONE, MANY = -1, -2


def _single(neighbours: list[list[int]]) -> list[int]:
    """Per slot, its only neighbour; NONE without one, MANY with several."""
    return [near[0] if len(near) == 1 else MANY if near else NONE for near in neighbours]


def _swap_gain(left: list[int], right: list[int], pos: list[int]) -> int:
    """Crossings removed by swapping two neighbours, counting the edges of one side: the
    crossings as they stand minus the crossings once swapped."""
    if not left or not right:
        return 0
    if len(left) == 1 and len(right) == 1:
        a, b = pos[left[0]], pos[right[0]]
        return (a > b) - (a < b)
    gain = 0
    for a in left:
        pa = pos[a]
        for b in right:
            pb = pos[b]
            gain += (pa > pb) - (pa < pb)
    return gain


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
