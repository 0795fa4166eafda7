"""The ceremony reports: pure functions of the board (and of `now`), shared by TUI and CLI.

Each returns a JSON-ready dict (DESIGN §5); `markdown` renders them for people.
"""

from mlboard.planning.reports.common import default_sprint
from mlboard.planning.reports.flow import aging, burndown, cumulative_flow, cycle_time, flow, wip
from mlboard.planning.reports.markdown import (
    render_plan_text,
    render_retro_text,
    render_review_text,
    render_standup_text,
)
from mlboard.planning.reports.plan import CHECKS, has_errors, plan, planning_sprint
from mlboard.planning.reports.retro import retro, velocity
from mlboard.planning.reports.review import review, trends
from mlboard.planning.reports.standup import previous_working_day, standup

__all__ = [
    "CHECKS",
    "aging",
    "burndown",
    "cumulative_flow",
    "cycle_time",
    "default_sprint",
    "flow",
    "has_errors",
    "plan",
    "planning_sprint",
    "previous_working_day",
    "render_plan_text",
    "render_retro_text",
    "render_review_text",
    "render_standup_text",
    "retro",
    "review",
    "standup",
    "trends",
    "velocity",
    "wip",
]
