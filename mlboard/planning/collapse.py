"""Big graphs made readable: cards grouped into one node per group, and neighbourhoods.

``collapse_graph`` works on plain inputs (a card graph and each card's group); the board
helpers group by category, by status column, or by both.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from mlboard.models import Board
from mlboard.models.text import visible

GroupBy = Literal["category", "status", "category-status"]


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    title: str
    members: tuple[str, ...]
    blocked: int

    @property
    def label(self) -> str:
        """``Data: 208 cards, 13 blocked``."""
        cards = f"{len(self.members)} card" + ("" if len(self.members) == 1 else "s")
        return f"{self.title}: {cards}" + (f", {self.blocked} blocked" if self.blocked else "")


@dataclass(frozen=True, slots=True)
class Collapsed:
    """A group-level DAG; edges carry ``count`` (card dependencies they stand for).

    ``dropped`` holds ``(from group, to group, count)`` for dependencies that point back
    against the group order and were left out because they closed a cycle of groups.
    """

    graph: nx.DiGraph
    groups: Mapping[str, Group]
    dropped: tuple[tuple[str, str, int], ...]

    def notes(self) -> list[str]:
        """One line per dropped group edge, saying what the picture leaves out."""
        return [
            f"{count} dependenc{'y' if count == 1 else 'ies'} of "
            f"{self.groups[dst].title} on {self.groups[src].title} not drawn "
            "(they close a cycle between groups)"
            for src, dst, count in self.dropped
        ]


def collapse_graph(
    graph: nx.DiGraph,
    group_of: Mapping[str, str],
    *,
    titles: Mapping[str, str] | None = None,
    blocked: Collection[str] = (),
) -> Collapsed:
    """Group the cards of ``graph`` (a DAG) by ``group_of``; groups ordered by mean layer.

    When the group edges form a cycle, the edges pointing back up that order are dropped
    (and listed in ``dropped``), so the result is always a DAG.
    """
    depth: dict[str, int] = {}
    for node in nx.topological_sort(graph):
        depth[node] = max((depth[p] + 1 for p in graph.predecessors(node)), default=0)
    members: dict[str, list[str]] = {}
    for node in graph:
        members.setdefault(group_of[node], []).append(node)
    blocked_set = set(blocked)

    def rank(group: str) -> tuple[float, str]:
        return sum(depth[n] for n in members[group]) / len(members[group]), group

    order = sorted(members, key=rank)
    place = {group: i for i, group in enumerate(order)}
    counts: dict[tuple[str, str], int] = {}
    for u, v in graph.edges:
        key = (group_of[u], group_of[v])
        if key[0] != key[1]:
            counts[key] = counts.get(key, 0) + 1
    result = nx.DiGraph()
    result.add_nodes_from(order)
    result.add_edges_from((u, v, {"count": c}) for (u, v), c in sorted(counts.items()))
    dropped: list[tuple[str, str, int]] = []
    if not nx.is_directed_acyclic_graph(result):
        for u, v, count in sorted(result.edges(data="count")):
            if place[u] > place[v]:
                result.remove_edge(u, v)
                dropped.append((u, v, count))
    groups = {
        g: Group(
            id=g,
            title=(titles or {}).get(g, g),
            members=tuple(members[g]),
            blocked=sum(1 for n in members[g] if n in blocked_set),
        )
        for g in order
    }
    return Collapsed(result, groups, tuple(dropped))


def group_board(board: Board, graph: nx.DiGraph, by: GroupBy = "category") -> Collapsed:
    """Collapse the board's card ``graph`` by category, status column, or both."""
    columns = {c.id: visible(c.title) for c in board.columns}  # drawn: escapes shown
    group_of: dict[str, str] = {}
    titles: dict[str, str] = {}
    for node in graph:
        card = board.cards[node]
        category = card.category.value
        parts = {
            "category": (category, f"category {category.capitalize()}"),
            "status": (card.status, f"status {columns[card.status]}"),
            "category-status": (
                f"{category}/{card.status}",
                f"{category.capitalize()} · {columns[card.status]}",
            ),
        }
        key, title = parts[by]
        group_of[node], titles[key] = key, title
    done = board.done_ids()
    blocked = [
        n for n in graph if board.cards[n].open_blockers and board.cards[n].status not in done
    ]
    return collapse_graph(graph, group_of, titles=titles, blocked=blocked)


def neighbourhood(graph: nx.DiGraph, node: str, depth: int) -> nx.DiGraph:
    """``node`` with what it depends on and what depends on it, up to ``depth`` steps away."""
    keep = {node}
    for step in (graph.predecessors, graph.successors):
        frontier = [node]
        for _ in range(depth):
            frontier = [n for f in frontier for n in step(f) if n not in keep]
            keep.update(frontier)
    return graph.subgraph([n for n in graph if n in keep]).copy()
