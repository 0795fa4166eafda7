"""Tickets from a tracker (Jira, GitHub) onto the board: one card per ticket, by source key.

Each row is all-or-nothing: a row that fails (no title, a status with no column, points that
are not a number, a move a hard WIP limit refuses…) is reported by its line and skipped, and
the board keeps no part of it. Re-importing is idempotent: a card whose `source` is the
ticket's key is updated where the ticket changed, never duplicated. Links (``A blocks B``)
become dependencies once every row is in; a link to a ticket the board does not have, or one
that would close a cycle, is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mlboard.models import BadInput, Board, Card, Category, MlboardError
from mlboard.models.limits import HANDLE_PATTERN, NAME_MAX, suggest_handle
from mlboard.services import cards as ops
from mlboard.services import parse
from mlboard.services.draft import Draft, revise, with_cards

# Tracker statuses every team has, as they read in Jira and GitHub; the rest needs --status.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "backlog": ("backlog", "open", "new", "icebox"),
    "todo": ("to do", "todo", "selected for development", "ready", "reopened"),
    "doing": ("in progress", "doing", "in development", "started"),
    "review": ("in review", "review", "code review", "qa", "testing"),
    "done": ("done", "closed", "resolved", "complete", "completed", "won't do", "wont do"),
}
HANDLE = re.compile(HANDLE_PATTERN)
CATEGORY_WORDS: tuple[tuple[Category, tuple[str, ...]], ...] = (
    (Category.TECH_DEBT, ("tech-debt", "tech debt", "techdebt", "debt", "refactor", "chore")),
    (Category.DATA, ("data", "dataset", "labeling", "labelling", "etl", "pipeline")),
    (Category.EXPERIMENT, ("experiment", "research", "spike", "model", "ml")),
)


@dataclass(frozen=True)
class Ticket:
    """One row of a tracker's export, as read; `where` says where it is in the file
    (``line 7`` of a CSV, ``item 3`` of a JSON list)."""

    where: str
    key: str
    title: str
    status: str
    description: str = ""
    kind: str = ""
    labels: tuple[str, ...] = ()
    assignee: str | None = None
    points: str = ""
    blocks: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()


@dataclass
class TicketImport:
    file: str
    rows: int = 0
    added: list[Card] = field(default_factory=list)
    updated: list[tuple[Card, list[str]]] = field(default_factory=list)
    unchanged: list[Card] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)  # rows and links the board refused
    unreadable: list[str] = field(default_factory=list)  # rows the reader could not read
    keys: dict[str, str] = field(default_factory=dict)  # card id -> ticket key


def pairs(items: Iterable[str], option: str) -> dict[str, str]:
    """``OLD=NEW`` options into a map keyed by OLD folded to lower case."""
    out: dict[str, str] = {}
    for item in items:
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise BadInput(f"{option} {item!r} is not OLD=NEW")
        out[old.strip().casefold()] = new.strip()
    return out


def import_tickets(
    board: Board,
    now: datetime,
    tickets: list[Ticket],
    tracker: str,
    status_map: Mapping[str, str],
    category_map: Mapping[str, str],
    report: TicketImport,
) -> Draft:
    """Add or update one card per ticket (keyed ``tracker:KEY``); then link them."""
    report.added, report.updated, report.unchanged = [], [], []
    report.bad = []
    categories = {k: parse.choice(Category, v, "--category") for k, v in category_map.items()}
    for column in status_map.values():
        board.column(column)  # an unknown column in --status is bad input for the whole run
    by_source: dict[str, Card] = {c.source: c for c in board.cards.values() if c.source}
    ids: dict[str, str] = {}
    touched: set[str] = set()
    for ticket in tickets:
        source = f"{tracker}:{ticket.key}"
        try:
            fields = _fields(board, ticket, status_map, categories)
            card = by_source.get(source)
            if card is None:
                board, card = _add(board, now, fields, source)
                report.added.append(card)
            else:
                board, card, changed = _update(board, now, card, fields)
                if changed:
                    report.updated.append((card, changed))
                else:
                    report.unchanged.append(card)
        except MlboardError as exc:
            report.bad.append(f"{ticket.where}: {ticket.key or '(no key)'}: {exc}")
            continue
        ids[ticket.key] = card.id
        report.keys[card.id] = ticket.key
        by_source[source] = card
        touched.add(card.id)
    board = _link(board, tickets, tracker, ids, by_source, report, touched)
    return Draft(board, frozenset(touched), None)


def _fields(
    board: Board, ticket: Ticket, status_map: Mapping[str, str], categories: Mapping[str, Category]
) -> dict[str, Any]:
    if not ticket.key:
        raise BadInput("no issue key")
    if not ticket.title.strip():
        raise BadInput("no title")
    fields: dict[str, Any] = {
        "title": ticket.title,
        "description": ticket.description,
        "category": _category(ticket, categories).value,
        "status": _column(board, ticket.status, status_map),
        "assignee": _handle(ticket.assignee) if ticket.assignee else None,
    }
    if ticket.points.strip():
        try:
            fields["points"] = float(ticket.points)
        except ValueError:
            raise BadInput(f"story points {ticket.points!r} is not a number") from None
    return fields


def _column(board: Board, status: str, status_map: Mapping[str, str]) -> str:
    folded = status.strip().casefold()
    if folded in status_map:
        return board.column(status_map[folded]).id
    for column in board.columns:
        if folded in (column.id.casefold(), column.title.casefold()):
            return column.id
    for column_id, words in STATUS_WORDS.items():
        if folded in words and column_id in board.column_ids():
            return column_id
    raise BadInput(f"status {status!r} has no column (map it: --status '{status}=COLUMN')")


def _category(ticket: Ticket, categories: Mapping[str, Category]) -> Category:
    names = [label.casefold() for label in ticket.labels] + [ticket.kind.casefold()]
    for name in names:
        if name in categories:
            return categories[name]
    for category, words in CATEGORY_WORDS:
        if any(name in words for name in names):
            return category
    return Category.ENGINEERING


def _handle(name: str) -> str | None:
    """A person's handle: ``ana``, or ``Ana López`` → ``ana-lópez`` (none for ``???``)."""
    name = name.strip()
    if HANDLE.match(name) and len(name) <= NAME_MAX:
        return name
    return suggest_handle(name) or None


def _add(board: Board, now: datetime, fields: dict[str, Any], source: str) -> tuple[Board, Card]:
    values = {k: v for k, v in fields.items() if k not in ("title", "category") and v is not None}
    draft = ops.add_card(board, now, fields["title"], fields["category"], **values)
    card = revise(draft.board.card(draft.subject or ""), source=source)
    return with_cards(draft.board, card), card


def _update(
    board: Board, now: datetime, card: Card, fields: dict[str, Any]
) -> tuple[Board, Card, list[str]]:
    """The ticket's fields where they differ from the card (the category is kept: a team
    moves cards between lanes by hand)."""
    current = {
        "title": card.title, "description": card.description, "status": card.status,
        "assignee": card.assignee, "points": card.points,
    }  # fmt: skip
    changes = {
        k: v for k, v in fields.items() if k in current and v != current[k] and v is not None
    }
    if not changes:
        return board, card, []
    draft = ops.edit_card(board, now, card.id, **changes)
    updated = draft.board.card(card.id)
    return draft.board, updated, sorted(changes)


def _link(
    board: Board,
    tickets: list[Ticket],
    tracker: str,
    ids: dict[str, str],
    by_source: Mapping[str, Card],
    report: TicketImport,
    touched: set[str],
) -> Board:
    from mlboard.planning.graph import check_new_dependency

    for ticket in tickets:
        if ticket.key not in ids:
            continue
        links = [(ticket.key, dep) for dep in ticket.blocked_by]
        links += [(blocked, ticket.key) for blocked in ticket.blocks]
        for dependent, dependency in links:
            a = ids.get(dependent) or _card_id(by_source, tracker, dependent)
            b = ids.get(dependency) or _card_id(by_source, tracker, dependency)
            if a is None or b is None:
                missing = dependent if a is None else dependency
                report.bad.append(f"{ticket.where}: link to {missing}: not on the board")
                continue
            card = board.card(a)
            if b in card.depends_on:
                continue
            try:
                check_new_dependency(board, a, b)
            except MlboardError as exc:
                report.bad.append(f"{ticket.where}: link {dependent} → {dependency}: {exc}")
                continue
            board = with_cards(board, revise(card, depends_on=(*card.depends_on, b)))
            touched.add(a)
            if not any(c.id == a for c in report.added) and not any(
                c.id == a for c, _ in report.updated
            ):
                report.unchanged = [c for c in report.unchanged if c.id != a]
                report.updated.append((board.card(a), ["depends_on"]))
    return board


def _card_id(by_source: Mapping[str, Card], tracker: str, key: str) -> str | None:
    card = by_source.get(f"{tracker}:{key}")
    return card.id if card else None
