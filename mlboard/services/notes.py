"""Standup and retro notes, and GPU reservations on a sprint."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import ValidationError

from mlboard.models import BadInput, Board, Mode, Reservation, RetroNote, StandupNote
from mlboard.models.errors import first_error
from mlboard.models.hints import GiveField
from mlboard.models.limits import check_handle
from mlboard.services.draft import Draft
from mlboard.services.parse import kanban_refusal

RetroKind = Literal["went-well", "to-improve", "action"]
StandupKind = Literal["yesterday", "today", "blocker", "note"]


def _text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise BadInput("the note is empty")
    return cleaned


def add_retro_note(
    board: Board,
    now: datetime,
    text: str,
    kind: RetroKind = "to-improve",
    sprint_id: str | None = None,
    person: str | None = None,
    card_id: str | None = None,
) -> Draft:
    """A retro note on a sprint (the active one, else the last closed)."""
    who = check_handle(person.strip(), "person") if person else None
    sprint = (
        board.sprint(sprint_id)
        if sprint_id
        else board.active_sprint() or board.last_closed_sprint()
    )
    if sprint is None:
        raise BadInput("no sprint to attach the note to", action=GiveField("sprint"))
    card = board.card(card_id).id if card_id else None
    try:
        note = RetroNote(sprint=sprint.id, person=who, kind=kind, text=_text(text), card=card)
    except ValidationError as exc:
        raise BadInput(first_error(exc, "note")) from None
    return Draft(board.model_copy(update={"retro_notes": (*board.retro_notes, note)}))


def add_standup_note(
    board: Board,
    now: datetime,
    person: str,
    text: str,
    kind: StandupKind = "note",
    day: date | None = None,
) -> Draft:
    who = check_handle(person.strip(), "person")
    try:
        note = StandupNote(day=day or now.date(), person=who, kind=kind, text=_text(text))
    except ValidationError as exc:
        raise BadInput(first_error(exc, "note")) from None
    return Draft(board.model_copy(update={"standup_notes": (*board.standup_notes, note)}))


def reserve_gpu(
    board: Board, now: datetime, sprint_id: str, pool: str, gpu_hours: float, note: str = ""
) -> Draft:
    """Set aside a pool's GPU hours in a sprint (another team's jobs, a shared cluster)."""
    if board.mode is Mode.KANBAN:
        raise kanban_refusal()
    sprint = board.sprint(sprint_id)
    board.pool(pool)
    if gpu_hours < 0:
        raise BadInput("GPU hours cannot be negative")
    try:
        reservation = Reservation(pool=pool, gpu_hours=gpu_hours, note=note)
    except ValidationError as exc:
        raise BadInput(first_error(exc, "reservation")) from None
    updated = sprint.model_copy(update={"reservations": (*sprint.reservations, reservation)})
    sprints = tuple(updated if s.id == sprint.id else s for s in board.sprints)
    return Draft(board.model_copy(update={"sprints": sprints}))
