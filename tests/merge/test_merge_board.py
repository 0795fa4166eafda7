"""The merge below the command line: event keys, the schema 1 → 2 migration, merge_boards
on boards changed through the services, conflict records and their resolution."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from mlboard.cli.hints import hint_text as cli_hint
from mlboard.models import Board, EventKind, NotFound, RuleViolation
from mlboard.models.event_key import is_key, key_time, new_keys
from mlboard.planning.card_sheet import card_sheet
from mlboard.planning.derived import derive
from mlboard.services import cards as ops
from mlboard.services import notes, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.conflicts import find_renumbered, resolve_conflict
from mlboard.services.history import salts_from
from mlboard.services.merge.board import merge_boards
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.badges import badges
from mlboard.ui.hints import hint_text as tui_hint

T1 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_event_keys_are_time_ordered_and_strictly_increase_on_a_standing_clock() -> None:
    first = new_keys(T1, "3f9a1c", 3)
    assert first[0] == "20261201T090000.000000Z-3f9a1c"
    assert all(is_key(k) for k in first) and first == sorted(first) and len(set(first)) == 3
    earlier = new_keys(T1 - timedelta(hours=1), "000000", 2, newest=first[-1])  # clock ran back
    assert earlier[0] > first[-1] and key_time(earlier[0]) == key_time(first[-1]) + 1
    later = new_keys(T1 + timedelta(days=1), "ffffff", 1, newest=first[-1])
    assert later[0].startswith("20261202T090000.000000Z")
    with pytest.raises(ValueError):
        new_keys(T1, "XYZ", 1)


def test_a_fixed_clock_and_one_salt_source_write_the_same_bytes(tmp_path: Path) -> None:
    def run(folder: Path) -> bytes:
        folder.mkdir()
        path = folder / "mlboard.json"
        BoardRepository(path).create(Board(name="b", key="T"))
        rng = random.Random(5)
        with salts_from(lambda: f"{rng.getrandbits(24):06x}"):
            service = BoardService(BoardRepository(path), FixedClock(T1))  # a standing clock
            for n in range(3):
                service.do(ops.add_card, f"card {n}", "data")
            service.do(ops.move_card, "T-1", "doing")
        keys = [e.key for e in service.board.events]
        assert keys == sorted(keys) and len(set(keys)) == 4
        return path.read_bytes()

    assert run(tmp_path / "one") == run(tmp_path / "two")


def schema1(board: Board, path: Path) -> bytes:
    """`board` written as mlboard wrote schema 1: events keyed 00000001… with a `seq`."""
    BoardRepository(path).create(board)
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    data["meta"]["1"]["schema_version"] = 1
    del data["conflicts"]
    events = [data["events"][k] for k in sorted(data["events"])]
    data["events"] = {}
    for seq, event in enumerate(events, 1):
        del event["key"]
        data["events"][f"{seq:08d}"] = {**event, "seq": seq}
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    path.write_bytes(raw)
    return raw


def busy_board(tmp_path: Path) -> Board:
    path = tmp_path / "source.json"
    BoardRepository(path).create(Board(name="b", key="T"))
    service = BoardService(BoardRepository(path), FixedClock(T1))  # every event at one time
    service.do(ops.add_card, "a", "data")
    service.do(ops.add_card, "b", "data", depends_on=["T-1"])
    service.do(ops.move_card, "T-1", "doing")
    service.do(ops.log_metrics, "T-2", {"auc": 0.8})
    return service.board


def test_schema_1_migrates_keeping_the_event_order_with_a_backup(tmp_path: Path) -> None:
    board = busy_board(tmp_path)
    path = tmp_path / "mlboard.json"
    raw = schema1(board, path)
    repo = BoardRepository(path)
    loaded = repo.load()
    assert loaded.schema_version == 1
    assert [(e.kind, e.card) for e in loaded.board.events] == [
        (e.kind, e.card) for e in board.events
    ]
    keys = [e.key for e in loaded.board.events]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert BoardRepository(path).load().board.events == loaded.board.events  # deterministic
    assert path.read_bytes() == raw  # reading never writes
    BoardService(repo, FixedClock(T1)).do(ops.move_card, "T-2", "doing")
    (backup,) = repo.backups()
    assert backup.read_bytes() == raw and "schema1" in backup.name
    again = BoardRepository(path).load()
    assert again.schema_version == 2
    assert [e.key for e in again.board.events][:-1] == keys


def test_two_clones_migrating_one_history_agree_on_its_keys(tmp_path: Path) -> None:
    board = busy_board(tmp_path)
    schema1(board, tmp_path / "one.json")
    schema1(board, tmp_path / "two.json")
    one = BoardRepository(tmp_path / "one.json").load().board
    two = BoardRepository(tmp_path / "two.json").load().board
    assert [e.key for e in one.events] == [e.key for e in two.events]


# --- merge_boards, in memory -------------------------------------------------------------------


class Branch:
    def __init__(self, path: Path, clock: FixedClock) -> None:
        self.service = BoardService(BoardRepository(path), clock)

    def do(self, *args: Any, **kwargs: Any) -> Board:
        return self.service.do(*args, **kwargs).board


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.json"
    BoardRepository(path).create(Board(name="b", key="T"))
    service = BoardService(BoardRepository(path), FixedClock(T1, timedelta(minutes=1)))
    service.do(ops.add_card, "one", "data")
    service.do(ops.add_card, "two", "experiment")
    service.do(sprints.new_sprint)
    return path


def fork(base: Path, name: str, start: datetime) -> Branch:
    path = base.with_name(f"{name}.json")
    path.write_bytes(base.read_bytes())
    return Branch(path, FixedClock(start, timedelta(minutes=1)))


def load(path: Path) -> Board:
    return BoardRepository(path).load().board


def test_notes_merge_as_sets_and_sprints_field_by_field(base: Path) -> None:
    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(notes.add_standup_note, "ana", "ours note")
    ours.do(sprints.commit_cards, ["T-1"])
    theirs.do(notes.add_standup_note, "bo", "theirs note")
    theirs.do(sprints.commit_cards, ["T-2"])
    theirs.do(sprints.start_sprint)
    merged = merge_boards(
        load(base), ours.service.board, theirs.service.board, T1 + timedelta(days=1), "abcdef"
    )
    board = merged.board
    assert [n.text for n in board.standup_notes] == ["ours note", "theirs note"]
    assert board.sprint("S1").state.value == "active"
    assert (board.card("T-1").sprint, board.card("T-2").sprint) == ("S1", "S1")
    assert merged.conflicts == () and merged.renumbered == ()


def test_a_renumbered_card_is_found_by_its_old_id_once_nobody_holds_it(base: Path) -> None:
    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(ops.add_card, "ours three", "data")
    theirs.do(ops.add_card, "theirs three", "data")
    at = T1 + timedelta(days=1)
    merged = merge_boards(load(base), ours.service.board, theirs.service.board, at, "abcdef")
    assert merged.renumbered == (("T-3", "T-4"),)
    board = merged.board
    card, note = find_renumbered(board, "T-3")
    assert card.title == "ours three" and note is not None and "now T-4" in note
    gone = ops.delete_card(board, at, "T-3").board
    card, note = find_renumbered(gone, "t-3")
    assert card.title == "theirs three" and note == "note: T-3 was renumbered T-4 by a merge"
    with pytest.raises(NotFound):
        find_renumbered(gone, "T-9")


def test_two_sprints_active_after_a_merge_keep_the_closed_one_closed(base: Path) -> None:
    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(sprints.start_sprint)
    ours.do(sprints.close_sprint)  # S1 closed
    ours.do(sprints.new_sprint)
    ours.do(sprints.start_sprint)  # S2 active
    theirs.do(sprints.start_sprint)  # S1 active, later than nothing
    theirs.do(ops.edit_card, "T-1", title="theirs edit")
    at = T1 + timedelta(days=1)
    board = merge_boards(load(base), ours.service.board, theirs.service.board, at, "abcdef").board
    assert [(s.id, s.state.value) for s in board.sprints] == [("S1", "closed"), ("S2", "active")]
    assert board.sprint("S1").snapshot is not None


def test_resolve_takes_a_value_of_ones_own_or_refuses_a_bad_one(base: Path) -> None:
    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(ops.edit_card, "T-1", points=3.0, title="ours title")
    theirs.do(ops.edit_card, "T-1", points=5.0, title="theirs title")
    at = T1 + timedelta(days=1)
    merged = merge_boards(load(base), ours.service.board, theirs.service.board, at, "abcdef")
    board = merged.board
    assert {(c.field, c.ours, c.theirs, c.chosen) for c in merged.conflicts} == {
        ("points", 3.0, 5.0, "ours"),
        ("title", "ours title", "theirs title", "ours"),
    }
    assert board.card("T-1").points == 3.0
    assert badges(board, board.card("T-1"), at)[0] == ("⚠2 conflicts", "blocked")  # the TUI's mark
    assert not [b for b in badges(board, board.card("T-2"), at) if "conflict" in b[0]]
    derived = derive(board, board.card("T-1"))
    sheet = card_sheet(board, board.card("T-1"), derived, word=cli_hint)  # as show says it
    assert "open conflicts (mlboard resolve ID" in sheet
    tui = card_sheet(board, board.card("T-1"), derived, word=tui_hint)  # the TUI's card view
    assert "open conflicts (resolve them with the resolve command: ours, theirs" in tui
    assert "mlboard " not in tui and "--" not in tui
    assert 'title: ours "ours title", theirs "theirs title" → kept ours' in sheet
    with pytest.raises(Exception, match="2 open conflicts"):
        resolve_conflict(board, at, "T-1")
    points = next(c for c in merged.conflicts if c.field == "points")
    with pytest.raises(Exception, match="points"):
        resolve_conflict(board, at, points.id, "-4")
    after = resolve_conflict(board, at, points.id, "8").board
    assert after.card("T-1").points == 8.0
    closed = next(c for c in after.conflicts if c.id == points.id)
    assert closed.resolution == 8 and closed.resolved_at == at
    with pytest.raises(RuleViolation, match="already resolved"):
        resolve_conflict(after, at, points.id)
    title = resolve_conflict(after, at, "T-1").board  # the one left open, by the card's id
    assert title.card("T-1").title == "ours title" and title.open_conflicts() == []
    assert not [b for b in badges(title, title.card("T-1"), at) if "conflict" in b[0]]


def test_a_merge_is_recorded_in_the_history_only_by_its_renumbering(base: Path) -> None:
    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(ops.move_card, "T-1", "doing")
    theirs.do(ops.log_metrics, "T-2", {"auc": 0.7})
    at = T1 + timedelta(days=1)
    mine, other = ours.service.board, theirs.service.board
    board = merge_boards(load(base), mine, other, at, "abcdef").board
    assert {e.key for e in board.events} == {e.key for e in (*mine.events, *other.events)}
    assert [e.key for e in board.events] == sorted(e.key for e in board.events)
    assert not [e for e in board.events if e.kind is EventKind.RENUMBERED]


def test_the_driver_merges_a_schema_1_base_with_migrated_branches(tmp_path: Path) -> None:
    from mlboard.services.merge.driver import merge_files

    board = busy_board(tmp_path)
    base = tmp_path / "base.json"
    schema1(board, base)
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    schema1(board, ours)  # a clone still on the old file, written by this mlboard's migration
    schema1(board, theirs)
    Branch(ours, FixedClock(T1 + timedelta(hours=1))).do(ops.move_card, "T-1", "done")
    Branch(theirs, FixedClock(T1 + timedelta(hours=2))).do(ops.add_card, "three", "data")
    files = set(tmp_path.rglob("*"))
    merged = merge_files(base, ours, theirs, T1 + timedelta(days=1), "abcdef")
    result = load(ours)
    assert result == merged.board and result.card("T-1").status == "done"
    assert result.card("T-3").title == "three"
    assert len(result.events) == len(board.events) + 2  # the shared history once, not twice
    assert set(tmp_path.rglob("*")) == files  # no backup next to git's temporary files


def test_a_conflict_line_shows_hostile_text_inert() -> None:
    from mlboard.models import Conflict
    from mlboard.planning.conflict_text import conflict_line

    record = Conflict(
        id="C-0123abcd", table="cards", key="T-1", field="title", base="a",
        ours="x\u202ey \x1b[2J", theirs="b", chosen="ours", at=T1,
    )  # fmt: skip
    line = conflict_line(record)
    assert "\u202e" not in line and "\x1b" not in line
    assert "\\u202e" in line  # shown as an escape that can be read


def test_two_different_events_under_one_key_are_both_kept() -> None:
    from mlboard.models import Event
    from mlboard.services.merge.tables import union_events

    key = new_keys(T1, "abcdef", 1)[0]
    ours = Event(key=key, at=T1, kind=EventKind.MOVED, card="T-1", to="doing")
    theirs = ours.model_copy(update={"to": "review"})
    events = union_events([ours], [theirs, ours])
    assert sorted(events) == [key, key + "00"]
    assert events[key + "00"].to == "review" and is_key(key + "00")


def test_baselines_of_both_sides_survive_a_merge_and_follow_a_renumbered_card(
    base: Path,
) -> None:
    from mlboard.services.baselines import record_baselines

    ours, theirs = fork(base, "ours", T1 + timedelta(hours=1)), fork(base, "theirs", T1)
    ours.do(record_baselines, {"ctr": 0.031}, "ab")
    theirs.do(ops.add_card, "theirs three", "data")
    ours.do(ops.add_card, "ours three", "data")
    theirs.do(record_baselines, {"auc": 0.8}, "holdout", "T-3")
    merged = merge_boards(
        load(base), ours.service.board, theirs.service.board, T1 + timedelta(days=1), "abcdef"
    )
    assert merged.renumbered == (("T-3", "T-4"),)
    found = {(b.name, b.card) for b in merged.board.baselines}
    assert found == {("ctr", None), ("auc", "T-4")}
