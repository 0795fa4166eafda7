"""Screens opened from the board by name (`g` graph, `p` planning, `s`, `r`, `R`).

A screen is registered as ``"module:Class"``, imported only when opened (the graph
needs networkx), and built as ``Class(service, card_id)`` with the focused card's id.
To add one, set its `target`, e.g. ``"mlboard.ui.screens.graph:GraphScreen"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from mlboard.services.session import BoardService


@dataclass(frozen=True)
class ViewEntry:
    title: str
    target: str | None = None


VIEWS: dict[str, ViewEntry] = {
    "graph": ViewEntry("dependency graph", "mlboard.ui.screens.graph:GraphScreen"),
    "planning": ViewEntry("planning"),
    "standup": ViewEntry("standup"),
    "review": ViewEntry("sprint review"),
    "retro": ViewEntry("retrospective"),
}


def build_view_screen(
    name: str, service: BoardService, card_id: str | None
) -> Screen[object] | None:
    """The named screen, or None when this build does not have it yet."""
    entry = VIEWS[name]
    if entry.target is None:
        return None
    module, _, attribute = entry.target.partition(":")
    factory = getattr(import_module(module), attribute)
    screen: Screen[object] = factory(service, card_id)
    return screen
