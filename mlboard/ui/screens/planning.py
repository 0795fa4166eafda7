"""Sprint planning (`p` in Scrum mode): the product backlog beside the sprint being planned.

`enter` commits the focused backlog card to the sprint, or takes a sprint card back out (the
card's row stays, struck out, until the changes pause, and the cursor goes on to the next card);
`N` plans a new sprint, `S` starts it, `C` closes the active one with a status update for
each research story carried over. The planning check (data readiness, GPU capacity,
experiment design, dependencies, roles, capacity) of `mlboard plan` runs after every change,
in a worker, and is listed below the two tables.

The tables are virtual (`PlanTable`): only the rows in sight are drawn, so opening the
screen and committing a card take the same time on thousands of backlog cards as on ten.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from mlboard.models import Board, Card, Mode, Sprint
from mlboard.models.text import visible
from mlboard.planning import reports
from mlboard.services import sprints
from mlboard.services.session import BoardService, Result, bind
from mlboard.ui.hints import hint_text
from mlboard.ui.screens.following import HEAVY_WORK, FollowingScreen, expected_cpu
from mlboard.ui.widgets import plan_row
from mlboard.ui.widgets.key_bar import KeyBar
from mlboard.ui.widgets.plan_table import PlanTable

PATCH_LIMIT = 50  # more cards changed than this at once: fill the tables again
FINDINGS_SHOWN = 40  # wrapping thousands of findings on each change would stall the keys


@dataclass(frozen=True)
class Checked:
    """What the planning check worker found on `board`."""

    board: Board
    report: reports.PlanReport
    cpu: float  # seconds of the interpreter it took


def backlog_ids(board: Board) -> list[str]:
    """Cards in no open sprint and not done, by number: what can be committed."""
    open_sprints = board.open_sprint_ids()
    done = board.done_ids()
    return [c.id for c in board.cards.values() if in_backlog(c, open_sprints, done)]


def in_backlog(card: Card, open_sprints: frozenset[str], done: frozenset[str]) -> bool:
    return card.status not in done and (card.sprint is None or card.sprint not in open_sprints)


def sprint_ids(board: Board, sprint: Sprint | None) -> list[str]:
    if sprint is None:
        return []
    return [c.id for c in board.cards.values() if c.sprint == sprint.id]


class PlanningScreen(FollowingScreen):
    """Commit cards to the planned (or active) sprint and run its lifecycle, with the
    planning check kept up to date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "commit_or_remove", "Commit / remove", key_display="⏎ space",
                id="planning.toggle"),
        Binding("tab", "next_pane", "Next list", key_display="tab", id="planning.next-pane"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="planning.cursor-down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="planning.cursor-up"),
        Binding("left,h", "pane('backlog')", "Backlog", show=False, id="planning.backlog"),
        Binding("right,l", "pane('sprint')", "Sprint", show=False, id="planning.sprint"),
        Binding("N", "new_sprint", "New sprint", id="planning.new-sprint"),
        Binding("S", "start_sprint", "Start", id="planning.start-sprint"),
        Binding("C", "close_sprint", "Close", id="planning.close-sprint"),
        Binding("f", "all_findings", "All findings", show=False, id="planning.all-findings"),
        Binding("escape", "close", "Board", key_display="esc", id="planning.close"),
        Binding("question_mark", "help", "Help", key_display="?", id="planning.help"),
        Binding("q", "quit", "Quit", show=False, id="planning.quit"),
    ]  # fmt: skip

    # The tables sit straight in one grid, not each in a column of its own: a commit
    # repaints half a table, and every container under those lines is drawn again.
    DEFAULT_CSS = """
    PlanningScreen { layout: vertical; }
    PlanningScreen #plan-header { height: auto; width: 1fr; padding: 0 1; background: $panel; }
    PlanningScreen #plan-header.-errors { color: $error; }
    PlanningScreen #plan-lists { height: 1fr; layout: grid; grid-size: 2;
                                 grid-columns: 1fr 1fr; grid-rows: 1 1fr; }
    PlanningScreen .plan-title { width: 1fr; height: 1; padding: 0 1; text-style: bold; }
    PlanningScreen PlanTable { height: 1fr; }
    PlanningScreen #findings { height: auto; max-height: 35%; padding: 0 1;
                               border-top: solid $panel-lighten-2; }
    """

    def __init__(self, service: BoardService, card_id: str | None = None) -> None:
        super().__init__(service)
        self._want = card_id
        self._rows: dict[str, dict[str, Card]] = {"backlog": {}, "sprint": {}}
        self._points: dict[str, Fraction] = {"backlog": Fraction(0), "sprint": Fraction(0)}
        self._report = reports.PlanReport(None, ())
        self._rank: dict[str, int] = {}  # card id → place on the board, for patches
        self._check_cpu = expected_cpu(service.board)  # what the last planning check cost

    def compose(self) -> ComposeResult:
        yield Static("Planning", id="plan-header")
        sides = ("backlog", "sprint")
        with Container(id="plan-lists"):
            for name in sides:
                yield Label(name.title(), id=f"{name}-title", classes="plan-title")
            for name in sides:
                yield PlanTable(plan_row.COLUMNS, plan_row.cells, plan_row.widths, id=name)
        with VerticalScroll(id="findings"):
            yield Static("Checking…", id="findings-text")
        yield KeyBar()

    help_title = "planning"
    legend: ClassVar[Sequence[tuple[str, str]]] = (
        ("struck-out row", "a card just committed or taken out; the row goes when you pause"),
    )

    def on_mount(self) -> None:
        self.show_board()
        table = self.query_one("#backlog", PlanTable)
        if self._want is not None and self._want in self._rows["sprint"]:
            table = self.query_one("#sprint", PlanTable)
        table.focus()
        if self._want is not None and self._want in self._rows[table.id or ""]:
            table.move_cursor(row=table.get_row_index(self._want))
        self.follow_board()

    # --- showing the board -------------------------------------------------------------

    @property
    def sprint(self) -> Sprint | None:
        return reports.planning_sprint(self.service.board)

    def show_board(self) -> None:
        """Both tables as the board is now, their titles, and a new planning check."""
        self._draw(self.service.board, None)

    def show_change(self, result: Result) -> None:
        """A commit or a removal made here: only the cards it touched move (no look at the
        other cards, so a commit costs the same on 10,000 cards as on ten)."""
        if result.before is self.shown:
            self._draw(result.board, result.touched)
        else:  # the board changed meanwhile (a reload): compare it whole
            self.show_board()

    def _draw(self, board: Board, touched: frozenset[str] | None) -> None:
        """`touched` known: a change made here by a key, whose cards leaving a table keep
        their rows (struck out) until the keys pause; else the tables show the board."""
        previous, self.shown = self.shown, board
        sprint = self.sprint
        if previous is None or not self._patch(previous, board, sprint, touched):
            self._rank = {card_id: i for i, card_id in enumerate(board.cards)}
            self._fill("backlog", board, backlog_ids(board))
            self._fill("sprint", board, sprint_ids(board, sprint))
        self._titles(sprint)
        self.run_soon("check", self._check_cpu, self._check_now)

    def _fill(self, name: str, board: Board, ids: list[str]) -> None:
        """Make the table show `ids` in that order (the cursor stays on its card)."""
        wanted = {card_id: board.cards[card_id] for card_id in ids}
        self.query_one(f"#{name}", PlanTable).show(list(wanted.values()))
        self._rows[name] = wanted
        self._points[name] = sum((_exact(card) for card in wanted.values()), Fraction(0))

    def _patch(
        self, previous: Board, board: Board, sprint: Sprint | None, touched: frozenset[str] | None
    ) -> bool:
        """Move the few cards that changed since `previous` (a commit: one) in or out of
        the tables; False, and nothing done, when more changed than a patch is for.
        `touched`: the cards that may have changed, when known (else all are compared)."""
        before = reports.planning_sprint(previous)
        if (
            len(previous.cards) != len(board.cards)
            or (before.id if before else None) != (sprint.id if sprint else None)
            or previous.open_sprint_ids() != board.open_sprint_ids()
            or previous.done_ids() != board.done_ids()
        ):
            return False
        old = previous.cards
        if touched is None:
            changed = [
                card for card_id, card in board.cards.items() if old.get(card_id) is not card
            ]
        else:
            changed = [board.cards[card_id] for card_id in touched if card_id in board.cards]
        if len(changed) > PATCH_LIMIT or any(card.id not in old for card in changed):
            return False
        rank, open_sprints, done = self._rank.__getitem__, board.open_sprint_ids(), board.done_ids()
        left = False
        for card in changed:
            member = sprint is not None and card.sprint == sprint.id
            for name, shown in (
                ("backlog", in_backlog(card, open_sprints, done)),
                ("sprint", member),
            ):
                table = self.query_one(f"#{name}", PlanTable)
                rows = self._rows[name]
                if touched is not None and not shown and card.id in rows:
                    table.leave(card.id)
                    left = True
                else:
                    table.put(card, shown, rank)
                if card.id in rows:
                    self._points[name] -= _exact(rows.pop(card.id))
                if shown:
                    rows[card.id] = card
                    self._points[name] += _exact(card)
        for table in self.query(PlanTable):
            table.settle()
        if left:
            self.run_soon("close-gaps", HEAVY_WORK, self._close_gaps)
        return True

    def _close_gaps(self) -> None:
        """At a pause in the changes: the rows of cards that left their table go."""
        for table in self.query(PlanTable):
            table.close_gaps()

    @staticmethod
    def _cursor_id(table: PlanTable) -> str | None:
        return table.cursor_id

    def _titles(self, sprint: Sprint | None) -> None:
        """The tables' titles (one line each, fixed: no new layout of the screen), from
        the totals kept as rows come and go."""
        self.query_one("#backlog-title", Label).update(
            f"Backlog · {len(self._rows['backlog'])} cards · {self._total('backlog')} pts",
            layout=False,
        )
        label = self.query_one("#sprint-title", Label)
        if sprint is None:
            label.update("No sprint planned · N plans one", layout=False)
            return
        name = visible(sprint.name)
        label.update(
            Text(
                f"{sprint.id} {name} ({sprint.state.value}) · {len(self._rows['sprint'])}"
                f" cards · {self._total('sprint')} pts".replace("  ", " ")
            ),
            layout=False,
        )

    def _total(self, name: str) -> str:
        return f"{float(self._points[name]):g}"

    def _check_now(self) -> None:
        self._check(self.service.board, self.service.clock.now())

    @work(thread=True, exclusive=True, group="planning-check", description="planning check")
    def _check(self, board: Board, now: datetime) -> Checked:
        """The planning check takes up to ~100 ms on 10,000 cards: off the key path."""
        started = time.thread_time()
        report = reports.plan_report(board, None, now, hint_text)
        return Checked(board, report, time.thread_time() - started)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, Checked):
            self._check_cpu = result.cpu
            self._show_findings(result.board, result.report)
        # saves and reloads are FollowingScreen's (Textual calls both handlers)

    def _show_findings(self, board: Board, report: reports.PlanReport) -> None:
        if board is not self.service.board or not self.is_attached:
            return  # a newer board is being checked, or the screen was closed meanwhile
        self._report = report
        findings = report.findings
        errors = report.error_count
        text = Text()
        for finding in findings[:FINDINGS_SHOWN]:
            style = "bold red" if finding.is_error else "yellow"
            mark = "✖" if finding.is_error else "!"
            text.append(f"{mark} {finding.check}: ", style=style)
            text.append(f"{visible(finding.message)}\n")
        if len(findings) > FINDINGS_SHOWN:
            more = len(findings) - FINDINGS_SHOWN
            text.append(f"… and {more} more (f shows them all)", style="italic")
        if not findings:
            text.append("The planning check finds nothing to fix.")
        _update(self.query_one("#findings-text", Static), text)
        header = self.query_one("#plan-header", Static)
        _update(header, Text(self._header(board, errors, len(findings) - errors)))
        header.set_class(errors > 0, "-errors")

    def action_all_findings(self) -> None:
        """`f`: the whole planning check, every finding, on the report screen."""
        from mlboard.ui.screens.ceremony import CeremonyScreen

        self.app.push_screen(CeremonyScreen("plan", self.service, None))

    def _header(self, board: Board, errors: int, warnings: int) -> str:
        sprint = self.sprint
        parts = ["Planning"]
        if sprint is not None:
            parts.append(f"{sprint.id} {_day(sprint.start)} – {_day(sprint.end)}")
            if sprint.goal:
                parts.append(f"goal: {visible(sprint.goal)}")
        closed = [s.snapshot for s in board.sprints if s.snapshot is not None][-3:]
        if closed:
            done = sum(s.completed_points for s in closed) / len(closed)
            parts.append(f"done in the last {len(closed)} sprints: {done:.0f} pts avg")
        parts.append(f"{errors} errors, {warnings} warnings")
        return " · ".join(parts)

    # --- keys --------------------------------------------------------------------------

    def action_commit_or_remove(self) -> None:
        """Commit the focused backlog card, or take the focused sprint card back out."""
        table = self.focused
        if not isinstance(table, PlanTable) or table.row_count == 0:
            return
        card_id = self._cursor_id(table)
        if card_id is None:
            return
        if table.id == "backlog":
            self.apply("commit to sprint", bind(sprints.commit_cards, [card_id]))
        else:
            self.apply("remove from sprint", bind(sprints.remove_cards, [card_id]))

    PANES = ("backlog", "sprint", "findings")

    def action_next_pane(self) -> None:
        """backlog → sprint → findings → backlog, whatever has focus now."""
        current = self.focused.id if self.focused is not None else None
        index = self.PANES.index(current) if current in self.PANES else -1
        self.action_pane(self.PANES[(index + 1) % len(self.PANES)])

    def action_pane(self, name: str) -> None:
        self.query_one(f"#{name}").focus()

    def action_cursor(self, step: int) -> None:
        """`j`/`k` and the arrows: the focused table's row, or scroll the findings."""
        focused = self.focused
        if isinstance(focused, PlanTable):
            (focused.action_cursor_down if step > 0 else focused.action_cursor_up)()
        elif isinstance(focused, VerticalScroll):
            focused.scroll_relative(y=step, animate=False)

    def action_new_sprint(self) -> None:
        from mlboard.ui import dialogs

        asks, answer = dialogs.new_sprint_dialog(self.service.board)
        self.ask("Plan a new sprint", asks, answer, "Plan")

    def action_start_sprint(self) -> None:
        from mlboard.ui.modals.confirm import ConfirmModal

        board = self.service.board
        sprint, active = board.planned_sprint(), board.active_sprint()
        if sprint is None:
            self.notify("No planned sprint to start: N plans one", severity="warning")
            return
        if active is not None:
            self.notify(f"{active.id} is still active: C closes it first", severity="warning")
            return
        errors = self._report.error_count
        count = len(self._rows["sprint"])
        question = f"Start {sprint.id} with {count} card{'' if count == 1 else 's'}?"
        if errors:
            question += f"\nThe planning check lists {errors} errors (the team decides)."

        def done(yes: bool | None) -> None:
            if yes:
                self.apply("start sprint", bind(sprints.start_sprint))

        self.app.push_screen(ConfirmModal(question, yes="Start"), done)

    def action_close_sprint(self) -> None:
        from mlboard.ui import dialogs

        board = self.service.board
        sprint = board.active_sprint()
        if sprint is None:
            self.notify("No active sprint to close", severity="warning")
            return
        asks, answer = dialogs.close_sprint_dialog(board, sprint)
        self.ask(f"Close {sprint.id}", asks, answer, "Close sprint")


def _update(static: Static, text: Text) -> None:
    """New text for a Static as tall as its text: a new layout of the screen (which draws
    the tables again) only when its height changes."""
    static.update(text, layout=False)
    size = static.content_size
    if static.get_content_height(size, size, size.width) != size.height:
        static.refresh(layout=True)


def _exact(card: Card) -> Fraction:
    """A card's points as an exact number: totals kept by adding and taking away rows
    never drift (0.1 + 0.2 − 0.1 − 0.2 is 0, not 2.8e-17)."""
    return Fraction(card.points or 0)


def planning_screen(service: BoardService, card_id: str | None = None) -> Screen[None]:
    """`p`: sprint planning in Scrum mode; in Kanban mode, the check of the work in flight."""
    if service.board.mode is Mode.KANBAN:
        from mlboard.ui.screens.ceremony import CeremonyScreen

        return CeremonyScreen("plan", service, card_id)
    return PlanningScreen(service, card_id)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"  # no %-d: not every platform's strftime has it
