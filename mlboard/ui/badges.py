"""The short facts a card shows under its title, each with the style role it is drawn in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from mlboard.models import Board, Card, CriterionStatus, Mode, Outcome
from mlboard.planning.derived import unfinished_dependencies
from mlboard.planning.reports.common import over_timebox

Role = Literal["blocked", "dependency", "met", "unmet", "muted", "aging", "outcome"]
Badge = tuple[str, Role]

LEGEND: tuple[tuple[str, str], ...] = (
    ("⚠1 conflict", "a git merge left a conflict: mlboard resolve"),
    ("✖data 3d", "open blocker: its kind, held 3 days"),
    ("ETA+2d", "that blocker's ETA passed 2 days ago"),
    ("⇠ML-4 ⇠2 deps", "waits for unfinished dependencies"),
    ("✓1/2", "criteria met of all (red: one unmet)"),
    ("◆promising", "the experiment's outcome"),
    ("↻1", "carried over from earlier sprints"),
    ("◔2/1", "sprints used of the time-box"),
    ("◷5d", "Kanban: days since work started"),
    ("@ana 3p", "assignee and story points"),
    ("+4 more (enter)", "Done shows a lane's latest 3 cards; enter on it shows them all"),
    ("K / J", "move the focused card up / down in its cell (the team's order)"),
)
"""What each badge means, for `?` on the board; `badges` below draws them."""


def age(since: datetime, now: datetime) -> str:
    """`3d`, `5h` or `now`: how long ago `since` was."""
    seconds = max(0.0, (now - since).total_seconds())
    if seconds >= 86400:
        return f"{int(seconds // 86400)}d"
    if seconds >= 3600:
        return f"{int(seconds // 3600)}h"
    return "now"


def _criteria(card: Card, board: Board) -> Badge | None:
    if not card.criteria:
        return None
    states = [c.status(card.metrics, board.baselines, card.id) for c in card.criteria]
    met = states.count(CriterionStatus.MET)
    role: Role = "met" if met == len(states) else "muted"
    if CriterionStatus.UNMET in states:
        role = "unmet"
    return f"✓{met}/{len(states)}", role


def _timebox(board: Board, card: Card, now: datetime) -> Badge | None:
    """Sprints used of the experiment's time-box: from carry-overs, or in Kanban from the
    days since work started counted in sprint lengths."""
    if card.experiment is None or board.is_done(card):
        return None
    if board.mode is Mode.SCRUM and card.sprint is None and not card.carried:
        return None  # the time-box counts sprints: one never planned has used none
    used = card.carried + 1
    over = used > card.experiment.timebox
    if board.mode is Mode.KANBAN:
        if card.started_at is None:
            return None  # the clock starts when the work does
        sprint = timedelta(days=board.sprint_days)  # sprint lengths begun since the start
        used = max(1, -(-(now - card.started_at) // sprint))
        over = over_timebox(board, card, now)  # the rule `plan` and `flow` apply
    role: Role = "aging" if over else "muted"
    return f"◔{used}/{card.experiment.timebox}", role


def badges(board: Board, card: Card, now: datetime) -> list[Badge]:
    """Open merge conflicts, blockers (kind, age, an ETA passed), unfinished dependencies,
    criteria, outcome, carry-over, aging."""
    out: list[Badge] = []
    conflicts = len(board.open_conflicts("cards", card.id)) if board.conflicts else 0
    if conflicts:  # left by a git merge: `mlboard resolve` closes them
        out.append((f"⚠{conflicts} conflict{'s' if conflicts > 1 else ''}", "blocked"))
    for blocker in card.open_blockers:
        out.append((f"✖{blocker.kind.value} {age(blocker.since, now)}", "blocked"))
        if blocker.eta is not None and blocker.eta < now.date():
            out.append((f"ETA+{(now.date() - blocker.eta).days}d", "blocked"))  # overdue
    deps = unfinished_dependencies(board, card)
    if deps:
        out.append((f"⇠{deps[0]}" if len(deps) == 1 else f"⇠{len(deps)} deps", "dependency"))
    criteria = _criteria(card, board)
    if criteria:
        out.append(criteria)
    if card.experiment is not None and card.experiment.outcome is not Outcome.OPEN:
        out.append((f"◆{card.experiment.outcome.value}", "outcome"))
    if card.carried:
        out.append((f"↻{card.carried}", "aging"))
    timebox = _timebox(board, card, now)
    if timebox:
        out.append(timebox)
    if board.mode is Mode.KANBAN and card.started_at and not board.is_done(card):
        days = (now - card.started_at).days
        out.append((f"◷{days}d", "aging" if days > board.sprint_days // 2 else "muted"))
    return out
