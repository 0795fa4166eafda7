"""The board's dependency graph as a drawing: boxes with status glyphs, critical path heavy.

``card_pictures`` and ``group_picture`` give a ``Picture`` (graph, layout and grid) for a
terminal view; ``render_board_text`` is ``mlboard graph --format text``. A view draws
``picture.canvas.row(y, left, right)``, moves focus with ``picture.layout.nearest`` and
passes ``picture.layout.orders`` as ``previous`` when it lays out the edited board again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise, takewhile

import networkx as nx

from mlboard.drawing.canvas import Canvas, Look, cell_width, shorten
from mlboard.drawing.geometry import Layout, Slot
from mlboard.drawing.layout import SHELF_WIDTH, Ordered, layout_graph
from mlboard.models import Board, Card
from mlboard.models.text import visible
from mlboard.planning.collapse import Collapsed, GroupBy, group_board
from mlboard.planning.graph import blocked_chain, critical_path, dependency_graph

DONE, DOING, TODO, BLOCKED = "✔", "●", "○", "✖"
WAITING_COLUMNS = frozenset({"backlog", "todo"})
FLAT_LIMIT = 200  # above this many cards the text form is collapsed by category
MAX_TITLE = 28  # columns of a card's title in its box
LEGEND = f"{DONE} done  {DOING} in progress  {TODO} to do  {BLOCKED} blocked  ┏━┓ critical path"


@dataclass(frozen=True, slots=True)
class Picture:
    """What a graph view shows: the graph drawn, its layout (boxes, orders) and canvas."""

    graph: nx.DiGraph
    layout: Layout
    canvas: Canvas


def status_glyph(board: Board, card: Card) -> str:
    """✔ done, ✖ open blocker, ○ backlog / to do, ● anything in between."""
    if board.is_done(card):
        return DONE
    if card.open_blockers:
        return BLOCKED
    return TODO if card.status in WAITING_COLUMNS else DOING


def card_label(board: Board, card: Card, max_title: int | None = MAX_TITLE) -> str:
    """``✔ ML-4 Clean the tickets``; without ``max_title``, the glyph and the id only."""
    label = f"{status_glyph(board, card)} {card.id}"
    if max_title is None:
        return label
    return f"{label} {shorten(visible(card.title), max_title)}"


def card_pictures(
    board: Board,
    cards: Iterable[str] | None = None,
    titles: Iterable[int | None] = (MAX_TITLE,),
    *,
    previous: Sequence[Sequence[Slot]] | None = None,
    shelf_width: int = SHELF_WIDTH,
) -> Iterator[Picture]:
    """The cards (all, or those named) and their dependencies, laid out and drawn: one
    picture per title width (None: ids only), each drawn when asked for; the graph, the
    critical path and the order of the layers are found once for all."""
    graph = dependency_graph(board, cards)
    path = critical_path(board, list(graph))
    blocked = blocked_chain(board)
    ordered = Ordered(graph, previous)
    styles = {(u, v): "edge-blocked" for u, v in graph.edges if u in blocked and v in blocked}
    styles.update(dict.fromkeys(pairwise(path.path), "edge-critical"))
    for max_title in titles:
        labels = {n: card_label(board, board.cards[n], max_title) for n in graph}
        widths = {n: cell_width(t) for n, t in labels.items()}
        layout = ordered.lay_out(widths, shelf_width=shelf_width)
        looks = {
            n: Look(label, critical=n in path.critical, blocked=n in blocked)
            for n, label in labels.items()
        }
        yield Picture(graph, layout, Canvas(layout, looks, styles))


def group_picture(
    collapsed: Collapsed,
    previous: Sequence[Sequence[Slot]] | None = None,
    *,
    shelf_width: int = SHELF_WIDTH,
) -> Picture:
    """One box per group, labelled with its counts."""
    labels = {g: group.label for g, group in collapsed.groups.items()}
    widths = {g: cell_width(label) for g, label in labels.items()}
    layout = layout_graph(collapsed.graph, widths, previous=previous, shelf_width=shelf_width)
    looks = {g: Look(label) for g, label in labels.items()}
    return Picture(collapsed.graph, layout, Canvas(layout, looks))


def render_board_text(
    board: Board,
    *,
    sprint: str | None = None,
    critical_only: bool = False,
    max_title: int = MAX_TITLE,
    collapse: GroupBy | None = None,
    width: int | None = None,
) -> str:
    """The text form of ``mlboard graph`` with a legend; above 200 cards, grouped by category.

    ``sprint`` keeps that sprint's cards, ``critical_only`` the critical path's;
    ``collapse`` forces a grouped picture (``category``, ``status``, ``category-status``);
    ``width`` (say, the terminal's) shortens titles further, down to 8 columns, to fit.
    """
    ids: list[str] | None = None
    if sprint is not None:
        sprint_id = board.sprint(sprint).id
        ids = [cid for cid, card in board.cards.items() if card.sprint == sprint_id]
    if critical_only:
        ids = list(critical_path(board, ids).path)
    count = len(board.cards) if ids is None else len(ids)
    if collapse is None and count > FLAT_LIMIT:
        collapse = "category"
    if count == 0:
        return "(no cards to draw)\n"
    if collapse is None:
        shorter = takewhile(lambda t: width is not None and t < max_title, (20, 14, 8))
        for picture in card_pictures(board, ids, (max_title, *shorter)):
            if width is None or picture.layout.width <= width:
                break
        return picture.canvas.text() + "\n" + LEGEND + "\n"
    collapsed = group_board(board, dependency_graph(board, ids), collapse)
    groups = len(collapsed.groups)
    notes = [f"{count} cards in {groups} groups by {collapse}; the TUI graph zooms into a group."]
    notes += collapsed.notes()
    return group_picture(collapsed).canvas.text() + "\n" + "\n".join(notes) + "\n"
