"""Two lines above the board: the sprint (Scrum) or the flow (Kanban), and the filter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from mlboard.models import Mode
from mlboard.models.text import visible
from mlboard.planning.query import CardQuery
from mlboard.ui.board_model import BoardView
from mlboard.ui.sprint_figures import SprintFigures


def cards(count: int) -> str:
    return f"{count} card" if count == 1 else f"{count} cards"


def _title(view: BoardView, figures: SprintFigures | None) -> Text:
    board = view.board
    text = Text.assemble((visible(board.name), "bold"), " · ")
    if board.mode is Mode.KANBAN:
        text.append("Kanban", "bold")
        text.append(f" · {cards(len(board.cards))}")
        return text
    text.append("Scrum", "bold")
    if figures is None:
        text.append(" · no active sprint: showing every card")
        return text
    sprint = figures.sprint
    text.append(f" · {visible(sprint.name) or sprint.id}")
    if figures.ended_days_ago:
        ago = figures.ended_days_ago
        text.append(f" · ended {ago} day{'' if ago == 1 else 's'} ago (p, C closes it)", "bold")
    else:
        text.append(f" · day {figures.day} of {figures.days}")
    text.append(f" · {figures.done_points:g}/{figures.committed_points:g} pts")
    return text


def _detail(view: BoardView, figures: SprintFigures | None, card_filter: CardQuery) -> Text:
    if card_filter.active:
        return Text(f"filter: {card_filter.describe()} · {cards(view.shown)} shown · esc clears")
    over = [
        f"{visible(column.title)} {view.column_totals[i]}/{column.wip}"
        for i, column in enumerate(view.columns)
        if view.over_wip(i)
    ]
    over_text = "over WIP: " + ", ".join(over) if over else ""
    if figures is not None:
        goal = f"Goal: {visible(figures.sprint.goal)}" if figures.sprint.goal else "No sprint goal"
        return Text(f"{over_text} · {goal}" if over else goal)
    return Text(over_text or f"{cards(view.shown)} shown")


BARS = " ▁▂▃▄▅▆▇█"


def burndown_chart(figures: SprintFigures) -> Text:
    """Points left at the end of each day so far, on a 0…committed scale, one cell a day,
    labelled: two lines of eight steps each; days still to come are dots."""
    top = figures.committed_points or 1
    upper, lower = [], []
    for left in figures.burndown[-figures.days :]:
        level = round(min(max(left / top, 0), 1) * 16)
        lower.append(BARS[min(level, 8)])
        upper.append(BARS[max(level - 8, 0)])
    future = max(0, figures.days - len(figures.burndown))
    left = figures.burndown[-1] if figures.burndown else figures.committed_points
    bars, dots = "".join(upper) + " " * future, "".join(lower) + "·" * future
    return Text(f"{bars} burndown\n{dots} {left:g} pts left")


class BoardHeader(Vertical):
    """Sprint name, day N of M, points and a burndown sparkline; or Kanban's WIP state."""

    DEFAULT_CSS: ClassVar[str] = """
    BoardHeader { height: 2; background: $panel; }
    BoardHeader Horizontal { height: 2; }
    BoardHeader #summary { width: 1fr; height: 2; padding: 0 1; text-wrap: nowrap;
                           text-overflow: ellipsis; }
    BoardHeader #burndown { width: auto; max-width: 50; height: 2; padding: 0 1; color: $primary; }
    BoardHeader.-kanban #burndown { display: none; }
    BoardHeader.-filtered #summary { color: $accent; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="summary")
            yield Static(id="burndown")

    def show(self, view: BoardView, figures: SprintFigures | None, card_filter: CardQuery) -> None:
        title = _title(view, figures)
        title.append("\n")
        title.append_text(_detail(view, figures, card_filter))
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#summary", Static).update(title)
        chart = burndown_chart(figures) if figures else Text()
        self.query_one("#burndown", Static).update(chart)
        self.set_class(figures is None, "-kanban")
        self.set_class(card_filter.active, "-filtered")
