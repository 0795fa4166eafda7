"""Screens opened from the board by name (`g` graph, `p` planning, `s`, `r`, `R`, `f` flow).

A screen is registered as ``"module:Class"``, imported only when opened (the graph
needs networkx), and built as ``Class(service, card_id)`` with the focused card's id.
A `target` names a screen class or a factory taking the same arguments.
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
    target: str


VIEWS: dict[str, ViewEntry] = {
    "graph": ViewEntry("dependency graph", "mlboard.ui.graph.screen:GraphScreen"),
    "planning": ViewEntry("planning", "mlboard.ui.screens.planning:planning_screen"),
    "standup": ViewEntry("standup", "mlboard.ui.screens.ceremony:standup_screen"),
    "review": ViewEntry("sprint review", "mlboard.ui.screens.ceremony:review_screen"),
    "retro": ViewEntry("retrospective", "mlboard.ui.screens.ceremony:retro_screen"),
    "flow": ViewEntry("flow (WIP, aging, cycle time)", "mlboard.ui.screens.ceremony:flow_screen"),
}


def build_view_screen(name: str, service: BoardService, card_id: str | None) -> Screen[object]:
    """The named screen, built for the board's focused card."""
    entry = VIEWS[name]
    module, _, attribute = entry.target.partition(":")
    factory = getattr(import_module(module), attribute)
    screen: Screen[object] = factory(service, card_id)
    return screen
