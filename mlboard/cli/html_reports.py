"""`review|retro|standup --format html`: one standalone page for people without a terminal."""

from __future__ import annotations

from typing import Any

from mlboard.cli.context import Context
from mlboard.models import Board
from mlboard.planning.reports.registry import ReportKind, Request


def emit_html(
    ctx: Context, kind: ReportKind[Any], board: Board, report: Any, request: Request
) -> None:
    """Write the page of a report (its text, then its charts) to stdout."""
    from mlboard.planning.reports.html import page
    from mlboard.planning.reports.svg import chart_svg

    markdown = kind.render(report)
    title = markdown.splitlines()[0].lstrip("# ").strip() if markdown else f"mlboard {kind.name}"
    charts = [chart_svg(c) for c in (kind.page_charts or kind.charts)(board, report, request)]
    ctx.export(page(title, markdown, charts))  # every text is sanitized and escaped
