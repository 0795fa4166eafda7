"""Graph exports for ``mlboard graph --format json|mermaid|dot``: pure, linear in the board.

All three draw the same view: every card (or a sprint's cards, or only the critical path) and
every dependency between the cards shown, edges from dependency to dependent. The critical
path is computed on the cards shown, so a sprint's graph shows that sprint's longest chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TypedDict

from mlboard.models import Board, Card
from mlboard.models.text import visible
from mlboard.planning.graph import CriticalPath, card_order, critical_path, layers, select

CRITICAL_COLOUR = "#d9480f"
BLOCKED_COLOUR = "#c92a2a"
DONE_FILL = "#e9ecef"


class Node(TypedDict):
    id: str
    title: str
    category: str
    status: str
    layer: int
    critical: bool
    slack: float | None


Edge = TypedDict("Edge", {"from": str, "to": str})


class GraphJson(TypedDict):
    nodes: list[Node]
    edges: list[Edge]
    critical_path: list[str]


@dataclass(frozen=True)
class _View:
    cards: list[Card]
    edges: list[tuple[str, str]]
    layer: dict[str, int]
    path: CriticalPath
    done: frozenset[str]


def _view(board: Board, sprint: str | None, critical_only: bool) -> _View:
    ids: list[str] | None = None
    if sprint is not None:
        sprint_id = board.sprint(sprint).id
        ids = [cid for cid, card in board.cards.items() if card.sprint == sprint_id]
    path = critical_path(board, ids)
    if critical_only:
        ids = list(path.path)
    members = select(board, ids)
    cards = sorted(members.values(), key=card_order)
    edges = [(dep, card.id) for card in cards for dep in card.depends_on if dep in members]
    return _View(cards, edges, layers(board, ids), path, board.done_ids())


def graph_json(board: Board, sprint: str | None = None, critical_only: bool = False) -> GraphJson:
    """docs/design.md §5's graph object, plus each node's `slack` (null for a done card).

    `sprint` keeps that sprint's cards (NotFound for an unknown sprint); `critical_only` keeps
    the critical path's cards and the edges between them. `layer` is the longest-path layer
    among the cards shown, 0 for a card with no dependency shown.
    """
    view = _view(board, sprint, critical_only)
    slack = view.path.slack
    return {
        "nodes": [
            {
                "id": card.id,
                "title": card.title,
                "category": card.category.value,
                "status": card.status,
                "layer": view.layer[card.id],
                "critical": card.id in view.path.critical,
                "slack": slack.get(card.id),
            }
            for card in view.cards
        ],
        "edges": [{"from": dep, "to": dependent} for dep, dependent in view.edges],
        "critical_path": list(view.path.path),
    }


def graph_mermaid(board: Board, sprint: str | None = None, critical_only: bool = False) -> str:
    """A Mermaid flowchart, top to bottom; critical, done and blocked cards get a class each.

    Node ids are the card ids with ``-`` as ``_`` (``ML_12``); labels are quoted with Mermaid's
    entity escapes, control characters and bidi overrides shown as escapes (``\\x1b``);
    the critical path's edges are drawn heavy with ``linkStyle``.
    """
    view = _view(board, sprint, critical_only)
    states = {card.id: _states(view, card) for card in view.cards}
    lines = ["flowchart TD"]
    for card in view.cards:
        label = _mermaid_text(f"{card.id}: {visible(card.title)}")
        lines.append(f'    {_mermaid_id(card.id)}["{label}"]')
    on_path = _path_edges(view.path)
    heavy: list[str] = []
    for index, (dep, dependent) in enumerate(view.edges):
        lines.append(f"    {_mermaid_id(dep)} --> {_mermaid_id(dependent)}")
        if (dep, dependent) in on_path:
            heavy.append(str(index))
    for name, style in (
        ("critical", f"stroke:{CRITICAL_COLOUR},stroke-width:3px"),
        ("done", f"fill:{DONE_FILL},color:#495057"),
        ("blocked", f"stroke:{BLOCKED_COLOUR},stroke-dasharray:5 3"),
    ):
        ids = [_mermaid_id(card.id) for card in view.cards if name in states[card.id]]
        if ids:
            lines.append(f"    classDef {name} {style}")
            lines.append(f"    class {','.join(ids)} {name}")
    if heavy:
        lines.append(f"    linkStyle {','.join(heavy)} stroke:{CRITICAL_COLOUR},stroke-width:3px")
    return "\n".join(lines) + "\n"


def graph_dot(board: Board, sprint: str | None = None, critical_only: bool = False) -> str:
    """A Graphviz digraph, top to bottom, every id and label a quoted, escaped string
    (control characters and bidi overrides shown as escapes, in the header too).

    Critical cards and the critical path's edges are bold and coloured, done cards filled
    grey, blocked cards dashed.
    """
    view = _view(board, sprint, critical_only)
    lines = [
        f"digraph {_dot_text(visible(board.name))} {{",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded"];',
    ]
    for card in view.cards:
        states = _states(view, card)
        attrs = [f"label={_dot_text(f'{card.id}: {visible(card.title)}')}"]
        style = ["rounded"]
        if "done" in states:
            style.append("filled")
            attrs.append(f'fillcolor="{DONE_FILL}"')
        if "blocked" in states:
            style.append("dashed")
        if "critical" in states:
            style.append("bold")
            attrs.append(f'color="{CRITICAL_COLOUR}", penwidth=2')
        elif "blocked" in states:
            attrs.append(f'color="{BLOCKED_COLOUR}"')
        attrs.append(f'style="{",".join(style)}"')
        lines.append(f"    {_dot_text(card.id)} [{', '.join(attrs)}];")
    on_path = _path_edges(view.path)
    for dep, dependent in view.edges:
        heavy = f' [color="{CRITICAL_COLOUR}", penwidth=2]' if (dep, dependent) in on_path else ""
        lines.append(f"    {_dot_text(dep)} -> {_dot_text(dependent)}{heavy};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _states(view: _View, card: Card) -> set[str]:
    """Which of critical, done and blocked apply to the card."""
    states: set[str] = set()
    if card.id in view.path.critical:
        states.add("critical")
    if card.status in view.done:
        states.add("done")
    elif card.open_blockers:
        states.add("blocked")
    return states


def _path_edges(path: CriticalPath) -> set[tuple[str, str]]:
    return set(pairwise(path.path))


def _mermaid_id(card_id: str) -> str:
    return card_id.replace("-", "_")


_MERMAID_ENTITIES = str.maketrans(
    {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}
)


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return text.translate(_MERMAID_ENTITIES)


def _dot_text(text: str) -> str:
    """A quoted DOT string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
