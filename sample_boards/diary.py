"""The diary a sample board is told in: `read` turns a story's text into `Story` steps.

A story (``stories/*.story``) reads like this::

    board "Support ticket routing" key TR mode scrum
    seed 20260902          # draws the random part of event keys: same bytes on every run

    day 2026-09-09         # a working day; the changes of the day follow, in time order
    10:47:03 sprint new Baseline
        goal: A reproducible baseline router, measured on a frozen Q3 holdout
        start: 2026-09-09
    11:02:17 move TR-1 doing
    14:31:40 log TR-7 accuracy=0.866 macro_f1=0.781 on validation
        note: tf-idf 50k + LR C=4

A line at the left margin is a ``board``, ``seed`` or ``day`` line, or a change: its time
(``HH:MM`` or ``HH:MM:SS``, UTC), a verb and its words, quoted when they hold spaces; ``#``
starts a comment there. Indented lines under a change are its fields, ``name: text``; a line
indented deeper continues the field above it. Field text is taken as written (``#`` included).
What the verbs do is the player's (`player.VERBS`). A line that is not well formed is a
`StoryError`, one line that names it.
"""

from __future__ import annotations

import math
import re
import shlex
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from mlboard.models import Board, MlboardError
from mlboard.services import parse
from mlboard.services.draft import build

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_FIELD = re.compile(r"^([A-Za-z][\w -]*?)\s*:(.*)$")


class StoryError(Exception):
    """A story line that cannot be played: ``scrum.story line 12: <what is wrong>``."""


@dataclass
class Field:
    """``name: text`` under a change; `lines` holds the text and its continuation lines."""

    name: str
    lines: list[str]
    line: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Step:
    """One change of the diary: its line, time, verb, words and indented fields."""

    line: int
    when: datetime
    verb: str
    words: list[str]
    fields: list[Field] = field(default_factory=list)

    def fail(self, message: str, line: int | None = None) -> StoryError:
        return StoryError(f"line {line or self.line}: {message}")

    def allow(self, *names: str) -> None:
        for found in self.fields:
            if found.name not in names:
                known = ", ".join(names) or "none"
                message = f"{self.verb} has no field {found.name!r} (its fields: {known})"
                raise self.fail(message, found.line)

    def text(self, name: str) -> str:
        found = [f for f in self.fields if f.name == name]
        if len(found) > 1:
            raise self.fail(f"field {name!r} is given twice", found[1].line)
        return found[0].text if found else ""

    def day(self, name: str) -> date | None:
        text = self.text(name)
        return parse.iso_date(text, name) if text else None

    def number(self, text: str, what: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.fail(f"{what} {text!r} is not a number")
        return value

    def whole(self, text: str, what: str, line: int | None = None) -> int:
        try:
            return int(text)
        except ValueError:
            raise self.fail(f"{what} {text!r} is not a whole number", line) from None


@dataclass
class Story:
    """The board a story starts from, the seed of its event keys, and its changes."""

    board: Board
    seed: str
    steps: list[Step]


def read(text: str) -> Story:
    """The story in `text`; `StoryError` names the first line that is not well formed."""
    board: Board | None = None
    seed = "mlboard"
    steps: list[Step] = []
    day: date | None = None
    current: Step | None = None  # the change that indented lines below belong to
    indent = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            if raw[0].isspace():
                indent = _field_line(current, raw, number, indent)
                continue
            head, *rest = shlex.split(stripped, comments=True) or ["#"]
            time, current, indent = _TIME.match(head), None, 0
            if head in ("board", "seed") and day is not None:
                raise ValueError("the board and seed lines come before the first day")
            if head == "board" and board is None:
                board = _board(rest)
            elif head == "seed" and len(rest) == 1:
                seed = rest[0]
            elif head == "day" and len(rest) == 1 and board is not None:
                day = parse.iso_date(rest[0], "day")
            elif time and day is not None:
                current = _step(number, day, time, rest, steps)
                steps.append(current)
            else:
                raise ValueError(_expected(board, day))
        except (ValueError, MlboardError) as exc:
            raise StoryError(f"line {number}: {exc}") from None
    if board is None:
        raise StoryError(f"line 1: {_expected(board, day)}")
    return Story(board, seed, steps)


def _expected(board: Board | None, day: date | None) -> str:
    if board is None:
        return 'a story begins with its board line: board "NAME" key KEY mode scrum|kanban'
    if day is None:
        return "expected a seed line or a day line: day YYYY-MM-DD"
    return "expected a day line or a change: HH:MM VERB WORDS..."


def _board(words: list[str]) -> Board:
    if len(words) % 2 != 1:
        raise ValueError('expected: board "NAME" key KEY mode scrum|kanban')
    values = dict(zip(words[1::2], words[2::2], strict=True))
    unknown = sorted(set(values) - {"key", "mode"})
    if unknown:
        raise ValueError(f"a board line has no {unknown[0]!r} (it has key and mode)")
    return build(Board, "board", name=words[0], **values)


def _step(number: int, day: date, time: re.Match[str], words: list[str], steps: list[Step]) -> Step:
    if not words:
        raise ValueError("the change has no verb after its time")
    hour, minute, second = (int(x or 0) for x in time.groups())
    when = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)
    if steps and when < steps[-1].when:
        raise ValueError(f"{when:%Y-%m-%d %H:%M:%S} is before line {steps[-1].line}")
    return Step(number, when, words[0], words[1:])


def _field_line(step: Step | None, raw: str, number: int, indent: int) -> int:
    """Add a field (or a continuation) to the change `step`; returns the fields' indent."""
    if step is None:
        raise ValueError("an indented line belongs under a change")
    depth, stripped = len(raw) - len(raw.lstrip()), raw.strip()
    if indent and depth > indent and step.fields:
        step.fields[-1].lines.append(stripped)
        return indent
    if indent and depth != indent:
        raise ValueError("indented less than the fields above it")
    found = _FIELD.match(stripped)
    if not found:
        raise ValueError(f"expected a field, NAME: TEXT, not {stripped[:40]!r}")
    name, text = found.group(1).strip(), found.group(2).strip()
    step.fields.append(Field(name, [text] if text else [], number))
    return depth
