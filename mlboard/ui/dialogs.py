"""Build the board's small dialogs: what they ask, and how their answers become operations.

Each `*_dialog` returns the fields to ask and a function turning the answers into an
operation; the screen dry-runs that operation on the current board to validate the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import get_args

from mlboard.models import BadInput, BlockerKind, Board, Card, MlboardError, Sprint
from mlboard.services import cards, notes, parse, sprints
from mlboard.services.draft import Operation
from mlboard.services.parse import iso_date
from mlboard.services.session import bind
from mlboard.services.wip import checked
from mlboard.ui.hints import error_text
from mlboard.ui.modals.form import Check as Check  # re-exported: screens name dialogs.Check
from mlboard.ui.modals.prompt import Ask

Answer = Callable[[dict[str, str]], tuple[str, Operation]]
"""Answers → (label, operation); raises BadInput for text it cannot read."""


def block_dialog(card: Card) -> tuple[list[Ask], Answer]:
    """Block with a kind, note and ETA; or resolve one (or every) open blocker."""
    options = [
        (f"resolve {b.kind.value} blocker", f"unblock:{b.kind.value}") for b in card.open_blockers
    ]
    if len(options) > 1:
        options.append(("resolve every blocker", "unblock:"))
    options += [(f"block: {kind.value}", f"block:{kind.value}") for kind in BlockerKind]
    asks = [
        Ask("action", "Action", options[0][1], options=options),
        Ask("note", "Note", placeholder="waiting for the labelled set"),
        Ask("eta", "ETA", placeholder="2026-12-01 (optional)"),
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        verb, _, kind = values["action"].partition(":")
        if verb == "unblock":
            return "unblock", bind(cards.unblock, card.id, kind or None)
        eta = iso_date(values["eta"], "ETA") if values["eta"].strip() else None
        return "block", bind(cards.block, card.id, kind, values["note"].strip(), eta)

    return asks, answer


def metric_dialog(card: Card) -> tuple[list[Ask], Answer]:
    asks = [
        Ask("values", "Results", placeholder="auc=0.81 f1=0.74"),
        Ask("dataset", "Dataset", "holdout"),
        Ask("note", "Note", placeholder="run 42, lr 3e-4 (optional)"),
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        metrics = parse.metric_text(values["values"])
        dataset = values["dataset"].strip() or "holdout"
        return "log metric", bind(cards.log_metrics, card.id, metrics, dataset, values["note"])

    return asks, answer


def dependency_dialog(board: Board, card: Card) -> tuple[list[Ask], Answer]:
    """The card `card` depends on, by id, number or words of its title."""
    example = next((c.id for c in board.cards.values() if c.id != card.id), f"{board.key}-1")
    asks = [Ask("dep", "Depends on", placeholder=f"{example}, its number, or title words")]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        dep = parse.card_ref(board, values["dep"], exclude=card.id)
        return "link", bind(cards.link, card.id, dep)

    return asks, answer


def standup_note_dialog(board: Board, day: date) -> tuple[list[Ask], Answer]:
    """A standup note of one person on `day`: what they did, will do, or are blocked by."""
    people = sorted(
        {p.handle for p in board.people} | {c.assignee for c in board.cards.values() if c.assignee}
    )
    person = (
        Ask("person", "Person", people[0], options=[(h, h) for h in people])
        if people
        else Ask("person", "Person", placeholder="handle, e.g. ana")
    )
    kinds = get_args(notes.StandupKind)
    asks = [
        person,
        Ask("kind", "Kind", "today", options=[(k, k) for k in kinds]),
        Ask("text", "Note", placeholder="finishing the label audit; need a reviewer"),
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        who = values["person"].strip()
        if not who:
            raise BadInput("give the person the note is from")
        kind = values["kind"]
        return "standup note", bind(notes.add_standup_note, who, values["text"], kind, day)

    return asks, answer


def retro_note_dialog(sprint_id: str) -> tuple[list[Ask], Answer]:
    """A retro note on sprint `sprint_id`; the person and the card are optional."""
    kinds = get_args(notes.RetroKind)
    asks = [
        Ask("kind", "Kind", "to-improve", options=[(k, k) for k in kinds]),
        Ask("text", "Note", placeholder="labels arrived a week late"),
        Ask("person", "Person", placeholder="handle (optional)"),
        Ask("card", "Card", placeholder="card id (optional)"),
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        person = values["person"].strip() or None
        card = values["card"].strip().upper() or None
        operation = bind(
            notes.add_retro_note, values["text"], values["kind"], sprint_id, person, card
        )
        return "retro note", operation

    return asks, answer


CLOSE_NOTES = 6  # status-update fields the close dialog has room for at 80×24


def new_sprint_dialog(board: Board) -> tuple[list[Ask], Answer]:
    """The next sprint: name, goal, a measurable goal, start and length (all optional)."""
    asks = [
        Ask("name", "Name", placeholder=f"Sprint {len(board.sprints) + 1}"),
        Ask("goal", "Goal", placeholder="ensemble router in shadow mode"),
        Ask("measure", "Measured by", placeholder="accuracy>=0.91@holdout (optional)"),
        Ask("start", "Starts", placeholder="YYYY-MM-DD (default: after the last sprint)"),
        Ask("days", "Days", str(board.sprint_days)),
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        start = iso_date(values["start"], "start") if values["start"].strip() else None
        days_text = values["days"].strip()
        if days_text and not (days_text.isascii() and days_text.isdecimal()):
            raise BadInput(f"days {days_text!r} is not a whole number")
        operation = bind(
            sprints.new_sprint,
            values["name"].strip(),
            values["goal"].strip(),
            start,
            int(days_text) if days_text else None,
            values["measure"].strip() or None,
        )
        return "new sprint", operation

    return asks, answer


def close_sprint_dialog(board: Board, sprint: Sprint) -> tuple[list[Ask], Answer]:
    """Where unfinished cards go, and a status update for each research story carried."""
    done = board.done_ids()
    carried = [
        c
        for c in board.cards.values()
        if c.sprint == sprint.id and c.status not in done and c.is_experiment
    ][:CLOSE_NOTES]
    research = [c.id for c in carried]
    options = [("next sprint", "next"), ("product backlog", "backlog")]
    asks = [Ask("carry_to", "Unfinished to", "next", options=options)]
    asks += [
        Ask(f"note-{c.id}", c.id, placeholder=f"where it stands: {c.title}"[:60]) for c in carried
    ]

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        notes = {i: values[f"note-{i}"].strip() for i in research if values[f"note-{i}"].strip()}
        carry_to = "backlog" if values["carry_to"] == "backlog" else "next"
        return "close sprint", bind(sprints.close_sprint, carry_to, notes)

    return asks, answer


def dry_run(board: Board, now: datetime, answer: Answer, values: dict[str, str]) -> str | None:
    """The error the answers would meet on `board`, or None when they apply."""
    try:
        _, operation = answer(values)
        checked(operation)(board, now)  # the WIP rule too, as the session will apply it
    except MlboardError as exc:
        return error_text(exc)
    except ValueError as exc:  # a value no check above foresaw: shown, never a crash
        return " ".join(str(exc).split())
    return None
