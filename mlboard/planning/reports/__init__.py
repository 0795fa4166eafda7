"""The ceremony reports: pure functions of the board (and of `now`), shared by TUI and CLI.

Each returns a frozen value whose `to_json()` is its JSON form (docs/design.md §5);
`markdown` renders them for people; `registry.REPORTS` lists them for both front ends.
"""

from mlboard.planning.reports.burndown import BurndownReport, burndown, burndown_report
from mlboard.planning.reports.common import default_sprint
from mlboard.planning.reports.flow import (
    CFD_DAYS,
    FlowReport,
    aging,
    cumulative_flow,
    cycle_time,
    flow,
    wip,
)
from mlboard.planning.reports.markdown import (
    render_burndown_text,
    render_flow_text,
    render_plan_text,
    render_retro_text,
    render_review_text,
    render_standup_text,
)
from mlboard.planning.reports.plan import CHECKS, Finding, PlanReport, plan_report, planning_sprint
from mlboard.planning.reports.registry import REPORTS, ReportKind, Request, Steps
from mlboard.planning.reports.retro import retro_report, velocity
from mlboard.planning.reports.retro_values import RetroReport
from mlboard.planning.reports.review import review_report, trends
from mlboard.planning.reports.review_values import ReviewReport
from mlboard.planning.reports.standup import previous_working_day, standup_report
from mlboard.planning.reports.standup_values import StandupReport

__all__ = [
    "CFD_DAYS",
    "CHECKS",
    "REPORTS",
    "BurndownReport",
    "Finding",
    "FlowReport",
    "PlanReport",
    "ReportKind",
    "Request",
    "RetroReport",
    "ReviewReport",
    "StandupReport",
    "Steps",
    "aging",
    "burndown",
    "burndown_report",
    "cumulative_flow",
    "cycle_time",
    "default_sprint",
    "flow",
    "plan_report",
    "planning_sprint",
    "previous_working_day",
    "render_burndown_text",
    "render_flow_text",
    "render_plan_text",
    "render_retro_text",
    "render_review_text",
    "render_standup_text",
    "retro_report",
    "review_report",
    "standup_report",
    "trends",
    "velocity",
    "wip",
]
