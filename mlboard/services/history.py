"""Events derived from what an operation changed, so undo, redo and replays record them too."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from mlboard.models import Blocker, Board, Card, Event, EventKind
from mlboard.models.card_fields import CARD_FIELDS
from mlboard.models.event_key import SALT_LENGTH, new_keys

# Card fields whose change is an "edited" event; the others have events of their own.
_EDIT_FIELDS = tuple(field.name for field in CARD_FIELDS if field.event)
_BOARD_FIELDS = ("name", "key", "mode", "sprint_days", "columns")
_RESOURCES = ("people", "datasets", "pipelines", "pools")


def record(
    before: Board,
    after: Board,
    touched: frozenset[str],
    at: datetime,
    notes: dict[str, str] | None = None,
    salt: str | None = None,
) -> Board:
    """Append one event per change between `before` and `after` among the touched cards.

    The events' keys share `salt`, the random part of this write (models/event_key.py);
    without one, a fresh random one is drawn.
    """
    sprint = after.active_sprint()
    sprint_id = sprint.id if sprint else None
    notes = notes or {}
    events: list[dict[str, Any]] = []
    for card_id in sorted(touched, key=_card_order):
        old, new = before.cards.get(card_id), after.cards.get(card_id)
        if old is new:
            continue
        events.extend(card_events(old, new, notes.get(card_id)))
    for name in _BOARD_FIELDS:
        if getattr(before, name) != getattr(after, name):
            events.append({"kind": EventKind.BOARD, "field": name, **_values(before, after, name)})
    for name in _RESOURCES:
        if getattr(before, name) is not getattr(after, name):
            events.extend(_resource_events(before, after, name))
    events.extend(_sprint_events(before, after))
    events.extend(_conflict_events(before, after))
    for name in ("standup_notes", "retro_notes"):
        added = getattr(after, name)[len(getattr(before, name)) :]
        if getattr(before, name) is not getattr(after, name):
            events += [{"kind": EventKind.BOARD, "field": name, "to": n.text[:120]} for n in added]
    events += [
        {"kind": EventKind.BOARD, "field": "baselines", "to": f"{b.name}={b.value:g}@{b.dataset}"}
        for b in after.baselines[len(before.baselines) :]
    ]
    if not events:
        return after
    keys = new_keys(at, salt or new_salt(), len(events), after.newest_event_key())
    new_events = tuple(
        Event(key=key, at=at, sprint=event.pop("sprint", sprint_id), **event)
        for key, event in zip(keys, events, strict=True)
    )
    return after.model_copy(update={"events": after.events + new_events})


def _random_salt() -> str:
    return secrets.token_hex(SALT_LENGTH // 2)


_salt_source: Callable[[], str] = _random_salt


def new_salt() -> str:
    """The random part of one write's event keys."""
    return _salt_source()


@contextmanager
def salts_from(source: Callable[[], str]) -> Iterator[None]:
    """Draw the random parts of event keys from `source` meanwhile: a script replayed with a
    seeded source (the sample boards' generator) writes the same bytes on every run."""
    global _salt_source
    previous, _salt_source = _salt_source, source
    try:
        yield
    finally:
        _salt_source = previous


def _card_order(card_id: str) -> tuple[int, str]:
    head, _, tail = card_id.rpartition("-")
    return (int(tail) if tail.isdigit() else 0, head)


def _values(before: Any, after: Any, name: str) -> dict[str, str | None]:
    return {"from_": _text(getattr(before, name)), "to": _text(getattr(after, name))}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(str(getattr(v, "id", v)) for v in value)
    return str(value)


def card_events(old: Card | None, new: Card | None, note: str | None) -> list[dict[str, Any]]:
    if old is None and new is not None:
        events: list[dict[str, Any]] = [
            {"kind": EventKind.CREATED, "card": new.id, "to": new.status}
        ]
        if new.sprint:
            events.append({"kind": EventKind.COMMITTED, "card": new.id, "to": new.sprint})
        events += [{"kind": EventKind.LINKED, "card": new.id, "to": d} for d in new.depends_on]
        return events
    if new is None:
        assert old is not None
        return [{"kind": EventKind.DELETED, "card": old.id, "from_": old.status}]
    assert old is not None
    cid = new.id
    events = []
    if old.status != new.status:
        events.append({"kind": EventKind.MOVED, "card": cid, "from_": old.status, "to": new.status})
    for name in _EDIT_FIELDS:
        if getattr(old, name) != getattr(new, name):
            events.append(
                {"kind": EventKind.EDITED, "card": cid, "field": name, **_values(old, new, name)}
            )
    old_deps, new_deps = set(old.depends_on), set(new.depends_on)
    events += [
        {"kind": EventKind.LINKED, "card": cid, "to": d}
        for d in new.depends_on
        if d not in old_deps
    ]
    events += [
        {"kind": EventKind.UNLINKED, "card": cid, "from_": d}
        for d in old.depends_on
        if d not in new_deps
    ]
    events += _blocker_events(old, new)
    known = set(old.metrics)
    for result in new.metrics:
        if result not in known:
            previous = _previous(old, result.name, result.dataset)
            events.append(
                {
                    "kind": EventKind.METRIC,
                    "card": cid,
                    "field": f"{result.name}@{result.dataset}",
                    "from_": None if previous is None else _number(previous),
                    "to": _number(result.value),
                    "note": result.note or None,
                }
            )
    if old.sprint != new.sprint:
        if old.sprint and new.sprint and new.carried > old.carried:
            kind = EventKind.CARRIED
        elif new.sprint:
            kind = EventKind.COMMITTED
        else:
            kind = EventKind.REMOVED
        events.append(
            {"kind": kind, "card": cid, "from_": old.sprint, "to": new.sprint, "note": note}
        )
    if (old.experiment and old.experiment.outcome) != (new.experiment and new.experiment.outcome):
        events.append(
            {
                "kind": EventKind.OUTCOME,
                "card": cid,
                "from_": old.experiment.outcome if old.experiment else None,
                "to": new.experiment.outcome if new.experiment else None,
                "note": note,
            }
        )
    elif old.experiment != new.experiment:
        events.append({"kind": EventKind.EDITED, "card": cid, "field": "experiment"})
    return events


def _number(value: float) -> str:
    return format(value, ".12g")


def _previous(card: Card, name: str, dataset: str) -> float | None:
    latest = None
    for result in card.metrics:
        if (
            result.name == name
            and result.dataset == dataset
            and (latest is None or result.at >= latest.at)
        ):
            latest = result
    return latest.value if latest else None


def _blocker_events(old: Card, new: Card) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    old_open = {(b.kind, b.since): b for b in old.blockers if b.is_open}
    for blocker in new.blockers:
        key = (blocker.kind, blocker.since)
        if blocker.is_open and key not in old_open:
            events.append(
                {
                    "kind": EventKind.BLOCKED,
                    "card": new.id,
                    "field": blocker.kind,
                    "to": blocker.note,
                }
            )
        elif not blocker.is_open and key in old_open:
            events.append({"kind": EventKind.UNBLOCKED, "card": new.id, "field": blocker.kind})
        elif blocker.is_open and old_open[key] != blocker:  # a new note or ETA, same blocker
            events.append(
                {
                    "kind": EventKind.EDITED,
                    "card": new.id,
                    "field": f"blocker.{blocker.kind}",
                    "from_": _blocker_text(old_open[key]),
                    "to": _blocker_text(blocker),
                }
            )
    new_keys = {(b.kind, b.since) for b in new.blockers}
    for key in old_open:
        if key not in new_keys:  # an undo of a block removes it outright
            events.append({"kind": EventKind.UNBLOCKED, "card": new.id, "field": key[0]})
    return events


def _blocker_text(blocker: Blocker) -> str:
    return blocker.note + (f" (ETA {blocker.eta.isoformat()})" if blocker.eta else "")


def _resource_events(before: Board, after: Board, name: str) -> list[dict[str, Any]]:
    key = "handle" if name == "people" else "name"
    old = {getattr(item, key): item for item in getattr(before, name)}
    events = []
    for item in getattr(after, name):
        ident = getattr(item, key)
        previous = old.pop(ident, None)
        if previous != item:
            status = getattr(item, "status", None)
            events.append(
                {
                    "kind": EventKind.BOARD,
                    "field": f"{name}:{ident}",
                    "from_": _text(getattr(previous, "status", None)) if previous else None,
                    "to": _text(status) if status is not None else "added",
                }
            )
    events += [
        {"kind": EventKind.BOARD, "field": f"{name}:{ident}", "to": "removed"} for ident in old
    ]
    return events


def _sprint_events(before: Board, after: Board) -> list[dict[str, Any]]:
    if before.sprints is after.sprints:
        return []
    old = {s.id: s for s in before.sprints}
    events = []
    for sprint in after.sprints:
        previous = old.get(sprint.id)
        if previous is None or previous.state != sprint.state:
            events.append(
                {
                    "kind": EventKind.SPRINT,
                    "field": sprint.id,
                    "from_": previous.state if previous else None,
                    "to": sprint.state,
                    "sprint": sprint.id,
                }
            )
        elif previous != sprint:
            events.append(
                {"kind": EventKind.SPRINT, "field": sprint.id, "to": "edited", "sprint": sprint.id}
            )
    return events


def _conflict_events(before: Board, after: Board) -> list[dict[str, Any]]:
    """A `resolved` event for each conflict record closed by this change."""
    if before.conflicts is after.conflicts:
        return []
    was_open = {c.id for c in before.conflicts if c.is_open}
    return [
        {
            "kind": EventKind.RESOLVED,
            "card": c.key if c.table == "cards" else None,
            "field": f"{c.id} {c.field}",
            "to": _json_text(c.resolution),
        }
        for c in after.conflicts
        if c.id in was_open and not c.is_open
    ]


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)[:120]
