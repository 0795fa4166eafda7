"""Mutated board files, made structurally from a valid one: duplicate keys at every depth,
truncation, a BOM, NaN, huge numbers, wrong types, a lowered `next_number`, dangling ids,
cycles, odd shapes of the whole file. Each says whether the loader must refuse it.

A file the loader may accept must then survive a write with every card and event it held;
`held` reads what the file holds with a parser that keeps duplicate keys, so a loader that
silently takes the last of two `"cards"` is caught.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Mutation:
    family: str
    name: str
    data: bytes
    must_refuse: bool


class Pairs(list[tuple[str, Any]]):
    """A JSON object as written, keys in order and possibly repeated."""


# --- writing JSON with duplicates ---------------------------------------------------------


def emit(value: Any, indent: int = 0) -> str:
    """JSON like the board file's (sorted keys, two spaces), but `Pairs` kept as they are."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        value = Pairs(sorted(value.items()))
    if isinstance(value, Pairs):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {emit(v, indent + 1)}" for k, v in value]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + emit(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, Raw):
        return value.text
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Raw:
    """A literal JSON token the standard encoder would not write (NaN, 1e999, a bad escape)."""

    text: str


def to_bytes(tree: Any) -> bytes:
    return (emit(tree) + "\n").encode("utf-8", errors="surrogatepass")


# --- walking the tree ---------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def nodes(tree: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    found = [(path, tree)]
    if isinstance(tree, dict):
        for key in sorted(tree):
            found += nodes(tree[key], (*path, key))
    elif isinstance(tree, list):
        for i, item in enumerate(tree):
            found += nodes(item, (*path, i))
    return found


def replaced(tree: Any, path: Path_, value: Any) -> Any:
    new = copy.deepcopy(tree)
    if not path:
        return value
    parent = new
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return new


def other_value(value: Any) -> Any:
    """A different value of the same kind, for a duplicated key."""
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + " (duplicate)"
    return "duplicate"


def held(data: bytes) -> tuple[dict[str, set[str]], int]:
    """Card ids (with every title written for them) and the number of distinct event keys in
    the file, counting every occurrence of a repeated key; ({}, 0) if it is not JSON at all."""
    try:
        text = data.decode("utf-8-sig")
        top = json.loads(text, object_pairs_hook=Pairs)
    except (ValueError, RecursionError):
        return {}, 0
    cards: dict[str, set[str]] = {}
    events: set[str] = set()
    if not isinstance(top, Pairs):
        return {}, 0
    for key, table in top:
        if key == "cards" and isinstance(table, Pairs):
            for card_id, card in table:
                titles = cards.setdefault(card_id, set())
                if isinstance(card, Pairs):
                    titles.update(v for k, v in card if k == "title" and isinstance(v, str))
        if key == "events" and isinstance(table, Pairs):
            events.update(k for k, _ in table)
    return cards, len(events)


# --- the families -------------------------------------------------------------------------

Maker = Callable[[dict[str, Any], bytes, random.Random, int], Mutation]


def duplicate_key(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    if i % 5 == 0:  # the case of the report: `,"cards": {}` before the file's last `}`
        end = raw.rstrip().rfind(b"}")
        return Mutation(
            "duplicate-key", 'top-level ,"cards": {}', raw[:end] + b',"cards": {}}\n', True
        )
    objects = [(p, v) for p, v in nodes(tree) if isinstance(v, dict) and v]
    path, obj = rng.choice(objects)
    key = rng.choice(sorted(obj))
    pairs = Pairs(sorted(obj.items()))
    dup = (key, other_value(obj[key]))
    pairs.insert(rng.choice((0, len(pairs))), dup)  # before or after the original
    where = "/".join(map(str, path)) or "(top)"
    return Mutation(
        "duplicate-key", f"{where}: {key!r} twice", to_bytes(replaced(tree, path, pairs)), True
    )


def truncated(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    cut = rng.randrange(0, len(raw.rstrip()) - 1)
    return Mutation("truncated", f"cut at byte {cut} of {len(raw)}", raw[:cut], True)


def bom(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    variants = (BOM + raw, BOM + BOM + raw, raw.replace(b"\n", b"\r\n", 1) + BOM)
    return Mutation("bom", f"byte order mark, variant {i % 3}", variants[i % 3], False)


def _numbers(tree: Any) -> list[Path_]:
    return [p for p, v in nodes(tree) if isinstance(v, int | float) and not isinstance(v, bool)]


def not_finite(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    token = ("NaN", "Infinity", "-Infinity", "1e999", "-1e999")[i % 5]
    path = rng.choice(_numbers(tree))
    where = "/".join(map(str, path))
    return Mutation(
        "not-finite", f"{where} = {token}", to_bytes(replaced(tree, path, Raw(token))), True
    )


def huge_number(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    value = (2**64, 10**30, -(2**63), 1e308, 2**53 + 1, -1, 10**400)[i % 7]
    path = rng.choice(_numbers(tree))
    where = "/".join(map(str, path))
    text = Raw(str(value))
    return Mutation(
        "huge-number", f"{where} = {str(value)[:12]}", to_bytes(replaced(tree, path, text)), False
    )


def wrong_type(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    path, value = rng.choice(nodes(tree)[1:])
    choices = ["text", 0, 1.5, [], {}, None, True]
    other = rng.choice([c for c in choices if type(c) is not type(value)])
    where = "/".join(map(str, path))
    return Mutation(
        "wrong-type", f"{where} = {json.dumps(other)}", to_bytes(replaced(tree, path, other)), False
    )


def _card_numbers(tree: dict[str, Any]) -> list[int]:
    return sorted(int(k.rsplit("-", 1)[1]) for k in tree["cards"])


def next_number(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    numbers = _card_numbers(tree)
    value = (1, numbers[-1], rng.choice(numbers), 0, -1, numbers[-1] + 1000)[i % 6]
    settings = next(iter(tree["board"]))
    path: Path_ = ("board", settings, "next_number")
    must = value <= numbers[-1]
    return Mutation(
        "next-number",
        f"next_number = {value} (cards up to {numbers[-1]})",
        to_bytes(replaced(tree, path, value)),
        must,
    )


def dangling(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    card = rng.choice(sorted(tree["cards"]))
    field, value, must = (
        ("depends_on", ["TR-99999"], True),
        ("sprint", "S99", True),
        ("status", "nowhere", True),
        ("pool", "no-such-pool", False),
        ("assignee", "ghost", False),
    )[i % 5]
    path: Path_ = ("cards", card, field)
    return Mutation(
        "dangling-id", f"{card}.{field} = {value}", to_bytes(replaced(tree, path, value)), must
    )


def cycle(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    ids = rng.sample(sorted(tree["cards"]), 3)
    ring = ids[: 1 + i % 3]  # a card on itself, two cards, three cards
    new = copy.deepcopy(tree)
    for here, there in zip(ring, ring[1:] + ring[:1], strict=True):
        deps = new["cards"][here]["depends_on"]
        new["cards"][here]["depends_on"] = sorted({*deps, there})
    return Mutation("cycle", " → ".join([*ring, ring[0]]), to_bytes(new), True)


def shape(tree: dict[str, Any], raw: bytes, rng: random.Random, i: int) -> Mutation:
    card = rng.choice(sorted(tree["cards"]))
    title: Path_ = ("cards", card, "title")
    cases: list[tuple[str, bytes, bool]] = [
        ("empty file", b"", True),
        ("only whitespace", b" \n\t\n", True),
        ("null", b"null", True),
        ("a list", b"[]", True),
        ("an empty object", b"{}", True),
        ("a string", b'"board"', True),
        ("10,000 open brackets", b"[" * 10_000, True),
        (
            "a title nested 5,000 deep",
            to_bytes(replaced(tree, title, Raw("[" * 5000 + "]" * 5000))),
            True,
        ),
        ("minified", json.dumps(tree, separators=(",", ":")).encode(), False),
        ("keys in reverse order", json.dumps(_reversed(tree), indent=4).encode(), False),
        ("CRLF line ends", raw.replace(b"\n", b"\r\n"), False),
        ("garbage after the object", raw.rstrip() + b"x\n", True),
        ("two objects", raw + raw, True),
        (
            "invalid UTF-8 in a title",
            to_bytes(replaced(tree, title, "x")).replace(b'"x"', b'"\xff\xfe"', 1),
            True,
        ),
        (
            "a lone surrogate in a title",
            to_bytes(replaced(tree, title, Raw('"\\ud800"'))),
            False,
        ),
        ("UTF-16", raw.decode().encode("utf-16"), True),
        ("card stored under another id", _moved_card(tree, card), True),
        ("no meta table", to_bytes({k: v for k, v in tree.items() if k != "meta"}), True),
        (
            "schema version 999",
            to_bytes(replaced(tree, ("meta", "1", "schema_version"), 999)),
            True,
        ),
        ("a card without a title", to_bytes(_without(tree, ("cards", card), "title")), True),
        ("an unknown table", to_bytes({**tree, "Cards": {}}), True),
    ]
    name, data, must = cases[i % len(cases)]
    return Mutation("shape", name, data, must)


def _reversed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reversed(value[k]) for k in sorted(value, reverse=True)}
    if isinstance(value, list):
        return [_reversed(v) for v in value]
    return value


def _moved_card(tree: dict[str, Any], card: str) -> bytes:
    new = copy.deepcopy(tree)
    new["cards"]["TR-77777"] = new["cards"].pop(card)
    return to_bytes(new)


def _without(tree: dict[str, Any], path: Path_, key: str) -> Any:
    new = copy.deepcopy(tree)
    node: Any = new
    for step in path:
        node = node[step]
    del node[key]
    return new


FAMILIES: dict[str, Maker] = {
    "duplicate-key": duplicate_key,
    "next-number": next_number,
    "truncated": truncated,
    "bom": bom,
    "not-finite": not_finite,
    "huge-number": huge_number,
    "wrong-type": wrong_type,
    "dangling-id": dangling,
    "cycle": cycle,
    "shape": shape,
}


def mutations(raw: bytes, family: str, count: int, seed: int) -> list[Mutation]:
    """`count` mutations of one family of the valid board file `raw`, the same for a seed."""
    tree = json.loads(raw)
    rng = random.Random(f"{seed}:{family}")
    make = FAMILIES[family]
    return [make(tree, raw, rng, i) for i in range(count)]
