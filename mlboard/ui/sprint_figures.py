"""The Scrum header's figures: day N of M, points done of committed, burndown from events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from mlboard.models import Board, EventKind, Mode, Sprint


@dataclass(frozen=True)
class SprintFigures:
    sprint: Sprint
    day: int
    days: int
    done_points: float
    committed_points: float
    burndown: tuple[float, ...]  # points remaining at the end of each day so far


def _statuses_at_start(board: Board, sprint: Sprint) -> dict[str, str]:
    """Each sprint card's status before the first recorded move (from the events)."""
    status = {card.id: card.status for card in board.cards.values() if card.sprint == sprint.id}
    seen: set[str] = set()
    for event in board.events:
        if event.kind is EventKind.MOVED and event.card in status and event.card not in seen:
            seen.add(event.card)
            if event.from_ is not None:
                status[event.card] = event.from_
    return status


def burndown(board: Board, sprint: Sprint, today: date) -> tuple[float, ...]:
    """Points of the sprint's current cards not done at the end of each day, start → today.

    One pass over the cards and the move events: each move across the done boundary
    changes the points left from that day on.
    """
    points = {c.id: c.points or 0 for c in board.cards.values() if c.sprint == sprint.id}
    done = board.done_ids()
    status = _statuses_at_start(board, sprint)
    left = sum(p for card_id, p in points.items() if status[card_id] not in done)
    moves = [e for e in board.events if e.kind is EventKind.MOVED and e.card in points]
    series: list[float] = []
    index = 0
    day = sprint.start
    while day <= min(today, sprint.end):
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
        while index < len(moves) and moves[index].at < end:
            move = moves[index]
            index += 1
            if move.card is None or move.to is None:
                continue
            was_done, is_done = status[move.card] in done, move.to in done
            if was_done != is_done:
                left += points[move.card] if was_done else -points[move.card]
            status[move.card] = move.to
        series.append(left)
        day += timedelta(days=1)
    return tuple(series)


def sprint_figures(board: Board, now: datetime) -> SprintFigures | None:
    """The active sprint's figures in Scrum mode; None in Kanban or with no active sprint."""
    sprint = board.active_sprint() if board.mode is Mode.SCRUM else None
    if sprint is None:
        return None
    cards = [c for c in board.cards.values() if c.sprint == sprint.id]
    today = now.date()
    days = (sprint.end - sprint.start).days + 1
    day = min(max((today - sprint.start).days + 1, 1), days)
    return SprintFigures(
        sprint=sprint,
        day=day,
        days=days,
        done_points=sum(c.points or 0 for c in cards if board.is_done(c)),
        committed_points=sum(c.points or 0 for c in cards),
        burndown=burndown(board, sprint, today),
    )
