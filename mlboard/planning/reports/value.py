"""What every report value shares: a frozen dataclass whose `to_json()` is its JSON form.

The JSON form is the CLI contract (docs/design.md §5): keys in field order, a trailing
underscore dropped (`from_` is ``"from"``), tuples as lists, nested values as their own JSON
form; a field named in `OMIT_NONE` is left out while it is None, one whose metadata says
``{"json": False}`` always. Values are kept exactly as
computed (an int stays an int), so the JSON form is what the reports printed as dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

Json = dict[str, Any]


@dataclass(frozen=True)
class Value:
    """Base of the report values and of their typed parts."""

    OMIT_NONE: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> Json:
        out: Json = {}
        for field in fields(self):
            if not field.metadata.get("json", True):
                continue
            value = getattr(self, field.name)
            if value is None and field.name in self.OMIT_NONE:
                continue
            out[field.name.removesuffix("_")] = json_of(value)
        return out


def json_of(value: object) -> Any:
    """`value` as JSON data: values by their `to_json()`, tuples and lists as lists,
    mappings as dicts, everything else as it is."""
    if isinstance(value, Value):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [json_of(item) for item in value]
    if isinstance(value, Mapping):
        return {key: json_of(item) for key, item in value.items()}
    return value
