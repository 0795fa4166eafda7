"""The `/` filter: free text plus `@assignee`, `#category` and `!blocked` words."""

from __future__ import annotations

from dataclasses import dataclass

from mlboard.models import Board, Card, Category
from mlboard.planning.derived import unfinished_dependencies


@dataclass(frozen=True)
class CardFilter:
    """Which cards the board shows; an empty filter shows them all."""

    text: str = ""
    assignee: str | None = None
    category: Category | None = None
    blocked: bool = False

    @classmethod
    def parse(cls, query: str) -> CardFilter:
        """`loss @ana #experiment !blocked`: words, an assignee, a category, blocked only.

        Raises ValueError naming an unknown category.
        """
        words: list[str] = []
        assignee: str | None = None
        category: Category | None = None
        blocked = False
        for word in query.split():
            if word.startswith("@") and len(word) > 1:
                assignee = word[1:]
            elif word.startswith("#") and len(word) > 1:
                try:
                    category = Category(word[1:].lower())
                except ValueError:
                    known = ", ".join(f"#{c.value}" for c in Category)
                    raise ValueError(f"no category {word} (categories: {known})") from None
            elif word.lower() in ("!blocked", "!b"):
                blocked = True
            else:
                words.append(word.lower())
        return cls(" ".join(words), assignee, category, blocked)

    @property
    def active(self) -> bool:
        return bool(self.text or self.assignee or self.category or self.blocked)

    def describe(self) -> str:
        parts = [self.text] if self.text else []
        if self.assignee:
            parts.append(f"@{self.assignee}")
        if self.category:
            parts.append(f"#{self.category.value}")
        if self.blocked:
            parts.append("!blocked")
        return " ".join(parts)

    def matches(self, board: Board, card: Card) -> bool:
        if self.category is not None and card.category is not self.category:
            return False
        if self.assignee is not None and (card.assignee or "").lower() != self.assignee.lower():
            return False
        if self.blocked and not is_blocked(board, card):
            return False
        if self.text:
            haystack = f"{card.id} {card.title} {card.description}".lower()
            return all(word in haystack for word in self.text.split())
        return True


def is_blocked(board: Board, card: Card) -> bool:
    return bool(card.open_blockers) or bool(unfinished_dependencies(board, card))
