"""The card field table (models/card_fields.py): every field of the model has an entry, and
what an entry does not say is read from the model."""

from __future__ import annotations

from datetime import UTC, datetime

from mlboard.models import Board, Card, Category, Experiment
from mlboard.models.card_fields import CARD_FIELDS, FIELD, FLAGGED, FORM
from mlboard.models.limits import NAME_MAX, TEXT_MAX, TITLE_MAX
from mlboard.planning.card_sheet import card_sheet
from mlboard.planning.derived import derive

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def test_every_field_of_a_card_has_one_entry() -> None:
    """A field added to Card (or Experiment) fails here until the table has its entry."""
    names = [field.name for field in CARD_FIELDS]
    assert len(names) == len(set(names))
    assert not set(Card.model_fields) & set(Experiment.model_fields)  # one name, one field
    assert set(names) == set(Card.model_fields) | set(Experiment.model_fields)


def test_kinds_choices_defaults_and_limits_come_from_the_model() -> None:
    assert (FIELD["title"].kind, FIELD["title"].max_length) == ("text", TITLE_MAX)
    assert (FIELD["description"].kind, FIELD["description"].max_length) == ("long", TEXT_MAX)
    assert FIELD["hypothesis"].kind == "long" and FIELD["hypothesis"].experiment
    assert (FIELD["points"].kind, FIELD["timebox"].kind) == ("number", "int")
    assert FIELD["roles"].kind == "list" and "ml-engineer" in FIELD["roles"].choices
    assert FIELD["category"].choices == tuple(c.value for c in Category)
    assert FIELD["category"].metavar == "data|experiment|engineering|tech-debt"
    assert (FIELD["outcome"].kind, FIELD["outcome"].default) == ("choice", "open")
    assert (FIELD["created_at"].kind, FIELD["confusion"].kind) == ("time", "record")
    # a blank entry is "no value" for numbers and for names that cannot be empty
    assert FIELD["points"].blank_is_none and FIELD["pool"].blank_is_none
    assert FIELD["pool"].max_length == NAME_MAX
    assert not FIELD["assignee"].blank_is_none  # a blank assignee unassigns
    assert FIELD["hypothesis"].categories == {Category.EXPERIMENT}
    assert FIELD["title"].categories == set(Category)


def test_the_front_ends_read_the_table() -> None:
    assert [f.flag for f in FLAGGED][:3] == ["--title", "--category", "--status"]
    assert FIELD["datasets"].dest == "data" and FIELD["depends_on"].dest == "depends_on"
    assert "outcome" in {f.name for f in FORM} and not FIELD["outcome"].editable
    assert not {"id", "created_at", "blockers", "metrics"} & {f.name for f in FORM}


def test_the_sheet_shows_each_line_of_a_long_text_under_the_first() -> None:
    experiment = Experiment(hypothesis="distillation keeps accuracy\nand halves latency")
    card = Card(
        id="ML-1", title="Distil", category=Category.EXPERIMENT, status="backlog",
        experiment=experiment, labels=("nlp", "q4"), created_at=NOW,
    )  # fmt: skip
    board = Board(name="b", key="ML", cards={card.id: card})
    sheet = card_sheet(board, card, derive(board, card)).splitlines()
    assert "  labels    #nlp #q4" in sheet
    at = sheet.index("  hypothesis  distillation keeps accuracy")
    assert sheet[at + 1] == "              and halves latency"
    assert sheet[at + 2] == "  method      -"
