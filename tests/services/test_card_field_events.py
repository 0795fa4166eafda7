"""Edited events follow the card field table: each field marked `event` records one."""

from __future__ import annotations

from typing import Any

from card_fields_kit import example

from mlboard.models import EventKind
from mlboard.models.card_fields import EDITABLE, CardField
from mlboard.services import cards
from mlboard.services.session import BoardService


def _value(field: CardField, typed: str) -> Any:
    if field.kind == "list":
        return typed.split(", ")
    if field.kind == "number":
        return float(typed)
    return int(typed) if field.kind == "int" else typed


def test_a_label_change_is_in_the_card_history(service: BoardService) -> None:
    """It left no event before the table said it should."""
    card = service.do(cards.add_card, "Tokenizer", "data", labels=["nlp"]).subject or ""
    service.do(cards.edit_card, card, labels=["nlp", "q4-goal"])
    last = service.board.events[-1]
    assert (last.kind, last.card, last.field) == (EventKind.EDITED, card, "labels")
    assert (last.from_, last.to) == ("nlp", "nlp, q4-goal")


def test_every_event_field_records_an_edited_event_naming_it(service: BoardService) -> None:
    service.do(cards.add_card, "One", "data")
    service.do(cards.add_card, "Two", "data")
    card = service.do(cards.add_card, "Walked", "data").subject or ""
    walked = [f for f in EDITABLE if f.event and f.kind not in ("record", "choice")]
    for field in walked:
        typed = example(field, 0)[0]
        before = len(service.board.events)
        service.do(cards.edit_card, card, **{field.name: _value(field, typed)})
        fields = [e.field for e in service.board.events[before:] if e.kind is EventKind.EDITED]
        assert fields == [field.name], field.name
    assert {"title", "description", "labels", "criteria"} <= {f.name for f in walked}
