"""What the graph screen draws: which cards (filters, zoom, neighbourhood) and their picture.

`build_scene` is the slow part (selection, layout, drawing); the screen runs it in a worker.
Everything else here is cheap and runs on key presses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import networkx as nx

from mlboard.drawing.geometry import Slot
from mlboard.drawing.viewport import BoxIndex, Size
from mlboard.models import Board, Category
from mlboard.planning.collapse import Collapsed, group_board, neighbourhood
from mlboard.planning.graph import CriticalPath, critical_path, dependency_graph
from mlboard.planning.picture import Picture
from mlboard.planning.zoom import CARD_ZOOMS, Zoom, levels, zoomed_picture
from mlboard.ui.graph.compass import Compass

NO_SPRINT = ""
"""The sprint filter value for cards in no sprint (the product backlog)."""

MAX_DEPTH = 9


@dataclass(frozen=True)
class GraphFilter:
    """Which cards the graph shows.

    `sprint` and `category` filter the board (None: all); `group` zooms into one group of
    the collapsed view; `around` shows that card's neighbourhood, `depth` steps each way,
    on the whole board. `zoom` None means the most detailed level that fits the view.
    """

    sprint: str | None = None
    category: Category | None = None
    group: str | None = None
    around: str | None = None
    depth: int = 2
    zoom: Zoom | None = None

    def drilled(self) -> GraphFilter:
        """This filter for a view drilled into: a card level stays, else the one that fits."""
        return replace(self, zoom=self.zoom if self.zoom in CARD_ZOOMS else None)

    @property
    def levels(self) -> tuple[Zoom, ...]:
        """The zoom levels of this view: groups only for the whole filtered board."""
        return levels(self.group is None and self.around is None)

    @property
    def filtered(self) -> bool:
        """Whether a sprint or category filter is on."""
        return self.sprint is not None or self.category is not None

    def describe(self) -> list[str]:
        """Header words for the filters: ``sprint S3``, ``#data``, ``around ML-5 ±2``."""
        if self.around is not None:
            return [f"around {self.around} ±{self.depth}"]
        words = []
        if self.sprint == NO_SPRINT:
            words.append("no sprint")
        elif self.sprint is not None:
            words.append(f"sprint {self.sprint}")
        if self.category is not None:
            words.append(f"#{self.category.value}")
        if self.group is not None:
            words.append(f"group {self.group} (⌫: all groups)")
        return words


@dataclass(frozen=True)
class Scene:
    """A laid-out picture and what it stands for.

    `zoom` is the level drawn; `collapsed` is set when the boxes are groups (the groups
    level); `cards` counts the cards behind the picture; `critical` is their critical path;
    `compass` finds the nearest box, `index` the boxes in a band of rows; `graph` is the
    whole board's graph, reused by the next layout while the dependencies stay.
    """

    board: Board
    chosen: GraphFilter
    zoom: Zoom
    picture: Picture
    collapsed: Collapsed | None
    cards: int
    critical: CriticalPath
    compass: Compass
    index: BoxIndex
    graph: nx.DiGraph

    def describe(self) -> list[str]:
        """Header words: the zoom level among the view's, what is drawn, the filters."""
        levels = " ".join(f"[{z}]" if z is self.zoom else z for z in self.chosen.levels)
        if self.collapsed is not None:
            groups = len(self.collapsed.groups)
            what = f"{self.cards:,} cards in {groups} groups by category · ⏎ opens one"
        else:
            what = f"{self.cards:,} card{'' if self.cards == 1 else 's'}"
        words = [f"zoom {levels}", what, *self.chosen.describe()]
        if self.critical.length:
            words.append(f"critical path {self.critical.length:g} pts")
        return words

    def focus_for(self, wanted: str | None) -> str | None:
        """`wanted` if shown, else its group, else the critical path's start, else the first box."""
        boxes = self.picture.layout.boxes
        if wanted in boxes:
            return wanted
        if self.collapsed is not None and wanted is not None:
            for group_id, group in self.collapsed.groups.items():
                if wanted in group.members:
                    return group_id
        if self.critical.path and self.critical.path[0] in boxes:
            return self.critical.path[0]
        for layer in self.picture.layout.orders:
            for slot in layer:
                if isinstance(slot, str):
                    return slot
        return None


def selection(board: Board, chosen: GraphFilter) -> list[str]:
    """The ids the filters keep (before any neighbourhood or zoom), in board order."""
    return [
        card.id
        for card in board.cards.values()
        if (chosen.category is None or card.category is chosen.category)
        and (chosen.sprint is None or (card.sprint or NO_SPRINT) == chosen.sprint)
    ]


def build_scene(
    board: Board,
    chosen: GraphFilter,
    view: Size,
    *,
    bar: int = 1,
    previous: Sequence[Sequence[Slot]] | None = None,
    known: tuple[Board, nx.DiGraph] | None = None,
    progress: Callable[[int], None] = lambda count: None,
) -> Scene:
    """Select, lay out and draw at the chosen zoom, or the most detailed that fits `view`
    (scrollbars `bar` cells thick); `previous` seeds the order.

    `known` is an earlier board and its whole graph, reused while the dependencies are the
    same (only its nodes and edges are read). `progress` hears how many cards are about to
    be laid out.
    """
    if known is not None and same_links(known[0], board):
        whole = known[1]
    else:
        whole = dependency_graph(board)
    if chosen.around is not None and chosen.around in board.cards:
        ids = list(neighbourhood(whole, chosen.around, chosen.depth))
    else:
        ids = selection(board, chosen) if chosen.filtered else list(board.cards)
        if chosen.group is not None:
            found = group_board(board, whole.subgraph(ids)).groups.get(chosen.group)
            ids = list(found.members) if found else []
    progress(len(ids))
    groups = chosen.group is None and chosen.around is None
    zoomed = zoomed_picture(
        board, whole, ids, zoom=chosen.zoom, groups=groups, view=view, bar=bar, previous=previous
    )
    picture = zoomed.picture
    critical = critical_path(board, ids)
    compass = Compass(picture.layout)
    index = BoxIndex(picture.layout.boxes.values())
    return Scene(
        board,
        chosen,
        zoomed.zoom,
        picture,
        zoomed.collapsed,
        len(ids),
        critical,
        compass,
        index,
        whole,
    )


def same_links(old: Board, new: Board) -> bool:
    """Whether two boards have the same cards with the same dependencies."""
    if old is new:
        return True
    if old.cards.keys() != new.cards.keys():
        return False
    return all(old.cards[i].depends_on == card.depends_on for i, card in new.cards.items())


def next_sprint(board: Board, current: str | None) -> str | None:
    """The sprint filter after `current`: all → newest sprint … oldest → no sprint → all."""
    choices: list[str | None] = [None, *(s.id for s in reversed(board.sprints)), NO_SPRINT]
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]


def next_category(current: Category | None) -> Category | None:
    """The category filter after `current`: all → each category in turn → all."""
    choices: list[Category | None] = [None, *Category]
    return choices[(choices.index(current) + 1) % len(choices)]


def with_depth(chosen: GraphFilter, step: int) -> GraphFilter:
    return replace(chosen, depth=min(MAX_DEPTH, max(1, chosen.depth + step)))
