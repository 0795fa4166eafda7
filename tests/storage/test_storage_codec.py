"""Board ↔ tables: a lossless round trip and a stable, diff-friendly file."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from storage_kit import rich_board

from mlboard.models import (
    SCHEMA_VERSION,
    Board,
    Card,
    Category,
    Criterion,
    Dataset,
    MetricResult,
    Op,
    Sprint,
)
from mlboard.storage import BoardRepository
from mlboard.storage.atomic import dumps
from mlboard.storage.codec import TABLES, decode, encode
from mlboard.storage.seal import SEAL_FIELD, UNSEALED


def test_rich_board_covers_every_entity() -> None:
    board = rich_board()
    for field in Board.model_fields:
        assert getattr(board, field), f"rich_board leaves {field} empty"


def test_encode_decode_round_trip() -> None:
    board = rich_board()
    tables = encode(board, rev=7)
    assert set(tables) == set(TABLES)
    assert tables["meta"] == {
        "1": {"schema_version": SCHEMA_VERSION, "rev": 7, SEAL_FIELD: UNSEALED}
    }
    assert decode(tables) == board


def test_round_trip_through_json_bytes() -> None:
    board = rich_board()
    assert decode(json.loads(dumps(encode(board, rev=1)))) == board


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    board = rich_board()
    repo = BoardRepository(tmp_path / "mlboard.json")
    repo.create(board)
    loaded = repo.load()
    assert loaded.board == board
    assert loaded.rev == 1
    assert loaded.schema_version == SCHEMA_VERSION


def test_tables_are_keyed_by_natural_ids() -> None:
    tables = encode(rich_board(), rev=1)
    assert set(tables["cards"]) == {"ML-1", "ML-2", "ML-3", "ML-10"}
    assert set(tables["people"]) == {"ana", "bo"}
    assert set(tables["sprints"]) == {"S1", "S2"}
    assert set(tables["datasets"]) == {"tickets-raw", "holdout"}
    assert list(tables["events"]) == [e.key for e in rich_board().events]


def test_cards_come_back_in_number_order_not_text_order() -> None:
    board = decode(json.loads(dumps(encode(rich_board(), rev=1))))
    assert list(board.cards) == ["ML-1", "ML-2", "ML-3", "ML-10"]


def test_events_come_back_in_key_order_which_is_time_order() -> None:
    board = rich_board()
    tables = encode(board, rev=1)
    shuffled = dict(reversed(list(tables["events"].items())))  # the file's order is not relied on
    reloaded = decode(json.loads(dumps({**tables, "events": shuffled})))
    assert [e.key for e in reloaded.events] == [e.key for e in board.events]
    assert [e.at for e in reloaded.events] == sorted(e.at for e in board.events)


def test_saving_twice_gives_identical_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    repo = BoardRepository(path)
    board = rich_board()
    with repo.locked():
        repo.write(board, 3)
    first = path.read_bytes()
    again = BoardRepository(path)
    with again.locked():
        again.write(again.load().board, 3)
    assert path.read_bytes() == first


def test_file_has_sorted_keys_two_space_indent_and_a_final_newline(board_path: Path) -> None:
    raw = board_path.read_bytes()
    data = json.loads(raw)
    expected = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert raw.decode("utf-8") == expected
    assert raw.startswith(b'{\n  "baselines": {')  # tables in key order
    assert b'\n  "board": {\n    "1": {\n' in raw


def test_sprints_come_back_in_number_order_and_names_alphabetically(tmp_path: Path) -> None:
    base = rich_board()
    sprints = tuple(
        Sprint(id=f"S{n}", start=date(2026, 1, 1), end=date(2026, 1, 2)) for n in range(1, 12)
    )
    board = base.model_copy(
        update={
            "sprints": sprints,
            "cards": {k: c.model_copy(update={"sprint": None}) for k, c in base.cards.items()},
            "datasets": tuple(reversed(base.datasets)),
            "retro_notes": (),
        }
    )
    repo = BoardRepository(tmp_path / "mlboard.json")
    repo.create(Board.model_validate(board.model_dump()))
    loaded = repo.load().board
    assert [s.id for s in loaded.sprints] == [f"S{n}" for n in range(1, 12)]
    assert [d.name for d in loaded.datasets] == sorted(d.name for d in board.datasets)


# --- any board the model accepts comes back from the file unchanged, byte for byte -------------

finite = st.floats(allow_nan=False, allow_infinity=False)
moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
) | st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
texts = st.text(max_size=20)


@st.composite
def boards(draw: st.DrawFn) -> Board:
    count = draw(st.integers(1, 6))
    ids = [
        f"ML-{n}"
        for n in draw(st.lists(st.integers(1, 10**6), min_size=count, max_size=count, unique=True))
    ]
    cards = {}
    for index, card_id in enumerate(ids):
        cards[card_id] = Card(
            id=card_id,
            title=draw(texts.filter(lambda t: t.split())),
            description=draw(texts),
            category=draw(st.sampled_from(list(Category))),
            status=draw(st.sampled_from(["backlog", "todo", "doing", "review", "done"])),
            points=draw(st.none() | finite.filter(lambda x: x >= 0)),
            depends_on=tuple(draw(st.lists(st.sampled_from(ids[:index]), unique=True)))
            if index
            else (),
            metrics=tuple(
                MetricResult(name=draw(texts.filter(bool)), value=draw(finite), at=draw(moments))
                for _ in range(draw(st.integers(0, 2)))
            ),
            criteria=tuple(
                Criterion(metric="auc", op=draw(st.sampled_from(list(Op))), threshold=draw(finite))
                for _ in range(draw(st.integers(0, 1)))
            ),
            gpu_hours=draw(st.none() | finite.filter(lambda x: x >= 0)),
            created_at=draw(moments),
        )
    return Board(
        name=draw(texts.filter(bool)),
        key="ML",
        cards=cards,
        datasets=tuple(
            Dataset(name=n) for n in sorted(draw(st.sets(texts.filter(bool), max_size=3)))
        ),
        next_number=max(int(i.split("-")[1]) for i in ids) + 1,
    )


@settings(max_examples=60, deadline=None)
@given(board=boards())
def test_any_board_round_trips_through_the_file(board: Board) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mlboard.json"
        repo = BoardRepository(path)
        repo.create(board)
        first = path.read_bytes()
        loaded = repo.load().board
        assert loaded == board
        with repo.locked():
            repo.write(loaded, 1)
        assert path.read_bytes() == first


def test_loaded_values_share_one_set_of_field_names_and_copies_do_not_leak(
    tmp_path: Path,
) -> None:
    """Cards read from a file are given every field; they share the set pydantic keeps of
    those (2 KB a card otherwise). A copy with changes must get its own set."""
    repo = BoardRepository(tmp_path / "mlboard.json")
    repo.create(rich_board())
    cards = list(repo.load().board.cards.values())
    shared = cards[0].__pydantic_fields_set__
    assert all(card.__pydantic_fields_set__ is shared for card in cards)
    assert shared == set(Card.model_fields) - {"rank"}  # a rank is written only once set
    before = set(shared)
    changed = cards[0].model_copy(update={"title": "Renamed"})
    assert changed.__pydantic_fields_set__ is not shared
    assert shared == before and cards[1].title != "Renamed"
    now = datetime(2026, 11, 2, tzinfo=UTC)
    fresh = Card(id="ML-1", title="t", category=Category.DATA, status="todo", created_at=now)
    assert fresh.__pydantic_fields_set__ == {"id", "title", "category", "status", "created_at"}
