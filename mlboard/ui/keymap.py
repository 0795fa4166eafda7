"""Key remapping from the config file, checked against the binding ids the app has."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType


def binding_ids(*binding_lists: Iterable[BindingType]) -> set[str]:
    return {b.id for bindings in binding_lists for b in bindings if isinstance(b, Binding) and b.id}


def checked_keymap(keys: Mapping[str, str], known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The remappings whose binding id exists, and one problem line per unknown id."""
    problems = [
        f"keys: no binding {binding_id!r} (see ? for the ids)"
        for binding_id in keys
        if binding_id not in known
    ]
    return {k: v for k, v in keys.items() if k in known}, problems
