"""Sprint commands: new, add, start, close, list."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from mlboard.cli.context import Context
from mlboard.models import BadInput, Board, Sprint
from mlboard.services import parse, sprints


def sprint_json(sprint: Sprint) -> dict[str, Any]:
    return sprint.model_dump(mode="json", by_alias=True)


def cmd_sprint_new(args: Namespace, ctx: Context) -> int:
    start = parse.iso_date(args.start, "--start") if args.start else None
    result = ctx.service().do(
        sprints.new_sprint, args.name or "", args.goal or "", start, args.days, args.measure
    )
    sprint = result.board.sprint(result.subject or "")
    ctx.emit(sprint_json(sprint), f"{sprint.id} planned: {sprint.start} → {sprint.end}")
    return 0


def cmd_sprint_add(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(sprints.commit_cards, args.ids)
    sprint = result.board.sprint(result.subject or "")
    ids = [result.board.card(i).id for i in args.ids]
    ctx.emit({"sprint": sprint.id, "cards": ids}, f"{', '.join(ids)} → {sprint.id}")
    return 0


def cmd_sprint_start(args: Namespace, ctx: Context) -> int:
    from mlboard.cli.hints import note_text
    from mlboard.planning.reports.markdown import render_plan_text
    from mlboard.planning.reports.plan import plan_report

    service = ctx.service()
    planned = service.board.planned_sprint()
    if planned is not None:
        report = plan_report(service.board, planned.id, ctx.clock.now(), note_text)
        errors = report.error_count
        if report.findings:
            ctx.error(render_plan_text(report))
        if args.strict and errors:
            ctx.error(f"mlboard: refused: {errors} planning error(s) (--strict)")
            return 1
    result = service.do(sprints.start_sprint)
    sprint = result.board.sprint(result.subject or "")
    ctx.emit(sprint_json(sprint), f"{sprint.id} started, ends {sprint.end}")
    return 0


def _notes(pairs: list[str]) -> dict[str, str]:
    notes = {}
    for pair in pairs:
        card_id, sep, text = pair.partition("=")
        if not sep or not card_id.strip():
            raise BadInput(f"--note {pair!r} is not ID=TEXT")
        notes[card_id.strip()] = text.strip()
    return notes


def cmd_sprint_close(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    notes = _notes(args.note or [])
    result = service.do(sprints.close_sprint, args.carry_to, notes)
    board = result.board
    closed = board.sprint(result.subject or "")
    snap = closed.snapshot
    assert snap is not None
    carried = [
        {"id": cid, "to": board.cards[cid].sprint or "backlog", "note": notes.get(cid, "")}
        for cid in snap.carried_over
        if cid in board.cards
    ]
    lines = [
        f"{closed.id} closed: {len(snap.completed)} of {len(snap.committed) + len(snap.added)} "
        f"stories done, {snap.completed_points:g} of {snap.committed_points:g} points",
        *(
            f"  {c['id']} carried to {c['to']}" + (f": {c['note']}" if c["note"] else "")
            for c in carried
        ),
    ]
    ctx.emit({"sprint": sprint_json(closed), "carried": carried}, "\n".join(lines))
    return 0


def sprint_line(board: Board, sprint: Sprint) -> str:
    members = [c for c in board.cards.values() if c.sprint == sprint.id]
    done = sum(1 for c in members if board.is_done(c))
    if sprint.snapshot is not None:
        figures = f"{len(sprint.snapshot.completed)}/{len(sprint.snapshot.committed)} done"
    else:
        figures = f"{done}/{len(members)} done"
    goal = f"  {sprint.goal}" if sprint.goal else ""
    return f"{sprint.id:<4} {sprint.state.value:<8} {sprint.start} → {sprint.end}  {figures}{goal}"


def cmd_sprint_list(args: Namespace, ctx: Context) -> int:
    board = ctx.load()
    ctx.emit(
        [sprint_json(s) for s in board.sprints],
        "\n".join(sprint_line(board, s) for s in board.sprints) or "no sprints yet",
    )
    return 0
