"""Order within a cell: put a card above or below another of the cards it is shown with.

A cell is a lane (category) × a column; on a Scrum board with an active sprint, the sprint's
cards and the cards outside it are two cells (the board shows the sprint's first). A move
sets the moved card's rank alone (models/rank.py), so it is one `edited rank` event that undo
sets back; only when the neighbours' keys tie (two clones placed cards in one gap) or a key
grew past `RANK_MAX` does every card of the cell get a fresh, evenly spaced rank.
"""

from __future__ import annotations

from datetime import datetime

from mlboard.models import Board, Card, Mode, RuleViolation
from mlboard.models.rank import RANK_MAX, between, order_key, spread
from mlboard.services.draft import Draft, revise, with_cards


def sort_key(card: Card) -> tuple[str, int]:
    return order_key(card.rank, card.number)


def _key(card: Card) -> str:
    return sort_key(card)[0]


def cell_of(board: Board, card: Card) -> list[Card]:
    """The cards shown in one cell with `card` (itself included), in their order."""
    sprint = board.active_sprint() if board.mode is Mode.SCRUM else None
    inside = sprint is None or card.sprint == sprint.id
    peers = [
        other
        for other in board.cards.values()
        if other.status == card.status
        and other.category is card.category
        and (sprint is None or (other.sprint == sprint.id) == inside)
    ]
    return sorted(peers, key=sort_key)


def cell_name(board: Board, card: Card) -> str:
    """`Experiment · In Progress` (`, outside the sprint` for those cards)."""
    name = f"{card.category.value} · {board.column(card.status).title}"
    sprint = board.active_sprint() if board.mode is Mode.SCRUM else None
    if sprint is not None and card.sprint != sprint.id:
        name += f", outside {sprint.id}"
    return name


def rank_card(
    board: Board,
    now: datetime,
    card_id: str,
    *,
    before: str | None = None,
    after: str | None = None,
    top: bool = False,
    bottom: bool = False,
) -> Draft:
    """Place `card_id` right above `before`, right below `after`, or at the top or bottom of
    its cell (exactly one of them). Refused (RuleViolation) in a done column, which lists the
    latest finished cards first, and for a card of another cell."""
    if sum((before is not None, after is not None, top, bottom)) != 1:
        raise RuleViolation("say where: before a card, after a card, at the top or at the bottom")
    card = board.card(card_id)
    column = board.column(card.status)
    if column.done:
        raise RuleViolation(
            f"{card.id} is in {column.title}, which lists the latest finished cards first"
        )
    peers = cell_of(board, card)
    others = [c for c in peers if c.id != card.id]
    anchor = before if before is not None else after
    if anchor is not None:
        target = board.card(anchor)
        if target.id == card.id:
            raise RuleViolation(f"{card.id} cannot be placed next to itself")
        if target not in others:
            raise RuleViolation(
                f"{target.id} is not in {card.id}'s cell ({cell_name(board, card)})"
            )
        index = others.index(target) + (1 if after is not None else 0)
        note = f"{'above' if before is not None else 'below'} {target.id}"
    else:
        index = 0 if top else len(others)
        note = f"{'top' if top else 'bottom'} of {cell_name(board, card)}"
    order = [*others[:index], card, *others[index:]]
    if [c.id for c in order] == [c.id for c in peers]:
        return Draft(board, frozenset(), card.id)  # already there
    low = _key(others[index - 1]) if index > 0 else None
    high = _key(others[index]) if index < len(others) else None
    if low is None or high is None or low < high:
        rank = between(low, high)
        if len(rank) <= RANK_MAX:
            moved = revise(card, rank=rank)
            return Draft(
                with_cards(board, moved), frozenset({card.id}), card.id, notes={card.id: note}
            )
    return _respread(board, order, card.id, note)


def _respread(board: Board, order: list[Card], subject: str, note: str) -> Draft:
    """Every card of the cell gets a fresh rank, in `order`."""
    changed = [
        revise(c, rank=rank)
        for c, rank in zip(order, spread(len(order)), strict=True)
        if c.rank != rank
    ]
    touched = frozenset(c.id for c in changed)
    return Draft(with_cards(board, *changed), touched, subject, notes={subject: note})
