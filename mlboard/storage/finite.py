"""Numbers a board file cannot keep: find them before a write.

JSON has no NaN or infinity: orjson and pydantic's JSON mode both write a non-finite float as
``null``. For a field that must be a number (a compute pool's GPU hours, a metric's value) the
saved board then fails to load, and every later command on it exits 2; for an optional one the
value silently becomes "unset". A whole number past `MAX_INT` (a counter bumped without
validation, such as the next card number) would be written and then refused by the next load.
The repository refuses such a board instead, before anything is written.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from mlboard.models.card import MAX_INT

# How to reach the numbers of a model: ("float", name) | ("int", name) | ("model", name, cls)
# | ("items", name, cls) for tuples or dict values of models | ("floats", name) for tuples.
Step = tuple[Any, ...]

_KEY_FIELDS = ("id", "handle", "name")


def first_unwritable(model: BaseModel, prefix: str = "") -> str | None:
    """Where the first NaN, infinite or too large number in `model` is
    (``pools.a100.gpu_hours is inf``), or None; `prefix` names a row's place in the board
    (``cards.ML-2.``). A quick pass first (~1 µs a card); the path is worked out only on a
    find."""
    if _checker(type(model))(model):
        return None
    return next(_walk(model, prefix), None)


@cache
def _checker(cls: type[BaseModel]) -> Callable[[Any], bool]:
    """A function that tells whether every number in a `cls` value can be written."""
    plan = _plan(cls)
    floats = tuple(step[1] for step in plan if step[0] == "float")
    whole = tuple(step[1] for step in plan if step[0] == "int")
    sequences = tuple(step[1] for step in plan if step[0] == "floats")
    models = tuple((step[1], _checker(step[2])) for step in plan if step[0] == "model")
    items = tuple((step[1], _checker(step[2])) for step in plan if step[0] == "items")

    def finite(model: Any) -> bool:
        for name in floats:
            value = getattr(model, name)
            if value is not None and value - value != 0:  # inf - inf and nan - nan are nan
                return False
        for name in whole:
            value = getattr(model, name)
            if value is not None and not -MAX_INT <= value <= MAX_INT:
                return False
        for name in sequences:
            if any(v - v != 0 for v in getattr(model, name) or ()):
                return False
        for name, check in models:
            value = getattr(model, name)
            if value is not None and not check(value):
                return False
        for name, check in items:
            value = getattr(model, name)
            if value and not all(map(check, value.values() if isinstance(value, dict) else value)):
                return False
        return True

    return finite


def _walk(model: BaseModel, prefix: str) -> Iterator[str]:
    for step in _plan(type(model)):
        kind, name = step[0], step[1]
        value = getattr(model, name)
        if value is None:
            continue
        where = f"{prefix}{name}"
        if kind == "float":
            if not math.isfinite(value):
                yield f"{where} is {value}"
        elif kind == "int":
            if not -MAX_INT <= value <= MAX_INT:
                yield f"{where} is {value}, past the largest whole number a board keeps"
        elif kind == "floats":
            for index, number in enumerate(value):
                if not math.isfinite(number):
                    yield f"{where}.{index} is {number}"
        elif kind == "model":
            yield from _walk(value, f"{where}.")
        else:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for index, item in items:
                label = _label(item, index) if not prefix else str(index)
                yield from _walk(item, f"{where}.{label}.")


def _label(item: BaseModel, index: Any) -> str:
    """A row of a board table is named by its id, as in the file."""
    for key in _KEY_FIELDS:
        label = getattr(item, key, None)
        if isinstance(label, str):
            return label
    return str(index)


@cache
def _plan(cls: type[BaseModel]) -> tuple[Step, ...]:
    steps: list[Step] = []
    for name, info in cls.model_fields.items():
        step = _step(name, info.annotation)
        if step is not None:
            steps.append(step)
    return tuple(steps)


def _step(name: str, annotation: Any) -> Step | None:
    inner = _without_none(annotation)
    if inner is float:
        return ("float", name)
    if inner is int:
        return ("int", name)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return ("model", name, inner) if _plan(inner) else None
    origin, args = get_origin(inner), get_args(inner)
    if origin in (tuple, list, dict) and args:
        item = _without_none(args[-1] if origin is dict else args[0])
        if item is float:
            return None if origin is dict else ("floats", name)
        if isinstance(item, type) and issubclass(item, BaseModel) and _plan(item):
            return ("items", name, item)
    return None


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation
