"""Layers and the order within them: the first half of a layered layout, on integer indices.

Longest-path layering, a placeholder slot for each layer a long edge passes through, then
crossing reduction: barycenter sweeps plus adjacent swaps, seeded from a previous order, kept
only while a round finds a strictly better order.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import networkx as nx

from mlboard.drawing.geometry import Slot

PATIENCE = 2  # sweep pairs without a better order before a round stops
BIG = 4000  # slots (nodes and placeholders) above which a round gives up after one idle pair
SWEEPS = 8  # at most this many down+up barycenter sweep pairs per round
SWAP_PASSES = 6
NONE, MANY = -1, -2


class Layered:
    """Working state on integer indices; placeholder slots come after the real nodes.

    ``up``/``down`` are each slot's neighbours in the layers above and below, ``chains``
    each edge's slots from source to target, ``pos`` each slot's place in its layer.
    """

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
        self.crossings = 0

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
