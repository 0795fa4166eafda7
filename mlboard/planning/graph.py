"""The dependency graph: cycle refusal, critical path, neighbourhoods and blocked chains.

Edges run from a dependency to its dependent (docs/design.md §5:
``{"from": dep, "to": dependent}``).
The rules work on the cards' own ``depends_on`` tuples in plain Python, linear in the board;
networkx is imported only by `dependency_graph`, so a command that just needs a card's derived
facts does not pay for its import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mlboard.models import Board, Card, CycleError
from mlboard.models.board import find_cycle

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class CriticalPath:
    """The longest chain of unfinished work, weighted by points (a card without points counts 1).

    `path` is one longest chain in dependency order (ties go to the lower card number);
    `slack` is each unfinished card's float (latest minus earliest start, classic CPM); every
    card with zero slack is in `critical`, which holds `path` and any equally long chain.
    """

    path: tuple[str, ...]
    length: float
    slack: dict[str, float]
    critical: frozenset[str]


def card_order(card: Card) -> tuple[int, str]:
    """Sort key for cards: by number, then id."""
    return card.number, card.id


def select(board: Board, cards: Iterable[str] | None = None) -> Mapping[str, Card]:
    """The board's cards, or those named by `cards` (NotFound for an unknown id)."""
    if cards is None:
        return board.cards
    members: dict[str, Card] = {}
    for card_id in cards:
        card = board.card(card_id)
        members[card.id] = card
    return members


def dependency_graph(board: Board, cards: Iterable[str] | None = None) -> nx.DiGraph:
    """A networkx graph of the cards (all, or those named) with edges dependency → dependent.

    Nodes are added by card number and carry `title`, `category`, `status`, `weight`, `done`
    and `blocked` (has an open blocker); only edges between selected cards are kept.
    """
    import networkx as nx

    members = select(board, cards)
    done = board.done_ids()
    ordered = sorted(members.values(), key=card_order)
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (
            card.id,
            {
                "title": card.title,
                "category": card.category.value,
                "status": card.status,
                "weight": card.weight,
                "done": card.status in done,
                "blocked": bool(card.open_blockers),
            },
        )
        for card in ordered
    )
    graph.add_edges_from(
        (dep, card.id) for card in ordered for dep in card.depends_on if dep in members
    )
    return graph


def check_new_dependency(board: Board, card_id: str, dep_id: str) -> None:
    """Refuse (CycleError) a dependency of `card_id` on `dep_id` that would close a cycle.

    The error names the cycle in edge order, e.g. ``ML-5 → ML-3 → ML-4 → ML-5``, and its
    `cycle` holds those ids once each. Unknown ids raise NotFound. Cost: a breadth-first walk
    over `dep_id`'s ancestors only, so the shortest cycle is named without building a graph.
    """
    card = board.card(card_id).id
    dep = board.card(dep_id).id
    if card == dep:
        raise CycleError(
            f"refused: {card} → {card} would be a dependency cycle "
            "(a card cannot depend on itself)",
            (card,),
        )
    chain = _dependency_chain(board, dep, card)
    if chain:
        cycle = tuple(reversed(chain))
        raise CycleError(
            "refused: " + " → ".join((*cycle, card)) + " would be a dependency cycle", cycle
        )


def _dependency_chain(board: Board, start: str, goal: str) -> list[str]:
    """Shortest ``start, …, goal`` where each card depends on the next, or ``[]``."""
    parent = {start: start}
    queue = [start]
    for card_id in queue:
        for dep in board.cards[card_id].depends_on:
            if dep in parent:
                continue
            parent[dep] = card_id
            if dep == goal:
                chain = [dep]
                while chain[-1] != start:
                    chain.append(parent[chain[-1]])
                return chain[::-1]
            queue.append(dep)
    return []


def critical_path(board: Board, cards: Iterable[str] | None = None) -> CriticalPath:
    """CPM over the unfinished cards (all, or those named); done cards and their edges drop out."""
    done = board.done_ids()
    members = {cid: c for cid, c in select(board, cards).items() if c.status not in done}
    dependents = _dependents(members)
    order = _topological(members, dependents)
    weight = {cid: members[cid].weight for cid in order}
    earliest: dict[str, float] = {}
    for cid in order:
        start = 0.0
        for dep in members[cid].depends_on:
            if dep in members and earliest[dep] + weight[dep] > start:
                start = earliest[dep] + weight[dep]
        earliest[cid] = start
    length = max((earliest[cid] + weight[cid] for cid in order), default=0.0)
    latest_finish: dict[str, float] = {}
    for cid in reversed(order):
        finish = length
        for succ in dependents[cid]:
            if latest_finish[succ] - weight[succ] < finish:
                finish = latest_finish[succ] - weight[succ]
        latest_finish[cid] = finish
    tolerance = 1e-9 * max(1.0, length)
    slack: dict[str, float] = {}
    for cid in members:
        spare = latest_finish[cid] - weight[cid] - earliest[cid]
        slack[cid] = 0.0 if spare <= tolerance else spare
    critical = frozenset(cid for cid, s in slack.items() if s == 0.0)

    def lowest(candidates: Iterable[str]) -> str | None:
        return min(candidates, key=lambda cid: card_order(members[cid]), default=None)

    path: list[str] = []
    node = lowest(
        cid for cid in critical if not any(dep in members for dep in members[cid].depends_on)
    )
    while node is not None:
        path.append(node)
        finish = earliest[node] + weight[node]
        node = lowest(
            succ
            for succ in dependents[node]
            if succ in critical and abs(earliest[succ] - finish) <= tolerance
        )
    return CriticalPath(tuple(path), length, slack, critical)


def layers(board: Board, cards: Iterable[str] | None = None) -> dict[str, int]:
    """Longest-path layer of each card (all, or those named), 0 for cards with no dependency."""
    members = select(board, cards)
    dependents = _dependents(members)
    layer = dict.fromkeys(members, 0)
    for cid in _topological(members, dependents):
        for succ in dependents[cid]:
            if layer[succ] <= layer[cid]:
                layer[succ] = layer[cid] + 1
    return layer


def upstream(board: Board, card_id: str, depth: int | None = None) -> frozenset[str]:
    """What the card depends on, transitively (at most `depth` steps away when given)."""
    start = board.card(card_id).id
    return frozenset(_reach([start], lambda cid: board.cards[cid].depends_on, depth))


def downstream(board: Board, card_id: str, depth: int | None = None) -> frozenset[str]:
    """What depends on the card, transitively (at most `depth` steps away when given)."""
    start = board.card(card_id).id
    dependents = _dependents(board.cards)
    return frozenset(_reach([start], dependents.__getitem__, depth))


def blocked_chain(board: Board) -> frozenset[str]:
    """Unfinished cards with an open blocker, and every unfinished card downstream of them.

    A done card neither blocks nor is blocked: the chain stops at it.
    """
    done = board.done_ids()
    members = {cid: c for cid, c in board.cards.items() if c.status not in done}
    seeds = [cid for cid, card in members.items() if card.open_blockers]
    dependents = _dependents(members)
    return frozenset(seeds) | _reach(seeds, dependents.__getitem__, None)


def _reach(
    starts: list[str], neighbours: Callable[[str], Sequence[str]], depth: int | None
) -> set[str]:
    """Cards reachable from `starts` in 1..depth steps (any number when depth is None)."""
    seen: set[str] = set()
    frontier = starts
    steps = 0
    while frontier and (depth is None or steps < depth):
        steps += 1
        nxt: list[str] = []
        for cid in frontier:
            for other in neighbours(cid):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


def _dependents(members: Mapping[str, Card]) -> dict[str, list[str]]:
    """For each selected card, the selected cards that depend on it."""
    dependents: dict[str, list[str]] = {cid: [] for cid in members}
    for cid, card in members.items():
        for dep in card.depends_on:
            if dep in dependents:
                dependents[dep].append(cid)
    return dependents


def _topological(members: Mapping[str, Card], dependents: Mapping[str, list[str]]) -> list[str]:
    """Kahn's order of the selected cards; CycleError if they hold a cycle."""
    indegree = dict.fromkeys(members, 0)
    for succs in dependents.values():
        for succ in succs:
            indegree[succ] += 1
    order = [cid for cid, n in indegree.items() if n == 0]
    for cid in order:  # the list grows while it is walked
        for succ in dependents[cid]:
            indegree[succ] -= 1
            if indegree[succ] == 0:
                order.append(succ)
    if len(order) < len(members):
        cycle = find_cycle(dict(members))
        raise CycleError("dependency cycle " + " → ".join((*cycle, cycle[0])), cycle)
    return order
