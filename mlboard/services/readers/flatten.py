"""Nested mappings of numbers → dotted metric names (``{"eval": {"auc": 0.8}}`` → ``eval.auc``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from mlboard.models import BadInput

# A YAML file can name one mapping many times (anchors); walking it would then take
# exponential time. No real metrics file comes near this many entries.
MAX_ENTRIES = 100_000

Skip = Callable[[str, Any], bool]


@dataclass
class Flat:
    values: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def is_number(value: Any) -> bool:
    """A finite int or float; booleans, strings, NaN and infinities are not metrics."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (isinstance(value, int) or math.isfinite(value))
    )


def flatten(data: Mapping[Any, Any], source: str, skip: Skip | None = None) -> Flat:
    """The numbers of `data` by dotted name, and the names of the entries that are not metrics.

    `skip(key, value)` drops an entry (and everything under it) by its own key. Two entries
    that flatten to one name (``{"a.b": 1, "a": {"b": 2}}``) are refused, not silently merged.
    """
    flat = Flat()
    for name, value in _walk(data, (), skip, [0], source):
        if value is None:
            flat.skipped.append(name)
            continue
        if name in flat.values:
            raise BadInput(f"--from {source}: the metric {name!r} is written twice")
        flat.values[name] = value
    return flat


def _walk(
    data: Mapping[Any, Any],
    path: tuple[str, ...],
    skip: Skip | None,
    seen: list[int],
    source: str,
) -> Iterator[tuple[str, float | None]]:
    for raw_key, value in data.items():
        seen[0] += 1
        if seen[0] > MAX_ENTRIES:
            raise BadInput(f"--from {source}: more than {MAX_ENTRIES} entries")
        key = str(raw_key).strip()
        name = ".".join((*path, key))
        if not key or not key.isprintable() or (skip is not None and skip(key, value)):
            yield name or "(empty name)", None
        elif isinstance(value, Mapping):
            yield from _walk(value, (*path, key), skip, seen, source)
        elif is_number(value):
            yield name, _finite(value)
        else:
            yield name, None


def _finite(value: float) -> float | None:
    try:
        number = float(value)
    except OverflowError:  # a YAML integer of hundreds of digits
        return None
    return number if math.isfinite(number) else None
