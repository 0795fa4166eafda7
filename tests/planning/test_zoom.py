"""The graph's zoom levels and viewport rules (issue 11): the level a view opens on fits it when
any level does, and the focused box is always whole in the view, whatever the moves."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.drawing.geometry import Direction, Layout
from mlboard.drawing.layout import layout_graph
from mlboard.drawing.viewport import (
    MARGIN_X,
    MARGIN_Y,
    BoxIndex,
    Size,
    fits,
    follow,
    inset,
    room,
)
from mlboard.models import Board, Card
from mlboard.planning.graph import dependency_graph
from mlboard.planning.zoom import CARD_ZOOMS, Zoom, first_fitting, levels, step, zoomed_picture

T0 = datetime(2026, 11, 2, tzinfo=UTC)
CATEGORIES = ("data", "experiment", "engineering", "tech-debt")
STATUSES = ("backlog", "todo", "doing", "review", "done")
BAR = 1

views = st.tuples(st.integers(20, 240), st.integers(6, 70))


@st.composite
def boards(draw: st.DrawFn) -> Board:
    """A board of 1-40 cards, each depending on a few earlier ones, titles 3-60 long."""
    n = draw(st.integers(1, 40))
    pairs = list(itertools.combinations(range(1, n + 1), 2))
    links = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    cards = {}
    for number in range(1, n + 1):
        card = Card.model_validate(
            {
                "id": f"ML-{number}",
                "title": "t" * draw(st.integers(3, 60)),
                "category": draw(st.sampled_from(CATEGORIES)),
                "status": draw(st.sampled_from(STATUSES)),
                "created_at": T0,
                "depends_on": sorted(f"ML-{a}" for a, b in links if b == number),
            }
        )
        cards[card.id] = card
    return Board(name="zoom", key="ML", cards=cards, next_number=n + 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 300), st.integers(1, 120)), min_size=1, max_size=3), views)
def test_first_fitting_takes_the_most_detailed_level_that_fits(
    sizes: list[Size], view: Size
) -> None:
    drawn: list[int] = []

    def pictures() -> itertools.chain[tuple[Zoom, int]]:
        for i, zoom in enumerate(list(Zoom)[: len(sizes)]):
            drawn.append(i)
            yield zoom, i

    zoom, chosen = first_fitting(pictures(), lambda i: sizes[i], view, BAR)
    fitting = [i for i, size in enumerate(sizes) if fits(size, view, BAR)]
    assert chosen == (fitting[0] if fitting else len(sizes) - 1)
    assert zoom is list(Zoom)[chosen]
    assert drawn == list(range(chosen + 1))  # nothing drawn past the chosen level


@settings(max_examples=60, deadline=None)
@given(boards(), views, st.booleans())
def test_a_view_opens_on_a_level_that_fits_when_any_does(
    board: Board, view: Size, whole: bool
) -> None:
    graph = dependency_graph(board)
    ids = list(board.cards)
    choices = levels(whole)

    def size(zoom: Zoom) -> Size:
        layout = zoomed_picture(
            board, graph, ids, zoom=zoom, groups=whole, view=view, bar=BAR
        ).picture.layout
        return layout.width, layout.height

    chosen = zoomed_picture(board, graph, ids, zoom=None, groups=whole, view=view, bar=BAR)
    fitting = [zoom for zoom in choices if fits(size(zoom), view, BAR)]
    assert chosen.zoom == (fitting[0] if fitting else choices[-1])
    assert (chosen.collapsed is not None) == (chosen.zoom is Zoom.GROUPS)
    layout = chosen.picture.layout
    assert set(layout.boxes) == (set(chosen.collapsed.groups) if chosen.collapsed else set(ids))


def test_levels_and_steps_go_round() -> None:
    assert levels(True) == (Zoom.TITLES, Zoom.IDS, Zoom.GROUPS)
    assert levels(False) == CARD_ZOOMS
    assert step(Zoom.TITLES, levels(True), 1) is Zoom.IDS
    assert step(Zoom.GROUPS, levels(True), 1) is Zoom.TITLES
    assert step(Zoom.TITLES, levels(True), -1) is Zoom.GROUPS
    assert step(Zoom.IDS, levels(False), 1) is Zoom.TITLES
    assert step(Zoom.GROUPS, levels(False), 1) is Zoom.IDS  # not a level there: from the top


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    n = draw(st.integers(1, 30))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    graph = nx.DiGraph()
    graph.add_nodes_from(f"ML-{i}" for i in range(n))
    graph.add_edges_from((f"ML-{a}", f"ML-{b}") for a, b in chosen)
    widths = {node: draw(st.integers(1, 36)) for node in graph}
    return layout_graph(graph, widths)


def inside(box_start: int, box_size: int, offset: int, shown: int, margin: int, total: int) -> bool:
    """The box is whole in the view, with the margin where the picture has it."""
    lo = max(0, box_start - margin)
    hi = min(total, box_start + box_size + margin)
    return offset <= lo and hi <= offset + shown


@settings(max_examples=150, deadline=None)
@given(layouts(), views, st.data())
def test_the_focused_box_is_always_whole_in_the_view(
    layout: Layout, view: Size, data: st.DataObject
) -> None:
    picture = (layout.width, layout.height)
    shown = room(picture, view, BAR)
    index = BoxIndex(layout.boxes.values())
    focus = data.draw(st.sampled_from(sorted(layout.boxes)))
    offset = follow((0, 0), shown, picture, layout.boxes[focus], index, settle=True)
    directions: list[Direction] = ["up", "down", "left", "right"]
    moves = data.draw(st.lists(st.sampled_from(directions), max_size=25))
    for move in [None, *moves]:
        if move is not None:
            focus = layout.nearest(focus, move) or focus
            offset = follow(offset, shown, picture, layout.boxes[focus], index)
        box = layout.boxes[focus]
        last = (max(0, picture[0] - shown[0]), max(0, picture[1] - shown[1]))
        assert 0 <= offset[0] <= last[0] and 0 <= offset[1] <= last[1]
        if box.w + 2 * MARGIN_X <= shown[0]:
            assert inside(box.x, box.w, offset[0], shown[0], MARGIN_X, picture[0])
        elif box.w <= shown[0]:
            assert inside(box.x, box.w, offset[0], shown[0], 0, picture[0])
        else:
            assert offset[0] == min(box.x, last[0])  # too wide: its left end
        if box.h + 2 * MARGIN_Y <= shown[1]:
            assert inside(box.y, box.h, offset[1], shown[1], MARGIN_Y, picture[1])
        elif box.h <= shown[1]:
            assert inside(box.y, box.h, offset[1], shown[1], 0, picture[1])


@settings(max_examples=100, deadline=None)
@given(layouts(), views)
def test_a_picture_that_fits_is_centred_and_never_scrolls(layout: Layout, view: Size) -> None:
    picture = (layout.width, layout.height)
    shown = room(picture, view, BAR)
    if not fits(picture, view, BAR):
        return
    assert shown[0] == view[0] - (BAR if picture[1] > view[1] else 0)
    left, _ = inset(picture, shown)
    assert left == (shown[0] - picture[0]) // 2
    index = BoxIndex(layout.boxes.values())
    for box in layout.boxes.values():
        assert follow((0, 0), shown, picture, box, index, settle=True)[0] == 0


def cut(layout: Layout, offset: Size, shown: Size) -> int:
    """Boxes in the view's rows cut by its left or right edge (twice if by both)."""
    (x, y), (w, h) = offset, shown
    return sum(
        (box.x < x < box.x + box.w) + (box.x < x + w < box.x + box.w)
        for box in layout.boxes.values()
        if box.y < y + h and y < box.y + box.h
    )


@settings(max_examples=150, deadline=None)
@given(layouts(), views, st.data())
def test_the_first_view_cuts_the_fewest_boxes_at_its_edges(
    layout: Layout, view: Size, data: st.DataObject
) -> None:
    picture = (layout.width, layout.height)
    shown = room(picture, view, BAR)
    box = layout.boxes[data.draw(st.sampled_from(sorted(layout.boxes)))]
    x, y = follow((0, 0), shown, picture, box, BoxIndex(layout.boxes.values()), settle=True)
    last = max(0, picture[0] - shown[0])
    for margin in (MARGIN_X, 0):
        whole = [
            at for at in range(last + 1) if inside(box.x, box.w, at, shown[0], margin, picture[0])
        ]
        if whole:
            break
    else:
        whole = [min(box.x, last)]
    assert x in whole
    assert cut(layout, (x, y), shown) == min(cut(layout, (at, y), shown) for at in whole)
    bottom = max(0, picture[1] - shown[1])
    for margin in (MARGIN_Y, 0):
        rows = [
            at for at in range(bottom + 1) if inside(box.y, box.h, at, shown[1], margin, picture[1])
        ]
        if rows:
            break
    else:
        rows = [min(box.y, bottom)]
    assert y in rows
    assert cut_rows(layout, y, shown[1]) == min(cut_rows(layout, at, shown[1]) for at in rows)


def cut_rows(layout: Layout, y: int, height: int) -> int:
    """Boxes cut by the view's top or bottom edge (twice if by both)."""
    return sum(
        (box.y < y < box.y + box.h) + (box.y < y + height < box.y + box.h)
        for box in layout.boxes.values()
    )


def test_the_first_view_starts_between_boxes() -> None:
    """A shelf of boxes 10 wide, 13 apart, in a view 26 wide: the first offset from the left
    that shows ML-2 (with its margin) and cuts nothing."""
    graph = nx.DiGraph()
    graph.add_nodes_from(f"ML-{i}" for i in range(4))
    layout = layout_graph(graph, dict.fromkeys(graph, 6))
    picture = (layout.width, layout.height)
    shown = room(picture, (26, 10), BAR)
    focus = layout.boxes["ML-2"]
    assert (focus.x, focus.w, shown[0]) == (26, 10, 26)
    x, y = follow((0, 0), shown, picture, focus, BoxIndex(layout.boxes.values()), settle=True)
    assert x == 12  # 12 to 24 show ML-2 with its margin; ML-1 whole from 12 on
    assert cut(layout, (x, y), shown) == 0
