"""Play a story — a board's history written as a team diary — through mlboard's services.

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
The verbs and their words are in `VERBS`; each is one call of mlboard's services, applied with
``BoardService.apply`` at the line's time on a ``FixedClock``, and written once per day of work.
A line the player cannot read or the services refuse stops the play with `StoryError`, one
line that names the story line.
"""

from __future__ import annotations

import math
import random
import re
import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mlboard.models import Board, MlboardError
from mlboard.services import parse
from mlboard.services.cards import (
    add_card,
    block,
    edit_card,
    link,
    log_metrics,
    move_card,
    set_outcome,
    unblock,
)
from mlboard.services.clock import FixedClock
from mlboard.services.draft import Operation, build
from mlboard.services.history import salts_from
from mlboard.services.notes import add_retro_note, reserve_gpu
from mlboard.services.resources import (
    add_dataset,
    add_person,
    add_pipeline,
    add_pool,
    configure_column,
    set_dataset,
    set_pipeline,
)
from mlboard.services.session import BoardService, bind
from mlboard.services.sprints import close_sprint, commit_cards, new_sprint, start_sprint
from mlboard.storage import BoardRepository

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_FIELD = re.compile(r"^([A-Za-z][\w -]*?)\s*:(.*)$")
_WORD_LISTS = frozenset({"roles", "datasets", "depends_on", "criteria", "labels"})


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

    def take(self, count: int, usage: str, *, more: bool = False) -> list[str]:
        """The words after the verb, exactly `count` of them (at least, with `more`)."""
        if len(self.words) < count or (len(self.words) > count and not more):
            raise self.fail(f"{self.verb} takes {usage}")
        return self.words

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


@dataclass
class Story:
    board: Board
    seed: str = "mlboard"
    steps: list[Step] = field(default_factory=list)


def read(text: str) -> Story:
    """The story in `text`; `StoryError` names the first line that is not well formed."""
    board: Board | None = None
    seed = "mlboard"
    steps: list[Step] = []
    day: date | None = None
    indent = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            if raw[0].isspace():
                indent = _field_line(steps, raw, number, indent)
                continue
            head, *rest = shlex.split(stripped, comments=True) or ["#"]
            time = _TIME.match(head)
            if head in ("board", "seed") and day is not None:
                raise ValueError("the board and seed lines come before the first day")
            if head == "board" and board is None:
                board = _board(rest)
            elif head == "seed" and len(rest) == 1:
                seed = rest[0]
            elif head == "day" and len(rest) == 1 and board is not None:
                day = parse.iso_date(rest[0], "day")
            elif time and day is not None:
                steps.append(_step(number, day, time, rest, steps))
                indent = 0
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
    if words[0] not in VERBS:
        raise ValueError(f"unknown verb {words[0]!r} (verbs: {', '.join(sorted(VERBS))})")
    return Step(number, when, words[0], words[1:])


def _field_line(steps: list[Step], raw: str, number: int, indent: int) -> int:
    """Add a field (or a continuation) to the last change; returns the fields' indent."""
    if not steps:
        raise ValueError("an indented line belongs under a change")
    step, depth, stripped = steps[-1], len(raw) - len(raw.lstrip()), raw.strip()
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


# --- the verbs: each is one service call ----------------------------------------------------


def _number(step: Step, text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise step.fail(f"{what} {text!r} is not a number")
    return value


def _whole(step: Step, text: str, what: str, line: int | None = None) -> int:
    try:
        return int(text)
    except ValueError:
        raise step.fail(f"{what} {text!r} is not a whole number", line) from None


def _card_fields(step: Step) -> dict[str, Any]:
    """The card fields among the step's fields: ``depends on: TR-1 TR-2`` is depends_on,
    ``failures:`` one note a field, ``confusion:`` a table (see `_matrix`)."""
    values: dict[str, Any] = {}
    for found in step.fields:
        key = found.name.replace(" ", "_")
        if key == "failures":
            values.setdefault(key, []).append(found.text)
        elif key == "confusion":
            values[key] = _matrix(step, found)
        elif key in values:
            raise step.fail(f"field {found.name!r} is given twice", found.line)
        else:
            values[key] = found.text.split() if key in _WORD_LISTS else found.text
    return values


def _matrix(step: Step, found: Field) -> dict[str, Any]:
    """``confusion: LABEL...``, then one line of whole numbers a row, indented deeper."""
    if not found.lines:
        raise step.fail("confusion: the labels, then one line of counts a row", found.line)
    counts = [
        [_whole(step, n, "count", found.line + row) for n in line.split()]
        for row, line in enumerate(found.lines[1:], start=1)
    ]
    return {"labels": found.lines[0].split(), "counts": counts}


def _person(step: Step, board: Board) -> Operation:
    handle, name, *roles = step.take(3, 'HANDLE "FULL NAME" ROLE...', more=True)
    return bind(add_person, handle, roles, name=name)


def _compute(step: Step, board: Board) -> Operation:
    pool, hours = step.take(2, "POOL GPU-HOURS")
    return bind(add_pool, pool, _number(step, hours, "GPU hours"))


def _pipeline(step: Step, board: Board) -> Operation:
    if len(step.words) >= 2 and step.words[1] == "produces":
        step.allow()
        return bind(add_pipeline, step.words[0], step.words[2:])
    name, status = step.take(2, "NAME produces DATASET... | NAME ok|failing|stale")
    step.allow("note")
    return bind(set_pipeline, name, status, note=step.text("note"))


def _dataset(step: Step, board: Board) -> Operation:
    step.allow()
    if len(step.words) == 4 and step.words[2] == "from":
        name, status, _, pipeline = step.words
        return bind(add_dataset, name, status, pipeline)
    name, status = step.take(2, "NAME STATUS | NAME STATUS from PIPELINE")
    return bind(set_dataset, name, status)


def _column(step: Step, board: Board) -> Operation:
    column, word, limit = step.take(3, "COLUMN wip N")
    if word != "wip":
        raise step.fail("column takes COLUMN wip N")
    return bind(configure_column, column, wip=_whole(step, limit, "WIP limit"))


def _add(step: Step, board: Board) -> Operation:
    card_id, category, title = step.take(3, 'ID CATEGORY "TITLE"')
    expected = board.next_card_id()
    if card_id.upper() != expected:
        raise step.fail(f"the next card is {expected}, not {card_id}")
    return bind(add_card, title, category, **_card_fields(step))


def _edit(step: Step, board: Board) -> Operation:
    (card_id,) = step.take(1, "ID")
    return bind(edit_card, card_id, **_card_fields(step))


def _analysis(step: Step, board: Board) -> Operation:
    """Failure-analysis notes (``failure:``, one a line) added, and a confusion matrix."""
    (card_id,) = step.take(1, "ID")
    step.allow("failure", "confusion")
    notes = [f.text for f in step.fields if f.name == "failure"]
    tables = [_matrix(step, f) for f in step.fields if f.name == "confusion"]
    matrix = {"confusion": tables[-1]} if tables else {}
    return lambda board, now: edit_card(
        board, now, card_id, failures=[*board.card(card_id).failures, *notes], **matrix
    )


def _move(step: Step, board: Board) -> Operation:
    card_id, column = step.take(2, "ID COLUMN")
    step.allow()
    return bind(move_card, card_id, column)


def _link(step: Step, board: Board) -> Operation:
    card_id, on, dependency = step.take(3, "ID on DEPENDENCY")
    if on != "on":
        raise step.fail("link takes ID on DEPENDENCY")
    step.allow()
    return bind(link, card_id, dependency)


def _block(step: Step, board: Board) -> Operation:
    card_id, kind = step.take(2, "ID KIND")
    step.allow("note", "eta")
    eta = step.text("eta")
    return bind(
        block, card_id, kind, step.text("note"), parse.iso_date(eta, "eta") if eta else None
    )


def _unblock(step: Step, board: Board) -> Operation:
    card_id, kind = step.take(2, "ID KIND")
    step.allow()
    return bind(unblock, card_id, kind)


def _log(step: Step, board: Board) -> Operation:
    words = step.take(2, "ID NAME=VALUE... [on DATASET]", more=True)
    dataset = "holdout"
    if len(words) > 3 and words[-2] == "on":
        words, dataset = words[:-2], words[-1]
    step.allow("note")
    values = parse.metric_pairs(words[1:])
    return bind(log_metrics, words[0], values, dataset, step.text("note"))


def _outcome(step: Step, board: Board) -> Operation:
    card_id, outcome = step.take(2, "ID OUTCOME")
    step.allow("note")
    return bind(set_outcome, card_id, outcome, step.text("note"))


def _sprint(step: Step, board: Board) -> Operation:
    verb, *words = step.take(1, "new|add|start|close ...", more=True)
    if verb == "new" and len(words) == 1:
        step.allow("goal", "start", "days", "measure")
        start, days = step.text("start"), step.text("days")
        return bind(
            new_sprint,
            name=words[0],
            goal=step.text("goal"),
            start=parse.iso_date(start, "start") if start else None,
            days=_whole(step, days, "days") if days else None,
            measurable_goal=step.text("measure") or None,
        )
    if verb == "add" and words:
        step.allow()
        return bind(commit_cards, words)
    if verb == "start" and not words:
        step.allow()
        return bind(start_sprint)
    if verb == "close" and words in ([], ["next"], ["backlog"]):
        notes = {f.name: f.text for f in step.fields}  # ID: why it carries over
        return bind(close_sprint, words[0] if words else "next", notes)
    raise step.fail("sprint takes new NAME | add ID... | start | close [next|backlog]")


def _retro(step: Step, board: Board) -> Operation:
    sprint, person, kind = step.take(3, "SPRINT PERSON KIND")
    step.allow("note", "card")
    card = step.text("card") or None
    return bind(add_retro_note, step.text("note"), kind, sprint, person, card)


def _reserve(step: Step, board: Board) -> Operation:
    sprint, pool, hours = step.take(3, "SPRINT POOL GPU-HOURS")
    step.allow("note")
    return bind(reserve_gpu, sprint, pool, _number(step, hours, "GPU hours"), step.text("note"))


VERBS: dict[str, Callable[[Step, Board], Operation]] = {
    "person": _person,
    "compute": _compute,
    "pipeline": _pipeline,
    "dataset": _dataset,
    "column": _column,
    "add": _add,
    "edit": _edit,
    "analysis": _analysis,
    "move": _move,
    "link": _link,
    "block": _block,
    "unblock": _unblock,
    "log": _log,
    "outcome": _outcome,
    "sprint": _sprint,
    "retro": _retro,
    "reserve": _reserve,
}


# --- playing ---------------------------------------------------------------------------------


def play(story: Story, target: Path) -> list[str]:
    """Write the board the story tells to `target`; returns the services' warnings, each
    with its line. The same story writes the same bytes on every run."""
    salts = random.Random(f"{story.seed}-event-keys")
    warnings: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="mlboard-story-") as scratch,
        salts_from(lambda: f"{salts.getrandbits(24):06x}"),
    ):
        path = Path(scratch) / target.name
        BoardRepository(path).create(story.board)
        clock = FixedClock(datetime.fromtimestamp(0, UTC))  # set to each change's time
        service = BoardService(BoardRepository(path), clock=clock)
        day: date | None = None
        for step in story.steps:
            try:
                if day not in (None, step.when.date()):
                    service.flush()  # one write per day of work, as a team would leave it
                day, clock.at = step.when.date(), step.when
                result = service.apply(step.verb, VERBS[step.verb](step, service.board))
            except MlboardError as exc:
                raise step.fail(str(exc)) from None
            warnings += [f"line {step.line}: {warning}" for warning in result.warnings]
        service.flush()
        target.write_bytes(path.read_bytes())
    return warnings


def play_file(story: Path, target: Path) -> list[str]:
    """Play the story file `story` into `target`; errors name the file and the line."""
    try:
        return play(read(story.read_text(encoding="utf-8")), target)
    except StoryError as exc:
        raise StoryError(f"{story.name} {exc}") from None
