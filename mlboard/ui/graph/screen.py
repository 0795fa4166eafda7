"""The dependency graph screen (`g` from the board): navigate, filter, zoom, move cards.

Layout runs in a thread worker; keys work on the picture on screen meanwhile. Drilling in
(a group, a card's neighbourhood) pushes the current view, so `backspace` comes back to it
without laying it out again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

import networkx as nx
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from mlboard.drawing.geometry import Slot
from mlboard.drawing.viewport import Size
from mlboard.models import Board
from mlboard.planning.zoom import step
from mlboard.services import cards
from mlboard.services.session import BoardService, bind
from mlboard.ui.graph.keys import SCREEN_BINDINGS
from mlboard.ui.graph.scene import (
    GraphFilter,
    Scene,
    build_scene,
    next_category,
    next_sprint,
    with_depth,
)
from mlboard.ui.graph.view import GraphView
from mlboard.ui.screens.following import FollowingScreen
from mlboard.ui.widgets.card_bar import CardBar, describe
from mlboard.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.timer import Timer

RESIZE_SECONDS = 0.2  # a terminal being dragged to a new size sends many; lay out once
EMPTY = "No cards to draw here: c and s change the filters, ⌫ clears them."


def graph_commands() -> type[Provider]:
    """The palette's provider on this screen, imported when the palette first opens."""
    from mlboard.ui.graph.palette import GraphCommands

    return GraphCommands


@dataclass(frozen=True)
class LaidOut:
    """What the layout worker made: the picture for request number `request`."""

    request: int
    scene: Scene


@dataclass(frozen=True)
class Visit:
    """A view left by drilling in: its filter, its focus, and its picture if still current."""

    chosen: GraphFilter
    focus: str | None
    scene: Scene | None


class GraphScreen(FollowingScreen):
    """Holds the board service like the board screen; every change goes through it."""

    BINDINGS: ClassVar[list[BindingType]] = SCREEN_BINDINGS
    COMMANDS: ClassVar = {graph_commands}

    DEFAULT_CSS = """
    GraphScreen { layout: vertical; }
    GraphScreen #graph-header { height: 1; padding: 0 1; background: $panel; color: $foreground; }
    GraphScreen #graph-header.-busy { color: $accent; }
    GraphScreen GraphView { width: 1fr; height: 1fr; }
    """

    class Progress(Message):
        """Sent from the layout worker: `count` boxes are being laid out."""

        def __init__(self, request: int, count: int) -> None:
            super().__init__()
            self.request = request
            self.count = count

    help_title = "dependency graph"

    def __init__(self, service: BoardService, card_id: str | None = None) -> None:
        super().__init__(service)
        self.chosen = GraphFilter()
        self.scene: Scene | None = None
        self._origin = card_id  # the board's focused card
        self._want: str | None = card_id  # focus this once the next picture is in
        self._trail: list[Visit] = []
        self._request = 0
        self._busy: str | None = None
        self._laid_for: Size = (0, 0)  # the view's size the last layout was asked for
        self._resizing: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="graph-header")
        yield GraphView(id="graph")
        yield CardBar(id="graph-card")
        yield KeyBar()

    @property
    def view(self) -> GraphView:
        return self.query_one(GraphView)

    def on_mount(self) -> None:
        self.view.focus()
        self.call_after_refresh(self._lay_out_again)  # once the view has its size
        self.follow_board()

    # --- layout in the background ------------------------------------------------------

    def _lay_out_again(self, seed: Scene | None = None, *, same_zoom: bool = False) -> None:
        """Ask for a new picture of `chosen` on the current board; the old one stays meanwhile.

        `seed`, an earlier picture of the same view, keeps its shape, and its zoom level
        too with `same_zoom` (an edited board: the level does not change under the user).
        """
        scene = self.scene
        previous = seed.picture.layout.orders if seed else None
        known = (scene.board, scene.graph) if scene else None
        chosen = self.chosen
        if seed is not None and same_zoom and chosen.zoom is None:
            chosen = replace(chosen, zoom=seed.zoom)
        self._request += 1
        self._busy = "laying out…"
        self._show_header()
        self._laid_for = (self.view.size.width, self.view.size.height)
        view = (self._laid_for, self.view.bar)
        self.shown = self.service.board
        self._lay_out(self._request, self.shown, chosen, view, previous, known)

    @work(
        thread=True,
        exclusive=True,
        group="graph-layout",
        exit_on_error=False,
        description="graph layout",  # the default would repr the whole board, per key
    )
    def _lay_out(
        self,
        request: int,
        board: Board,
        chosen: GraphFilter,
        view: tuple[Size, int],
        previous: Sequence[Sequence[Slot]] | None,
        known: tuple[Board, nx.DiGraph] | None,
    ) -> LaidOut:
        def progress(count: int) -> None:
            self.post_message(self.Progress(request, count))

        size, bar = view
        scene = build_scene(
            board, chosen, size, bar=bar, previous=previous, known=known, progress=progress
        )
        return LaidOut(request, scene)

    def on_graph_screen_progress(self, event: Progress) -> None:
        if event.request == self._request:
            self._busy = f"laying out {event.count:,} {'cards' if event.count != 1 else 'card'}…"
            self._show_header()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, LaidOut):
            if worker.result.request == self._request:
                self._use(worker.result.scene)
        elif event.state is WorkerState.ERROR and worker.group == "graph-layout":
            self._busy = None
            self._show_header()
            self.show_error(f"Could not draw the graph: {worker.error}")
        # saves and reloads are FollowingScreen's (Textual calls both handlers)

    def _use(self, scene: Scene) -> None:
        """Show a finished picture, keeping the focus where it was (or where it was wanted)."""
        self.scene = scene
        self._busy = None
        focus = scene.focus_for(self._want or self.view.focused)
        self._want = None
        boxes = scene.picture.layout.boxes
        picture = scene.picture if boxes else None
        nearest = scene.compass.nearest
        self.view.show(picture, focus, nearest=nearest, index=scene.index, empty=EMPTY)
        self._show_header()

    def on_resize(self) -> None:
        """The terminal changed size: once it stops, draw again at the level that fits."""
        if self._resizing is None:
            self._resizing = self.set_timer(RESIZE_SECONDS, self._fit_again)
        else:
            self._resizing.reset()

    def _fit_again(self) -> None:
        self._resizing = None
        resized = (self.view.size.width, self.view.size.height) != self._laid_for
        if self.scene is not None and resized:
            self._want = self.view.focused
            self._lay_out_again(self.scene)

    # --- what the header and the card line say -------------------------------------------

    def _show_header(self) -> None:
        header = self.query_one("#graph-header", Static)
        scene = self.scene
        text = Text("Graph", style="bold", no_wrap=True, overflow="ellipsis")
        for part in scene.describe() if scene is not None else ():
            text.append(f" · {part}")
        if self._busy:
            text.append(f" · {self._busy}")
        header.update(text, layout=False)
        header.set_class(self._busy is not None, "-busy")

    def on_graph_view_focus_changed(self, event: GraphView.FocusChanged) -> None:
        bar = self.query_one(CardBar)
        scene = self.scene
        node = event.node
        if scene is None or node is None:
            bar.update("", layout=False)
        elif scene.collapsed is not None:
            group = scene.collapsed.groups[node]
            text = Text.assemble((group.label, "bold"), " · ⏎ shows its cards")
            bar.update(text, layout=False)
        else:
            board = self.service.board
            card = board.cards.get(node)
            bar.update(describe(board, card) if card else "", layout=False)

    # --- actions -------------------------------------------------------------------------

    def _focused_card(self) -> str | None:
        """The focused card's id; says why not when a group or nothing has the focus."""
        node = self.view.focused
        if self.scene is not None and self.scene.collapsed is not None:
            self.notify("that is a group: ⏎ shows its cards", timeout=3)
            return None
        if node is None or node not in self.service.board.cards:
            self.notify("no card has the focus", severity="warning", timeout=2)
            return None
        return node

    def _drill(self, chosen: GraphFilter, focus: str | None) -> None:
        """Leave the current view for `chosen`; `backspace` comes back."""
        self._trail.append(Visit(self.chosen, self.view.focused, self.scene))
        self.chosen = chosen
        self._want = focus
        self._lay_out_again()

    def _refilter(self, chosen: GraphFilter) -> None:
        """A new filter: drilled-in views are left behind."""
        self._trail.clear()
        self.chosen = chosen
        self._want = self.view.focused
        self._lay_out_again()

    def show_card(self, card_id: str) -> None:
        """Focus a card (from the palette): here, else zoomed into its group, else its
        neighbourhood."""
        scene = self.scene
        if scene is not None and card_id in scene.picture.layout.boxes:
            self.view.focus_node(card_id)
            return
        if scene is not None and scene.collapsed is not None:
            for group_id, group in scene.collapsed.groups.items():
                if card_id in group.members:
                    self._drill(replace(self.chosen, group=group_id).drilled(), card_id)
                    return
        self._drill(replace(self.chosen, around=card_id, group=None).drilled(), card_id)

    def action_open_focused(self) -> None:
        node = self.view.focused
        scene = self.scene
        if scene is None or node is None:
            return
        if scene.collapsed is not None:
            group = scene.collapsed.groups[node].members
            self._drill(
                replace(self.chosen, group=node).drilled(),
                self._origin if self._origin in group else None,
            )
            return
        card = self.service.board.cards.get(node)
        if card is not None:
            self.edit_card(card)

    def on_graph_view_activated(self, event: GraphView.Activated) -> None:
        self.action_open_focused()

    def action_step_card(self, step: int) -> None:
        card_id = self._focused_card()
        if card_id is not None:
            self.apply("move card", bind(cards.step_card, card_id, step))

    def show_board(self) -> None:
        """The board changed (here, on another screen, on disk): draw it again, shape and
        zoom level kept."""
        self._lay_out_again(self.scene, same_zoom=True)

    def action_neighbourhood(self) -> None:
        card_id = self._focused_card()
        if card_id is None:
            return
        if self.chosen.around == card_id:
            self.action_back()
        elif self.chosen.around is not None:
            self.chosen = replace(self.chosen, around=card_id)
            self._want = card_id
            self._lay_out_again(self.scene)
        else:
            self._drill(replace(self.chosen, around=card_id).drilled(), card_id)

    def action_depth(self, step: int) -> None:
        if self.chosen.around is None:
            self.notify("n first: the depth is that of a card's neighbourhood", timeout=3)
            return
        deeper = with_depth(self.chosen, step)
        if deeper != self.chosen:
            self.chosen = deeper
            self._lay_out_again(self.scene)

    def action_next_category(self) -> None:
        chosen = self.chosen
        category = next_category(chosen.category)
        self._refilter(replace(chosen, category=category, group=None, around=None))

    def action_next_sprint(self) -> None:
        chosen = self.chosen
        sprint = next_sprint(self.service.board, chosen.sprint)
        self._refilter(replace(chosen, sprint=sprint, group=None, around=None))

    def action_zoom(self, by: int) -> None:
        """Step through the levels (titles, ids, groups), round: `by` 1 out, -1 in."""
        scene = self.scene
        if scene is None:
            return
        zoom = step(scene.zoom, self.chosen.levels, by)
        focused = self.view.focused
        if (
            scene.collapsed is not None
            and focused is not None
            and focused in scene.collapsed.groups
        ):
            members = scene.collapsed.groups[focused].members
            focused = self._origin if self._origin in members else members[0]
        self.chosen = replace(self.chosen, zoom=zoom)
        self._want = focused
        self._lay_out_again(self.scene)

    def action_back(self) -> None:
        """Out of a group or a neighbourhood, then clear the filters, then to the board."""
        if self._trail:
            visit = self._trail.pop()
            self.chosen = visit.chosen
            self._want = visit.focus
            if visit.scene is not None and visit.scene.board is self.service.board:
                self._request += 1  # a picture still being laid out is no longer wanted
                self._use(visit.scene)
            else:
                self._lay_out_again(visit.scene)
        elif self.chosen != (
            cleared := GraphFilter(depth=self.chosen.depth, zoom=self.chosen.zoom)
        ):
            self._refilter(cleared)
        else:
            self.action_close()
