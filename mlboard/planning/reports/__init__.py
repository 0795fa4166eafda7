"""The ceremony reports: pure functions of the board (and of `now`), shared by TUI and CLI.

Each returns a JSON-ready dict (docs/design.md §5); `markdown` renders them for people.
"""

from mlboard.planning.reports.burndown import burndown, burndown_report, remaining_series
from mlboard.planning.reports.common import default_sprint
from mlboard.planning.reports.flow import (
    CFD_DAYS,
    aging,
    cumulative_flow,
    cycle_time,
    flow,
    wip,
)
from mlboard.planning.reports.markdown import (
    render_flow_text,
    render_plan_text,
    render_retro_text,
    render_review_text,
    render_standup_text,
)
from mlboard.planning.reports.plan import CHECKS, error_count, plan_report, planning_sprint
from mlboard.planning.reports.retro import retro_report, velocity
from mlboard.planning.reports.review import review_report, trends
from mlboard.planning.reports.standup import previous_working_day, standup_report

__all__ = [
    "CFD_DAYS",
    "CHECKS",
    "aging",
    "burndown",
    "burndown_report",
    "cumulative_flow",
    "cycle_time",
    "default_sprint",
    "error_count",
    "flow",
    "plan_report",
    "planning_sprint",
    "previous_working_day",
    "remaining_series",
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
