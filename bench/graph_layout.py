"""Benchmark: mlboard's layered layout against grandalf's Sugiyama layout (as `dvc dag`).

Run by hand: ``.venv/bin/python bench/graph_layout.py [--runs 5]``. Builds seeded random
ML-pipeline-like DAGs, times both layouts (median of several runs) and counts the crossings
of both final layer orders with one counter.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx

from mlboard.drawing.geometry import Layout, Slot
from mlboard.drawing.layout import layout_graph

STAGES = 7  # ingest, validate, clean, featurize, train, evaluate, deploy


def ml_dag(cards: int, seed: int) -> nx.DiGraph:
    """Projects of 8-30 cards, each a pipeline over the stages.

    A card depends on 1-3 cards: mostly its project's previous stage, sometimes an earlier
    stage, now and then another project's card (a shared dataset or model).
    """
    rnd = random.Random(seed)
    graph = nx.DiGraph()
    stage_of: dict[str, int] = {}
    projects: list[list[str]] = []
    made = 0
    while made < cards:
        size = min(rnd.randint(8, 30), cards - made)
        project: list[str] = []
        for i in range(size):
            made += 1
            card = f"ML-{made}"
            stage = i * STAGES // size
            graph.add_node(card, width=rnd.randint(14, 36))
            stage_of[card] = stage
            for _ in range(rnd.choices((1, 2, 3), (45, 35, 20))[0]):
                roll = rnd.random()
                if roll < 0.8:
                    pool = [c for c in project if stage_of[c] == stage - 1]
                elif roll < 0.9:
                    pool = [c for c in project if stage_of[c] < stage]
                else:
                    pool = [c for p in projects for c in p if stage_of[c] < stage]
                if pool:
                    graph.add_edge(rnd.choice(pool), card)
            project.append(card)
        projects.append(project)
    return graph


def deep_dag(cards: int, seed: int) -> nx.DiGraph:
    """A harder shape: each card depends on 1-3 of the 60 cards before it, or any earlier."""
    rnd = random.Random(seed)
    graph = nx.DiGraph()
    made: list[str] = []
    for number in range(1, cards + 1):
        card = f"ML-{number}"
        graph.add_node(card, width=rnd.randint(14, 36))
        for _ in range(rnd.choice((1, 1, 2, 2, 3)) if made else 0):
            start = max(0, len(made) - 60) if rnd.random() < 0.8 else 0
            graph.add_edge(rnd.choice(made[start:]), card)
        made.append(card)
    return graph


def crossings(orders: Sequence[Sequence[Any]], edges: Sequence[tuple[Any, Any]]) -> int:
    """Crossings of straight segments between consecutive layers, for any layer orders."""
    where = {slot: (r, i) for r, layer in enumerate(orders) for i, slot in enumerate(layer)}
    per_channel: dict[int, list[tuple[int, int]]] = {}
    for u, v in edges:
        (ru, iu), (rv, iv) = where[u], where[v]
        if rv == ru + 1:
            per_channel.setdefault(ru, []).append((iu, iv))
    total = 0
    for pairs in per_channel.values():
        pairs.sort()
        lows = [b for _, b in pairs]
        total += sum(
            1 for i in range(len(lows)) for j in range(i + 1, len(lows)) if lows[i] > lows[j]
        )
    return total


def ours(graph: nx.DiGraph) -> Layout:
    return layout_graph(graph, {n: graph.nodes[n]["width"] for n in graph})


def our_figures(graph: nx.DiGraph) -> tuple[int, int, int]:
    """(crossings, width, height) of mlboard's layout."""
    result = ours(graph)
    orders = [[_unique(s, r) for s in layer] for r, layer in enumerate(result.orders)]
    rank = {s: r for r, layer in enumerate(result.orders) for s in layer if isinstance(s, str)}
    edges: list[tuple[Any, Any]] = []
    for u, v in graph.edges:
        chain = [u, *[(u, v, r) for r in range(rank[u] + 1, rank[v])], v]
        edges += itertools.pairwise(chain)
    return crossings(orders, edges), result.width, result.height


def _unique(slot: Slot, rank: int) -> Any:
    return slot if isinstance(slot, str) else (*slot, rank)


def theirs(graph: nx.DiGraph) -> list[Any]:
    """grandalf's Sugiyama layout of each connected component, set up as `dvc dag` does."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout
    from grandalf.routing import EdgeViewer

    class Viewer:
        def __init__(self, w: int, h: int) -> None:
            self.w, self.h = w, h

    vertices = {n: Vertex(n) for n in graph}
    for n, vertex in vertices.items():
        vertex.view = Viewer(graph.nodes[n]["width"] + 4, 3)
    g = Graph(list(vertices.values()), [Edge(vertices[u], vertices[v]) for u, v in graph.edges])
    layouts = []
    for component in g.C:
        for e in component.sE:
            e.view = EdgeViewer()
        sug = SugiyamaLayout(component)
        sug.init_all(roots=[v for v in component.sV if not v.e_in()], optimize=True)
        sug.yspace = 3
        sug.xspace = min(v.view.w for v in component.sV)
        sug.draw()
        layouts.append(sug)
    return layouts


def their_figures(graph: nx.DiGraph) -> tuple[int, int, int]:
    """(crossings, width, height) of grandalf's layout, components side by side."""
    orders: list[list[Any]] = []
    edges: list[tuple[Any, Any]] = []
    width = height = 0
    for sug in theirs(graph):
        xs: list[float] = []
        ys: list[float] = []
        for r, layer in enumerate(sug.layers):
            while len(orders) <= r:
                orders.append([])
            orders[r] += [id(v) for v in layer]
            for v in layer:
                xs += [v.view.xy[0] - v.view.w / 2, v.view.xy[0] + v.view.w / 2]
                ys.append(v.view.xy[1])
                edges += [(id(v), id(w)) for w in _below(sug, v)]
        width += int(max(xs) - min(xs))
        height = max(height, int(max(ys) - min(ys)))
    return crossings(orders, edges), width, height


def _below(sug: Any, v: Any) -> list[Any]:
    """The slots of the next layer that grandalf joins ``v`` to."""
    if hasattr(v, "ctrl"):
        nxt = v.ctrl.get(v.rank + 1)
        return [nxt] if nxt is not None else []
    rank = sug.grx[v].rank
    out = []
    for e in v.e_out():
        w = e.v[1]
        out.append(w if sug.grx[w].rank == rank + 1 else sug.ctrls[e][rank + 1])
    return out


def median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=("pipeline", "deep"), default="pipeline")
    args = parser.parse_args()
    make = ml_dag if args.shape == "pipeline" else deep_dag
    head = f"{'cards':>6} {'edges':>6} | {'ours ms':>8} {'grandalf ms':>11} {'time ×':>7} |"
    head += f" {'ours X':>7} {'grandalf X':>10} {'X ×':>6} | {'ours w×h':>10} {'grandalf w×h':>13}"
    print(head)
    print("-" * len(head))
    for size in args.sizes:
        graph = make(size, args.seed + size)
        our_ms = median_ms(functools.partial(ours, graph), args.runs)
        their_ms = median_ms(functools.partial(theirs, graph), max(1, args.runs // 2))
        our_x, our_w, our_h = our_figures(graph)
        their_x, their_w, their_h = their_figures(graph)
        print(
            f"{size:>6} {graph.number_of_edges():>6} | {our_ms:>8.1f} {their_ms:>11.1f}"
            f" {our_ms / their_ms:>7.3f} | {our_x:>7} {their_x:>10}"
            f" {our_x / max(their_x, 1):>6.2f} | {f'{our_w}×{our_h}':>10}"
            f" {f'{their_w}×{their_h}':>13}"
        )
    print(
        f"shape {args.shape}, seed {args.seed}; ms = median of {args.runs} runs (grandalf:"
        f" {max(1, args.runs // 2)}); X = crossings of the final layer orders, one counter"
        " for both; × = ours / grandalf; w×h = drawing size in cells (grandalf: coordinate span)"
    )


if __name__ == "__main__":
    main()
