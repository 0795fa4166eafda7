"""The dependency-graph rules: cycle refusal, critical path, neighbourhoods, blocked chains."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import UTC, datetime
from itertools import pairwise
from random import Random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.models import Blocker, BlockerKind, Board, Card, CycleError, NotFound
from mlboard.planning.graph import (
    blocked_chain,
    check_new_dependency,
    critical_path,
    dependency_graph,
    downstream,
    layers,
    upstream,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def card(
    number: int,
    *deps: int,
    status: str = "todo",
    points: float | None = None,
    blocked: bool = False,
) -> Card:
    blockers = (Blocker(kind=BlockerKind.DATA, note="waiting", since=T0),) if blocked else ()
    return Card(
        id=f"ML-{number}",
        title=f"Card {number}",
        category="data",
        status=status,
        points=points,
        depends_on=tuple(f"ML-{d}" for d in deps),
        blockers=blockers,
        created_at=T0,
    )


def board(*cards: Card) -> Board:
    return Board(name="test", key="ML", cards={c.id: c for c in cards})


def with_dependency(b: Board, card_id: str, dep_id: str) -> Board:
    """The board with one more dependency, applied without re-validation (as a test oracle)."""
    target = b.cards[card_id]
    changed = target.model_copy(update={"depends_on": (*target.depends_on, dep_id)})
    return b.model_copy(update={"cards": {**b.cards, card_id: changed}})


# --- dependency_graph ------------------------------------------------------------------


def test_graph_edges_run_from_dependency_to_dependent() -> None:
    g = dependency_graph(board(card(1), card(2, 1), card(3, 1, 2, status="done")))
    assert set(g.edges) == {("ML-1", "ML-2"), ("ML-1", "ML-3"), ("ML-2", "ML-3")}
    assert g.nodes["ML-3"]["done"] is True
    assert g.nodes["ML-1"]["weight"] == 1.0
    assert g.nodes["ML-1"]["category"] == "data"


def test_graph_of_selected_cards_keeps_edges_between_them_only() -> None:
    b = board(card(1), card(2, 1), card(3, 2))
    g = dependency_graph(b, ["ML-2", "ml-3"])
    assert list(g.nodes) == ["ML-2", "ML-3"]
    assert list(g.edges) == [("ML-2", "ML-3")]
    with pytest.raises(NotFound):
        dependency_graph(b, ["ML-9"])


def test_graph_nodes_are_in_card_number_order() -> None:
    b = board(card(10), card(2), card(1, 10))
    assert list(dependency_graph(b).nodes) == ["ML-1", "ML-2", "ML-10"]


# --- check_new_dependency --------------------------------------------------------------


def test_link_that_closes_a_cycle_is_refused_and_named_in_order() -> None:
    b = board(card(5), card(3, 5), card(4, 3))
    with pytest.raises(CycleError) as err:
        check_new_dependency(b, "ML-5", "ML-4")
    assert str(err.value) == "refused: ML-5 → ML-3 → ML-4 → ML-5 would be a dependency cycle"
    assert err.value.cycle == ("ML-5", "ML-3", "ML-4")
    assert err.value.exit_status == 1


def test_link_without_cycle_is_allowed() -> None:
    b = board(card(1), card(2, 1), card(3))
    assert check_new_dependency(b, "ML-3", "ML-2") is None
    assert check_new_dependency(b, "ML-2", "ML-1") is None  # already there: still no cycle
    with pytest.raises(CycleError):  # the same check refuses the way back
        check_new_dependency(b, "ML-1", "ML-2")


def test_refusal_names_the_shortest_cycle() -> None:
    # ML-4 depends on ML-1 directly and through ML-2 → ML-3.
    b = board(card(1), card(2, 1), card(3, 2), card(4, 3, 1))
    with pytest.raises(CycleError) as err:
        check_new_dependency(b, "ML-1", "ML-4")
    assert err.value.cycle == ("ML-1", "ML-4")


def test_self_dependency_is_a_cycle() -> None:
    with pytest.raises(CycleError) as err:
        check_new_dependency(board(card(1)), "ML-1", "ml-1")
    assert err.value.cycle == ("ML-1",)
    assert "ML-1 → ML-1" in str(err.value)


def test_unknown_ids_are_not_found() -> None:
    b = board(card(1))
    with pytest.raises(NotFound):
        check_new_dependency(b, "ML-1", "ML-2")
    with pytest.raises(NotFound):
        check_new_dependency(b, "ML-2", "ML-1")


@settings(max_examples=60, deadline=None)
@given(size=st.integers(min_value=2, max_value=10), steps=st.integers(0, 40), rng=st.randoms())
def test_random_links_never_leave_a_cycle_and_every_refusal_is_real(
    size: int, steps: int, rng: Random
) -> None:
    b = board(*(card(n) for n in range(1, size + 1)))
    for _ in range(steps):
        card_id, dep_id = (f"ML-{n}" for n in rng.sample(range(1, size + 1), 2))
        truth = dependency_graph(b)
        truth.add_edge(dep_id, card_id)
        try:
            check_new_dependency(b, card_id, dep_id)
        except CycleError as err:
            assert not nx.is_directed_acyclic_graph(truth)
            ring = (*err.cycle, err.cycle[0])
            assert all(truth.has_edge(u, v) for u, v in pairwise(ring))
            assert err.cycle[0] == card_id and err.cycle[-1] == dep_id
            continue
        if dep_id not in b.cards[card_id].depends_on:
            b = with_dependency(b, card_id, dep_id)
        assert nx.is_directed_acyclic_graph(dependency_graph(b))
    Board.model_validate(b.model_dump())  # the board's own validation agrees


# --- critical_path ---------------------------------------------------------------------


def test_critical_path_weights_points_and_counts_unpointed_cards_as_one() -> None:
    # 1(3) → 2(none=1) → 4(2);  1 → 3(5);  the chain through 3 is longer.
    b = board(card(1, points=3), card(2, 1), card(3, 1, points=5), card(4, 2, points=2))
    cp = critical_path(b)
    assert cp.path == ("ML-1", "ML-3")
    assert cp.length == 8
    assert cp.slack == {"ML-1": 0, "ML-2": 2, "ML-3": 0, "ML-4": 2}
    assert cp.critical == {"ML-1", "ML-3"}


def test_done_cards_leave_the_critical_path() -> None:
    b = board(card(1, points=8, status="done"), card(2, 1, points=1), card(3, points=2))
    cp = critical_path(b)
    assert cp.path == ("ML-3",)
    assert cp.length == 2
    assert "ML-1" not in cp.slack
    assert cp.slack["ML-2"] == 1


def test_equal_chains_are_both_critical_and_the_lower_number_wins_the_path() -> None:
    b = board(card(7), card(8, 7), card(3), card(9, 3))
    cp = critical_path(b)
    assert cp.path == ("ML-3", "ML-9")
    assert cp.critical == {"ML-3", "ML-7", "ML-8", "ML-9"}


def test_tie_breaking_follows_card_numbers_along_the_path() -> None:
    b = board(card(1), card(12, 1), card(5, 1), card(20, 5, 12))
    assert critical_path(b).path == ("ML-1", "ML-5", "ML-20")


def test_zero_point_cards_and_empty_boards() -> None:
    assert critical_path(board()).path == ()
    assert critical_path(board(card(1, status="done"))).length == 0
    cp = critical_path(board(card(1, points=0), card(2, 1, points=0)))
    assert cp.path == ("ML-1", "ML-2")
    assert cp.length == 0


def test_critical_path_of_selected_cards() -> None:
    b = board(card(1, points=5), card(2, 1), card(3, points=2))
    cp = critical_path(b, ["ML-2", "ML-3"])
    assert cp.path == ("ML-3",)
    assert set(cp.slack) == {"ML-2", "ML-3"}


def test_a_cycle_left_in_an_unvalidated_board_is_reported() -> None:
    b = with_dependency(board(card(1), card(2, 1)), "ML-1", "ML-2")
    with pytest.raises(CycleError):
        critical_path(b)


def _longest_by_networkx(b: Board) -> tuple[float, dict[str, float]]:
    """Critical length and slack computed independently: split each card into in → out."""
    g = nx.DiGraph()
    unfinished = {cid: c for cid, c in b.cards.items() if not b.is_done(c)}
    for cid, c in unfinished.items():
        g.add_edge((cid, "in"), (cid, "out"), weight=c.weight)
        for dep in c.depends_on:
            if dep in unfinished:
                g.add_edge((dep, "out"), (cid, "in"), weight=0.0)
    total = nx.dag_longest_path_length(g, weight="weight") if g else 0.0
    slack = {}
    for cid, c in unfinished.items():
        before = g.subgraph(nx.ancestors(g, (cid, "in")) | {(cid, "in")})
        after = g.subgraph(nx.descendants(g, (cid, "out")) | {(cid, "out")})
        through = (
            nx.dag_longest_path_length(before, weight="weight")
            + c.weight
            + nx.dag_longest_path_length(after, weight="weight")
        )
        slack[cid] = total - through
    return total, slack


@st.composite
def dags(draw: st.DrawFn) -> Board:
    """A random DAG board; card numbers are shuffled so they do not follow dependency order."""
    size = draw(st.integers(min_value=0, max_value=12))
    numbers = draw(st.permutations(range(1, size + 1)))
    cards = []
    for i, number in enumerate(numbers):
        deps = draw(st.sets(st.sampled_from(numbers[:i]), max_size=3)) if i else set()
        cards.append(
            card(
                number,
                *sorted(deps),
                status=draw(st.sampled_from(["backlog", "todo", "doing", "review", "done"])),
                points=draw(st.one_of(st.none(), st.integers(0, 13), st.just(0.5))),
            )
        )
    return board(*cards)


@settings(max_examples=120, deadline=None)
@given(dags())
def test_critical_path_agrees_with_networkx(b: Board) -> None:
    cp = critical_path(b)
    total, slack = _longest_by_networkx(b)
    assert math.isclose(cp.length, total, abs_tol=1e-9)
    assert set(cp.slack) == set(slack)
    for cid, value in slack.items():
        assert math.isclose(cp.slack[cid], value, abs_tol=1e-9), cid
    assert cp.critical == {cid for cid, value in cp.slack.items() if value == 0}
    # The path is a chain of unfinished dependencies as long as the critical length.
    assert set(cp.path) <= cp.critical
    assert math.isclose(sum(b.cards[cid].weight for cid in cp.path), cp.length, abs_tol=1e-9)
    for dep, dependent in pairwise(cp.path):
        assert dep in b.cards[dependent].depends_on
    if cp.path:
        assert not set(b.cards[cp.path[0]].depends_on) & set(cp.slack)
    assert critical_path(b) == cp  # deterministic


# --- neighbourhoods, blocked chains, layers ---------------------------------------------


def test_upstream_and_downstream_with_depth() -> None:
    b = board(card(1), card(2, 1), card(3, 2), card(4, 3), card(5, 1))
    assert upstream(b, "ML-4") == {"ML-1", "ML-2", "ML-3"}
    assert upstream(b, "ml-4", depth=1) == {"ML-3"}
    assert upstream(b, "ML-4", depth=0) == frozenset()
    assert downstream(b, "ML-1") == {"ML-2", "ML-3", "ML-4", "ML-5"}
    assert downstream(b, "ML-1", depth=2) == {"ML-2", "ML-3", "ML-5"}
    with pytest.raises(NotFound):
        downstream(b, "ML-9")


def test_blocked_chain_is_everything_downstream_of_an_open_blocker() -> None:
    resolved = card(6).model_copy(
        update={"blockers": (Blocker(kind="data", since=T0, resolved_at=T0),)}
    )
    b = board(
        card(1),
        card(2, 1, blocked=True),
        card(3, 2),
        card(4, 3),
        card(5, 1),
        resolved,
        card(7, 6),
        card(8, blocked=True, status="done"),
        card(9, 8),
        card(10, 2, status="done"),
        card(11, 10),
    )
    assert blocked_chain(b) == {"ML-2", "ML-3", "ML-4"}


def test_layers_are_longest_path_layers() -> None:
    b = board(card(1), card(2, 1), card(3, 2), card(4, 1, 3), card(5))
    assert layers(b) == {"ML-1": 0, "ML-2": 1, "ML-3": 2, "ML-4": 3, "ML-5": 0}
    assert layers(b, ["ML-1", "ML-4"]) == {"ML-1": 0, "ML-4": 1}


def test_planning_rules_do_not_import_networkx() -> None:
    code = (
        "import sys, mlboard.planning.graph, mlboard.planning.derived, mlboard.planning.export;"
        "sys.exit('networkx' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
