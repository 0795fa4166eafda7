"""Report commands (plan, standup, review, retro, flow, burndown, graph): the pure functions
the TUI uses."""

from __future__ import annotations

import shutil
from argparse import Namespace
from collections.abc import Callable
from datetime import datetime
from typing import Any

from mlboard.cli.context import Context
from mlboard.models import BadInput, Board, Mode, RuleViolation, Sprint
from mlboard.services import parse

MAX_FLOW_DAYS = 3650


def cmd_plan(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import error_count, plan_report, render_plan_text

    board = ctx.load()
    report = plan_report(board, args.sprint, ctx.clock.now())
    ctx.emit(report, render_plan_text(report))
    return 1 if error_count(report) else 0


def cmd_standup(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import render_standup_text, standup_report

    board = ctx.load()
    day = parse.iso_date(args.date, "--date") if args.date else None
    report = standup_report(board, ctx.clock.now(), day)
    if args.format == "html":
        from mlboard.cli.html_reports import emit_html

        emit_html(ctx, "standup", board, report, render_standup_text(report))
        return 0
    ctx.emit(report, render_standup_text(report))
    return 0


def cmd_flow(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import flow, render_flow_text

    if not 1 <= args.days <= MAX_FLOW_DAYS:
        raise BadInput(f"--days {args.days}: give 1 to {MAX_FLOW_DAYS} days")
    _check_chart(args)
    report = flow(ctx.load(), ctx.clock.now(), args.days)
    _emit(args, ctx, "flow", report, render_flow_text)
    return 0


def cmd_burndown(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import burndown_report, default_sprint
    from mlboard.planning.reports.markdown import render_burndown_text

    _check_chart(args)
    board = ctx.load()
    sprint: Sprint | None
    if args.sprint:
        sprint = board.sprint(args.sprint)
    elif board.mode is Mode.KANBAN:
        raise RuleViolation(parse.kanban_refusal())
    else:
        sprint = default_sprint(board)
    if sprint is None:
        raise RuleViolation("no active or closed sprint (start one: mlboard sprint start)")
    report = burndown_report(board, sprint, ctx.clock.now())
    _emit(args, ctx, "burndown", report, render_burndown_text)
    return 0


def cmd_review(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import render_review_text, review_report

    return _sprint_report(args, ctx, review_report, render_review_text)


def cmd_retro(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.reports import render_retro_text, retro_report

    return _sprint_report(args, ctx, retro_report, render_retro_text)


def _sprint_report(
    args: Namespace,
    ctx: Context,
    build: Callable[[Board, str | None, datetime], Any],
    render: Callable[[Any], str],
) -> int:
    """Review and retro: one sprint's report as Markdown (`--format md`), JSON or a page."""
    _check_chart(args)
    board = ctx.load()
    report = build(board, args.sprint, ctx.clock.now())
    if args.format == "html":
        from mlboard.cli.html_reports import emit_html

        emit_html(ctx, build.__name__.removesuffix("_report"), board, report, render(report))
        return 0
    _emit(args, ctx, build.__name__.removesuffix("_report"), report, render)
    return 0


def _check_chart(args: Namespace) -> None:
    """`--chart` draws text: refused with `--json` or another `--format` (exit 2)."""
    if args.chart and (args.json or getattr(args, "format", "md") != "md"):
        raise BadInput("--chart draws the report as text: leave out --json and --format")


def _emit(
    args: Namespace, ctx: Context, kind: str, report: Any, render: Callable[[Any], str]
) -> None:
    """The report as JSON or text; with `--chart`, its charts as text, as wide as the
    terminal (80 columns when not a terminal; at most 160)."""
    if not args.chart:
        ctx.emit(report, render(report))
        return
    from mlboard.planning.text_chart import MIN_WIDTH, report_chart_text

    width = min(max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH), 160)
    ctx.print(report_chart_text(kind, report, width))


def cmd_graph(args: Namespace, ctx: Context) -> int:
    board = ctx.load()
    sprint = board.sprint(args.sprint).id if args.sprint else None
    if args.format == "json":
        from mlboard.planning.export import graph_json

        ctx.as_json = True
        ctx.emit(graph_json(board, sprint, args.critical_path), "")
    elif args.format == "mermaid":
        from mlboard.planning.export import graph_mermaid

        ctx.write(graph_mermaid(board, sprint, args.critical_path))
    elif args.format == "dot":
        from mlboard.planning.export import graph_dot

        ctx.write(graph_dot(board, sprint, args.critical_path))
    else:
        from mlboard.planning.picture import render_board_text

        ctx.print(render_board_text(board, sprint=sprint, critical_only=args.critical_path))
    return 0
