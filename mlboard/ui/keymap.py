"""Key remapping from the config file, checked against the binding ids the app has."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.binding import Binding, BindingType
from textual.screen import Screen


def binding_ids(*binding_lists: Iterable[BindingType]) -> set[str]:
    return {b.id for bindings in binding_lists for b in bindings if isinstance(b, Binding) and b.id}


RENAMED = {"graph.toggle-groups": "graph.zoom-out"}
"""Binding ids an earlier mlboard had, and the binding that does their work now."""


def checked_keymap(keys: Mapping[str, str], known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The remappings to use, and one problem line per id that does not exist.

    Ids are checked within the scopes `known` covers (``board.`` …); an id of another
    scope (``graph.`` of a screen imported later) is passed on unchecked. A renamed id
    remaps the binding it became, unless that one is remapped too, and says so.
    """
    scopes = {binding_id.split(".")[0] for binding_id in known}

    def unknown(binding_id: str) -> bool:
        return binding_id.split(".")[0] in scopes and binding_id not in known

    problems: list[str] = []
    renamed: dict[str, str] = {}
    for old, value in keys.items():
        new = RENAMED.get(old)
        if new is not None:
            problems.append(f"keys: {old!r} is now {new!r} (rename it in keys.toml)")
            if new not in keys:
                renamed[new] = value
    keys = {k: v for k, v in keys.items() if k not in RENAMED} | renamed
    problems += [f"keys: no binding {b!r} (? lists the ids)" for b in keys if unknown(b)]
    return {k: v for k, v in keys.items() if not unknown(k)}, problems


def without_clashes(
    keymap: Mapping[str, str], *binding_lists: Iterable[BindingType]
) -> tuple[dict[str, str], list[str]]:
    """The remappings that leave every key to one action of the bindings active together,
    and one problem line per key two actions would share (that remap is not applied: one
    of the actions would silently vanish from the keys, the help and the footer).

    Only a key a remap adds can clash: keys two bindings share by default (`enter` opens a
    card, and shows every done card on the "+N more" line) act in different places."""
    keys_of: dict[str, list[str]] = {}
    defaults: dict[str, set[str]] = {}
    for bindings in binding_lists:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                defaults[binding.id] = set(key_list(binding.key))
                keys_of[binding.id] = key_list(keymap.get(binding.id, binding.key))
    holders: dict[str, list[str]] = {}
    for binding_id, keys in keys_of.items():
        for key in keys:
            holders.setdefault(key, []).append(binding_id)
    problems: list[str] = []
    refused: set[str] = set()
    for key, ids in holders.items():
        added = [i for i in ids if i in keymap and key not in defaults[i]]
        if len(ids) > 1 and added:
            refused.update(added)
            other = next(i for i in ids if i != added[0])
            problems.append(
                f"keys: {key!r} would be bound to both {added[0]} and {other}; "
                f"{', '.join(added)} keeps its default key (remap the other one too)"
            )
    return {k: v for k, v in keymap.items() if k not in refused}, problems


def key_list(keys: str) -> list[str]:
    """A binding's keys as written (``"enter,o"``): ``["enter", "o"]``."""
    return [k.strip() for k in keys.split(",") if k.strip()]


def key_table(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) of the screen's own actions, as bound now.

    Only bindings with an id (mlboard's) and the command palette: Textual's inherited
    scrolling and focus keys would drown the list.
    """
    rows: dict[str, tuple[list[str], str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not (binding.id or binding.action == "command_palette"):
            continue
        name = binding.id or binding.action
        shown = [binding.key_display] if binding.key_display else []
        row = rows.setdefault(name, (shown, binding.description, binding.id or ""))
        display = screen.app.get_key_display(binding.with_key(key))
        if display not in " ".join(row[0]).split():  # as the key bar says it, then the rest
            row[0].append(display)
    return [(" ".join(keys), description, name) for keys, description, name in rows.values()]
