"""The Scrum header's figures: day N of M, points done of the scope, the sprint's burndown.

The burndown is the one `mlboard burndown` prints (planning.reports.burndown_report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mlboard.models import Board, Mode, Sprint
from mlboard.planning.reports.burndown import burndown_report


@dataclass(frozen=True)
class SprintFigures:
    sprint: Sprint
    day: int
    days: int
    done_points: float
    committed_points: float  # the scope now: committed at the start, plus and minus changes
    burndown: tuple[float, ...]  # points remaining at the end of each day so far
    ended_days_ago: int = 0  # an active sprint past its end, not closed yet


def sprint_figures(board: Board, now: datetime) -> SprintFigures | None:
    """The active sprint's figures in Scrum mode; None in Kanban or with no active sprint."""
    sprint = board.active_sprint() if board.mode is Mode.SCRUM else None
    if sprint is None:
        return None
    report = burndown_report(board, sprint, now)
    days = (sprint.end - sprint.start).days + 1
    day = min(max((now.date() - sprint.start).days + 1, 1), days)
    return SprintFigures(
        sprint=sprint,
        day=day,
        days=days,
        done_points=report.completed_points,
        committed_points=report.scope_points,
        burndown=report.remaining_series(),
        ended_days_ago=max(0, (now.date() - sprint.end).days),
    )
