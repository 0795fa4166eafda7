"""Bad board files: the loader answers with a one-line BoardLoadError, and writes nothing."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_kit import Ran, rich_board

from mlboard.models import BoardLoadError
from mlboard.storage import BoardRepository
from mlboard.storage.atomic import dumps
from mlboard.storage.codec import decode, decode_current, encode
from mlboard.storage.seal import SEAL_FIELD, UNSEALED, seal

VALID_TABLES: dict[str, Any] = orjson.loads(dumps(encode(rich_board(), rev=4)))
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "mlboard.json"


def load_expecting_error(path: Path, raw: bytes) -> str:
    """Write `raw`, load it: a BoardLoadError (nothing else), one line naming the file."""
    path.write_bytes(raw)
    with pytest.raises(BoardLoadError) as caught:
        BoardRepository(path).load()
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message, message
    assert path.name in message, message
    assert path.read_bytes() == raw
    return message


def load_or_error(path: Path, raw: bytes) -> None:
    """A mutated file may still be a valid board; if not, the only error is BoardLoadError."""
    path.write_bytes(raw)
    try:
        loaded = BoardRepository(path).load()
    except BoardLoadError as exc:
        message = str(exc)
        assert "\n" not in message and path.name in message, message
    else:  # still valid: then it is a board that encodes and decodes again
        assert decode(encode(loaded.board, loaded.rev)) == loaded.board
    assert_both_paths_agree(raw)
    assert path.read_bytes() == raw


def assert_both_paths_agree(raw: bytes) -> None:
    """The quick path (pydantic reads the bytes) gives up, or reads what the general path
    (orjson, then `decode`) reads."""
    quick = decode_current(sealed(raw))
    if quick is not None:
        assert decode(orjson.loads(raw)) == quick[1]


def sealed(raw: bytes) -> bytes:
    """`raw` as mlboard's writer would seal it, if it holds the seal's placeholder once."""
    mark = f'"{SEAL_FIELD}": "{UNSEALED}"'.encode()
    return seal(raw) if raw.count(mark) == 1 else raw


# --- arbitrary input ---------------------------------------------------------------------------


@FAST
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes(scratch: Path, raw: bytes) -> None:
    load_expecting_error(scratch, raw)


@FAST
@given(value=json_values)
def test_arbitrary_json(scratch: Path, value: Any) -> None:
    load_expecting_error(scratch, orjson.dumps(value))


@FAST
@given(tables=st.dictionaries(st.sampled_from([*VALID_TABLES, "x"]), json_values, max_size=6))
def test_arbitrary_json_in_the_shape_of_tables(scratch: Path, tables: dict[str, Any]) -> None:
    load_expecting_error(scratch, orjson.dumps(tables))


@FAST
@given(cut=st.integers(min_value=0, max_value=len(dumps(VALID_TABLES)) - 2))
def test_truncated_files(scratch: Path, cut: int) -> None:
    load_expecting_error(scratch, dumps(VALID_TABLES)[:cut])


# --- mutated valid files -------------------------------------------------------------------------


def paths_of(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths_of(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths_of(value, (*prefix, index))


ALL_PATHS = [p for p in paths_of(VALID_TABLES) if p]


def wrong_type(value: Any) -> st.SearchStrategy[Any]:
    """A JSON value of another type than `value`."""
    kinds: dict[type, st.SearchStrategy[Any]] = {
        str: st.text(max_size=5),
        int: st.integers(-5, 5),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        list: st.lists(json_scalars, max_size=2),
        dict: st.dictionaries(st.text(max_size=3), json_scalars, max_size=2),
        type(None): st.none(),
    }
    others = [s for t, s in kinds.items() if not isinstance(value, t)]
    return st.one_of(others)


@st.composite
def mutated_tables(draw: st.DrawFn) -> dict[str, Any]:
    tables = copy.deepcopy(VALID_TABLES)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = tables
        try:
            for key in path[:-1]:
                parent = parent[key]
            if not isinstance(parent, dict | list):
                continue  # an earlier mutation replaced a container with a scalar
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this part
        kind = draw(st.sampled_from(["drop", "retype", "replace", "dangle", "rename"]))
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "retype":
            parent[path[-1]] = draw(wrong_type(current))
        elif kind == "replace":
            parent[path[-1]] = draw(json_values)
        elif kind == "dangle":
            parent[path[-1]] = draw(st.sampled_from(["ML-99", "nowhere", "S9", "", "ML-2"]))
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = parent.pop(path[-1])
    return tables


@settings(FAST, max_examples=300)
@given(tables=mutated_tables())
def test_mutated_board_files(scratch: Path, tables: dict[str, Any]) -> None:
    load_or_error(scratch, orjson.dumps(tables))


def mutate(change: Callable[[dict[str, Any]], Any]) -> bytes:
    tables = copy.deepcopy(VALID_TABLES)
    change(tables)
    return dumps(tables)


def first_event(tables: dict[str, Any]) -> dict[str, Any]:
    events: dict[str, Any] = tables["events"]
    return events[min(events)]


def card(tables: dict[str, Any], card_id: str = "ML-2") -> dict[str, Any]:
    found: dict[str, Any] = tables["cards"][card_id]
    return found


# Each of these must be refused, and the message must name the place.
REFUSED: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "title dropped": (lambda t: card(t).pop("title"), "cards.ML-2.title"),
    "category dropped": (lambda t: card(t).pop("category"), "cards.ML-2.category"),
    "points a string": (lambda t: card(t).update(points="five"), "cards.ML-2.points"),
    "points negative": (lambda t: card(t).update(points=-1), "cards.ML-2.points"),
    "depends_on a string": (lambda t: card(t).update(depends_on=7), "cards.ML-2.depends_on"),
    "unknown category": (lambda t: card(t).update(category="magic"), "cards.ML-2.category"),
    "extra field": (lambda t: card(t).update(colour="red"), "cards.ML-2.colour"),
    "bad date": (lambda t: card(t).update(created_at="yesterday"), "cards.ML-2.created_at"),
    "blocker kind": (
        lambda t: card(t)["blockers"][0].update(kind="weather"),
        "cards.ML-2.blockers.0.kind",
    ),
    "dangling dependency": (
        lambda t: card(t).update(depends_on=["ML-99"]),
        "ML-2.depends_on: no card 'ML-99'",
    ),
    "dangling status": (lambda t: card(t).update(status="qa"), "ML-2.status: no column 'qa'"),
    "dangling sprint": (lambda t: card(t).update(sprint="S9"), "ML-2.sprint: no sprint 'S9'"),
    "dependency cycle": (
        lambda t: card(t, "ML-1").update(depends_on=["ML-10"]),
        "dependency cycle ML-1 → ML-10",
    ),
    "self dependency": (lambda t: card(t).update(depends_on=["ML-2"]), "depends on itself"),
    "card under another key": (
        lambda t: t["cards"].update({"ML-7": t["cards"].pop("ML-3")}),
        "'ML-7' has id 'ML-3'",
    ),
    "card not an object": (lambda t: t["cards"].update({"ML-3": [1]}), "cards.ML-3"),
    "cards not a table": (lambda t: t.update(cards=[]), "cards: not a table"),
    "settings missing": (lambda t: t.pop("board"), "board: expected exactly one"),
    "name wrong type": (lambda t: t["board"]["1"].update(name=3), "board.name"),
    "key lowercase": (lambda t: t["board"]["1"].update(key="ml"), "board.key"),
    "two active sprints": (
        lambda t: t["sprints"]["S1"].update(state="active"),
        "more than one is active",
    ),
    "sprint ends first": (
        lambda t: t["sprints"]["S2"].update(end="2026-01-01"),
        "sprints.S2: sprint S2 ends before it starts",
    ),
    "event key malformed": (
        lambda t: t["events"].update({"7": {**first_event(t), "key": "7"}}),
        "events.7.key: String should match",
    ),
    "event under another key": (
        lambda t: first_event(t).update(key="20260101T000000.000000Z-abcdef"),
        "stored under",
    ),
    "person handle": (lambda t: t["people"]["ana"].update(handle="a b"), "people.ana.handle"),
    "person role": (
        lambda t: t["people"]["bo"].update(roles=["wizard"]),
        "people.bo.roles.0",
    ),
    "pool hours negative": (
        lambda t: t["pools"]["a100"].update(gpu_hours=-1),
        "pools.a100.gpu_hours",
    ),
    "person under another key": (
        lambda t: t["people"].update(x=t["people"].pop("bo")),
        "people.x.handle: stored under 'x' but is 'bo'",
    ),
    "a person twice": (
        lambda t: t["people"].update(x=dict(t["people"]["bo"])),
        "people.x.handle: stored under 'x' but is 'bo'",
    ),
    "sprint under another key": (
        lambda t: t["sprints"].update(S3=t["sprints"].pop("S1")),
        "sprints.S3.id: stored under 'S3' but is 'S1'",
    ),
    "a card key of 5,000 digits": (
        lambda t: t["cards"].update({"ML-" + "9" * 5000: {}}),
        "cards.ML-9999",
    ),
    "meta missing": (lambda t: t.pop("meta"), "meta: missing"),
    "schema version text": (
        lambda t: t["meta"]["1"].update(schema_version="1"),
        "meta.schema_version",
    ),
    "unknown table": (lambda t: t.update(cardz={}), "cardz: unknown table"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_invalid_fields_are_named(scratch: Path, case: str) -> None:
    change, where = REFUSED[case]
    message = load_expecting_error(scratch, mutate(change))
    assert where in message, message


def test_a_newline_in_a_key_still_gives_one_line(scratch: Path) -> None:
    raw = mutate(lambda t: t["cards"].update({"ML-\n3": t["cards"].pop("ML-3")}))
    load_expecting_error(scratch, raw)


def test_the_unchanged_file_is_valid(scratch: Path) -> None:
    scratch.write_bytes(dumps(VALID_TABLES))
    assert BoardRepository(scratch).load().board == rich_board()


# --- what pydantic's JSON parser reads but orjson does not -------------------------------------


def with_token(change: Callable[[dict[str, Any]], Any], token: str) -> bytes:
    """A valid file where `change` put the marker, then the marker replaced by raw `token`."""
    return mutate(change).replace(b'"@@"', token.encode())


PLACES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "meta": lambda t: t["meta"]["1"].update(rev="@@"),
    "a card": lambda t: card(t).update(points="@@"),
    "the settings": lambda t: t["board"]["1"].update(name="@@"),
    "an event": lambda t: first_event(t).update(note="@@"),
    "TinyDB's default table": lambda t: t.update(_default={"1": {"x": "@@"}}),
}


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999"])
@pytest.mark.parametrize("place", sorted(PLACES))
def test_non_finite_numbers_are_not_json(scratch: Path, place: str, token: str) -> None:
    raw = with_token(PLACES[place], token)
    assert decode_current(raw) is None
    assert "not valid JSON" in load_expecting_error(scratch, raw)


# Past 64 bits orjson reads a float, pydantic an exact integer; neither can be written back.
HUGE = str(10**30)
TOO_LARGE: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "carried": (lambda t: card(t).update(carried="@@"), "cards.ML-2.carried"),
    "time-box": (lambda t: card(t)["experiment"].update(timebox="@@"), "experiment.timebox"),
    "confusion count": (lambda t: card(t)["confusion"]["counts"][0].__setitem__(0, "@@"), "counts"),
    "next number": (lambda t: t["board"]["1"].update(next_number="@@"), "board.next_number"),
    "WIP limit": (lambda t: t["board"]["1"]["columns"][1].update(wip="@@"), "columns.1.wip"),
}


@pytest.mark.parametrize("value", [HUGE, str(2**60)])
@pytest.mark.parametrize("case", sorted(TOO_LARGE))
def test_integers_too_large_to_save_are_refused(scratch: Path, case: str, value: str) -> None:
    change, where = TOO_LARGE[case]
    raw = with_token(change, value)
    assert decode_current(sealed(raw)) is None
    assert where in load_expecting_error(scratch, raw)


@pytest.mark.parametrize("value", [HUGE, str(2**60), "-1", "NaN", '"4"'])
def test_a_broken_revision_restarts_the_count(scratch: Path, value: str) -> None:
    raw = with_token(PLACES["meta"], value)
    scratch.write_bytes(raw)
    loaded = BoardRepository(scratch).load() if value != "NaN" else None
    assert loaded is None or loaded.rev == 0
    assert_both_paths_agree(raw)


def test_the_quick_path_reads_the_rich_board() -> None:
    quick = decode_current(seal(dumps(VALID_TABLES)))
    assert quick is not None and quick[1] == rich_board()


def test_only_a_sealed_file_takes_the_quick_path() -> None:
    """A hand edit (the seal no longer matches) is read by the exact path."""
    raw = seal(dumps(VALID_TABLES))
    assert decode_current(raw) is not None
    assert decode_current(dumps(VALID_TABLES)) is None
    edited = raw.replace(b'"Routing', b'"Rerouting', 1)
    assert edited != raw and decode_current(edited) is None


# --- through the command line ------------------------------------------------------------------


# The loader is the same for every command (proved above, in-process); a few through the CLI.
BAD_FILES: dict[str, bytes] = {
    "truncated": dumps(VALID_TABLES)[: len(dumps(VALID_TABLES)) // 2],
    "non-JSON": b"cards:\n  - ML-1\n",
    "wrongly typed": mutate(lambda t: card(t).update(points="five")),
    "empty": b"",
    "cycle": mutate(lambda t: card(t, "ML-1").update(depends_on=["ML-10"])),
    "a number past 64 bits": with_token(lambda t: card(t).update(carried="@@"), HUGE),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_cli_refuses_bad_files(tmp_path: Path, cli: Callable[..., Ran], case: str) -> None:
    raw = BAD_FILES[case]
    path = tmp_path / "mlboard.json"
    path.write_bytes(raw)
    commands = [("move", "ML-2", "done")]
    if case in ("truncated", "empty"):
        commands += [("check",), ("add", "x", "--category", "data")]
    for command in commands:
        ran = cli(*command, cwd=tmp_path)
        assert ran.code == 2, (command, ran)
        assert ran.err.count("\n") == 1, ran.err
        assert ran.err.startswith("mlboard: ") and "mlboard.json" in ran.err, ran.err
        assert "Traceback" not in ran.err and "internal error" not in ran.err, ran.err
        assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlboard.json"] + (
        [".mlboard.json.lock"] if (tmp_path / ".mlboard.json.lock").exists() else []
    )


def test_the_cli_names_the_field(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    path = tmp_path / "mlboard.json"
    path.write_bytes(BAD_FILES["wrongly typed"])
    ran = cli("check", cwd=tmp_path)
    assert ran.code == 2
    assert "mlboard.json: cards.ML-2.points:" in ran.err
