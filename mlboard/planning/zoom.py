"""The graph's zoom levels, most detailed first, and the one a view opens on: titles, else ids,
else groups, the first whose picture fits the view's width.

Groups are for a whole (filtered) board; a group's cards or a card's neighbourhood have the
two card levels. Above ``FLAT_LIMIT`` cards a board opens on its groups without laying its
cards out (a zoom key still shows them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import networkx as nx

from mlboard.drawing.geometry import Slot
from mlboard.drawing.layout import SHELF_WIDTH
from mlboard.drawing.viewport import Size, fits
from mlboard.models import Board
from mlboard.planning.collapse import Collapsed, group_board
from mlboard.planning.picture import (
    FLAT_LIMIT,
    MAX_TITLE,
    Picture,
    card_pictures,
    group_picture,
)

P = TypeVar("P")


class Zoom(StrEnum):
    TITLES = "titles"
    IDS = "ids"
    GROUPS = "groups"


CARD_ZOOMS = (Zoom.TITLES, Zoom.IDS)
TITLE_WIDTH: dict[Zoom, int | None] = {Zoom.TITLES: MAX_TITLE, Zoom.IDS: None}


def levels(groups: bool) -> tuple[Zoom, ...]:
    """The levels a view has, most detailed first; ``groups`` for a whole board."""
    return (*CARD_ZOOMS, Zoom.GROUPS) if groups else CARD_ZOOMS


def step(zoom: Zoom, choices: Sequence[Zoom], by: int) -> Zoom:
    """The level ``by`` steps toward the overview (negative: the detail), going round."""
    at = choices.index(zoom) if zoom in choices else 0
    return choices[(at + by) % len(choices)]


def first_fitting(
    pictures: Iterable[tuple[Zoom, P]], size: Callable[[P], Size], view: Size, bar: int
) -> tuple[Zoom, P]:
    """The first picture that fits ``view`` (scrollbars ``bar`` thick), else the last one.

    ``pictures`` come most detailed first and are drawn only as far as needed.
    """
    chosen: tuple[Zoom, P] | None = None
    for chosen in pictures:
        if fits(size(chosen[1]), view, bar):
            break
    if chosen is None:
        raise ValueError("no zoom level to choose from")
    return chosen


@dataclass(frozen=True, slots=True)
class Zoomed:
    """The picture a view shows, its level, and its groups when the boxes are groups."""

    zoom: Zoom
    picture: Picture
    collapsed: Collapsed | None


def zoomed_picture(
    board: Board,
    whole: nx.DiGraph,
    ids: Sequence[str],
    *,
    zoom: Zoom | None,
    groups: bool,
    view: Size,
    bar: int,
    previous: Sequence[Sequence[Slot]] | None = None,
) -> Zoomed:
    """The cards ``ids`` (of the board's graph ``whole``) drawn at ``zoom``, or, when it is
    None or not one of the view's levels, at the most detailed level that fits ``view``.

    Cards without dependencies wrap at the view's width (at most ``SHELF_WIDTH``).
    """
    choices = levels(groups)
    wanted = [zoom] if zoom in choices else list(choices)
    if zoom not in choices and groups and len(ids) > FLAT_LIMIT:
        wanted = [Zoom.GROUPS]
    shelf = min(SHELF_WIDTH, max(1, view[0] - bar))

    def drawn() -> Iterator[tuple[Zoom, Zoomed]]:
        flat = [z for z in wanted if z in CARD_ZOOMS]
        if flat:
            widths = [TITLE_WIDTH[z] for z in flat]
            pictures = card_pictures(board, ids, widths, previous=previous, shelf_width=shelf)
            for z, picture in zip(flat, pictures, strict=True):
                yield z, Zoomed(z, picture, None)
        if Zoom.GROUPS in wanted:
            collapsed = group_board(board, whole.subgraph(ids))
            grouped = group_picture(collapsed, previous, shelf_width=shelf)
            yield Zoom.GROUPS, Zoomed(Zoom.GROUPS, grouped, collapsed)

    return first_fitting(drawn(), picture_size, view, bar)[1]


def picture_size(zoomed: Zoomed) -> Size:
    return zoomed.picture.layout.width, zoomed.picture.layout.height
