"""How long a board's texts and how big its values may be, and what a handle is.

The limits live in the field types (pydantic's own constraints, checked in its core: no
Python runs per field when a 10,000-card board loads), so the command line, the TUI and the
loader refuse the same values with the same words: ``title: at most 200 characters (got 250)``.
They are generous for people and keep one card from growing a board file past what loads in
a moment (a 3,000-class confusion matrix was a 162 MB file).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from mlboard.models.errors import BadInput
from mlboard.models.hints import UseHandle

TITLE_MAX = 200
"""Card titles, board and sprint names, column titles, a person's name."""
TEXT_MAX = 20_000
"""Descriptions, notes, experiment fields, learnings, failure analyses, sprint goals."""
NAME_MAX = 100
"""Handles, metric names, dataset, pipeline and pool names, confusion-matrix labels."""
CLASSES_MAX = 100
"""Classes of a confusion matrix."""
CRITERIA_MAX = 100
"""Acceptance criteria on one card."""
ITEMS_MAX = 1_000
"""Datasets, dependencies and failure notes on one card; metric values logged at once."""

Title = Annotated[str, Field(min_length=1, max_length=TITLE_MAX)]
Text = Annotated[str, Field(max_length=TEXT_MAX)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]

LABEL_PATTERN = r"^[^\s#@!,]+$"
Label = Annotated[str, Field(min_length=1, max_length=NAME_MAX, pattern=LABEL_PATTERN)]
"""A card label: one word (`nlp`, `q4-goal`), written `#nlp` in the board's filter."""

HANDLE_PATTERN = r"^[\w.\-]+$"
Handle = Annotated[str, Field(pattern=HANDLE_PATTERN, max_length=NAME_MAX)]
_HANDLE = re.compile(HANDLE_PATTERN)
_NOT_HANDLE = re.compile(r"[^\w.\-]+")


def check_handle(value: str, what: str = "handle") -> str:
    """`value` when it is a handle (letters, digits, ``.``, ``_``, ``-``), else BadInput
    with a handle that would do (``bob-smith`` for ``'bob smith'``) as its hint."""
    if _HANDLE.match(value) and len(value) <= NAME_MAX:
        return value
    if len(value) > NAME_MAX:
        raise BadInput(f"{what}: at most {NAME_MAX} characters (got {len(value):,})")
    hint = suggest_handle(value)
    raise BadInput(
        f"{what} {value!r} is not a handle: use letters, digits, '.', '_' and '-'",
        action=UseHandle(hint) if hint else None,
    )


def suggest_handle(value: str) -> str:
    """A handle made from `value` (runs of other characters as one ``-``), or ``""``."""
    return _NOT_HANDLE.sub("-", value).strip("-").lower()[:NAME_MAX]
