"""A sprint whose scope changes, and a naive replay of its history to check figures against.

S1 runs Mon 2 – Sun 15 Nov 2026 and closes early, Fri 13 Nov 17:00. Committed at its start
(Mon 10:00): A 3, B 5, C 2 = 10 points. Tue: A done. Wed: D (4) committed. Thu: B
re-estimated 5 → 8. Fri: C taken out. Mon 9: B done, accuracy 0.88. D is carried to S2 at
close; after the close D is re-estimated 4 → 13 and a result is logged between the sprints.
S2 starts Mon 16. Blockers: A data before the sprint (resolved before it), B data raised
before the sprint and resolved Wed, D pipeline raised Thu and resolved after the close.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reports_story import Story, design, new_service, team

from mlboard.models import Board, EventKind
from mlboard.services import cards, sprints

CLOSE = datetime(2026, 11, 13, 17, tzinfo=UTC)
AFTER = datetime(2026, 11, 14, 10, tzinfo=UTC)
S2_START = datetime(2026, 11, 16, 9, tzinfo=UTC)
NOW = datetime(2026, 11, 17, 12, tzinfo=UTC)
CREATED_POINTS = {"ML-1": 3.0, "ML-2": 5.0, "ML-3": 2.0, "ML-4": 4.0}


def day(number: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, number, hour, tzinfo=UTC)


def scope_story(tmp: Path, *, until_close: bool = False) -> Story:
    s = Story(new_service(tmp))
    team(s)
    s.do(sprints.new_sprint, goal="router", measurable_goal="accuracy>=0.9@holdout")
    a = s.add("A", "data", points=3, assignee="ana")
    b = s.add("B", "experiment", points=5, assignee="raj", **design("b helps"))
    c = s.add("C", "engineering", points=2, assignee="lee")
    s.do(sprints.commit_cards, [a, b, c])
    s.do(cards.block, a, "data", "old export")  # raised and resolved before the sprint
    s.later(0.5).do(cards.unblock, a)
    s.do(cards.block, b, "data", "labels late")  # raised before the sprint, resolved in it
    s.later(0.5).do(sprints.start_sprint)
    s.at(day(3)).move(a, "doing", "done")
    s.at(day(4))
    d = s.add("D", "engineering", points=4, assignee="ana")
    s.do(sprints.commit_cards, [d])
    s.do(cards.unblock, b)
    s.at(day(5)).do(cards.edit_card, b, points=8)
    s.do(cards.block, d, "pipeline", "ingest down")  # raised in the sprint, resolved after it
    s.at(day(6)).do(sprints.remove_cards, [c])
    s.at(day(9)).move(b, "doing", "done")
    s.do(cards.log_metrics, b, {"accuracy": 0.88})
    s.at(CLOSE).do(sprints.close_sprint, "next")
    if until_close:
        return s
    s.at(AFTER).do(cards.edit_card, d, points=13)
    s.do(cards.unblock, d)
    s.do(cards.log_metrics, b, {"accuracy": 0.95})
    s.at(S2_START).do(sprints.start_sprint)
    s.at(day(17, 10)).move(d, "doing", "done")
    s.at(NOW)
    return s


def naive_remaining(board: Board, sprint_id: str, until: datetime) -> tuple[float, float]:
    """(scope, remaining) of the sprint from every event before `until`, replayed in order,
    starting from the points each card was created with."""
    member: set[str] = set()
    points = dict(CREATED_POINTS)
    status: dict[str, str | None] = {}
    for event in board.events:
        if event.at >= until or event.card is None:
            continue
        if event.kind in (EventKind.COMMITTED, EventKind.CARRIED, EventKind.REMOVED):
            if event.to == sprint_id:
                member.add(event.card)
            else:
                member.discard(event.card)
        elif event.kind in (EventKind.CREATED, EventKind.MOVED):
            status[event.card] = event.to
        elif event.kind is EventKind.EDITED and event.field == "points" and event.to:
            points[event.card] = float(event.to)
    scope = sum(points[c] for c in member)
    return scope, sum(points[c] for c in member if status.get(c) != "done")
