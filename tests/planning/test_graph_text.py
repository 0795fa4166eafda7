"""Golden text renderings of the dependency graph, plus collapse and neighbourhood rules.

Regenerate the golden files with ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/planning`` and
review them by eye.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from random import Random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pipeline_kit import PIPELINE, make_card, pipeline_cards

from mlboard.drawing.canvas import cell_width
from mlboard.models import Blocker, BlockerKind, Board, Card, Category, Sprint
from mlboard.package_data import sample_board
from mlboard.planning.collapse import collapse_graph, group_board, neighbourhood
from mlboard.planning.graph import dependency_graph
from mlboard.planning.picture import card_pictures, render_board_text
from mlboard.storage.codec import decode

GOLDEN = Path(__file__).parent / "golden"
T0 = datetime(2026, 1, 5, tzinfo=UTC)


def pipeline_board() -> Board:
    sprint = Sprint(id="S1", start=T0.date(), end=T0.date())
    cards = pipeline_cards(T0)
    return Board(name="pipeline", key="ML", sprints=(sprint,), cards={c.id: c for c in cards})


def big_board(size: int, seed: int) -> Board:
    """Cards by category in pipeline order: data feeds experiments and engineering."""
    rnd = Random(seed)
    stages = [Category.DATA, Category.ENGINEERING, Category.EXPERIMENT, Category.TECH_DEBT]
    statuses = ["backlog", "todo", "doing", "review", "done"]
    cards: list[Card] = []
    for n in range(1, size + 1):
        stage = min(3, (n - 1) * 4 // size + (1 if rnd.random() < 0.1 else 0))
        earlier = [c for c in cards[-60:] if stages.index(c.category) <= stage]
        deps = {rnd.choice(earlier).id for _ in range(rnd.randint(1, 3))} if earlier else set()
        blockers: tuple[Blocker, ...] = ()
        if rnd.random() < 0.06:
            blockers = (Blocker(kind=BlockerKind.COMPUTE, note="gpu", since=T0),)
        cards.append(
            make_card(
                n,
                f"Task {n}",
                stages[stage].value,
                rnd.choice(statuses),
                created_at=T0,
                depends_on=tuple(sorted(deps)),
                blockers=blockers,
            )
        )
    return Board(name="big", key="ML", cards={c.id: c for c in cards})


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_pipeline_golden() -> None:
    text = render_board_text(pipeline_board())
    check_golden("pipeline-12.txt", text)
    assert max(cell_width(line) for line in text.splitlines()) <= 120
    for n, title, *_ in PIPELINE:
        assert f"ML-{n} {title}"[:20] in text


def test_pipeline_sprint_and_critical_only_goldens() -> None:
    check_golden("pipeline-sprint-S1.txt", render_board_text(pipeline_board(), sprint="S1"))
    critical = render_board_text(pipeline_board(), critical_only=True, max_title=18)
    check_golden("pipeline-critical.txt", critical)
    assert "ML-12" in critical and "ML-4 " not in critical and "ML-1 " not in critical


def test_collapsed_golden() -> None:
    text = render_board_text(big_board(400, 3))
    check_golden("collapsed-400.txt", text)
    assert "category Data: " in text and "400 cards in 4 groups" in text


def test_picture_marks_blocked_and_critical_styles() -> None:
    picture = next(card_pictures(pipeline_board()))
    styles = {
        seg.node: seg.style
        for y in range(picture.canvas.height)
        for seg in picture.canvas.row(y)
        if seg.node
    }
    assert styles["ML-3"] == styles["ML-12"] == "node-blocked"  # ML-12 is downstream of ML-3
    assert styles["ML-1"] == styles["ML-4"] == "node"
    assert "┏" in picture.canvas.lines()[picture.layout.boxes["ML-12"].y]
    edge_styles = {seg.style for y in range(picture.canvas.height) for seg in picture.canvas.row(y)}
    assert {"edge", "edge-critical"} <= edge_styles


def test_collapse_drops_back_edges_of_a_group_cycle() -> None:
    graph = nx.DiGraph([("a1", "b1"), ("b1", "a2"), ("a2", "b2"), ("c1", "b2")])
    group_of = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}
    collapsed = collapse_graph(graph, group_of, blocked=["b2"])
    assert nx.is_directed_acyclic_graph(collapsed.graph)
    assert sorted(collapsed.graph.edges(data="count")) == [("A", "B", 2), ("C", "B", 1)]
    assert collapsed.dropped == (("B", "A", 1),)
    assert collapsed.groups["B"].label == "B: 2 cards, 1 blocked"
    assert collapsed.notes() == [
        "1 dependency of A on B not drawn (they close a cycle between groups)"
    ]


def test_collapse_accounts_for_every_card_and_dependency() -> None:
    board = big_board(120, 5)
    graph = dependency_graph(board)
    collapsed = group_board(board, graph, "category-status")
    assert nx.is_directed_acyclic_graph(collapsed.graph)
    assert sorted(n for g in collapsed.groups.values() for n in g.members) == sorted(graph)
    group_of = {n: g.id for g in collapsed.groups.values() for n in g.members}
    crossing = sum(1 for u, v in graph.edges if group_of[u] != group_of[v])
    drawn = sum(count for _, _, count in collapsed.graph.edges(data="count"))
    assert drawn + sum(count for _, _, count in collapsed.dropped) == crossing


@pytest.mark.parametrize(
    ("depth", "expected"), [(0, {"c"}), (1, {"b", "c", "d"}), (2, set("abcde"))]
)
def test_neighbourhood(depth: int, expected: set[str]) -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("x", "y")])
    near = neighbourhood(graph, "c", depth)
    assert set(near) == expected
    assert all(graph.has_edge(u, v) for u, v in near.edges)


def test_navigation_on_the_pipeline_picture() -> None:
    layout = next(card_pictures(pipeline_board())).layout
    assert layout.nearest("ML-3", "down") == "ML-5"
    assert layout.nearest("ML-1", "right") == "ML-2"
    assert layout.nearest("ML-12", "up") == "ML-11"
    assert layout.nearest("ML-12", "down") is None
    box = layout.boxes["ML-8"]
    assert layout.node_at(box.x + 1, box.y + 1) == "ML-8"
    assert layout.node_at(-1, -1) is None


def test_nothing_to_draw() -> None:
    assert render_board_text(Board(name="empty", key="ML")) == "(no cards to draw)\n"


@pytest.mark.parametrize("name", ["scrum", "kanban"])
def test_sample_board_goldens(name: str) -> None:
    """Regenerate with UPDATE_GOLDEN=1 whenever the sample boards are regenerated."""
    board = decode(json.loads(sample_board(name).read_text(encoding="utf-8")))
    text = render_board_text(board)
    check_golden(f"sample-{name}.txt", text)
    assert all(f"{cid} " in text for cid in board.cards)
    check_golden(f"sample-{name}-by-category.txt", render_board_text(board, collapse="category"))


def test_titles_shrink_to_fit_a_width() -> None:
    board = pipeline_board()
    wide = render_board_text(board)
    narrow = render_board_text(board, width=80)
    assert max(cell_width(line) for line in narrow.splitlines()) <= 80
    assert max(cell_width(line) for line in wide.splitlines()) > 80
    assert render_board_text(board, width=200) == wide


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_collapse_and_neighbourhood_on_random_dags(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 30))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = (
        data.draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    )
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    graph = nx.relabel_nodes(graph, {i: f"c{i}" for i in graph})
    group_of = {node: data.draw(st.sampled_from("ABCD")) for node in graph}
    collapsed = collapse_graph(graph, group_of)
    assert nx.is_directed_acyclic_graph(collapsed.graph)
    crossing = sum(1 for u, v in graph.edges if group_of[u] != group_of[v])
    drawn = sum(count for _, _, count in collapsed.graph.edges(data="count"))
    assert drawn + sum(count for _, _, count in collapsed.dropped) == crossing
    assert bool(collapsed.dropped) == (
        not nx.is_directed_acyclic_graph(
            nx.DiGraph(
                [(group_of[u], group_of[v]) for u, v in graph.edges if group_of[u] != group_of[v]]
            )
        )
    )
    focus = data.draw(st.sampled_from(sorted(graph)))
    depth = data.draw(st.integers(0, 4))
    up = nx.single_source_shortest_path_length(graph.reverse(), focus, cutoff=depth)
    down = nx.single_source_shortest_path_length(graph, focus, cutoff=depth)
    assert set(neighbourhood(graph, focus, depth)) == set(up) | set(down)
