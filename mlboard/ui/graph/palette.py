"""Command palette on the graph screen: its actions by name, and jump to a card."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from typing import Any

from textual.command import Hit, Hits, Provider
from textual.markup import escape

from mlboard.models.text import visible
from mlboard.ui.graph.screen import GraphScreen
from mlboard.ui.palette import listed, own

MAX_CARD_HITS = 30


class GraphCommands(Provider):
    """The graph screen's described bindings (with their keys) and the board's cards."""

    def _graph(self) -> GraphScreen | None:
        return self.screen if isinstance(self.screen, GraphScreen) else None

    def _actions(self, graph: GraphScreen) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        seen: set[str] = set()
        for key, active in graph.active_bindings.items():
            binding = active.binding
            if not binding.id or not binding.description or binding.id in seen:
                continue
            seen.add(binding.id)
            keys = self.app.get_key_display(binding.with_key(key))
            run = partial(self.app.run_action, binding.action, active.node)
            yield f"graph: {binding.description}", f"key {keys} · {binding.id}", run

    async def discover(self) -> Hits:
        graph = self._graph()
        if graph is not None:
            for name, help_text, run in self._actions(graph):
                yield listed(name, run, help_text)

    async def search(self, query: str) -> Hits:
        graph = self._graph()
        if graph is None:
            return
        matcher = self.matcher(query)
        for name, help_text, run in self._actions(graph):
            score = matcher.match(name)
            if score > 0:
                yield Hit(own(score), matcher.highlight(name), run, help=help_text)
        for card_id, title in islice(self._cards(graph, query), MAX_CARD_HITS):
            label = escape(f"{card_id} {visible(title)}")  # the matcher reads markup
            yield Hit(
                own(max(matcher.match(label), 0.5)),
                matcher.highlight(label),
                partial(graph.show_card, card_id),
                help="show on the graph",
            )

    def _cards(self, graph: GraphScreen, query: str) -> Iterator[tuple[str, str]]:
        words = query.lower().split()
        if not words:
            return
        cards = graph.service.board.cards
        exact = cards.get(query.strip().upper())
        if exact is not None:
            yield exact.id, exact.title
        for card in cards.values():
            if card is not exact and all(w in f"{card.id} {card.title}".lower() for w in words):
                yield card.id, card.title
