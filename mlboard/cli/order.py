"""`mlboard rank`: a card's place within its cell, for scripts (the board's `K` / `J`)."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from mlboard.cli.context import Context
from mlboard.cli.render import card_json
from mlboard.services import ranking


def cmd_rank(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    result = service.do(
        ranking.rank_card,
        args.id,
        before=args.before,
        after=args.after,
        top=args.top,
        bottom=args.bottom,
    )
    ctx.report(result)
    board = result.board
    card = board.card(args.id)
    cell = [c.id for c in ranking.cell_of(board, card)]
    where = f"{cell.index(card.id) + 1} of {len(cell)} in {ranking.cell_name(board, card)}"
    ctx.emit({**card_json(card), "cell": cell}, f"{card.id}: {where} ({' '.join(cell)})")
    return 0


def register(sub: Any, command: Any) -> None:
    """The command of this module, with its options beside its handler."""
    p = command(
        sub, "rank", cmd_rank, "put a card above or below another in its cell (lane × column)"
    )
    p.add_argument("id", metavar="ID")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--before", metavar="ID", help="right above this card")
    where.add_argument("--after", metavar="ID", help="right below this card")
    where.add_argument("--top", action="store_true", help="first in the cell")
    where.add_argument("--bottom", action="store_true", help="last in the cell")
