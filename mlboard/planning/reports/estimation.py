"""Estimation, per category: points taken in and completed, and whether estimates held.

"Were research stories consistently underestimated?" is answered by each story's first
estimate against its final one (at the sprint's close, or now), and by the sprints it has
spent against its time-box (its carry-overs): a story re-estimated 5 → 8 and finished is a
story that grew, not a 100 % estimate. Values of a closed sprint are read as of its close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mlboard.models import Board, Category, EventKind
from mlboard.planning.reports.common import Membership, by_number
from mlboard.planning.reports.timeline import Timeline, number
from mlboard.planning.reports.value import Value

FIELDS = ("points", "category")
SUMMED = (
    "committed",
    "committed_points",
    "added",
    "added_points",
    "completed",
    "completed_points",
    "carried",
    "carried_points",
    "first_estimate_points",
    "final_estimate_points",
    "grew",
    "sprints_spent",
    "over_timebox",
)
Tally = dict[str, Any]  # a row being summed: SUMMED and "stories"


@dataclass(frozen=True)
class Story(Value):
    """One story: its first and final estimates, the sprints it spent against its time-box."""

    card: str
    first_estimate: float
    final_estimate: float
    grew: bool
    sprints: int
    timebox: int | None
    over_timebox: bool


@dataclass(frozen=True)
class EstimationRow(Value):
    """A category's stories and points taken in and completed; `accuracy` is completed of
    taken in, `growth` final of first estimate (None with nothing to divide by)."""

    committed: int
    committed_points: float
    added: int
    added_points: float
    completed: int
    completed_points: float
    carried: int
    carried_points: float
    first_estimate_points: float
    final_estimate_points: float
    grew: int
    sprints_spent: int
    over_timebox: int
    stories: tuple[Story, ...]
    accuracy: float | None
    growth: float | None


@dataclass(frozen=True)
class ResearchVsRest(Value):
    research: EstimationRow
    rest: EstimationRow


def estimation(board: Board, members: Membership) -> dict[str, EstimationRow]:
    """Per category: stories and points committed, added, completed, carried; the first and
    final estimates and how many stories grew; sprints spent and stories over their time-box;
    `stories` lists each story's figures."""
    ids = list(dict.fromkeys([*members.committed, *members.added]))
    timeline = Timeline(board, FIELDS, set(ids))
    moment = members.end
    spent = _sprints_spent(board, ids, moment, members.closed)
    rows = {c.value: _row() for c in Category}
    completed, unfinished, added = (
        set(members.completed),
        set(members.unfinished),
        set(members.added),
    )
    for card_id in by_number(ids):
        category = timeline.at(card_id, "category", moment)
        row = rows[category if category in rows else Category.ENGINEERING.value]
        final = number(timeline.at(card_id, "points", moment))
        first = number(timeline.first(card_id, "points"))
        kind = "added" if card_id in added else "committed"
        row[kind] += 1
        row[f"{kind}_points"] += final
        if card_id in completed:
            row["completed"] += 1
            row["completed_points"] += final
        elif card_id in unfinished:
            row["carried"] += 1
            row["carried_points"] += final
        story = _story(board, card_id, first, final, spent.get(card_id, 1))
        row["first_estimate_points"] += first
        row["final_estimate_points"] += final
        row["grew"] += story.grew
        row["sprints_spent"] += story.sprints
        row["over_timebox"] += story.over_timebox
        row["stories"].append(story)
    return {category: finish(row) for category, row in rows.items()}


def _row() -> Tally:
    row: Tally = dict.fromkeys(SUMMED, 0)
    row["stories"] = []
    return row


def finish(row: Tally) -> EstimationRow:
    """The row with its shares: completed of taken in, final of first estimate."""
    taken = row["committed_points"] + row["added_points"]
    first = row["first_estimate_points"]
    return EstimationRow(
        **{key: row[key] for key in SUMMED},
        stories=tuple(row["stories"]),
        accuracy=round(row["completed_points"] / taken, 3) if taken else None,
        growth=round(row["final_estimate_points"] / first, 3) if first else None,
    )


def research_vs_rest(rows: dict[str, EstimationRow]) -> ResearchVsRest:
    """Experiment stories against every other category, summed."""
    rest = _row()
    for category, row in rows.items():
        if category != Category.EXPERIMENT.value:
            for key in SUMMED:
                rest[key] += getattr(row, key)
            rest["stories"] += row.stories
    return ResearchVsRest(rows[Category.EXPERIMENT.value], finish(rest))


def _story(board: Board, card_id: str, first: float, final: float, sprints: int) -> Story:
    card = board.cards.get(card_id)
    timebox = card.experiment.timebox if card is not None and card.experiment else None
    return Story(
        card=card_id,
        first_estimate=first,
        final_estimate=final,
        grew=final > first,
        sprints=sprints,
        timebox=timebox,
        over_timebox=timebox is not None and sprints > timebox,
    )


def _sprints_spent(board: Board, ids: list[str], moment: datetime, closed: bool) -> dict[str, int]:
    """How many sprints each card has been committed or carried into, up to `moment` (before
    it, for a closed sprint: its own carry-over at close is not a sprint spent yet)."""
    wanted = set(ids)
    seen: dict[str, set[str]] = {}
    for event in board.events:
        if (
            event.kind in (EventKind.COMMITTED, EventKind.CARRIED)
            and event.card in wanted
            and event.to
            and (event.at < moment if closed else event.at <= moment)
        ):
            seen.setdefault(event.card, set()).add(event.to)
    return {card: len(sprints) for card, sprints in seen.items()}
