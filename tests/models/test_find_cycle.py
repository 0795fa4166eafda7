"""The dependency-cycle check every load runs: the same answer as networkx on any graph."""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.models.board import find_cycle


@st.composite
def dependency_graphs(draw: st.DrawFn) -> dict[str, SimpleNamespace]:
    ids = [f"ML-{i}" for i in range(draw(st.integers(1, 12)))]
    named = st.sampled_from([*ids, "ML-99"])  # ML-99: a dependency on no card of the board
    return {
        card_id: SimpleNamespace(
            depends_on=tuple(draw(st.lists(named.filter(lambda d, c=card_id: d != c), max_size=3)))
        )
        for card_id in ids
    }


@settings(max_examples=300, deadline=None)
@given(cards=dependency_graphs())
def test_a_cycle_is_found_exactly_when_there_is_one_and_it_is_a_real_cycle(
    cards: dict[str, SimpleNamespace],
) -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(cards)
    graph.add_edges_from((c, d) for c, card in cards.items() for d in card.depends_on if d in cards)
    cycle = find_cycle(cards)  # type: ignore[arg-type]
    assert bool(cycle) == (not nx.is_directed_acyclic_graph(graph))
    for card_id, needed in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        assert needed in cards[card_id].depends_on
