"""Notes and analysis: retro and standup notes, GPU reservations, failures, confusion matrices."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

import orjson

from mlboard.cli.context import Context
from mlboard.cli.render import card_json
from mlboard.models import BadInput
from mlboard.services import cards, notes, parse


def cmd_note_retro(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(
        notes.add_retro_note, args.text, args.kind, args.sprint, args.person, args.card
    )
    note = result.board.retro_notes[-1]
    ctx.emit(note.model_dump(mode="json"), f"retro note on {note.sprint} ({note.kind})")
    return 0


def cmd_note_standup(args: Namespace, ctx: Context) -> int:
    day = parse.iso_date(args.date, "--date") if args.date else None
    result = ctx.service().do(notes.add_standup_note, args.person, args.text, args.kind, day)
    note = result.board.standup_notes[-1]
    ctx.emit(note.model_dump(mode="json"), f"standup note for {note.person} on {note.day}")
    return 0


def cmd_sprint_reserve(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    board = service.board
    sprint = (
        board.sprint(args.sprint)
        if args.sprint
        else board.planned_sprint() or board.active_sprint()
    )
    if sprint is None:
        raise BadInput("no planned or active sprint (give --sprint)")
    result = service.do(notes.reserve_gpu, sprint.id, args.pool, args.gpu_hours, args.note or "")
    reserved = result.board.sprint(sprint.id).reservations[-1]
    ctx.emit(
        reserved.model_dump(mode="json"),
        f"{sprint.id}: {reserved.gpu_hours:g} GPU hours of {reserved.pool} reserved",
    )
    return 0


def cmd_failure(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    card = service.board.card(args.id)
    result = service.do(cards.edit_card, card.id, failures=[*card.failures, args.text])
    ctx.emit(card_json(result.board.card(card.id)), f"{card.id}: failure note added")
    return 0


def cmd_confusion(args: Namespace, ctx: Context) -> int:
    try:
        data = orjson.loads(Path(args.source).read_bytes())
    except OSError as exc:
        raise BadInput(f"--from {args.source}: {exc.strerror or exc}") from None
    except orjson.JSONDecodeError:
        raise BadInput(f"--from {args.source}: not valid JSON") from None
    if not isinstance(data, dict) or "labels" not in data:
        raise BadInput(f'--from {args.source}: expected {{"labels": [...], "counts": [[...]]}}')
    matrix = {
        "labels": data["labels"],
        "counts": data.get("counts", data.get("matrix")),
        "dataset": args.dataset,
    }
    result = ctx.service().do(cards.edit_card, args.id, confusion=matrix)
    card = result.board.card(args.id)
    ctx.emit(
        card_json(card),
        f"{card.id}: {len(data['labels'])}-class confusion matrix on {args.dataset}",
    )
    return 0
