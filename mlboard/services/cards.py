"""Card operations: pure functions of (board, now) returning a Draft."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from mlboard.models import (
    BadInput,
    Blocker,
    BlockerKind,
    Board,
    Card,
    Category,
    ConflictError,
    ConfusionMatrix,
    Experiment,
    MetricResult,
    Outcome,
    Role,
    RuleViolation,
    card_fields,
)
from mlboard.models.hints import AddDataset, AddPerson, FieldName, Hint, SetField
from mlboard.models.limits import ITEMS_MAX, LABEL_PATTERN, NAME_MAX, check_handle
from mlboard.services import parse
from mlboard.services.draft import Draft, build, build_card, revise, with_cards

STARTED_FROM_COLUMN = 2  # entering the third column or later (In Progress by default) starts work

CARD_FIELDS = frozenset(field.name for field in card_fields.EDITABLE)
"""The keywords of `add_card` and `edit_card` (models/card_fields.py)."""
EXPERIMENT_FIELDS = tuple(field.name for field in card_fields.EDITABLE if field.experiment)
_AS_GIVEN = tuple(
    field.name
    for field in card_fields.EDITABLE
    if field.kind in ("text", "long", "number", "int") and not field.experiment
)
"""Fields whose value the model checks by itself."""


_LABEL = re.compile(LABEL_PATTERN)


def _card_fields(board: Board, fields: Mapping[str, Any], card: Card | None) -> dict[str, Any]:
    """Validate option values shared by add and edit; return the Card fields to set."""
    unknown = sorted(set(fields) - CARD_FIELDS)
    if unknown:
        raise BadInput(f"a card has no field {unknown[0]!r}")
    out: dict[str, Any] = {}
    if fields.get("failures") is not None:
        out["failures"] = tuple(
            str(note).strip() for note in fields["failures"] if str(note).strip()
        )
    if "confusion" in fields:
        out["confusion"] = _confusion(fields["confusion"])
    for name in _AS_GIVEN:
        if fields.get(name) is not None:
            out[name] = fields[name]
    if fields.get("assignee") == "":
        out["assignee"] = None
    elif fields.get("assignee") is not None:
        out["assignee"] = check_handle(str(fields["assignee"]).strip(), "assignee")
    if fields.get("category") is not None:
        out["category"] = parse.choice(Category, fields["category"], "category")
    if fields.get("roles") is not None:
        out["roles"] = tuple(parse.choice(Role, r, "role") for r in fields["roles"])
    if fields.get("datasets") is not None:
        out["datasets"] = tuple(dict.fromkeys(fields["datasets"]))
    if fields.get("labels") is not None:  # `#nlp` as typed in the filter is `nlp`
        labels = tuple(dict.fromkeys(str(x).strip().lstrip("#") for x in fields["labels"]))
        for label in labels:
            if not _LABEL.match(label) or len(label) > NAME_MAX:
                raise BadInput(f"label {label!r}: one word, without spaces, '#', '@', '!' or ','")
        out["labels"] = labels
    if fields.get("criteria") is not None:
        out["criteria"] = parse.criteria(fields["criteria"])
    if fields.get("status") is not None:
        out["status"] = board.column(fields["status"]).id
    if "sprint" in fields and fields["sprint"] is not None:
        out["sprint"] = parse.sprint_ref(board, fields["sprint"])
    if fields.get("depends_on") is not None:
        deps = tuple(dict.fromkeys(board.card(d).id for d in fields["depends_on"]))
        out["depends_on"] = deps
    category = out.get("category", card.category if card else None)
    given = {k: fields[k] for k in EXPERIMENT_FIELDS if fields.get(k) is not None}
    if category is Category.EXPERIMENT:
        base = card.experiment if card and card.experiment else Experiment()
        if given or base is not (card.experiment if card else None):
            out["experiment"] = build(Experiment, "experiment", **{**dict(base), **given})
    elif given:
        names = [part for k in given for part in (", ", FieldName(k))][1:]
        experiment = SetField("category", Category.EXPERIMENT.value)
        raise BadInput(*names, " only apply to experiment cards", action=experiment)
    elif card is not None and card.experiment is not None and "category" in out:
        out["experiment"] = None
    return out


def _confusion(value: Any) -> ConfusionMatrix | None:
    if value is None or isinstance(value, ConfusionMatrix):
        return value
    if not isinstance(value, dict):
        raise BadInput('confusion: expected {"labels": [...], "counts": [[...]]}')
    return build(ConfusionMatrix, "confusion", **value)


def _warnings(board: Board, card: Card) -> tuple[Hint, ...]:
    notes = []
    if card.assignee and board.people and card.assignee not in {p.handle for p in board.people}:
        notes.append(
            Hint.of(f"{card.assignee} is not on the board", action=AddPerson(card.assignee))
        )
    known = {d.name for d in board.datasets}
    notes += [
        Hint.of(f"dataset {name!r} is not on the board", action=AddDataset(name))
        for name in card.datasets
        if name not in known
    ]
    if card.pool and card.pool not in {p.name for p in board.pools}:
        notes.append(Hint.of(f"compute pool {card.pool!r} is not on the board"))
    return tuple(notes)


def add_card(board: Board, now: datetime, title: str, category: str, **fields: Any) -> Draft:
    card_id = board.next_card_id()
    if card_id in board.cards:  # the loader refuses such a board; never replace a card
        raise ConflictError(f"{card_id} already exists: the board's next_number is stale")
    values = _card_fields(board, {**fields, "title": title, "category": category}, None)
    if "status" not in values:
        default = "todo" if values.get("sprint") else "backlog"
        values["status"] = default if default in board.column_ids() else board.columns[0].id
    card = build_card({"id": card_id, "created_at": now, **values})
    card = _stamp_progress(board, card, card.status, now)
    after = with_cards(board, card).model_copy(update={"next_number": board.next_number + 1})
    return Draft(after, frozenset({card_id}), card_id, _warnings(board, card))


def edit_card(board: Board, now: datetime, card_id: str, **fields: Any) -> Draft:
    card = board.card(card_id)
    values = _card_fields(board, fields, card)
    if "depends_on" in values:
        from mlboard.planning.graph import check_new_dependency

        without = with_cards(board, revise(card, depends_on=()))
        for dep in values["depends_on"]:
            check_new_dependency(without, card.id, dep)
    status = values.pop("status", None)
    if "sprint" in values and values["sprint"] is None and card.sprint and status is None:
        first, second = board.column_ids()[0], board.column_ids()[1:2]
        if card.status in second:
            status = first  # out of the sprint, back onto the product backlog
    updated = revise(card, **values)
    if status is not None and status != card.status:
        draft = move_card(with_cards(board, updated), now, card.id, status)
        return Draft(
            draft.board, draft.touched, card.id, _warnings(board, updated) + draft.warnings
        )
    return Draft(
        with_cards(board, updated), frozenset({card.id}), card.id, _warnings(board, updated)
    )


def _stamp_progress(board: Board, card: Card, status: str, now: datetime) -> Card:
    ids = board.column_ids()
    changes: dict[str, Any] = {}
    if ids.index(status) >= min(STARTED_FROM_COLUMN, len(ids) - 1) and card.started_at is None:
        changes["started_at"] = now
    if board.column(status).done:
        if card.done_at is None:
            changes["done_at"] = now
    elif card.done_at is not None:
        changes["done_at"] = None
    return card.model_copy(update=changes) if changes else card


def move_card(board: Board, now: datetime, card_id: str, column_id: str) -> Draft:
    card = board.card(card_id)
    column = board.column(column_id)
    if column.id == card.status:
        return Draft(board, frozenset(), card.id)
    warnings: list[Hint] = []  # the WIP limit: services.wip, for every change (session)
    if card.open_blockers and not column.done:
        kinds = ", ".join(b.kind.value for b in card.open_blockers)
        warnings.append(Hint.of(f"{card.id} is blocked ({kinds})"))
    moved = _stamp_progress(board, card.model_copy(update={"status": column.id}), column.id, now)
    return Draft(with_cards(board, moved), frozenset({card.id}), card.id, tuple(warnings))


def step_card(board: Board, now: datetime, card_id: str, step: int) -> Draft:
    """Move a card to the previous (`step` < 0) or next column; at either end, nothing moves."""
    card = board.card(card_id)
    ids = board.column_ids()
    index = ids.index(card.status) + step
    if not 0 <= index < len(ids):
        return Draft(board, frozenset(), card.id)
    return move_card(board, now, card.id, ids[index])


def delete_card(board: Board, now: datetime, card_id: str) -> Draft:
    card = board.card(card_id)
    dependents = [
        revise(other, depends_on=tuple(d for d in other.depends_on if d != card.id))
        for other in board.cards.values()
        if card.id in other.depends_on
    ]
    after = with_cards(board, *dependents, removed=(card.id,))
    touched = frozenset({card.id, *(c.id for c in dependents)})
    return Draft(after, touched, card.id, backup=f"rm-{card.id}")


def link(board: Board, now: datetime, card_id: str, dep_id: str) -> Draft:
    from mlboard.planning.graph import check_new_dependency

    card, dep = board.card(card_id), board.card(dep_id)
    if dep.id in card.depends_on:
        return Draft(
            board, frozenset(), card.id, (Hint.of(f"{card.id} already depends on {dep.id}"),)
        )
    check_new_dependency(board, card.id, dep.id)
    updated = revise(card, depends_on=(*card.depends_on, dep.id))
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id)


def unlink(board: Board, now: datetime, card_id: str, dep_id: str) -> Draft:
    card, dep = board.card(card_id), board.card(dep_id)
    if dep.id not in card.depends_on:
        raise BadInput(f"{card.id} does not depend on {dep.id}")
    updated = revise(card, depends_on=tuple(d for d in card.depends_on if d != dep.id))
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id)


def block(
    board: Board, now: datetime, card_id: str, kind: str, note: str, eta: date | None = None
) -> Draft:
    card = board.card(card_id)
    blocker_kind = parse.choice(BlockerKind, kind, "blocker kind")
    blockers = list(card.blockers)
    for i, existing in enumerate(blockers):
        if existing.is_open and existing.kind is blocker_kind:
            values = {**dict(existing), "note": note or existing.note, "eta": eta}
            blockers[i] = build(Blocker, "blocker", **values)
            break
    else:
        blockers.append(build(Blocker, "blocker", kind=blocker_kind, note=note, since=now, eta=eta))
    updated = revise(card, blockers=tuple(blockers))
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id)


def unblock(board: Board, now: datetime, card_id: str, kind: str | None = None) -> Draft:
    card = board.card(card_id)
    wanted = parse.choice(BlockerKind, kind, "blocker kind") if kind else None
    targets = [b for b in card.open_blockers if wanted is None or b.kind is wanted]
    if not targets:
        what = f"no open {wanted.value} blocker" if wanted else "no open blocker"
        raise RuleViolation(f"{card.id} has {what}")
    blockers = tuple(
        b.model_copy(update={"resolved_at": now}) if b in targets else b for b in card.blockers
    )
    updated = revise(card, blockers=blockers)
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id)


def log_metrics(
    board: Board,
    now: datetime,
    card_id: str,
    values: Mapping[str, float],
    dataset: str = "holdout",
    note: str = "",
    sprint_id: str | None = None,
    *,
    run: str | None = None,
    commit: str | None = None,
    sources: Mapping[str, str] | None = None,
) -> Draft:
    """Append results; they belong to the active sprint unless `sprint_id` names another.

    Each result carries its provenance: the `run` and `commit` it came from, and for the
    values read from a file, that file (`sources` maps a metric name to it)."""
    if not values:
        raise BadInput("give at least one NAME=VALUE")
    if len(values) > ITEMS_MAX:
        raise BadInput(f"at most {ITEMS_MAX:,} metric values at once (got {len(values):,})")
    card = board.card(card_id)
    sprint = board.sprint(sprint_id) if sprint_id else board.active_sprint()
    results = tuple(
        build(
            MetricResult,
            "metric",
            name=name,
            value=value,
            dataset=dataset,
            at=now,
            sprint=sprint.id if sprint else None,
            note=note,
            run=run,
            commit=commit,
            source=(sources or {}).get(name),
        )
        for name, value in values.items()
    )
    updated = revise(card, metrics=card.metrics + results)
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id)


def set_outcome(board: Board, now: datetime, card_id: str, outcome: str, note: str = "") -> Draft:
    card = board.card(card_id)
    value = parse.choice(Outcome, outcome, "outcome")
    if card.experiment is None:
        raise RuleViolation(f"{card.id} is not an experiment card")
    learnings = card.experiment.learnings
    if note:
        learnings = f"{learnings}\n{note}".strip()
    experiment = build(
        Experiment,
        "experiment",
        **{**dict(card.experiment), "outcome": value, "learnings": learnings},
    )
    updated = revise(card, experiment=experiment)
    return Draft(with_cards(board, updated), frozenset({card.id}), card.id, notes={card.id: note})
