"""The daily standup digest: person by person, what moved since the previous working day.

A past day's standup shows the cards as they stood at that day's end. The window runs from
the start of the previous working day (Friday on a Monday) to `now`,
or to the end of `day` for a past day; days are taken in `now`'s time zone. Changes are the
events in that window, grouped under whoever held the card when it changed (a handoff since
does not move yesterday's work to someone else). Several results of one metric read first →
last; a move or outcome that an undo took back cancels out with it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from mlboard.models import BlockerKind, Board, Card, Event, EventKind
from mlboard.planning.reports.common import by_number, iso
from mlboard.planning.reports.standup_values import (
    BlockerChange,
    Change,
    ComputeBlocker,
    HeldCard,
    MetricChange,
    MoveChange,
    OpenBlocker,
    PersonDigest,
    PipelineChange,
    PipelineState,
    StandupNote,
    StandupReport,
)

CHANGE_KINDS = (
    EventKind.CREATED,
    EventKind.MOVED,
    EventKind.METRIC,
    EventKind.BLOCKED,
    EventKind.UNBLOCKED,
    EventKind.OUTCOME,
)
REVERSIBLE = (EventKind.MOVED, EventKind.OUTCOME)
# Replays of a concurrent write may record an event slightly out of time order.
REPLAY_SLACK = timedelta(days=1)


def previous_working_day(day: date) -> date:
    """The last Monday-to-Friday day before `day`."""
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def standup_report(board: Board, now: datetime, day: date | None = None) -> StandupReport:
    """Per person their cards and changes, plus pipeline status and open compute blockers."""
    zone = now.tzinfo or UTC
    day = day or now.astimezone(zone).date()
    since = datetime.combine(previous_working_day(day), time(), tzinfo=zone)
    until = min(now, datetime.combine(day + timedelta(days=1), time(), tzinfo=zone))
    found = _window(board, since, until)
    events = [event for event, _ in found]
    changes: dict[str | None, list[Change]] = {}
    for holder, change in _changes(found):
        if change.card in board.cards:
            changes.setdefault(holder, []).append(change)
    sprint = board.active_sprint()
    cards = _cards_at(board, until) if until < now else board.cards
    return StandupReport(
        date=day.isoformat(),
        since=iso(since),
        until=iso(until),
        sprint=sprint.id if sprint else None,
        columns={c.id: c.title for c in board.columns},
        people=_people(board, cards, day, changes),
        pipelines=_pipelines(board, events),
        compute_blockers=_compute_blockers(board, cards),
    )


def _window(board: Board, since: datetime, until: datetime) -> list[tuple[Event, str | None]]:
    """The events in [since, until), oldest first, each with who held its card right then;
    walking back from the newest only, undoing assignee changes on the way."""
    holder = {card_id: card.assignee for card_id, card in board.cards.items()}
    found: list[tuple[Event, str | None]] = []
    for event in reversed(board.events):
        if event.at < since - REPLAY_SLACK:
            break
        card = event.card or ""
        if since <= event.at < until:
            found.append((event, holder.get(card)))
        if event.kind is EventKind.EDITED and event.field == "assignee":
            holder[card] = event.from_
    found.reverse()
    return found


def _changes(found: list[tuple[Event, str | None]]) -> list[tuple[str | None, Change]]:
    """One entry per card change, under who held the card: a metric logged several times is
    one entry, first to last; a move or outcome reversed right after (an undo) drops both."""
    out: list[tuple[str | None, Change] | None] = []
    metrics: dict[tuple[str | None, str | None], int] = {}  # where each metric's entry is
    steps: dict[str | None, list[int]] = {}  # per card, its moves and outcomes still standing
    for event, holder in found:
        if event.kind not in CHANGE_KINDS:
            continue
        change = _change(event)
        if isinstance(change, MetricChange):
            key = (event.card, event.field)
            entry = out[metrics[key]] if key in metrics else None
            if entry is not None and isinstance(entry[1], MetricChange):
                out[metrics[key]] = (entry[0], _merge_metric(entry[1], change))
                continue
            metrics[key] = len(out)
        elif isinstance(change, MoveChange) and event.kind in REVERSIBLE:
            stack = steps.setdefault(event.card, [])
            last = out[stack[-1]] if stack else None
            if last is not None and _reverses(last[1], change):
                out[stack.pop()] = None
                continue
            stack.append(len(out))
        out.append((holder, change))
    return [entry for entry in out if entry is not None]


def _reverses(earlier: Change, later: MoveChange) -> bool:
    return (
        isinstance(earlier, MoveChange)
        and earlier.kind == later.kind
        and earlier.from_ == later.to
        and earlier.to == later.from_
    )


def _merge_metric(earlier: MetricChange, later: MetricChange) -> MetricChange:
    """A later result of the same metric folded in: the entry reads first → last of the
    window (`previous` keeps the value before the window)."""
    before = earlier.to if earlier.runs == 1 else earlier.from_
    after = later.to
    return replace(
        earlier,
        at=later.at,
        from_=before,
        to=after,
        runs=earlier.runs + 1,
        change=None if before is None or after is None else after - before,
        note=later.note or earlier.note,
    )


def _change(event: Event) -> Change:
    at, card, kind = iso(event.at), event.card, event.kind.value
    if event.kind is EventKind.METRIC:
        name, _, dataset = (event.field or "").rpartition("@")
        before = _number(event.from_)
        after = _number(event.to)
        change = None if before is None or after is None else after - before
        return MetricChange(
            at, card, kind, name, dataset, before, after, change, before, 1, event.note
        )
    if event.kind in (EventKind.BLOCKED, EventKind.UNBLOCKED):
        note = event.to if event.kind is EventKind.BLOCKED else None
        return BlockerChange(at, card, kind, event.field, note)
    return MoveChange(at, card, kind, event.from_, event.to, event.note or None)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _cards_at(board: Board, until: datetime) -> dict[str, Card]:
    """The cards as they stood at `until` (a past day's end): status, assignee and sprint
    taken back through the later events, blockers open then; cards created later left out."""
    later: dict[str, dict[str, object]] = {}
    for event in reversed(board.events):
        if event.at < until - REPLAY_SLACK:
            break
        if event.at < until or event.card is None:
            continue
        update = later.setdefault(event.card, {})
        if event.kind is EventKind.CREATED:
            update["gone"] = True
        elif event.kind is EventKind.MOVED:
            update["status"] = event.from_
        elif event.kind is EventKind.EDITED and event.field == "assignee":
            update["assignee"] = event.from_
        elif event.kind in (EventKind.COMMITTED, EventKind.CARRIED, EventKind.REMOVED):
            update["sprint"] = event.from_
    cards: dict[str, Card] = {}
    for card_id, card in board.cards.items():
        update = dict(later.get(card_id, {}))
        if update.pop("gone", False):
            continue
        blockers = tuple(
            b.model_copy(update={"resolved_at": None})
            if b.resolved_at and b.resolved_at > until
            else b
            for b in card.blockers
            if b.since <= until
        )
        if blockers != card.blockers:
            update["blockers"] = blockers
        cards[card_id] = card.model_copy(update=update) if update else card
    return cards


def _people(
    board: Board, cards: dict[str, Card], day: date, changes: dict[str | None, list[Change]]
) -> tuple[PersonDigest, ...]:
    held = _held_cards(board, cards)
    handles = [p.handle for p in board.people]
    others = sorted({h for h in (*held, *changes) if h is not None and h not in handles})
    order: list[str | None] = [*handles, *others]
    if held.get(None) or changes.get(None):
        order.append(None)
    names = {p.handle: p.name for p in board.people}
    notes: dict[str, list[StandupNote]] = {}
    for note in board.standup_notes:
        if note.day == day:
            notes.setdefault(note.person, []).append(StandupNote(note.kind, note.text))
    done = board.done_ids()
    return tuple(
        PersonDigest(
            person=handle,
            name=names.get(handle or "", ""),
            cards=tuple(_held(cards, card, done) for card in held.get(handle, [])),
            changes=tuple(changes.get(handle, [])),
            notes=tuple(notes.get(handle or "", [])),
        )
        for handle in order
    )


def _held_cards(board: Board, cards: dict[str, Card]) -> dict[str | None, list[Card]]:
    """Unfinished cards in the active sprint or past the first column, by assignee."""
    sprint = board.active_sprint()
    first, done = board.columns[0].id, board.done_ids()
    rank = {column: i for i, column in enumerate(board.column_ids())}
    held: dict[str | None, list[Card]] = {}
    for card_id in by_number(cards):
        card = cards[card_id]
        current = sprint is not None and card.sprint == sprint.id
        if card.status not in done and (current or card.status != first):
            held.setdefault(card.assignee, []).append(card)
    for listed in held.values():
        listed.sort(key=lambda c: -rank.get(c.status, 0))
    return held


def _held(cards: dict[str, Card], card: Card, done: frozenset[str]) -> HeldCard:
    return HeldCard(
        id=card.id,
        title=card.title,
        category=card.category.value,
        status=card.status,
        points=card.points,
        blockers=tuple(
            OpenBlocker(b.kind.value, b.note, iso(b.since), iso(b.eta)) for b in card.open_blockers
        ),
        blocked_by=tuple(
            dep
            for dep in card.depends_on
            if (other := cards.get(dep)) is not None and other.status not in done
        ),
    )


def _pipelines(board: Board, events: list[Event]) -> tuple[PipelineState, ...]:
    changed: dict[str, list[PipelineChange]] = {}
    for event in events:
        field = event.field or ""
        if event.kind is EventKind.BOARD and field.startswith("pipelines:"):
            entry = PipelineChange(iso(event.at), event.from_, event.to)
            changed.setdefault(field.removeprefix("pipelines:"), []).append(entry)
    return tuple(
        PipelineState(
            p.name, p.status.value, iso(p.last_run), p.note, tuple(changed.get(p.name, []))
        )
        for p in board.pipelines
    )


def _compute_blockers(board: Board, cards: dict[str, Card]) -> tuple[ComputeBlocker, ...]:
    done = board.done_ids()
    out: list[ComputeBlocker] = []
    for card_id in by_number(cards):
        card = cards[card_id]
        if card.status in done:
            continue
        out += [
            ComputeBlocker(card.id, card.title, card.assignee, b.note, iso(b.since), iso(b.eta))
            for b in card.open_blockers
            if b.kind is BlockerKind.COMPUTE
        ]
    return tuple(out)
