"""Command palette: every board action by name, jump to a card by id or title, themes.

The palette sorts its entries by score alone, so mlboard's own (the screen's actions, its
cards) score above 0.5 and Textual's generic ones (theme, keys, screenshot, quit…) at most
0.5: the app's actions come first, whatever is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from itertools import islice
from typing import Any

from textual.command import Hit, Hits, Provider
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider

from mlboard.models.text import visible
from mlboard.ui.screens.board import BoardScreen

MAX_CARD_HITS = 30


def own(score: float) -> float:
    """The score of one of mlboard's entries that matched with `score` (0–1)."""
    return 0.5 + score / 2


def generic(score: float) -> float:
    """The score of one of Textual's generic entries (or a theme) that matched with `score`."""
    return score / 2


def listed(name: str, run: Callable[[], Any], help_text: str) -> Hit:
    """One of mlboard's entries in the list the palette opens with (before any typing):
    above Textual's, which all score 0 there, in the order they are given."""
    return Hit(own(1.0), name, run, text=name, help=help_text)


class GenericCommands(SystemCommandsProvider):
    """Textual's generic entries (theme, keys, screenshot, quit…), after mlboard's."""

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield replace(hit, score=generic(hit.score)) if isinstance(hit, Hit) else hit


class BoardCommands(Provider):
    """Actions of the board screen (with their keys), cards, and themes."""

    def _board(self) -> BoardScreen | None:
        """The board screen when it is the one in front; other screens bring their own."""
        screen = self.screen
        return screen if isinstance(screen, BoardScreen) else None

    def _actions(self, board: BoardScreen) -> list[tuple[str, str, Callable[[], Any]]]:
        """(name, help, run) for each described binding of the board and its grid."""
        seen: set[str] = set()
        out: list[tuple[str, str, Callable[[], Any]]] = []
        for key, active in board.active_bindings.items():
            binding = active.binding
            if not binding.id or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = self.app.get_key_display(binding.with_key(key))
            run = partial(self.app.run_action, binding.action, active.node)
            out.append((binding.description, f"key {keys} · {binding.id}", run))
        return out

    async def discover(self) -> Hits:
        board = self._board()
        if board is None:
            return
        for name, help_text, run in self._actions(board):
            yield listed(name, run, help_text)

    async def search(self, query: str) -> Hits:
        board = self._board()
        if board is None:
            return
        matcher = self.matcher(query)
        for name, help_text, run in self._actions(board):
            score = matcher.match(name)
            if score > 0:
                yield Hit(own(score), matcher.highlight(name), run, help=help_text)
        for name in sorted(self.app.available_themes):
            label = f"theme: {name}"
            score = matcher.match(label)
            if score > 0:
                choose = partial(setattr, self.app, "theme", name)
                yield Hit(generic(score), matcher.highlight(label), choose)
        for card_id, title in islice(self._cards(board, query), MAX_CARD_HITS):
            label = escape(f"{card_id} {visible(title)}")  # the matcher reads markup
            yield Hit(
                own(max(matcher.match(label), 0.5)),
                matcher.highlight(label),
                partial(board.focus_card, card_id),
                help="jump to card",
            )

    def _cards(self, board: BoardScreen, query: str) -> Iterator[tuple[str, str]]:
        words = query.lower().split()
        if not words:
            return
        cards = board.service.board.cards
        exact = cards.get(query.strip().upper())
        if exact is not None:
            yield exact.id, exact.title
        for card in cards.values():
            text = f"{card.id} {card.title}".lower()
            if card is not exact and all(w in text for w in words):
                yield card.id, card.title
