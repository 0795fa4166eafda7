"""Invariants of the layered layout and its drawing, on random DAGs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.drawing.canvas import Canvas, Look, Segment, cell_width, shorten
from mlboard.drawing.geometry import Layout
from mlboard.drawing.layout import layout_graph


@st.composite
def dags(draw: st.DrawFn) -> tuple[nx.DiGraph, dict[str, int]]:
    """A DAG on ``ML-1..ML-n`` (edges from lower to higher numbers, in a shuffled order)."""
    n = draw(st.integers(1, 24))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * n)) if pairs else []
    graph = nx.DiGraph()
    nodes = draw(st.permutations(range(n)))
    graph.add_nodes_from(f"ML-{i}" for i in nodes)
    graph.add_edges_from((f"ML-{a}", f"ML-{b}") for a, b in chosen)
    widths = {node: draw(st.integers(1, 30)) for node in graph}
    return graph, widths


def overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def cells(points: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Every cell a polyline passes, in order."""
    out = [points[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        assert x1 == x2 or y1 == y2, "not orthogonal"
        steps = max(abs(x2 - x1), abs(y2 - y1))
        dx, dy = (x2 > x1) - (x2 < x1), (y2 > y1) - (y2 < y1)
        out += [(x1 + dx * k, y1 + dy * k) for k in range(1, steps + 1)]
    return out


def crossings(layout: Layout, graph: nx.DiGraph) -> int:
    """Brute-force crossing count of the layer orders."""
    rank = {s: r for r, layer in enumerate(layout.orders) for s in layer if isinstance(s, str)}
    where = {}
    for r, layer in enumerate(layout.orders):
        for i, slot in enumerate(layer):
            where[slot if isinstance(slot, str) else (*slot, r)] = i
    segments: dict[int, list[tuple[int, int]]] = {}
    for u, v in graph.edges:
        chain = [u, *[(u, v, r) for r in range(rank[u] + 1, rank[v])], v]
        for r, (a, b) in enumerate(itertools.pairwise(chain), start=rank[u]):
            segments.setdefault(r, []).append((where[a], where[b]))
    return sum(
        1
        for pairs in segments.values()
        for (a, b), (c, d) in itertools.combinations(pairs, 2)
        if (a - c) * (b - d) < 0
    )


@settings(max_examples=150, deadline=None)
@given(dags())
def test_layout_invariants(case: tuple[nx.DiGraph, dict[str, int]]) -> None:
    graph, widths = case
    layout = layout_graph(graph, widths)
    assert set(layout.boxes) == set(graph)
    boxes = layout.boxes
    for node, box in boxes.items():
        assert box.w >= widths[node] + 4 and box.h == 3
        assert box.x >= 0 and box.x + box.w <= layout.width and box.y + box.h <= layout.height
    rects = [(b.x, b.y, b.w, b.h) for b in boxes.values()]
    assert not any(overlap(a, b) for a, b in itertools.combinations(rects, 2))
    assert {(r.source, r.target) for r in layout.routes} == set(graph.edges)
    for route in layout.routes:
        src, dst = boxes[route.source], boxes[route.target]
        assert src.layer < dst.layer and src.y < dst.y
        (x0, y0), (x1, y1) = route.points[0], route.points[-1]
        assert y0 == src.y + src.h - 1 and src.x < x0 < src.x + src.w - 1
        assert y1 == dst.y - 1 and dst.x < x1 < dst.x + dst.w - 1
        for x, y in cells(route.points)[1:]:
            assert 0 <= x < layout.width and 0 <= y < layout.height
            assert not any(b.x <= x < b.x + b.w and b.y <= y < b.y + b.h for b in boxes.values())
    assert layout.crossings == crossings(layout, graph)
    assert layout_graph(graph, widths) == layout
    assert layout_graph(graph, widths, previous=layout.orders) == layout


@settings(max_examples=60, deadline=None)
@given(dags())
def test_routes_never_share_a_cell_lengthwise(case: tuple[nx.DiGraph, dict[str, int]]) -> None:
    """Two edges meet only by crossing, unless they share a source or a target."""
    graph, widths = case
    layout = layout_graph(graph, widths)
    links: dict[tuple[tuple[int, int], tuple[int, int]], set[tuple[str, str]]] = {}
    for route in layout.routes:
        for a, b in itertools.pairwise(cells(route.points)):
            links.setdefault((min(a, b), max(a, b)), set()).add((route.source, route.target))
    for users in links.values():
        assert len({s for s, _ in users}) == 1 or len({t for _, t in users}) == 1, users


@settings(max_examples=60, deadline=None)
@given(dags())
def test_canvas_draws_every_node_and_arrow(case: tuple[nx.DiGraph, dict[str, int]]) -> None:
    graph, widths = case
    labels = {node: f"○ {node} {'漢' * (widths[node] // 2)}" for node in graph}
    layout = layout_graph(graph, {n: cell_width(label) for n, label in labels.items()})
    canvas = Canvas(layout, {n: Look(label) for n, label in labels.items()})
    text = canvas.text()
    assert all(label in text for label in labels.values())
    assert text.count("▼") == len({r.points[-1] for r in layout.routes})
    for y in range(layout.height):
        row = canvas.row(y)
        ends = [(s.x, s.x + cell_width(s.text)) for s in row]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))
        assert all(lo >= 0 and hi <= layout.width for lo, hi in ends)
    full = canvas.lines()
    for y in range(0, layout.height, 3):
        for start, end in ((0, 7), (5, 23), (layout.width // 2, layout.width + 4)):
            assert draw(canvas.row(y, start, end), start) == cut(full[y], start, end)


def draw(segments: list[Segment], start: int) -> str:
    line, used = "", start
    for seg in segments:
        line += " " * (seg.x - used) + seg.text
        used = seg.x + cell_width(seg.text)
    return line.rstrip()


def cut(line: str, start: int, end: int) -> str:
    """Columns ``start``..``end`` of ``line``; a wide character cut in half is a blank."""
    cells: list[str | None] = []
    for char in line:
        cells += [char, None] if cell_width(char) == 2 else [char]
    part = cells[start:end]
    if part and part[0] is None:
        part[0] = " "
    if part and part[-1] is not None and cell_width(part[-1]) == 2:
        part[-1] = " "
    return "".join(c for c in part if c is not None).rstrip()


def test_seeded_order_keeps_the_picture_after_one_edit() -> None:
    graph = nx.DiGraph([(f"ML-{i}", f"ML-{i + 3}") for i in range(1, 20)])
    widths = dict.fromkeys(graph, 10)
    before = layout_graph(graph, widths)
    graph.add_node("ML-99")
    widths["ML-99"] = 10
    after = layout_graph(graph, widths, previous=before.orders)
    for old, new in zip(before.orders, after.orders, strict=False):
        assert [s for s in new if s in old] == list(old)


def test_cycle_is_refused() -> None:
    try:
        layout_graph(nx.DiGraph([("a", "b"), ("b", "a")]), {"a": 1, "b": 1})
    except ValueError as error:
        assert "cycle" in str(error)
    else:
        raise AssertionError("no error")


def test_cell_width_and_shorten() -> None:
    assert cell_width("ab漢") == 4
    assert cell_width("e\u0301") == 1
    assert shorten("Train XGBoost baseline", 10) == "Train XGB…"
    assert shorten("漢漢漢漢", 5) == "漢漢…"
    assert shorten("short", 10) == "short"
