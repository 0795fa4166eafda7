"""The writer that keeps each row's encoded text writes the same bytes as a whole encode."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from storage_kit import T0, rich_board

from mlboard.models import Board, Card, Category, Event, EventKind
from mlboard.models.event_key import new_keys
from mlboard.storage import BoardRepository
from mlboard.storage.atomic import dumps
from mlboard.storage.codec import encode
from mlboard.storage.document import DocumentWriter, UnwritableNumber
from mlboard.storage.seal import seal

SAMPLES = Path(__file__).parents[2] / "sample_boards"


def test_the_sample_boards_are_written_byte_for_byte() -> None:
    writer = DocumentWriter()
    for name in ("scrum.json", "kanban.json"):
        path = SAMPLES / name
        loaded = BoardRepository(path).load()
        assert seal(writer.document(loaded.board, loaded.rev)) == path.read_bytes()


def test_an_empty_board_is_written_like_a_whole_encode() -> None:
    board = Board(name="empty", key="ML")
    assert DocumentWriter().document(board, 1) == dumps(encode(board, 1))


CHANGES = st.lists(
    st.tuples(st.sampled_from(["retitle", "add", "remove", "event", "rename"]), st.integers(0, 50)),
    max_size=12,
)


def changed(board: Board, change: str, n: int) -> Board:
    ids = list(board.cards)
    if change == "retitle" and ids:
        card = board.cards[ids[n % len(ids)]]
        cards = {**board.cards, card.id: card.model_copy(update={"title": f"Title {n}"})}
        return board.model_copy(update={"cards": cards})
    if change == "add":
        card_id = f"ML-{board.next_number}"
        card = Card(
            id=card_id, title=f"New {n}", category=Category.DATA, status="backlog", created_at=T0
        )
        return board.model_copy(
            update={"cards": {**board.cards, card_id: card}, "next_number": board.next_number + 1}
        )
    if change == "remove" and ids:
        gone = ids[n % len(ids)]
        if any(gone in c.depends_on for c in board.cards.values()):
            return board
        return board.model_copy(
            update={"cards": {k: v for k, v in board.cards.items() if k != gone}}
        )
    if change == "event":
        event = Event(
            key=new_keys(T0 + timedelta(minutes=n), "abc123", 1, board.newest_event_key())[0],
            at=T0 + timedelta(minutes=n),
            kind=EventKind.MOVED,
            card=ids[0] if ids else None,
            to="done",
        )
        return board.model_copy(update={"events": (*board.events, event)})
    return board.model_copy(update={"name": f"Board {n}"})


@settings(max_examples=60, deadline=None)
@given(changes=CHANGES)
def test_a_series_of_saves_matches_a_whole_encode_each_time(changes: list[tuple[str, int]]) -> None:
    """The same writer across saves: kept pieces are reused only for the very same rows."""
    writer = DocumentWriter()
    board = rich_board()
    for rev, (change, n) in enumerate(changes, start=2):
        board = changed(board, change, n)
        assert writer.document(board, rev) == dumps(encode(board, rev))


def test_a_save_after_one_move_encodes_one_card(monkeypatch: pytest.MonkeyPatch) -> None:
    board = rich_board()
    writer = DocumentWriter()
    writer.document(board, 1)
    dumped: list[str] = []
    real = Card.model_dump

    def counting(self: Card, **kwargs: object) -> object:
        dumped.append(self.id)
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Card, "model_dump", counting)
    card = board.cards["ML-2"]
    moved = board.model_copy(
        update={"cards": {**board.cards, "ML-2": card.model_copy(update={"status": "done"})}}
    )
    assert writer.document(moved, 2) == dumps(encode(moved, 2))
    assert dumped == ["ML-2"]


def test_a_changed_row_with_a_nan_is_refused_and_named() -> None:
    board = rich_board()
    writer = DocumentWriter()
    writer.document(board, 1)
    card = board.cards["ML-2"].model_copy(update={"points": float("nan")})
    broken = board.model_copy(update={"cards": {**board.cards, "ML-2": card}})
    with pytest.raises(UnwritableNumber, match=r"^cards\.ML-2\.points is nan$"):
        writer.document(broken, 2)
    assert writer.document(board, 3) == dumps(encode(board, 3))
