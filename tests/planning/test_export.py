"""Graph exports: the JSON of docs/design.md §5, Mermaid and Graphviz DOT."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.models import Blocker, Board, Card, NotFound, Sprint
from mlboard.models.text import visible
from mlboard.planning.export import graph_dot, graph_json, graph_mermaid

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def card(
    number: int,
    *deps: int,
    status: str = "todo",
    points: float | None = None,
    sprint: str | None = None,
    title: str | None = None,
    blocked: bool = False,
) -> Card:
    return Card(
        id=f"ML-{number}",
        title=title or f"Card {number}",
        category="data",
        status=status,
        points=points,
        sprint=sprint,
        depends_on=tuple(f"ML-{d}" for d in deps),
        blockers=(Blocker(kind="data", since=T0),) if blocked else (),
        created_at=T0,
    )


def board(*cards: Card) -> Board:
    sprints = (
        Sprint(id="S1", start=date(2026, 1, 5), end=date(2026, 1, 18)),
        Sprint(id="S2", start=date(2026, 1, 19), end=date(2026, 2, 1)),
    )
    return Board(name="Ticket routing", key="ML", sprints=sprints, cards={c.id: c for c in cards})


def pipeline() -> Board:
    """1 → 2 → 4, 1 → 3 → 4, 4 → 5; 1 is done; 3 is long; 6 stands alone in sprint S2."""
    return board(
        card(1, status="done", points=8, sprint="S1"),
        card(2, 1, points=1, sprint="S1"),
        card(3, 1, points=5, sprint="S1", blocked=True),
        card(4, 2, 3, points=2, sprint="S1"),
        card(5, 4, status="doing", sprint="S2"),
        card(6, points=3, sprint="S2"),
    )


# --- JSON ------------------------------------------------------------------------------


def test_json_has_the_design_shape_with_slack() -> None:
    graph = graph_json(pipeline())
    assert set(graph) == {"nodes", "edges", "critical_path"}
    assert graph["nodes"][0] == {
        "id": "ML-1",
        "title": "Card 1",
        "category": "data",
        "status": "done",
        "layer": 0,
        "critical": False,
        "slack": None,
    }
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert [n["id"] for n in graph["nodes"]] == [f"ML-{i}" for i in range(1, 7)]
    assert {i: n["layer"] for i, n in nodes.items()} == {
        "ML-1": 0,
        "ML-2": 1,
        "ML-3": 1,
        "ML-4": 2,
        "ML-5": 3,
        "ML-6": 0,
    }
    assert graph["edges"] == [
        {"from": "ML-1", "to": "ML-2"},
        {"from": "ML-1", "to": "ML-3"},
        {"from": "ML-2", "to": "ML-4"},
        {"from": "ML-3", "to": "ML-4"},
        {"from": "ML-4", "to": "ML-5"},
    ]
    assert graph["critical_path"] == ["ML-3", "ML-4", "ML-5"]
    assert {i for i, n in nodes.items() if n["critical"]} == {"ML-3", "ML-4", "ML-5"}
    assert nodes["ML-2"]["slack"] == 4
    assert nodes["ML-6"]["slack"] == 5
    assert json.loads(json.dumps(graph)) == graph


def test_sprint_keeps_its_cards_and_the_edges_between_them() -> None:
    graph = graph_json(pipeline(), sprint="s2")
    assert [n["id"] for n in graph["nodes"]] == ["ML-5", "ML-6"]
    assert graph["edges"] == []
    assert [n["layer"] for n in graph["nodes"]] == [0, 0]
    assert graph["critical_path"] == ["ML-6"]  # the sprint's own longest chain
    with pytest.raises(NotFound):
        graph_json(pipeline(), sprint="S9")


def test_critical_only_keeps_the_path_and_its_edges() -> None:
    graph = graph_json(pipeline(), critical_only=True)
    assert [n["id"] for n in graph["nodes"]] == ["ML-3", "ML-4", "ML-5"]
    assert [n["layer"] for n in graph["nodes"]] == [0, 1, 2]
    assert graph["edges"] == [{"from": "ML-3", "to": "ML-4"}, {"from": "ML-4", "to": "ML-5"}]
    assert all(n["critical"] for n in graph["nodes"])


def test_empty_board_exports() -> None:
    assert graph_json(board()) == {"nodes": [], "edges": [], "critical_path": []}
    assert graph_mermaid(board()) == "flowchart TD\n"
    assert graph_dot(board()).startswith('digraph "Ticket routing" {')


# --- Mermaid and DOT -------------------------------------------------------------------


TRICKY = 'Say "hi" <b> & #1; \\n [x] {y} -->'


def test_mermaid_escapes_titles_and_highlights_the_critical_path() -> None:
    b = pipeline()
    b = b.model_copy(update={"cards": {**b.cards, "ML-2": card(2, 1, points=1, title=TRICKY)}})
    text = graph_mermaid(b)
    assert text.startswith("flowchart TD\n")
    assert 'ML_2["ML-2: Say #quot;hi#quot; #lt;b#gt; #amp; #35;1; \\n [x] {y} --#gt;"]' in text
    assert "    ML_3 --> ML_4\n" in text
    assert "    class ML_3,ML_4,ML_5 critical\n" in text
    assert "    class ML_1 done\n" in text
    assert "    class ML_3 blocked\n" in text
    assert "    linkStyle 3,4 stroke:" in text  # ML-3 → ML-4 and ML-4 → ML-5
    check_mermaid(text, b)


def test_dot_escapes_titles_and_highlights_the_critical_path() -> None:
    b = pipeline()
    b = b.model_copy(update={"cards": {**b.cards, "ML-2": card(2, 1, points=1, title=TRICKY)}})
    text = graph_dot(b)
    assert '    "ML-2" [label="ML-2: Say \\"hi\\" <b> & #1; \\\\n [x] {y} -->"' in text
    assert '    "ML-3" -> "ML-4" [color=' in text
    assert '    "ML-1" -> "ML-2";\n' in text
    assert 'style="rounded,filled"' in text  # done
    assert 'style="rounded,dashed,bold"' in text  # ML-3: blocked and critical
    check_dot(text, b)


# --- every card and every edge, whatever the titles ---------------------------------------

_MERMAID_NODE = re.compile(r'^    (\w+)\["([^"]*)"\]$')
_MERMAID_EDGE = re.compile(r"^    (\w+) --> (\w+)$")
_MERMAID_OTHER = re.compile(
    r"^    (classDef (critical|done|blocked) \S.*|class [\w,]+ (critical|done|blocked)"
    r"|linkStyle [\d,]+ \S.*)$"
)
_MERMAID_ENTITY = re.compile(r"#(quot|lt|gt|amp|35);")
_ENTITIES = {"quot": '"', "lt": "<", "gt": ">", "amp": "&", "35": "#"}
_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf"^    {_DOT_STRING} \[label={_DOT_STRING}(, [a-z]+=(\"[^\"]*\"|\d+))*\];$")
_DOT_EDGE = re.compile(rf"^    {_DOT_STRING} -> {_DOT_STRING}( \[[^\]]*\])?;$")


def label(c: Card) -> str:
    return f"{c.id}: {visible(c.title)}"


def edges_of(b: Board) -> set[tuple[str, str]]:
    return {(dep, c.id) for c in b.cards.values() for dep in c.depends_on}


def check_mermaid(text: str, b: Board) -> None:
    """Every line is a node, an edge or a style; every card and dependency is named."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        if node := _MERMAID_NODE.match(line):
            nodes[node[1]] = _MERMAID_ENTITY.sub(lambda m: _ENTITIES[m[1]], node[2])
        elif edge := _MERMAID_EDGE.match(line):
            edges.append((edge[1], edge[2]))
        else:
            assert _MERMAID_OTHER.match(line), line
    assert nodes == {c.id.replace("-", "_"): label(c) for c in b.cards.values()}
    assert {(u.replace("_", "-"), v.replace("_", "-")) for u, v in edges} == edges_of(b)
    assert len(edges) == len(edges_of(b))


def check_dot(text: str, b: Board) -> None:
    """Every line is a statement of a digraph; every card and dependency is named."""

    def unquote(s: str) -> str:
        return re.sub(r"\\(.)", r"\1", s)

    lines = text.splitlines()
    assert re.fullmatch(rf"digraph {_DOT_STRING} {{", lines[0])
    assert lines[1:3] == ["    rankdir=TB;", '    node [shape=box, style="rounded"];']
    assert lines[-1] == "}"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[3:-1]:
        if node := _DOT_NODE.match(line):
            nodes[unquote(node[1])] = unquote(node[2])
        else:
            edge = _DOT_EDGE.match(line)
            assert edge, line
            edges.append((unquote(edge[1]), unquote(edge[2])))
    assert nodes == {c.id: label(c) for c in b.cards.values()}
    assert set(edges) == edges_of(b)
    assert len(edges) == len(edges_of(b))


titles = st.text(min_size=1, max_size=24).filter(lambda t: bool(t.split()))


@st.composite
def boards(draw: st.DrawFn) -> Board:
    size = draw(st.integers(min_value=0, max_value=10))
    numbers = draw(st.permutations(range(1, size + 1)))
    cards = []
    for i, number in enumerate(numbers):
        deps = draw(st.sets(st.sampled_from(numbers[:i]), max_size=3)) if i else set()
        cards.append(
            card(
                number,
                *deps,
                status=draw(st.sampled_from(["todo", "doing", "done"])),
                points=draw(st.one_of(st.none(), st.integers(0, 8))),
                title=draw(titles),
                blocked=draw(st.booleans()),
            )
        )
    return board(*cards)


@settings(max_examples=80, deadline=None)
@given(boards())
def test_exports_name_every_card_and_every_edge(b: Board) -> None:
    graph = graph_json(b)
    assert [n["id"] for n in graph["nodes"]] == sorted(b.cards, key=lambda i: int(i[3:]))
    assert {n["title"] for n in graph["nodes"]} == {c.title for c in b.cards.values()}
    assert {(e["from"], e["to"]) for e in graph["edges"]} == edges_of(b)
    assert len(graph["edges"]) == len(edges_of(b))
    layer = {n["id"]: n["layer"] for n in graph["nodes"]}
    assert all(layer[u] < layer[v] for u, v in edges_of(b))
    check_mermaid(graph_mermaid(b), b)
    check_dot(graph_dot(b), b)
