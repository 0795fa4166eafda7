"""Issue 11: an order within a column. `rank_card` puts a card above or below another of its
cell (lane × column, sprint or not), as one undoable event; the board shows that order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.models import Board, EventKind, Mode, RuleViolation
from mlboard.planning.card_history import card_timeline
from mlboard.services import cards, ranking, sprints
from mlboard.services.draft import Draft
from mlboard.services.session import BoardService
from mlboard.ui.board_model import LANES, build_view

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _board(count: int, status: str = "todo", mode: Mode = Mode.KANBAN) -> Board:
    board = Board(name="Order", key="ML", mode=mode)
    for n in range(count):
        board = cards.add_card(board, NOW, f"card {n + 1}", "data", status=status).board
    return board


def _cell(board: Board, card_id: str = "ML-1") -> list[str]:
    return [c.id for c in ranking.cell_of(board, board.card(card_id))]


def _shown(board: Board, column: str = "todo") -> list[str]:
    view = build_view(board)
    index = [c.id for c in view.columns].index(column)
    return list(view.cell(LANES.index(board.card("ML-1").category), index))


def test_unranked_cards_keep_card_number_order() -> None:
    board = _board(4)
    assert _cell(board) == _shown(board) == ["ML-1", "ML-2", "ML-3", "ML-4"]
    assert all(card.rank is None for card in board.cards.values())


def test_before_after_top_bottom_change_only_the_moved_card() -> None:
    board = _board(4)
    draft = ranking.rank_card(board, NOW, "ML-4", before="ML-2")
    assert draft.touched == {"ML-4"} and draft.notes == {"ML-4": "above ML-2"}
    board = draft.board
    assert _cell(board) == _shown(board) == ["ML-1", "ML-4", "ML-2", "ML-3"]
    board = ranking.rank_card(board, NOW, "ML-1", after="ML-3").board
    assert _cell(board) == _shown(board) == ["ML-4", "ML-2", "ML-3", "ML-1"]
    board = ranking.rank_card(board, NOW, "ML-3", top=True).board
    assert _cell(board) == ["ML-3", "ML-4", "ML-2", "ML-1"]
    board = ranking.rank_card(board, NOW, "ML-3", bottom=True).board
    assert _cell(board) == _shown(board) == ["ML-4", "ML-2", "ML-1", "ML-3"]
    same = ranking.rank_card(board, NOW, "ML-3", bottom=True)
    assert same.board is board and not same.touched  # already there: nothing to record


def test_refusals_name_the_reason() -> None:
    board = cards.add_card(_board(3), NOW, "elsewhere", "experiment", status="todo").board
    board = cards.move_card(board, NOW, "ML-3", "done").board
    with pytest.raises(RuleViolation, match="not in ML-1's cell"):
        ranking.rank_card(board, NOW, "ML-1", before="ML-4")  # another lane
    with pytest.raises(RuleViolation, match="latest finished"):
        ranking.rank_card(board, NOW, "ML-3", top=True)
    with pytest.raises(RuleViolation, match="itself"):
        ranking.rank_card(board, NOW, "ML-1", after="ML-1")
    with pytest.raises(RuleViolation, match="say where"):
        ranking.rank_card(board, NOW, "ML-1", top=True, before="ML-2")


def test_sprint_cards_and_cards_outside_the_sprint_are_two_cells() -> None:
    board = _board(4, status="doing", mode=Mode.SCRUM)
    board = sprints.new_sprint(board, NOW).board
    board = sprints.commit_cards(board, NOW, ["ML-2", "ML-4"]).board
    board = sprints.start_sprint(board, NOW).board
    assert _cell(board, "ML-2") == ["ML-2", "ML-4"] and _cell(board, "ML-1") == ["ML-1", "ML-3"]
    with pytest.raises(RuleViolation, match="outside S1"):
        ranking.rank_card(board, NOW, "ML-1", before="ML-2")
    board = ranking.rank_card(board, NOW, "ML-4", before="ML-2").board
    assert _shown(board, "doing") == ["ML-4", "ML-2", "ML-1", "ML-3"]  # the sprint's first


def test_a_move_to_another_column_drops_the_rank() -> None:
    board = ranking.rank_card(_board(3), NOW, "ML-3", top=True).board
    assert board.card("ML-3").rank is not None
    board = cards.move_card(board, NOW, "ML-3", "doing").board
    assert board.card("ML-3").rank is None


def test_tied_neighbours_get_fresh_ranks_for_the_whole_cell() -> None:
    board = _board(4)
    tied = [board.card(i).model_copy(update={"rank": "m"}) for i in ("ML-2", "ML-3")]
    board = board.model_copy(update={"cards": {**board.cards, **{c.id: c for c in tied}}})
    assert _cell(board) == ["ML-1", "ML-4", "ML-2", "ML-3"]  # one rank: the number decides
    draft = ranking.rank_card(board, NOW, "ML-1", after="ML-2")
    assert _cell(draft.board) == _shown(draft.board) == ["ML-4", "ML-2", "ML-1", "ML-3"]
    keys = [draft.board.card(i).rank or "" for i in _cell(draft.board)]
    assert keys == sorted(set(keys))


def test_a_reorder_is_an_event_undo_sets_back_and_the_history_says(
    service: BoardService,
) -> None:
    for n in range(3):
        service.do(cards.add_card, f"card {n}", "data", status="todo")
    service.do(ranking.rank_card, "ML-3", before="ML-1")
    assert _cell(service.board) == ["ML-3", "ML-1", "ML-2"]
    event = service.board.events[-1]
    assert (event.kind, event.card, event.field) == (EventKind.EDITED, "ML-3", "rank")
    lines, _ = card_timeline(service.board, "ML-3")
    assert "edited rank — above ML-1" in lines[0]
    assert service.undo() == "rank card: ML-3 rank"
    assert _cell(service.board) == ["ML-1", "ML-2", "ML-3"]
    assert service.board.card("ML-3").rank is None
    service.redo()
    assert _cell(service.board) == ["ML-3", "ML-1", "ML-2"]


def test_an_unranked_board_writes_no_rank(service: BoardService) -> None:
    service.do(cards.add_card, "a", "data")
    assert b'"rank"' not in service.repo.path.read_bytes()
    service.do(cards.add_card, "b", "data")
    service.do(ranking.rank_card, "ML-2", top=True)
    written = service.repo.path.read_bytes()
    assert written.count(b'"rank": "') == 1 and b'"field": "rank"' in written


moves = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.sampled_from(["before", "after", "top", "bottom"]),
        st.integers(0, 5),
    ),
    max_size=40,
)


@settings(max_examples=60)
@given(moves)
def test_any_sequence_of_moves_keeps_a_total_order_with_every_card_once(
    steps: list[tuple[int, str, int]],
) -> None:
    board = _board(6)
    ids = [f"ML-{n + 1}" for n in range(6)]
    expected = list(ids)
    for mover, where, target in steps:
        card_id, other = ids[mover], ids[target]
        if where in ("before", "after") and card_id == other:
            continue
        place: dict[str, str | bool] = (
            {where: other} if where in ("before", "after") else {where: True}
        )
        draft: Draft = ranking.rank_card(board, NOW, card_id, **place)  # type: ignore[arg-type]
        board = draft.board
        expected.remove(card_id)
        if where == "top":
            expected.insert(0, card_id)
        elif where == "bottom":
            expected.append(card_id)
        else:
            expected.insert(expected.index(other) + (where == "after"), card_id)
        assert _cell(board) == expected
    assert _shown(board) == expected and sorted(expected) == sorted(ids)


def test_keys_never_grow_past_the_limit() -> None:
    """Pushing cards to the top over and over lengthens the keys; past `RANK_MAX` the cell
    gets fresh, short ones and the order stays as asked."""
    from mlboard.models.rank import RANK_MAX

    board = _board(3)
    for step in range(600):
        board = ranking.rank_card(board, NOW, f"ML-{step % 2 + 1}", top=True).board
        assert all(len(c.rank or "") <= RANK_MAX for c in board.cards.values())
    assert _cell(board) == ["ML-2", "ML-1", "ML-3"]
    assert max(len(c.rank or "") for c in board.cards.values()) < RANK_MAX
