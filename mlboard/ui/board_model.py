"""What the board screen shows, computed once per board change (never per key).

Lanes are the categories; each lane holds one cell per shown column, a tuple of card ids
in the team's order (models/rank.py: ranked cards where they were put, the others by card
number; in a done column, the latest finished first). Lines: a lane takes
one header line, then `ROW_HEIGHT` lines per row of cards (three lines of card and one of
space); a collapsed or empty lane takes only its header line.

On a Scrum board with an active sprint, a cell holds the sprint's cards first, then the
cards that sit in that column outside the sprint (work started before it, the next
sprint's planned cards): they count against the column's WIP limit, so they stay in view,
drawn faint. The product backlog column and done columns show only the sprint's cards.

A done column shows a lane's latest `DONE_SHOWN` finished cards and, on the free line under
them, "+31 more" (a spot the cursor can take: enter shows them all, and that line then offers
to show the latest few again); the column's count still says every card.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlboard.models import Board, Card, Category, Column, Mode
from mlboard.models.rank import order_key
from mlboard.planning.query import CardQuery

DONE_SHOWN = 3  # cards a lane shows of a done column: the latest finished; a line says the rest
INCREMENTAL_LIMIT = 64  # changed cards above which rebuilding the view is as cheap
CARD_HEIGHT = 3
ROW_HEIGHT = CARD_HEIGHT + 1
LANES: tuple[Category, ...] = tuple(Category)
LANE_TITLES: dict[Category, str] = {
    Category.DATA: "Data",
    Category.EXPERIMENT: "Experiment",
    Category.ENGINEERING: "Engineering",
    Category.TECH_DEBT: "Tech debt",
}


NO_FILTER = CardQuery()


@dataclass(frozen=True)
class Spot:
    """A place on the board: a lane, a column and a row within that cell."""

    lane: int
    column: int
    row: int = 0


@dataclass(frozen=True)
class BoardView:
    board: Board
    columns: tuple[Column, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...]  # [lane][column] -> card ids
    collapsed: frozenset[Category]
    lane_top: tuple[int, ...]  # first line of each lane
    height: int
    column_totals: tuple[int, ...]  # per column, unfiltered, every card: what WIP limits count
    inside: tuple[tuple[int, ...], ...]  # [lane][column] -> how many of the cell's cards are
    # the active sprint's (they come first); the rest are outside the sprint
    sprint_id: str | None = None
    card_filter: CardQuery = NO_FILTER
    unfiltered: tuple[int, ...] = ()  # per column, the cards shown without the filter
    done_limit: int | None = DONE_SHOWN  # cards drawn per done cell; None: all

    def find(self, card_id: str) -> Spot | None:
        """Where a card is shown, or None (cost: one scan of its cell)."""
        spot = self.place(card_id)
        return spot if spot is not None and spot.row < self.rows(spot.lane, spot.column) else None

    def place(self, card_id: str) -> Spot | None:
        """Where a card is in the cells, drawn or among a done cell's hidden ones."""
        card = self.board.cards.get(card_id)
        if card is None:
            return None
        lane = LANES.index(card.category)
        for column, shown in enumerate(self.columns):
            if shown.id == card.status:
                cell = self.cells[lane][column]
                return Spot(lane, column, cell.index(card_id)) if card_id in cell else None
        return None

    def rows(self, lane: int, column: int) -> int:
        """Cards drawn in a cell: a done cell's latest `done_limit`, any other all."""
        size = len(self.cells[lane][column])
        if self.done_limit is not None and self.columns[column].done:
            return min(size, self.done_limit)
        return size

    def more_row(self, lane: int, column: int) -> int | None:
        """The row of a done cell's "+N more" (or "latest N") line, under its last drawn card;
        None for a cell with no such line."""
        if not self.columns[column].done or len(self.cells[lane][column]) <= DONE_SHOWN:
            return None
        return self.rows(lane, column)

    def is_more(self, spot: Spot) -> bool:
        return LANES[spot.lane] not in self.collapsed and spot.row == self.more_row(
            spot.lane, spot.column
        )

    def spots(self, lane: int, column: int) -> int:
        """Places the cursor can take in a cell: its drawn cards and its "more" line."""
        return self.rows(lane, column) + (self.more_row(lane, column) is not None)

    def with_done_limit(self, limit: int | None) -> BoardView:
        """The same cells with `limit` cards drawn per done cell (None: all)."""
        if limit == self.done_limit:
            return self
        return _laid_out(
            self.board,
            self.columns,
            self.cells,
            self.column_totals,
            self.inside,
            self.sprint_id,
            self.card_filter,
            self.collapsed,
            self.unfiltered,
            limit,
        )

    def shown_ids(self) -> list[str]:
        return [card_id for lane in self.cells for cell in lane for card_id in cell]

    @property
    def shown(self) -> int:
        return sum(len(cell) for lane in self.cells for cell in lane)

    def lane_count(self, lane: int) -> int:
        return sum(len(cell) for cell in self.cells[lane])

    def lane_outside(self, lane: int) -> int:
        """Cards of the lane shown outside the active sprint."""
        return sum(
            len(cell) - n for cell, n in zip(self.cells[lane], self.inside[lane], strict=True)
        )

    def is_outside(self, spot: Spot) -> bool:
        """Whether the card at `spot` is outside the active sprint (drawn faint)."""
        return spot.row >= self.inside[spot.lane][spot.column]

    def neighbour(self, spot: Spot, step: int) -> str | None:
        """The card shown right above (`step` < 0) or below the one at `spot`, among the
        cards of its part of the cell (the sprint's, or those outside it); None at an end."""
        cell, split = self.cells[spot.lane][spot.column], self.inside[spot.lane][spot.column]
        start, end = (0, split) if spot.row < split else (split, len(cell))
        row = spot.row + (1 if step > 0 else -1)
        return cell[row] if start <= row < end and self.card_at(spot) else None

    def cell(self, lane: int, column: int) -> tuple[str, ...]:
        return self.cells[lane][column]

    def card_at(self, spot: Spot) -> Card | None:
        cell = self.cells[spot.lane][spot.column]
        if LANES[spot.lane] in self.collapsed or not 0 <= spot.row < len(cell):
            return None
        if spot.row >= self.rows(spot.lane, spot.column):
            return None
        return self.board.cards[cell[spot.row]]

    def lane_at_line(self, line: int) -> int:
        return max(0, bisect_right(self.lane_top, line) - 1)

    def card_line(self, spot: Spot) -> int:
        """The first line of the card at `spot` (the lane header line for an empty cell, the
        free line under the last drawn card for a "more" line)."""
        if self.is_more(spot):
            return self.lane_top[spot.lane] + spot.row * ROW_HEIGHT
        if self.card_at(spot) is None:
            return self.lane_top[spot.lane]
        return self.lane_top[spot.lane] + 1 + spot.row * ROW_HEIGHT

    def over_wip(self, column: int) -> bool:
        limit = self.columns[column].wip
        return limit is not None and self.column_totals[column] > limit


def shown_columns(board: Board, sprint_id: str | None) -> tuple[Column, ...]:
    """Scrum mode hides the product backlog column unless a sprint card sits in it."""
    if board.mode is Mode.KANBAN or sprint_id is None or len(board.columns) < 2:
        return board.columns
    first = board.columns[0]
    used = any(c.sprint == sprint_id and c.status == first.id for c in board.cards.values())
    return board.columns if used else board.columns[1:]


def _outside_columns(board: Board, sprint_id: str | None, columns: tuple[Column, ...]) -> set[int]:
    """Columns that show cards outside the active sprint: not the backlog, not done."""
    if sprint_id is None:
        return set()
    backlog = board.columns[0].id
    return {i for i, c in enumerate(columns) if not c.done and c.id != backlog}


def _number(card_id: str) -> int:
    return int(card_id[card_id.rindex("-") + 1 :])


OrderKey = Callable[[str], tuple[Any, int]]


def _order_key(board: Board, done: bool, ranked: bool = True) -> OrderKey | Callable[[str], int]:
    """The team's order (ranks, models/rank.py; unranked cards oldest first); in a done
    column the latest finished first (what standups ask). Where no card is `ranked`, the
    order is the cards' numbers (what their implicit ranks follow), quicker to sort by."""
    cards = board.cards
    if not done and not ranked:
        return _number
    if not done:
        return lambda card_id: order_key(cards[card_id].rank, _number(card_id))

    def latest_first(card_id: str) -> tuple[float, int]:
        card = board.cards[card_id]
        return -(card.done_at or card.created_at).timestamp(), _number(card_id)

    return latest_first


def _scope(board: Board) -> tuple[str | None, tuple[Column, ...]]:
    """The active sprint shown (Scrum) and the columns shown."""
    sprint = board.active_sprint() if board.mode is Mode.SCRUM else None
    sprint_id = sprint.id if sprint else None
    return sprint_id, shown_columns(board, sprint_id)


def _laid_out(
    board: Board,
    columns: tuple[Column, ...],
    cells: tuple[tuple[tuple[str, ...], ...], ...],
    totals: tuple[int, ...],
    inside: tuple[tuple[int, ...], ...],
    sprint_id: str | None,
    card_filter: CardQuery,
    collapsed: frozenset[Category],
    unfiltered: tuple[int, ...],
    done_limit: int | None,
) -> BoardView:
    tops: list[int] = []
    line = 0
    limits = [done_limit if done_limit is not None and column.done else None for column in columns]
    for lane, category in enumerate(LANES):
        tops.append(line)
        rows = 0
        if category not in collapsed:
            for cell, limit in zip(cells[lane], limits, strict=True):
                rows = max(rows, len(cell) if limit is None else min(len(cell), limit))
        line += 1 + rows * ROW_HEIGHT
    return BoardView(
        board,
        columns,
        cells,
        collapsed,
        tuple(tops),
        line,
        totals,
        inside,
        sprint_id,
        card_filter,
        unfiltered,
        done_limit,
    )


def build_view(
    board: Board,
    card_filter: CardQuery = NO_FILTER,
    collapsed: frozenset[Category] = frozenset(),
    done_limit: int | None = DONE_SHOWN,
) -> BoardView:
    """Bucket the cards into lanes × columns and lay out the lines (one pass over the cards)."""
    sprint_id, columns = _scope(board)
    index = {column.id: i for i, column in enumerate(columns)}
    lane_index = {category: i for i, category in enumerate(LANES)}
    outside_columns = _outside_columns(board, sprint_id, columns)
    ins: list[list[list[str]]] = [[[] for _ in columns] for _ in LANES]
    outs: list[list[list[str]]] = [[[] for _ in columns] for _ in LANES]
    totals = [0] * len(columns)
    unfiltered = [0] * len(columns)
    filtering = card_filter.active
    ranked: set[int] = set()  # columns where some card has a rank
    for card in board.cards.values():
        col = index.get(card.status)
        if col is None:
            continue
        totals[col] += 1
        if card.rank is not None:
            ranked.add(col)
        inside = sprint_id is None or card.sprint == sprint_id
        if not inside and col not in outside_columns:
            continue
        unfiltered[col] += 1
        if filtering and not card_filter.matches(board, card):
            continue
        (ins if inside else outs)[lane_index[card.category]][col].append(card.id)
    keys = [_order_key(board, column.done, col in ranked) for col, column in enumerate(columns)]
    cells = tuple(
        tuple(
            (*sorted(a, key=key), *sorted(b, key=key))
            for a, b, key in zip(lane_in, lane_out, keys, strict=True)
        )
        for lane_in, lane_out in zip(ins, outs, strict=True)
    )
    counts = tuple(tuple(len(cell) for cell in lane) for lane in ins)
    return _laid_out(
        board,
        columns,
        cells,
        tuple(totals),
        counts,
        sprint_id,
        card_filter,
        collapsed,
        tuple(unfiltered),
        done_limit,
    )


def _changed_ids(before: Board, after: Board, limit: int) -> list[str] | None:
    """Ids of cards added, changed or removed (cards are immutable: identity suffices);
    None when more than `limit` changed."""
    changed = [cid for cid, card in after.cards.items() if before.cards.get(cid) is not card]
    added = sum(1 for cid in changed if cid not in before.cards)
    if len(before.cards) > len(after.cards) - added:
        changed += [cid for cid in before.cards if cid not in after.cards]
    return changed if len(changed) <= limit else None


def update_view(
    view: BoardView,
    board: Board,
    card_filter: CardQuery = NO_FILTER,
    collapsed: frozenset[Category] = frozenset(),
) -> BoardView:
    """The view of `board`, patched from `view` when a few cards changed (a move, an edit):
    a pass of identity checks instead of re-bucketing and re-sorting every card.

    Falls back to `build_view` when the filter, folds, mode, columns or sprints changed, or
    for the `!blocked` filter (one card's move can block or free others).
    """
    old = view.board
    same_frame = (
        card_filter == view.card_filter
        and collapsed == view.collapsed
        and not card_filter.blocked
        and board.mode is old.mode
        and board.columns == old.columns
        and board.sprints == old.sprints
    )
    changed = _changed_ids(old, board, INCREMENTAL_LIMIT) if same_frame else None
    sprint_id, columns = _scope(board)
    if changed is None or columns != view.columns:
        return build_view(board, card_filter, collapsed, view.done_limit)
    index = {column.id: i for i, column in enumerate(columns)}
    outside_columns = _outside_columns(board, sprint_id, columns)
    cells = [[list(cell) for cell in lane] for lane in view.cells]
    inside = [list(lane) for lane in view.inside]
    totals = list(view.column_totals)
    unfiltered = list(view.unfiltered)
    # Every changed card leaves its cell before any comes back: the cells then hold only
    # unchanged cards, in order by the new board's keys (a rank may have changed).
    sides = [(old, old.cards.get(cid), cid) for cid in changed]
    sides += [(board, board.cards.get(cid), cid) for cid in changed]
    for side, card, card_id in sides:
        col = index.get(card.status) if card is not None else None
        if card is None or col is None:
            continue
        totals[col] += -1 if side is old else 1
        in_sprint = sprint_id is None or card.sprint == sprint_id
        if not in_sprint and col not in outside_columns:
            continue
        unfiltered[col] += -1 if side is old else 1
        lane = LANES.index(card.category)
        cell, split = cells[lane][col], inside[lane][col]
        if side is old:
            if card_id in cell:
                if cell.index(card_id) < split:
                    inside[lane][col] -= 1
                cell.remove(card_id)
        elif not card_filter.active or card_filter.matches(board, card):
            key = _order_key(board, columns[col].done)
            if in_sprint:
                insort(cell, card_id, 0, split, key=key)
                inside[lane][col] += 1
            else:
                insort(cell, card_id, split, key=key)
    frozen = tuple(tuple(tuple(cell) for cell in lane) for lane in cells)
    counts = tuple(tuple(lane) for lane in inside)
    return _laid_out(
        board,
        columns,
        frozen,
        tuple(totals),
        counts,
        sprint_id,
        card_filter,
        collapsed,
        tuple(unfiltered),
        view.done_limit,
    )
