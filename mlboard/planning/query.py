"""Which cards to show: one query behind the board's `/` filter and `mlboard list`'s flags.

The `/` syntax: free words (matched in the id, title and description), `@person`,
`#category` or `#label` (a category's name is the category), `in:COLUMN`,
`sprint:ID|current|backlog`, `!blocked`. `mlboard list --category C --status COLUMN --sprint S
--assignee P --label L --blocked` builds the same query.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlboard.models import BadInput, Board, Card, Category, RuleViolation
from mlboard.planning.derived import is_blocked

_CATEGORY_NAMES = frozenset(c.value for c in Category)
BACKLOG = "backlog"
"""`sprint` value of a query for the cards in no sprint."""


@dataclass(frozen=True)
class CardQuery:
    """Which cards to show; an empty query shows them all."""

    text: str = ""
    assignee: str | None = None
    category: Category | None = None
    status: str | None = None
    sprint: str | None = None
    blocked: bool = False
    label: str | None = None

    @classmethod
    def parse(cls, query: str, board: Board | None = None) -> CardQuery:
        """`loss @ana #experiment in:doing sprint:current !blocked`; `BadInput` names an
        unknown category, or a column or sprint the board does not have."""
        words: list[str] = []
        fields: dict[str, object] = {}
        for word in query.split():
            lower = word.lower()
            if word.startswith("@") and len(word) > 1:
                fields["assignee"] = word[1:]
            elif word.startswith("#") and len(word) > 1:
                if word[1:].lower() in _CATEGORY_NAMES:
                    fields["category"] = category_named(word[1:])
                else:
                    fields["label"] = word[1:]
            elif lower.startswith("in:") and len(word) > 3:
                fields["status"] = board.column(word[3:]).id if board else word[3:]
            elif lower.startswith("sprint:") and len(word) > 7:
                fields["sprint"] = _sprint(board, word[7:])
            elif lower in ("!blocked", "!b"):
                fields["blocked"] = True
            else:
                words.append(lower)
        return cls(text=" ".join(words), **fields)  # type: ignore[arg-type]

    @property
    def active(self) -> bool:
        return (
            bool(self.text or self.assignee or self.category or self.status or self.sprint)
            or self.blocked
            or self.label is not None
        )

    @classmethod
    def from_options(
        cls,
        board: Board,
        *,
        category: str | None = None,
        status: str | None = None,
        sprint: str | None = None,
        assignee: str | None = None,
        blocked: bool = False,
        label: str | None = None,
    ) -> CardQuery:
        """The query of `mlboard list`'s flags, checked against the board."""
        return cls(
            assignee=assignee or None,
            category=category_named(category) if category else None,
            status=board.column(status).id if status else None,
            sprint=_sprint(board, sprint) if sprint else None,
            blocked=blocked,
            label=label.lstrip("#") if label else None,
        )

    def describe(self) -> str:
        """The query in the `/` syntax it was written in."""
        parts = [self.text] if self.text else []
        if self.assignee:
            parts.append(f"@{self.assignee}")
        if self.category:
            parts.append(f"#{self.category.value}")
        if self.label:
            parts.append(f"#{self.label}")
        if self.status:
            parts.append(f"in:{self.status}")
        if self.sprint:
            parts.append(f"sprint:{self.sprint}")
        if self.blocked:
            parts.append("!blocked")
        return " ".join(parts)

    def matches(self, board: Board, card: Card) -> bool:
        if self.category is not None and card.category is not self.category:
            return False
        if self.status is not None and card.status != self.status:
            return False
        if self.sprint is not None and (card.sprint or BACKLOG) != self.sprint:
            return False
        if self.assignee is not None and (card.assignee or "").lower() != self.assignee.lower():
            return False
        if self.label is not None and self.label.lower() not in (x.lower() for x in card.labels):
            return False
        if self.blocked and not is_blocked(board, card):
            return False
        if self.text:
            haystack = f"{card.id} {card.title} {card.description}".lower()
            return all(word in haystack for word in self.text.split())
        return True

    def select(self, board: Board) -> list[Card]:
        """The board's cards this query matches, in board order."""
        if not self.active:
            return list(board.cards.values())
        return [card for card in board.cards.values() if self.matches(board, card)]


def category_named(name: str) -> Category:
    try:
        return Category(name.lower())
    except ValueError:
        known = ", ".join(c.value for c in Category)
        raise BadInput(f"no category {name!r} (categories: {known})") from None


def _sprint(board: Board | None, ref: str) -> str:
    """A sprint id, `backlog`, or for `current` the active (else the planned) sprint."""
    if ref.lower() in (BACKLOG, "none"):
        return BACKLOG
    if board is None:
        return ref.upper()
    if ref.lower() in ("current", "active"):
        sprint = board.active_sprint() or board.planned_sprint()
        if sprint is None:
            raise RuleViolation("no active or planned sprint to list the cards of")
        return sprint.id
    return board.sprint(ref).id
