"""Card commands: add, edit, move, show, list, rm, link, unlink, block, unblock, log, outcome."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from typing import Any

from mlboard.cli.context import Context
from mlboard.cli.hints import note_text
from mlboard.cli.render import card_json, card_line
from mlboard.cli.team import conflict_json
from mlboard.models import BadInput, Board, Card
from mlboard.models.card_fields import FIELD, FLAGGED
from mlboard.services import cards as ops
from mlboard.services import parse

CATEGORIES = FIELD["category"].metavar


def card_options(p: ArgumentParser, *, editing: bool) -> None:
    """The options of `add` (whose title is its argument) and `edit`: the card field table's."""
    for field in FLAGGED:
        if field.on_add == "argument" and not editing:
            continue
        options: dict[str, Any] = {"metavar": field.metavar, "help": field.help}
        if field.kind == "list":
            options["action"] = "append"
        elif field.kind in ("number", "int"):
            options["type"] = float if field.kind == "number" else int
        if field.on_add == "required" and not editing:
            options["required"] = True
        p.add_argument(field.flag or "", **options)


def _fields(args: Namespace) -> dict[str, Any]:
    """The card fields given as options, by their field names (`--data` gives `datasets`)."""
    return {
        field.name: getattr(args, field.dest)
        for field in FLAGGED
        if getattr(args, field.dest, None) is not None
    }


def cmd_add(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    fields = _fields(args)
    category = fields.pop("category")
    fields.pop("title", None)
    result = service.do(ops.add_card, args.text, category, **fields)
    ctx.report(result)
    card = result.board.card(result.subject or "")
    ctx.emit(card_json(card), card.id)
    return 0


def cmd_edit(args: Namespace, ctx: Context) -> int:
    fields = _fields(args)
    if not fields:
        raise BadInput("nothing to change: give at least one option (see mlboard edit --help)")
    service = ctx.service()
    result = service.do(ops.edit_card, args.id, **fields)
    ctx.report(result)
    card = result.board.card(result.subject or args.id)
    ctx.emit(card_json(card), f"{card.id} updated")
    return 0


def cmd_move(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    result = service.do(ops.move_card, args.id, args.column)
    ctx.report(result)
    card = result.board.card(args.id)
    ctx.emit(card_json(card), f"{card.id} → {card.status}")
    return 0


def cmd_show(args: Namespace, ctx: Context) -> int:
    from mlboard.planning.derived import derive

    board = ctx.load()
    from mlboard.services.conflicts import find_renumbered

    card, renumbered = find_renumbered(board, args.id)
    derived = derive(board, card, word=note_text)
    conflicts = board.open_conflicts("cards", card.id)
    from mlboard.planning.card_sheet import card_sheet

    text = card_sheet(
        board, card, derived, args.history, word=note_text
    )  # lists the open conflicts too
    if renumbered:
        text = f"{renumbered}\n\n{text}"
    data = {
        **card_json(card),
        "derived": derived,
        "conflicts": [conflict_json(c) for c in conflicts],
    }
    if renumbered:
        data["renumbered"] = renumbered
    ctx.emit(data, text)
    return 0


def select(board: Board, args: Namespace) -> list[Card]:
    """The cards `list`'s flags select: the same query as the board's `/` filter."""
    from mlboard.planning.query import CardQuery

    query = CardQuery.from_options(
        board,
        category=args.category,
        status=args.status,
        sprint=args.sprint,
        assignee=args.assignee,
        blocked=args.blocked,
        label=args.label,
    )
    return query.select(board)


def cmd_list(args: Namespace, ctx: Context) -> int:
    board = ctx.load()
    cards = select(board, args)
    if ctx.as_json:
        ctx.emit([card_json(c) for c in cards], "")
    elif cards:
        ctx.print("\n".join(card_line(board, c) for c in cards))
    return 0


def cmd_rm(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    card = service.board.card(args.id)
    service.do(ops.delete_card, card.id)  # a backup is kept by the operation itself
    ctx.emit({"id": card.id, "deleted": True}, f"{card.id} deleted (mlboard restore undoes it)")
    return 0


def cmd_link(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(ops.link, args.id, args.on)
    ctx.report(result)
    card = result.board.card(args.id)
    ctx.emit(card_json(card), f"{card.id} depends on {result.board.card(args.on).id}")
    return 0


def cmd_unlink(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(ops.unlink, args.id, args.on)
    card = result.board.card(args.id)
    ctx.emit(card_json(card), f"{card.id} no longer depends on {result.board.card(args.on).id}")
    return 0


def cmd_block(args: Namespace, ctx: Context) -> int:
    eta = parse.iso_date(args.eta, "--eta") if args.eta else None
    result = ctx.service().do(ops.block, args.id, args.kind, args.note, eta)
    card = result.board.card(args.id)
    ctx.emit(card_json(card), f"{card.id} blocked ({args.kind})")
    return 0


def cmd_unblock(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(ops.unblock, args.id, args.kind)
    card = result.board.card(args.id)
    still = ", ".join(b.kind.value for b in card.open_blockers)
    ctx.emit(card_json(card), f"{card.id} unblocked" + (f" (still: {still})" if still else ""))
    return 0


def cmd_outcome(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(ops.set_outcome, args.id, args.outcome, args.note or "")
    card = result.board.card(args.id)
    ctx.emit(card_json(card), f"{card.id} outcome: {args.outcome}")
    return 0
