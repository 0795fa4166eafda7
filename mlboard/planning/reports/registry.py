"""The one list of reports that both front ends read: per report its name, title, how it is
built and read, and what it steps through.

`mlboard <name>` builds a report from its options (a `Request`) and prints `render(report)`
or `report.to_json()`; the TUI's report screen builds the same report in a worker, steps it
by `steps` and heads it with `summary(report)`. A report with errors (`errors(report) > 0`,
the planning check) makes its command exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from mlboard.models import Board, RuleViolation, Sprint
from mlboard.models.hints import Hint, StartSprint
from mlboard.planning.charts import Chart, report_charts
from mlboard.planning.reports.burndown import BurndownReport, burndown_report
from mlboard.planning.reports.common import default_sprint
from mlboard.planning.reports.flow import CFD_DAYS, FlowReport, flow
from mlboard.planning.reports.markdown import (
    render_burndown_text,
    render_flow_text,
    render_plan_text,
    render_retro_text,
    render_review_text,
    render_standup_text,
)
from mlboard.planning.reports.plan import PlanReport, plan_report, planning_sprint
from mlboard.planning.reports.retro import retro_report
from mlboard.planning.reports.retro_values import RetroReport
from mlboard.planning.reports.review import review_report
from mlboard.planning.reports.review_values import ReviewReport, SprintInfo
from mlboard.planning.reports.standup import standup_report
from mlboard.planning.reports.standup_values import StandupReport
from mlboard.planning.reports.value import Json


class Report(Protocol):
    """What every report value is: frozen, with its JSON form."""

    def to_json(self) -> Json: ...


R = TypeVar("R", bound=Report)


class Steps(StrEnum):
    """What the report screen's `[`/`]` step through."""

    DAY = "day"  # working days (the standup)
    SPRINT = "sprint"  # the board's sprints, by number
    NONE = "none"  # nothing: the report covers a window up to now


@dataclass(frozen=True)
class Request:
    """What a report is asked for: the moment, and its options (each report reads its own:
    `sprint` None for its default sprint, `day` None for today, `days` the flow's window)."""

    now: datetime
    sprint: str | None = None
    day: date | None = None
    days: int = CFD_DAYS
    word: Callable[[Hint], str] = str  # the front end's words for a hint (mlboard.models.hints)


def _no_errors(report: Any) -> int:
    return 0


def _no_report_charts(board: Board, report: Any, request: Request) -> list[Chart]:
    return []


def _charts_of(name: str) -> Callable[[Board, Any, Request], list[Chart]]:
    """The charts `--chart` draws, from the report's JSON form (`planning.charts`)."""
    return lambda board, report, request: report_charts(name, report.to_json())


def _active_burndown(board: Board, report: Any, request: Request) -> list[Chart]:
    """The active sprint's burndown (the standup's chart), when a sprint is active."""
    sprint = board.active_sprint()
    if sprint is None:
        return []
    return report_charts("burndown", burndown_report(board, sprint, request.now).to_json())


@dataclass(frozen=True)
class ReportKind(Generic[R]):
    """One report. `summary` gives the parts of a one-line heading after the title (the
    sprint, the day, the window; the error count); `default_sprint` the sprint it shows
    with none asked for; `notes` whether people add notes to it (on the day shown, or on
    the sprint shown); `charts` the charts of its screen (the same as `--chart` draws, but
    the standup's: the active burndown); `page_charts` those of its HTML page when they
    differ from the screen's (None: the same)."""

    name: str
    title: str
    steps: Steps
    build: Callable[[Board, Request], R]
    render: Callable[[R], str]
    summary: Callable[[R], list[str]]
    default_sprint: Callable[[Board], Sprint | None] = default_sprint
    errors: Callable[[R], int] = _no_errors
    notes: bool = False
    sprints_only: bool = False  # no report in Kanban mode, which has no sprints
    charts: Callable[[Board, R, Request], list[Chart]] = _no_report_charts
    page_charts: Callable[[Board, R, Request], list[Chart]] | None = None

    def default_sprint_id(self, board: Board) -> str | None:
        sprint = self.default_sprint(board)
        return sprint.id if sprint is not None else None


def _sprint_part(sprint: SprintInfo | str | None) -> list[str]:
    sprint_id = sprint.id if isinstance(sprint, SprintInfo) else sprint
    return [sprint_id or "no sprint"]


def _plan_summary(report: PlanReport) -> list[str]:
    errors = report.error_count
    warnings = len(report.findings) - errors
    return [*_sprint_part(report.sprint), f"{errors} errors, {warnings} warnings"]


def _flow_summary(report: FlowReport) -> list[str]:
    over = report.columns_over
    limits = (
        "no column over its limit"
        if over == 0
        else "1 column over its limit"
        if over == 1
        else f"{over} columns over their limits"
    )
    return [f"last {report.days} days", limits]


def _burndown(board: Board, request: Request) -> BurndownReport:
    sprint = board.sprint(request.sprint) if request.sprint else default_sprint(board)
    if sprint is None:
        raise RuleViolation("no active or closed sprint", action=StartSprint())
    return burndown_report(board, sprint, request.now)


def _sprint_burndown(
    board: Board, sprint: SprintInfo | None, now: datetime
) -> BurndownReport | None:
    """The burndown of a report's sprint (a planned one's: its ideal line); None with none."""
    return None if sprint is None else burndown_report(board, board.sprint(sprint.id), now)


def _review_page_charts(board: Board, report: ReviewReport, request: Request) -> list[Chart]:
    """The review's page: its sprint's burndown, then the metric trends."""
    burndown = _sprint_burndown(board, report.sprint, request.now)
    first = report_charts("burndown", burndown.to_json()) if burndown is not None else []
    return first + report_charts("review", report.to_json())


PLAN = ReportKind[PlanReport](
    name="plan",
    title="Planning check",
    steps=Steps.SPRINT,
    build=lambda board, request: plan_report(board, request.sprint, request.now, request.word),
    render=render_plan_text,
    summary=_plan_summary,
    default_sprint=planning_sprint,
    errors=lambda report: report.error_count,
)
STANDUP = ReportKind[StandupReport](
    name="standup",
    title="Standup",
    steps=Steps.DAY,
    build=lambda board, request: standup_report(board, request.now, request.day),
    render=render_standup_text,
    summary=lambda report: [report.date],
    notes=True,
    charts=_active_burndown,
)
REVIEW = ReportKind[ReviewReport](
    name="review",
    title="Sprint review",
    steps=Steps.SPRINT,
    build=lambda board, request: review_report(board, request.sprint, request.now, request.word),
    render=render_review_text,
    summary=lambda report: _sprint_part(report.sprint),
    page_charts=_review_page_charts,
    charts=_charts_of("review"),
)
RETRO = ReportKind[RetroReport](
    name="retro",
    title="Retrospective",
    steps=Steps.SPRINT,
    build=lambda board, request: retro_report(board, request.sprint, request.now, request.word),
    render=render_retro_text,
    summary=lambda report: _sprint_part(report.sprint),
    notes=True,
    charts=_charts_of("retro"),
)
FLOW = ReportKind[FlowReport](
    name="flow",
    title="Flow",
    steps=Steps.NONE,
    build=lambda board, request: flow(board, request.now, request.days),
    render=render_flow_text,
    summary=_flow_summary,
    charts=_charts_of("flow"),
)
BURNDOWN = ReportKind[BurndownReport](
    name="burndown",
    title="Burndown",
    steps=Steps.SPRINT,
    build=_burndown,
    render=render_burndown_text,
    summary=lambda report: _sprint_part(report.sprint),
    sprints_only=True,
    charts=_charts_of("burndown"),
)

REPORTS: dict[str, ReportKind[Any]] = {
    kind.name: kind for kind in (PLAN, STANDUP, REVIEW, RETRO, FLOW, BURNDOWN)
}
