"""The reports as Markdown text for people, one module a report; each renderer takes the
value its report function returned."""

from mlboard.planning.reports.markdown.burndown import render_burndown_text
from mlboard.planning.reports.markdown.flow import render_flow_text
from mlboard.planning.reports.markdown.plan import render_plan_text
from mlboard.planning.reports.markdown.retro import render_retro_text
from mlboard.planning.reports.markdown.review import (
    experiments_line,
    render_review_text,
    trend_line,
)
from mlboard.planning.reports.markdown.standup import render_standup_text
from mlboard.planning.reports.markdown.text import metric_change, number

__all__ = [
    "experiments_line",
    "metric_change",
    "number",
    "render_burndown_text",
    "render_flow_text",
    "render_plan_text",
    "render_retro_text",
    "render_review_text",
    "render_standup_text",
    "trend_line",
]
