"""The ceremony reports: pure functions of the board (and of `now`), shared by TUI and CLI.

Each returns a frozen value whose `to_json()` is its JSON form (docs/design.md §5);
`markdown` renders them for people; `registry.REPORTS` lists them for both front ends.

The names below load their module on first use (PEP 562), so importing one report's
module (the board screen's time-box rule, say) does not load every report and renderer.
The functions named like their module (`flow.flow`, `burndown.burndown`) are imported
from it: the package's attribute of that name is the module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlboard.planning.reports.burndown import BurndownReport, burndown_report
    from mlboard.planning.reports.common import default_sprint
    from mlboard.planning.reports.flow import (
        CFD_DAYS,
        FlowReport,
        aging,
        cumulative_flow,
        cycle_time,
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
    from mlboard.planning.reports.plan import (
        CHECKS,
        Finding,
        PlanReport,
        plan_report,
        planning_sprint,
    )
    from mlboard.planning.reports.registry import REPORTS, ReportKind, Request, Steps
    from mlboard.planning.reports.retro import retro_report, velocity
    from mlboard.planning.reports.retro_values import RetroReport
    from mlboard.planning.reports.review import review_report, trends
    from mlboard.planning.reports.review_values import ReviewReport
    from mlboard.planning.reports.standup import previous_working_day, standup_report
    from mlboard.planning.reports.standup_values import StandupReport

_HOME: dict[str, str] = {
    "BurndownReport": "mlboard.planning.reports.burndown",
    "CFD_DAYS": "mlboard.planning.reports.flow",
    "CHECKS": "mlboard.planning.reports.plan",
    "Finding": "mlboard.planning.reports.plan",
    "FlowReport": "mlboard.planning.reports.flow",
    "PlanReport": "mlboard.planning.reports.plan",
    "REPORTS": "mlboard.planning.reports.registry",
    "ReportKind": "mlboard.planning.reports.registry",
    "Request": "mlboard.planning.reports.registry",
    "RetroReport": "mlboard.planning.reports.retro_values",
    "ReviewReport": "mlboard.planning.reports.review_values",
    "StandupReport": "mlboard.planning.reports.standup_values",
    "Steps": "mlboard.planning.reports.registry",
    "aging": "mlboard.planning.reports.flow",
    "burndown_report": "mlboard.planning.reports.burndown",
    "cumulative_flow": "mlboard.planning.reports.flow",
    "cycle_time": "mlboard.planning.reports.flow",
    "default_sprint": "mlboard.planning.reports.common",
    "plan_report": "mlboard.planning.reports.plan",
    "planning_sprint": "mlboard.planning.reports.plan",
    "previous_working_day": "mlboard.planning.reports.standup",
    "render_burndown_text": "mlboard.planning.reports.markdown",
    "render_flow_text": "mlboard.planning.reports.markdown",
    "render_plan_text": "mlboard.planning.reports.markdown",
    "render_retro_text": "mlboard.planning.reports.markdown",
    "render_review_text": "mlboard.planning.reports.markdown",
    "render_standup_text": "mlboard.planning.reports.markdown",
    "retro_report": "mlboard.planning.reports.retro",
    "review_report": "mlboard.planning.reports.review",
    "standup_report": "mlboard.planning.reports.standup",
    "trends": "mlboard.planning.reports.review",
    "velocity": "mlboard.planning.reports.retro",
    "wip": "mlboard.planning.reports.flow",
}
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
    "burndown_report",
    "cumulative_flow",
    "cycle_time",
    "default_sprint",
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


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value
