"""`review|retro|standup --format html`: one standalone page for people without a terminal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mlboard.cli.context import Context
from mlboard.models import Board, MlboardError


def emit_html(ctx: Context, kind: str, board: Board, report: Any, markdown: str) -> None:
    """Write the page of a `kind` report (review, retro, standup) to stdout."""
    from mlboard.planning.reports.html import page, retro_charts, review_charts

    charts: list[str] = []
    if kind == "review":
        charts = review_charts(report, _burndown(board, report, ctx.clock.now()))
    elif kind == "retro":
        charts = retro_charts(report)
    title = markdown.splitlines()[0].lstrip("# ").strip() if markdown else f"mlboard {kind}"
    ctx.export(page(title, markdown, charts))  # every text is sanitized and escaped


def _burndown(board: Board, report: Any, now: datetime) -> dict[str, Any] | None:
    from mlboard.planning.reports import burndown_report

    sprint = report.get("sprint") if isinstance(report, dict) else None
    if not sprint:
        return None
    try:
        found: dict[str, Any] = burndown_report(board, board.sprint(sprint["id"]), now)
    except MlboardError:  # a sprint not started has no burndown yet
        return None
    return found
