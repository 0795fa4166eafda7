"""Play a story (see `diary`) through mlboard's services: each change is one service call,
applied with ``BoardService.apply`` at the line's time on a ``FixedClock`` and written once
per day of work, so the board carries a genuine event history from its first day. The verbs
and the words they take are in `VERBS`. A line the services refuse stops the play with
`StoryError`, one line that names it.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from diary import Field, Step, Story, StoryError, read

from mlboard.models import BadInput, Board, MlboardError, card_fields
from mlboard.services import cards, notes, parse, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.draft import Draft, Operation
from mlboard.services.history import salts_from
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository

_CARD_FIELDS = {field.label.lower(): field for field in card_fields.EDITABLE}
"""A card's details are named as the card form names them: ``depends on``, ``gpu hours``."""


# --- the verbs: each is one service call ----------------------------------------------------


def _match(usage: str, words: list[str]) -> list[Any] | None:
    """The words a usage takes (``ID on DEPENDENCY``: CAPITALS are taken, lowercase words must
    be there, ``WORD...`` takes one or more as a list), or None when they do not fit it."""
    tokens = usage.split()
    many = next((i for i, token in enumerate(tokens) if token.endswith("...")), None)
    grouped: list[Any] = list(words)
    if many is not None:
        end = len(words) - (len(tokens) - many - 1)
        if end <= many:
            return None
        grouped = [*words[:many], words[many:end], *words[end:]]
    if len(grouped) != len(tokens):
        return None
    if any(t.islower() and t != w for t, w in zip(tokens, grouped, strict=True)):
        return None
    return [w for t, w in zip(tokens, grouped, strict=True) if not t.islower()]


def _card_fields(step: Step) -> dict[str, Any]:
    """The step's fields as `add_card`/`edit_card` keywords: lists are words separated by
    spaces, ``failure analysis:`` one note a field, ``confusion matrix:`` see `_matrix`."""
    values: dict[str, Any] = {}
    for found in step.fields:
        entry = _CARD_FIELDS.get(found.name.lower())
        if entry is None:
            known = ", ".join(_CARD_FIELDS)
            raise step.fail(f"a card has no field {found.name!r} (fields: {known})", found.line)
        if entry.name == "failures":
            values.setdefault(entry.name, []).append(found.text)
        elif entry.name == "confusion":
            values[entry.name] = _matrix(step, found)
        elif entry.name in values:
            raise step.fail(f"field {found.name!r} is given twice", found.line)
        else:
            values[entry.name] = found.text.split() if entry.kind == "list" else found.text
    return values


def _matrix(step: Step, found: Field) -> dict[str, Any]:
    """``confusion: LABEL...``, then one line of whole numbers a row, indented deeper."""
    if not found.lines:
        raise step.fail("confusion: the labels, then one line of counts a row", found.line)
    counts = [
        [step.whole(n, "count", found.line + row) for n in line.split()]
        for row, line in enumerate(found.lines[1:], start=1)
    ]
    return {"labels": found.lines[0].split(), "counts": counts}


def _add(step: Step, card_id: str, category: str, title: str) -> Operation:
    fields = _card_fields(step)
    if {"title", "category"} & set(fields):
        raise step.fail("add takes the category and the title after the id, not as fields")

    def operation(board: Board, now: datetime) -> Draft:
        if card_id.upper() != board.next_card_id():  # the story names cards by their ids
            raise BadInput(f"the next card is {board.next_card_id()}, not {card_id}")
        return cards.add_card(board, now, title, category, **fields)

    return operation


def _analysis(step: Step, card_id: str) -> Operation:
    """Failure-analysis notes added (``failure:``, one a field) and a confusion matrix."""
    found = [f.text for f in step.fields if f.name == "failure"]
    tables = [_matrix(step, f) for f in step.fields if f.name == "confusion"]
    matrix = {"confusion": tables[-1]} if tables else {}
    return lambda board, now: cards.edit_card(
        board, now, card_id, failures=[*board.card(card_id).failures, *found], **matrix
    )


def _new_sprint(step: Step, name: str) -> Operation:
    days = step.text("days")
    return bind(
        sprints.new_sprint,
        name=name,
        goal=step.text("goal"),
        start=step.day("start"),
        days=step.whole(days, "days") if days else None,
        measurable_goal=step.text("measure") or None,
    )


def _close(step: Step, carry: str = "next") -> Operation:
    why = {f.name: f.text for f in step.fields}  # ID: why it carries over
    return bind(sprints.close_sprint, carry, why)


Make = Callable[..., Operation]
# verb → its forms: (usage, the fields it takes — None: any —, the service call)
VERBS: dict[str, tuple[tuple[str, str | None, Make], ...]] = {
    "person": (
        ("HANDLE NAME ROLE...", "", lambda s, h, n, r: bind(resources.add_person, h, r, name=n)),
    ),
    "compute": (
        ("POOL GPU-HOURS", "", lambda s, p, h: bind(resources.add_pool, p, s.number(h, "hours"))),
    ),
    "pipeline": (
        ("NAME produces DATASET...", "", lambda s, n, d: bind(resources.add_pipeline, n, d)),
        ("NAME STATUS", "note", lambda s, n, x: bind(resources.set_pipeline, n, x, s.text("note"))),
    ),
    "dataset": (
        ("NAME STATUS from PIPELINE", "", lambda s, *w: bind(resources.add_dataset, *w)),
        ("NAME STATUS", "", lambda s, *w: bind(resources.set_dataset, *w)),
    ),
    "column": (
        (
            "COLUMN wip N",
            "",
            lambda s, c, n: bind(resources.configure_column, c, wip=s.whole(n, "WIP limit")),
        ),
    ),
    "add": (("ID CATEGORY TITLE", None, _add),),
    "edit": (("ID", None, lambda s, c: bind(cards.edit_card, c, **_card_fields(s))),),
    "analysis": (("ID", "failure confusion", _analysis),),
    "move": (("ID COLUMN", "", lambda s, *w: bind(cards.move_card, *w)),),
    "link": (("ID on DEPENDENCY", "", lambda s, *w: bind(cards.link, *w)),),
    "block": (
        (
            "ID KIND",
            "note eta",
            lambda s, c, k: bind(cards.block, c, k, s.text("note"), s.day("eta")),
        ),
    ),
    "unblock": (("ID KIND", "", lambda s, *w: bind(cards.unblock, *w)),),
    "log": tuple(
        (
            usage,
            "note",
            lambda s, c, v, d="holdout": bind(
                cards.log_metrics, c, parse.metric_pairs(v), d, s.text("note")
            ),
        )
        for usage in ("ID NAME=VALUE... on DATASET", "ID NAME=VALUE...")
    ),
    "outcome": (("ID OUTCOME", "note", lambda s, *w: bind(cards.set_outcome, *w, s.text("note"))),),
    "sprint": (
        ("new NAME", "goal start days measure", _new_sprint),
        ("add ID...", "", lambda s, ids: bind(sprints.commit_cards, ids)),
        ("start", "", lambda s: bind(sprints.start_sprint)),
        ("close", None, _close),  # unfinished cards carry over to the next sprint
        ("close next", None, _close),
        ("close backlog", None, lambda s: _close(s, "backlog")),
    ),
    "retro": (
        (
            "SPRINT PERSON KIND",
            "note card",
            lambda s, *w: bind(
                notes.add_retro_note, s.text("note"), w[2], w[0], w[1], s.text("card") or None
            ),
        ),
    ),
    "reserve": (
        (
            "SPRINT POOL GPU-HOURS",
            "note",
            lambda s, sp, p, h: bind(
                notes.reserve_gpu, sp, p, s.number(h, "hours"), s.text("note")
            ),
        ),
    ),
}


def operation(step: Step) -> Operation:
    """The service call a change names, its words and fields checked."""
    forms = VERBS.get(step.verb)
    if forms is None:
        raise step.fail(f"unknown verb {step.verb!r} (verbs: {', '.join(sorted(VERBS))})")
    for usage, names, make in forms:
        words = _match(usage, step.words)
        if words is not None:
            if names is not None:
                step.allow(*names.split())
            return make(step, *words)
    raise step.fail(f"{step.verb} takes {' | '.join(usage for usage, _, _ in forms)}")


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
                result = service.apply(step.verb, operation(step))
            except MlboardError as exc:
                raise step.fail(str(exc)) from None
            warnings += [f"line {step.line}: {warning}" for warning in result.warnings]
        service.flush()
        target.write_bytes(path.read_bytes())
    return warnings


def play_file(story: Path, target: Path) -> list[str]:
    """Play the story file `story` into `target`; errors name the file and the line."""
    try:
        text = story.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoryError(f"{story.name} cannot be read: {exc}") from None
    try:
        return play(read(text), target)
    except StoryError as exc:
        raise StoryError(f"{story.name} {exc}") from None
