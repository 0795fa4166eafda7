"""`mlboard.open_tinydb`: the board file through TinyDB's own API, for scripts and notebooks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from storage_kit import Ran
from tinydb import Query
from tinydb.table import Document

import mlboard
from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.cli.tui import bring_to_today
from mlboard.models import SCHEMA_VERSION, BoardLoadError, BoardWriteError, ConflictError
from mlboard.package_data import sample_board
from mlboard.storage import BoardRepository
from mlboard.storage.document import DocumentWriter
from mlboard.storage.seal import seal
from mlboard.storage.tinydb_access import (
    BACKUP_REASON,
    BoardTinyDB,
    InvalidBoardWrite,
    ReadOnlyBoardError,
)

README = Path(__file__).resolve().parents[2] / "README.md"
SAMPLES = ("scrum", "kanban")
KEYED = {"people": "handle", "datasets": "name", "pipelines": "name", "pools": "name"}
LISTS = ("events", "standup_notes", "retro_notes")  # rows under keys scripts treat as opaque
SETTINGS = ("name", "key", "mode", "sprint_days", "columns", "next_number")


def copy_sample(name: str, folder: Path) -> Path:
    target = folder / "mlboard.json"
    shutil.copyfile(sample_board(name), target)
    return target


def rows(db: BoardTinyDB, table: str) -> dict[str, dict[str, Any]]:
    return {doc.doc_id: dict(doc) for doc in db.table(table).all()}


def canonical(items: list[dict[str, Any]]) -> list[str]:
    """Rows as a multiset, whatever keys they are stored under."""
    return sorted(json.dumps(item, sort_keys=True) for item in items)


def leftovers(path: Path) -> list[str]:
    """Files mlboard leaves beside a board it wrote: lock, backups, temporary files."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_table_reads_as_the_file_holds_it_and_as_the_loader_sees_it(
    sample: str, tmp_path: Path
) -> None:
    path = copy_sample(sample, tmp_path)
    raw = json.loads(path.read_bytes())
    board = BoardRepository(path).load().board
    dumped = board.model_dump(mode="json", by_alias=True)

    db = mlboard.open_tinydb(path)

    assert db.tables() == set(raw)
    for table in raw:
        assert rows(db, table) == raw[table], table
        assert all(type(doc.doc_id) is str for doc in db.table(table).all())
    assert rows(db, "cards") == dumped["cards"]
    assert rows(db, "sprints") == {s["id"]: s for s in dumped["sprints"]}
    for table, key in KEYED.items():
        assert rows(db, table) == {item[key]: item for item in dumped[table]}, table
    for table in LISTS:
        assert canonical(db.table(table).all()) == canonical(dumped[table]), table
    (settings,) = db.table("board").all()
    assert settings == {name: dumped[name] for name in SETTINGS}
    assert db.table("meta").all()[0]["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("sample", SAMPLES)
def test_cards_and_sprints_equal_what_the_command_line_prints(
    sample: str, tmp_path: Path, cli: Callable[..., Ran], capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_sample(sample, tmp_path)
    db = mlboard.open_tinydb(path)
    cards = rows(db, "cards")

    listed = cli("list", "--json", cwd=tmp_path)  # a real process
    assert listed.code == 0, listed.err
    assert {card["id"]: card for card in json.loads(listed.out)} == cards
    if sample == "scrum":  # (Kanban mode refuses the sprint commands)
        sprints = cli("sprint", "list", "--json", cwd=tmp_path)
        assert sprints.code == 0, sprints.err
        assert {s["id"]: s for s in json.loads(sprints.out)} == rows(db, "sprints")
    for card_id, card in cards.items():  # every card's `show --json`, in process
        assert main(["--board", str(path), "show", card_id, "--json"], Context(path)) == 0
        shown = json.loads(capsys.readouterr().out)
        shown.pop("derived")
        assert shown.pop("conflicts") == []  # computed from the conflicts table, like derived
        assert shown == card


def test_the_query_api_works_on_every_kind_of_table(tmp_path: Path) -> None:
    path = copy_sample("scrum", tmp_path)
    board = BoardRepository(path).load().board
    db = mlboard.open_tinydb(path)
    card, person, blocker = Query(), Query(), Query()

    experiments = db.table("cards").search(card.category == "experiment")
    assert sorted(d.doc_id for d in experiments) == sorted(
        c.id for c in board.cards.values() if c.category.value == "experiment"
    )
    blocked = db.table("cards").search(card.blockers.any(blocker.resolved_at == None))  # noqa: E711
    assert sorted(d["id"] for d in blocked) == sorted(
        c.id for c in board.cards.values() if any(b.is_open for b in c.blockers)
    )
    assert blocked, "the sample board has open blockers"
    engineers = db.table("people").search(person.roles.any(["ml-engineer"]))
    assert {d.doc_id for d in engineers} == {
        p.handle for p in board.people if "ml-engineer" in p.roles
    }
    active, expected = db.table("sprints").get(Query().state == "active"), board.active_sprint()
    assert active is not None and expected is not None and active.doc_id == expected.id
    first = next(iter(board.cards))
    assert db.table("cards").get(doc_id=first)["title"] == board.cards[first].title
    assert db.table("cards").contains(doc_id=first)
    moved = db.table("events").search(Query().kind == "moved")
    assert len(moved) == sum(1 for e in board.events if e.kind.value == "moved") > 0


def test_each_query_sees_the_file_as_it_is_now(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """No query cache: a notebook sees what another process wrote a moment ago."""
    path = copy_sample("kanban", tmp_path)
    db = mlboard.open_tinydb(path)
    first = next(iter(rows(db, "cards")))
    in_review = Query().status == "review"
    before = {d.doc_id for d in db.table("cards").search(in_review)}
    assert first not in before
    assert cli("move", first, "review", cwd=tmp_path).code == 0
    assert {d.doc_id for d in db.table("cards").search(in_review)} == before | {first}


def test_reading_the_shipped_sample_leaves_it_as_it_is() -> None:
    """What the README suggests for a first try: no lock file, no backup, no byte changed."""
    sample = sample_board("scrum")
    before = {p.name: p.read_bytes() for p in sample.parent.iterdir() if p.is_file()}
    db = mlboard.open_tinydb(sample)
    assert db.table("cards").search(Query().status == "done")
    with pytest.raises(ReadOnlyBoardError):
        db.table("cards").truncate()
    assert {p.name: p.read_bytes() for p in sample.parent.iterdir() if p.is_file()} == before


def test_the_board_is_found_like_the_command_line_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample("scrum", tmp_path)
    deep = tmp_path / "src" / "notebooks"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert mlboard.open_tinydb().path == path  # the nearest mlboard.json upwards
    assert mlboard.open_tinydb(tmp_path).path == path  # a folder means its board file
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("MLBOARD_BOARD", str(path))
    assert mlboard.open_tinydb().path == path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no board file here"),
        (b"{", "mlboard.json: the file is not valid JSON; nothing was changed"),
        (b'{"meta": {"1": {"schema_version": 1}}}', "mlboard.json: board: expected exactly one"),
    ],
)
def test_a_missing_or_invalid_board_is_refused_on_open_with_the_loaders_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "mlboard.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BoardLoadError) as refused:
        mlboard.open_tinydb(path)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    with pytest.raises(BoardLoadError) as loader:
        BoardRepository(path).load()
    assert str(refused.value) == str(loader.value)


# --- read-only handles -----------------------------------------------------------------------


def writes(db: BoardTinyDB, card_id: str) -> dict[str, Callable[[], object]]:
    cards, row = db.table("cards"), dict(db.table("cards").get(doc_id=card_id))
    return {
        "insert": lambda: db.table("people").insert(Document({"handle": "noor"}, doc_id="noor")),
        "insert_multiple": lambda: cards.insert_multiple([Document(row, doc_id="X-1")]),
        "update": lambda: cards.update({"status": "done"}, Query().id == card_id),
        "update by id": lambda: cards.update({"title": "t"}, doc_ids=[card_id]),
        "upsert": lambda: cards.upsert(Document({**row, "title": "t"}, doc_id=card_id)),
        "remove": lambda: cards.remove(doc_ids=[card_id]),
        "truncate": cards.truncate,
        "drop_table": lambda: db.drop_table("retro_notes"),
        "drop_tables": db.drop_tables,
    }


def test_every_write_through_a_read_only_handle_is_refused_and_changes_no_byte(
    tmp_path: Path,
) -> None:
    path = copy_sample("scrum", tmp_path)
    before = path.read_bytes()
    db = mlboard.open_tinydb(path)
    assert db.read_only
    for name, write in writes(db, "TR-1").items():
        with pytest.raises(ReadOnlyBoardError) as refused:
            write()
        text = str(refused.value)
        assert str(path) in text and "read_only=False" in text and "mlboard commands" in text
        assert "\n" not in text, name
        assert path.read_bytes() == before, name
    assert leftovers(path) == []  # not even a lock file or a backup
    assert isinstance(refused.value, mlboard.ReadOnlyBoardError)
    assert isinstance(refused.value, mlboard.MlboardError)


def test_an_insert_without_a_key_says_how_to_give_one(tmp_path: Path) -> None:
    path = copy_sample("scrum", tmp_path)
    before = path.read_bytes()
    for read_only in (True, False):
        db = mlboard.open_tinydb(path, read_only=read_only)
        with pytest.raises(ValueError, match=r"Document\(row, doc_id=KEY\)"):
            db.table("cards").insert({"id": "TR-99", "title": "no key"})
        with pytest.raises(ValueError, match="keyed by their own ids"):
            db.insert({"anything": 1})  # TinyDB's default table
    assert path.read_bytes() == before


# --- writable handles ------------------------------------------------------------------------


def test_a_valid_write_lands_atomically_in_mlboards_layout_and_passes_check(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    path = copy_sample("scrum", tmp_path)
    repo = BoardRepository(path)
    before = repo.load()
    inode = path.stat().st_ino
    db = mlboard.open_tinydb(path, read_only=False)
    assert not db.read_only

    db.table("cards").update({"status": "review"}, Query().id == "TR-56")
    assert path.stat().st_ino != inode  # replaced by a rename, never rewritten in place
    db.table("people").insert(Document({"handle": "noor", "roles": ["analyst"]}, doc_id="noor"))

    after = repo.load()
    assert after.board.cards["TR-56"].status == "review"
    assert after.board.person("noor").roles == ("analyst",)
    assert after.rev == before.rev + 2
    assert path.read_bytes() == seal(DocumentWriter().document(after.board, after.rev))
    backups = repo.backups()  # one per handle, holding the board as it was before the script
    assert [b.name.endswith(f"-{BACKUP_REASON}.json") for b in backups] == [True]
    assert repo.read_backup(backups[0]) == before.board
    assert leftovers(path) == [".mlboard.json.backups", ".mlboard.json.lock"]
    checked = cli("check", cwd=tmp_path)
    assert checked.code == 0, checked.err
    shown = cli("show", "TR-56", "--json", cwd=tmp_path)
    assert json.loads(shown.out)["status"] == "review"


def test_a_write_keeps_what_another_process_wrote_meanwhile(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    path = copy_sample("kanban", tmp_path)
    db = mlboard.open_tinydb(path, read_only=False)
    first, second = list(rows(db, "cards"))[:2]
    assert cli("move", first, "review", cwd=tmp_path).code == 0
    db.table("cards").update({"title": "renamed by a script"}, doc_ids=[second])
    board = BoardRepository(path).load().board
    assert board.cards[first].status == "review"
    assert board.cards[second].title == "renamed by a script"


def test_a_write_waits_for_the_lock_and_builds_on_what_its_holder_wrote(tmp_path: Path) -> None:
    path = copy_sample("scrum", tmp_path)
    db = mlboard.open_tinydb(path, read_only=False)
    holder = f"""
import time
from mlboard.storage import BoardRepository
repo = BoardRepository({str(path)!r})
with repo.locked():
    loaded = repo.load()
    print("locked", flush=True)
    time.sleep(1.0)
    board = loaded.board
    card = board.cards["TR-56"].model_copy(update={{"title": "by the lock holder"}})
    cards = {{**board.cards, "TR-56": card}}
    repo.write(board.model_copy(update={{"cards": cards}}), loaded.rev + 1)
"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with subprocess.Popen(
        [sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True, env=env
    ) as other:
        assert other.stdout is not None and other.stdout.readline() == "locked\n"
        db.table("cards").update({"status": "review"}, doc_ids=["TR-55"])
        assert other.wait(timeout=30) == 0
    board = BoardRepository(path).load().board
    assert board.cards["TR-56"].title == "by the lock holder"
    assert board.cards["TR-55"].status == "review"


def test_a_write_based_on_a_stale_read_is_refused(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """TinyDB's `drop_table` reads and writes the storage outside a table's locked
    read-modify-write: when another process writes in between, its change is not lost,
    the stale write is refused."""
    path = copy_sample("scrum", tmp_path)
    db = mlboard.open_tinydb(path, read_only=False)
    storage = db.storage
    data = storage.read()  # what drop_table does first ...
    assert cli("move", "TR-56", "review", cwd=tmp_path).code == 0
    moved = path.read_bytes()
    data.pop("retro_notes")
    with pytest.raises(ConflictError, match="another process changed the board"):
        storage.write(data)  # ... and then
    assert path.read_bytes() == moved


def invalid_edits(db: BoardTinyDB) -> dict[str, Callable[[], object]]:
    cards = db.table("cards")
    tr1 = dict(cards.get(doc_id="TR-1"))
    loop: list[Any] = ["a"]
    loop.append(loop)
    return {
        "status names no column": lambda: cards.update({"status": "nope"}, doc_ids=["TR-1"]),
        "dependency cycle": lambda: cards.update({"depends_on": ["TR-10"]}, doc_ids=["TR-9"]),
        "unknown dependency": lambda: cards.update({"depends_on": ["TR-404"]}, doc_ids=["TR-1"]),
        "unknown field": lambda: cards.update({"colour": "red"}, doc_ids=["TR-1"]),
        "NaN": lambda: cards.update({"points": float("nan")}, doc_ids=["TR-1"]),
        "not JSON": lambda: cards.update({"labels": {"a"}}, doc_ids=["TR-1"]),
        "a key not a string": lambda: cards.update({"experiment": {1: "x"}}, doc_ids=["TR-1"]),
        "a list inside itself": lambda: cards.update({"roles": loop}, doc_ids=["TR-1"]),
        "stored under another id": lambda: cards.insert(Document(tr1, doc_id="TR-98")),
        "unknown table": lambda: db.table("notes").insert(Document({"a": 1}, doc_id="1")),
        "default table": lambda: db.table("_default").insert(Document({"a": 1}, doc_id="1")),
        "newer schema": lambda: db.table("meta").update({"schema_version": SCHEMA_VERSION + 1}),
        "every table dropped": db.drop_tables,
        "columns emptied": lambda: db.table("board").update({"columns": []}),
    }


def test_an_invalid_write_is_refused_and_the_file_stays_byte_identical(tmp_path: Path) -> None:
    path = copy_sample("scrum", tmp_path)
    before = path.read_bytes()
    db = mlboard.open_tinydb(path, read_only=False)
    for name, edit in invalid_edits(db).items():
        with pytest.raises(InvalidBoardWrite) as refused:
            edit()
        text = str(refused.value)
        assert text.startswith("mlboard.json: ") and text.endswith("; nothing was written"), text
        assert "\n" not in text, name
        assert path.read_bytes() == before, name
    assert BoardRepository(path).backups() == []


def test_a_read_only_file_stays_as_it_is_even_through_a_writable_handle(tmp_path: Path) -> None:
    path = copy_sample("kanban", tmp_path)
    before = path.read_bytes()
    db = mlboard.open_tinydb(path, read_only=False)
    path.chmod(0o444)
    with pytest.raises(mlboard.BoardWriteError, match="read-only"):
        db.table("cards").update({"title": "t"}, doc_ids=[next(iter(rows(db, "cards")))])
    assert path.read_bytes() == before


def test_a_refusal_carries_the_loaders_own_message(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """The same tables written to a file by hand: `mlboard check` says the same line."""
    path = copy_sample("scrum", tmp_path)
    db = mlboard.open_tinydb(path, read_only=False)
    with pytest.raises(InvalidBoardWrite) as refused:
        db.table("cards").update({"depends_on": ["TR-10"]}, doc_ids=["TR-9"])
    assert "dependency cycle TR-9 → TR-10 → TR-9" in str(refused.value)
    by_hand = tmp_path / "by-hand"
    by_hand.mkdir()
    tables = json.loads(path.read_bytes())
    tables["cards"]["TR-9"]["depends_on"] = ["TR-10"]
    (by_hand / "mlboard.json").write_text(json.dumps(tables))
    checked = cli("check", cwd=by_hand)
    assert checked.code == 2
    assert checked.err == f"mlboard: {refused.value}".removesuffix("; nothing was written") + "\n"


def test_a_new_card_needs_the_counter_moved_past_it_first(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    """Else `mlboard add` would one day hand out the script's card id again and replace the
    card: the loader refuses such a board, so the write is refused and says what to do."""
    path = copy_sample("scrum", tmp_path)
    before = path.read_bytes()
    db = mlboard.open_tinydb(path, read_only=False)
    (settings,) = db.table("board").all()
    number = settings["next_number"]
    ours = f"TR-{number + 3}"
    card = {**dict(db.table("cards").get(doc_id="TR-1")), "depends_on": [], "id": ours}
    with pytest.raises(InvalidBoardWrite, match=rf"board.next_number: .*set it to {number + 4}"):
        db.table("cards").insert(Document(card, doc_id=ours))
    assert path.read_bytes() == before

    db.table("board").update({"next_number": number + 4})  # as the README says: first this
    db.table("cards").insert(Document({**card, "title": "by a script"}, doc_id=ours))
    for _ in range(2):
        assert cli("add", "by hand", "--category", "data", cwd=tmp_path).code == 0
    board = BoardRepository(path).load().board
    assert board.cards[ours].title == "by a script"
    assert {ours, f"TR-{number + 4}", f"TR-{number + 5}"} <= set(board.cards)
    assert len(board.cards) == number - 1 + 3


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    card=st.sampled_from(["TR-1", "TR-9", "TR-10", "TR-30", "TR-56"]),
    field=st.sampled_from(["status", "depends_on", "points", "sprint", "title", "category"]),
    value=st.one_of(
        st.sampled_from(["backlog", "doing", "done", "nope", "S7", "S99", "data", "idea", ""]),
        st.lists(st.sampled_from(["TR-1", "TR-9", "TR-10", "TR-30", "TR-404"]), max_size=3),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-3, max_value=2**70),
        st.none(),
    ),
)
def test_a_write_lands_and_loads_or_is_refused_and_changes_nothing(
    tmp_path: Path, card: str, field: str, value: Any
) -> None:
    """Whatever a script writes into a card: either the file loads with the value in it, or
    the write is refused with one line and the file keeps every byte."""
    path = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board("scrum"), path)
    before = path.read_bytes()
    db = mlboard.open_tinydb(path, read_only=False)
    try:
        db.table("cards").update({field: value}, doc_ids=[card])
    except InvalidBoardWrite as refused:
        event("refused")
        assert "\n" not in str(refused)
        assert path.read_bytes() == before
        return
    event("landed")
    stored = BoardRepository(path).load().board.cards[card]
    written = stored.model_dump(mode="json", by_alias=True)[field]
    assert written == (list(value) if isinstance(value, list) else value)


# --- the package and the README --------------------------------------------------------------


def test_importing_mlboard_stays_cheap() -> None:
    code = (
        "import sys, mlboard; assert callable(mlboard.open_tinydb); "
        "heavy = [m for m in ('tinydb', 'pydantic', 'orjson', 'mlboard.storage') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
    for name in mlboard.__all__:  # served on first use
        assert isinstance(getattr(mlboard, name), type) or callable(getattr(mlboard, name))
    assert mlboard.BoardWriteError is BoardWriteError
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        mlboard.nothing_here  # noqa: B018


def readme_examples() -> list[str]:
    """The Python blocks of the README's "From scripts and notebooks" section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### From scripts and notebooks") :]
    section = section[: section.index("\n## ")]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_readme_examples_run_as_written_on_the_demo_board(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample("scrum", tmp_path)
    bring_to_today(path, datetime.now(UTC))  # what `mlboard demo` opens, exactly
    reading, writing = readme_examples()
    assert "mlboard.open_tinydb(" in reading and "Query()" in reading
    # first as a reader runs it, and what its last line gives: the experiment cards
    monkeypatch.chdir(tmp_path)
    *body, last = reading.strip().splitlines()
    namespace: dict[str, Any] = {}
    exec("\n".join(body), namespace)
    found = eval(last, namespace)
    board = BoardRepository(path).load().board
    assert sorted(d["id"] for d in found) == sorted(
        c.id for c in board.cards.values() if c.category.value == "experiment"
    )
    # then both, one after the other, in a fresh interpreter
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", reading + writing],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    board = BoardRepository(path).load().board
    assert board.person("noor").roles == ("analyst",)
    assert board.cards["TR-12"].assignee == "noor"
