"""Draw one card's three lines, one column wide, from the styles the grid's TCSS gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from mlboard.models import Board, Card, Category
from mlboard.models.text import visible
from mlboard.ui.badges import Role, badges
from mlboard.ui.board_model import DONE_SHOWN, LANE_TITLES, LANES, BoardView, Spot

ROLES: tuple[Role, ...] = ("blocked", "dependency", "met", "unmet", "muted", "aging", "outcome")


@dataclass(frozen=True)
class Palette:
    """Rich styles resolved from the grid's component classes (so from the theme)."""

    card: Style
    focus: Style
    card_id: Style
    blocked_bar: Style
    lanes: dict[Category, Style]
    roles: dict[Role, Style]

    @classmethod
    def resolve(cls, card: Style, part: Callable[[str], Style]) -> Palette:
        """The palette from the card's style and `part(name)`, the style of each part."""
        return cls(
            card=card,
            focus=part("focus"),
            card_id=part("id"),
            blocked_bar=part("blocked-bar"),
            lanes={c: part(f"lane-{c.value}") for c in LANES},
            roles={role: part(role) for role in ROLES},
        )


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells, with an ellipsis when something was cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


TITLE_BESIDE_BADGES = 8  # cells a title's second line needs to share the badges' line


def split_line(text: str, width: int) -> tuple[str, str]:
    """The first line of `text` in `width` cells, broken after a word when one fits, and the
    rest (empty when all of it fits)."""
    if cell_len(text) <= width:
        return text, ""
    used = fits = 0
    for char in text:
        used += get_character_cell_size(char)
        if used > width:
            break
        fits += 1
    space = text.rfind(" ", 0, fits + 1)
    if space > 0:
        return text[:space].rstrip(), text[space + 1 :].lstrip()
    return text[:fits], text[fits:].lstrip()  # one word longer than the line: cut it


def paint_card(
    board: Board, card: Card, width: int, focused: bool, palette: Palette, now: datetime
) -> tuple[Strip, Strip, Strip]:
    """Header (id, points, assignee), title, and badges lines of one card."""
    base = palette.card + palette.focus if focused else palette.card
    open_blocked = bool(card.open_blockers)
    bar_style = base + (palette.blocked_bar if open_blocked else palette.lanes[card.category])
    bar = Segment("▌", bar_style)
    inner = width - 2

    points = f" {card.points:g}p" if card.points is not None else ""
    who = f"@{visible(card.assignee)}" if card.assignee else ""
    left = fit(card.id, inner)
    room = inner - cell_len(left)
    points = points if cell_len(points) <= room else ""
    room -= cell_len(points)
    who = fit(who, room - 1) if room > 3 else ""
    gap = " " * max(0, room - cell_len(who))
    head = [
        bar,
        Segment(" ", base),
        Segment(left, base + palette.card_id),
        Segment(points, base + palette.roles["muted"]),
        Segment(gap, base),
        Segment(who, base + palette.roles["muted"]),
    ]
    first, rest = split_line(visible(card.title), inner)
    shown = badges(board, card, now)
    badge_width = sum(cell_len(text) + 1 for text, _ in shown)
    # The title goes on over the third line where the badges leave room: all of it without
    # badges, else the part left of them (the badges keep their place at the right).
    room = inner if not shown else inner - badge_width
    if rest and room < TITLE_BESIDE_BADGES:
        first, rest, room = fit(visible(card.title), inner), "", 0
    more = fit(rest, room) if rest else ""
    title = [bar, Segment(" " + first, base)]
    facts = [bar, Segment(" ", base)]
    if more:
        facts.append(Segment(more, base))
        facts.append(Segment(" " * (inner - cell_len(more) - max(0, badge_width - 1)), base))
    used = 0
    for text, role in shown:
        piece = fit(text, inner - used)
        if not piece:
            break
        facts.append(Segment(piece, base + palette.roles[role]))
        used += cell_len(piece) + 1
        if used >= inner:
            break
        facts.append(Segment(" ", base))
    return (
        Strip(head).adjust_cell_length(width, base),
        Strip(title).adjust_cell_length(width, base),
        Strip(facts).crop(0, width).adjust_cell_length(width, base),
    )


def header_strip(view: BoardView, widths: tuple[int, ...], header: Style, over: Style) -> Strip:
    """The line of column titles with their counts (under a filter `2 of 5`: the cards it
    shows of those shown without it); `over` for a column over its limit."""
    parts: list[Segment] = []
    for i, (column, width) in enumerate(zip(view.columns, widths, strict=True)):
        total = view.column_totals[i]
        shown = sum(len(view.cell(lane, i)) for lane in range(len(LANES)))
        if view.card_filter.active:
            count = f"{shown} of {view.unfiltered[i]}"
        else:
            count = f"{total}/{column.wip}" if column.wip is not None else str(shown)
        over_wip = view.over_wip(i)
        mark = " ▲" if over_wip else ""
        text = fit(visible(column.title), max(1, width - len(count) - len(mark) - 2))
        label = f" {text} {count}{mark}"
        parts.append(Segment(fit(label, width).ljust(width), over if over_wip else header))
        if i + 1 < len(widths):
            parts.append(Segment(" ", header))
    return Strip(parts)


def lane_strip(
    view: BoardView, lane: int, widths: tuple[int, ...], cursor: Spot, colour: Style, focus: Style
) -> Strip:
    """A lane's header line: its title and counts; the cursor's column marked when the cursor
    is on an empty cell of this lane."""
    category = LANES[lane]
    folded = category in view.collapsed
    count = view.lane_count(lane)
    outside = view.lane_outside(lane)
    label = f"{'▸' if folded else '▾'} {LANE_TITLES[category]} · {count - outside}"
    if outside:
        label += f" · +{outside} outside the sprint (faint)"
    if folded:
        label += "  (z to expand)"
    elif not count:
        label += "  (n adds a card)"
    total = sum(widths) + len(widths) - 1
    strip = Strip([Segment(fit(label, total).ljust(total), colour)])
    if cursor.lane == lane and view.card_at(cursor) is None and not view.is_more(cursor):
        start = sum(widths[: cursor.column]) + cursor.column
        end = start + widths[cursor.column]
        pieces = strip.divide([start, end, total])
        strip = Strip.join([pieces[0], pieces[1].apply_style(focus), *pieces[2:]])
    return strip


def more_strip(view: BoardView, lane: int, column: int, width: int, style: Style) -> Strip:
    """Under a done cell's last drawn card: how many more it holds, or (all shown) that enter
    shows the latest few again."""
    hidden = len(view.cell(lane, column)) - view.rows(lane, column)
    text = f" +{hidden} more (enter)" if hidden else f" ▴ latest {DONE_SHOWN} (enter)"
    return Strip([Segment(fit(text, width).ljust(width), style)])
