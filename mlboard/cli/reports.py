"""Report commands (plan, standup, review, retro, flow, burndown, graph): options → a
`Request`, the report's registry entry builds it, the report is printed (text, JSON or a
page). The TUI's report screen reads the same registry."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from mlboard.cli.context import Context
from mlboard.models import BadInput, Mode
from mlboard.services import parse

if TYPE_CHECKING:
    from mlboard.planning.reports.registry import Request

MAX_FLOW_DAYS = 3650


def request_of(args: Namespace, ctx: Context) -> Request:
    """A report's options (`--sprint`, `--date`, `--days`, as its command has them)."""
    from mlboard.cli.hints import note_text
    from mlboard.planning.reports.registry import Request

    days: int = getattr(args, "days", Request.days)
    if not 1 <= days <= MAX_FLOW_DAYS:
        raise BadInput(f"--days {days}: give 1 to {MAX_FLOW_DAYS} days")
    text = getattr(args, "date", None)
    day = parse.iso_date(text, "--date") if text else None
    return Request(ctx.clock.now(), getattr(args, "sprint", None), day, days, note_text)


def run_report(name: str, args: Namespace, ctx: Context) -> int:
    """Build report `name` and print it; exit 1 when it holds errors (the planning check)."""
    from mlboard.planning.reports.registry import REPORTS  # only report commands load them

    kind = REPORTS[name]
    request = request_of(args, ctx)
    board = ctx.load()
    if kind.sprints_only and board.mode is Mode.KANBAN and request.sprint is None:
        raise parse.kanban_refusal()
    report = kind.build(board, request)
    if getattr(args, "format", None) == "html":
        from mlboard.cli.html_reports import emit_html

        emit_html(ctx, kind, board, report, request)
    else:
        ctx.emit(report.to_json(), kind.render(report))
    return 1 if kind.errors(report) else 0


def cmd_plan(args: Namespace, ctx: Context) -> int:
    return run_report("plan", args, ctx)


def cmd_standup(args: Namespace, ctx: Context) -> int:
    return run_report("standup", args, ctx)


def cmd_review(args: Namespace, ctx: Context) -> int:
    return run_report("review", args, ctx)


def cmd_retro(args: Namespace, ctx: Context) -> int:
    return run_report("retro", args, ctx)


def cmd_flow(args: Namespace, ctx: Context) -> int:
    return run_report("flow", args, ctx)


def cmd_burndown(args: Namespace, ctx: Context) -> int:
    return run_report("burndown", args, ctx)


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
