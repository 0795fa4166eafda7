"""Values to walk the card field table with: for each field, what is typed in two rounds (a
new card, then an edit of it) and the form's text of the field afterwards.

Fields whose value refers to the board (a column, a sprint, other cards) or follows a syntax
(criteria, roles) have examples of their own; any other field gets one from its kind, so a
field added to the table is walked without a change here.
"""

from __future__ import annotations

from mlboard.models.card_fields import CardField

Example = tuple[str, str]
"""What is typed (lists comma-separated, as in the form) and the field's text afterwards."""

# The board these refer to: columns backlog…done, a planned sprint S1, cards ML-1 and ML-2.
_NAMED: dict[str, tuple[Example, Example]] = {
    "category": (("experiment", "experiment"), ("experiment", "experiment")),
    "status": (("todo", "todo"), ("doing", "doing")),
    "sprint": (("S1", "S1"), ("backlog", "")),
    "assignee": (("ana", "ana"), ("bo", "bo")),
    "roles": (("ml-engineer, analyst", "ml-engineer, analyst"), ("data-engineer",) * 2),
    "depends_on": (("ML-1", "ML-1"), ("ML-1, ML-2", "ML-1, ML-2")),
    "labels": (("nlp, q4-goal", "nlp, q4-goal"), ("vision", "vision")),
    "criteria": (
        ("precision>0.92@holdout, recall>0.85@holdout",) * 2,
        ("auc>=0.8@holdout",) * 2,
    ),
}

_BY_KIND: dict[str, tuple[Example, Example]] = {
    "text": (("first words", "first words"), ("other words", "other words")),
    "long": (("a first line\nand a second", "a first line\nand a second"), ("one line",) * 2),
    "number": (("3", "3"), ("2.5", "2.5")),
    "int": (("2", "2"), ("3", "3")),
    "list": (("alpha, beta", "alpha, beta"), ("gamma", "gamma")),
}


def example(field: CardField, round_: int) -> Example:
    """Round 0 (a new card) or 1 (an edit) of `field`."""
    if field.name in _NAMED:
        return _NAMED[field.name][round_]
    if field.kind == "choice":  # not the default, and another one on the edit
        value = field.choices[1 + round_]
        return value, value
    return _BY_KIND[field.kind][round_]


def cli_args(field: CardField, typed: str) -> list[str]:
    """`typed` as options of `mlboard add`/`edit`: a list repeats its flag per item."""
    assert field.flag is not None
    if field.kind == "list":
        return [arg for item in typed.split(", ") for arg in (field.flag, item)]
    return [field.flag, typed]
