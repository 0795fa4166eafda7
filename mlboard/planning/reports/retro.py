"""The retrospective: estimation accuracy, carry-over, data incidents, handoff friction, advice.

Figures of a closed sprint come from its frozen snapshot and from the history up to its
close (points and categories edited later are taken back to their value at close); the
active sprint is measured as it is now. One pass over the history gathers what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mlboard.models import (
    BlockerKind,
    Board,
    Category,
    CriterionStatus,
    EventKind,
    Outcome,
    Sprint,
    SprintState,
)
from mlboard.planning.reports.burndown import FIELDS as BURNDOWN_FIELDS
from mlboard.planning.reports.burndown import burndown_report
from mlboard.planning.reports.common import (
    Membership,
    Report,
    edited_values_at,
    hours,
    iso,
    median,
    membership,
    pick_sprint,
    points_at,
)
from mlboard.planning.reports.review import MetricTable, goal_status, metric_table, sprint_info
from mlboard.planning.reports.timeline import Timeline

INCIDENT_KINDS = (BlockerKind.DATA, BlockerKind.PIPELINE)
SLOW_HANDOFF_HOURS = 48.0
SLOWEST = 3
GUIDE_QUOTE = (
    "“If you cannot write meaningful sprint goals with measurable outcomes, Scrum adds overhead.”"
)


def retro_report(board: Board, sprint_id: str | None, now: datetime) -> Report:
    """The retrospective of a sprint (default: the active one, else the last closed one)."""
    sprint = pick_sprint(board, sprint_id)
    members = membership(board, sprint, now)
    scan = _scan(board, members)
    table = metric_table(board)
    estimation = _estimation(board, members)
    handoff = _handoff(scan)
    report: Report = {
        "sprint": sprint_info(sprint, table),
        "estimation": estimation,
        "research_vs_rest": _research_vs_rest(estimation),
        "velocity": velocity(board, sprint, now),
        "carried_over": _carried(board, members, scan),
        "data_incidents": _incidents(board, members, scan),
        "handoff_hours": handoff["median"],
        "handoff": handoff,
        "notes": [
            {"person": n.person, "kind": n.kind, "text": n.text, "card": n.card}
            for n in board.retro_notes
            if sprint is not None and n.sprint == sprint.id
        ],
    }
    report["advice"] = _advice(board, sprint, report, table)
    return report


def velocity(board: Board, upto: Sprint | None, now: datetime | None = None) -> list[Report]:
    """Each closed sprint up to `upto`, oldest first: the points committed at its start, added
    and taken out during it, the net re-estimates, and completed at its close (its burndown).
    """
    limit = upto.number if upto is not None else None
    timeline = Timeline(board, BURNDOWN_FIELDS)
    out: list[Report] = []
    for s in sorted(board.sprints, key=lambda s: s.number):
        if s.snapshot is None or (limit is not None and s.number > limit):
            continue
        burn = burndown_report(board, s, now or s.snapshot.closed_at, timeline)
        out.append(
            {
                "sprint": s.id,
                "committed_points": burn["committed_points"],
                "added_points": burn["added_points"],
                "removed_points": burn["removed_points"],
                "re_estimated_points": burn["re_estimated_points"],
                "completed_points": s.snapshot.completed_points,
            }
        )
    return out


# --- one pass over the history ---------------------------------------------------------------


@dataclass
class _Scan:
    """What the retro reads from the events of the sprint's window."""

    review_column: str | None
    carried_to: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    times_carried: dict[str, int] = field(default_factory=dict)
    in_review: dict[str, datetime] = field(default_factory=dict)
    review_hours: dict[str, float] = field(default_factory=dict)
    pipeline_failures: list[Report] = field(default_factory=list)


def _review_column(board: Board) -> str | None:
    """The column where work waits for a handoff: ``review``, else the one before done."""
    ids = board.column_ids()
    if "review" in ids:
        return "review"
    first_done = next((i for i, c in enumerate(board.columns) if c.done), None)
    return ids[first_done - 1] if first_done else None


def _scan(board: Board, members: Membership) -> _Scan:
    scan = _Scan(_review_column(board))
    sprint_id = members.sprint.id if members.sprint else None
    wanted = set(members.members) | set(members.committed) | set(members.added)
    failing: dict[str, Report] = {}
    for event in board.events:
        if event.at > members.end:
            break
        card = event.card
        if card in wanted and event.kind is EventKind.MOVED:
            _review_move(scan, card, event.from_, event.to, event.at, members.start)
        elif card in wanted and event.kind in (EventKind.CARRIED, EventKind.REMOVED):
            if event.kind is EventKind.CARRIED:
                scan.times_carried[card] = scan.times_carried.get(card, 0) + 1
            if sprint_id is not None and event.from_ == sprint_id:
                scan.carried_to[card] = (event.to, event.note)
        elif event.kind is EventKind.BOARD and (event.field or "").startswith("pipelines:"):
            _pipeline_event(scan, failing, event.field or "", event.to, event.at, members)
    for card, entered in scan.in_review.items():
        _add_review_time(scan, card, max(entered, members.start), members.end)
    return scan


def _review_move(
    scan: _Scan, card: str, left: str | None, entered: str | None, at: datetime, start: datetime
) -> None:
    if left == scan.review_column and card in scan.in_review:
        since = scan.in_review.pop(card)
        if at > start:
            _add_review_time(scan, card, max(since, start), at)
    if entered == scan.review_column:
        scan.in_review[card] = at


def _add_review_time(scan: _Scan, card: str, start: datetime, end: datetime) -> None:
    if end > start:
        scan.review_hours[card] = scan.review_hours.get(card, 0.0) + hours(start, end)


def _pipeline_event(
    scan: _Scan,
    failing: dict[str, Report],
    field_name: str,
    status: str | None,
    at: datetime,
    members: Membership,
) -> None:
    name = field_name.removeprefix("pipelines:")
    if status == "failing" and name not in failing:
        incident: Report = {"card": None, "title": None, "pipeline": name, "kind": "pipeline"}
        incident |= {"note": "", "since": at, "resolved_at": None}
        failing[name] = incident
        if at >= members.start:
            scan.pipeline_failures.append(incident)
    elif status != "failing" and name in failing:
        failing.pop(name)["resolved_at"] = at


def _pipeline_incidents(board: Board, scan: _Scan, end: datetime) -> list[Report]:
    """Pipelines that started failing in the window, with how long they failed."""
    notes = {p.name: p.note for p in board.pipelines}
    out: list[Report] = []
    for incident in scan.pipeline_failures:
        since, resolved = incident["since"], incident["resolved_at"]
        out.append(
            incident
            | {
                "note": notes.get(incident["pipeline"], "") if resolved is None else "",
                "since": iso(since),
                "resolved_at": iso(resolved),
                "hours_open": hours(since, resolved or end),
            }
        )
    return out


# --- sections ----------------------------------------------------------------------------


def _estimation(board: Board, members: Membership) -> dict[str, Report]:
    ids = [*members.committed, *members.added]
    cutoff = members.end if members.closed else None
    points = points_at(board, ids, cutoff)
    categories = _categories_at(board, ids, cutoff)
    rows = {c.value: _row() for c in Category}
    completed, unfinished, added = (
        set(members.completed),
        set(members.unfinished),
        set(members.added),
    )
    for card_id in dict.fromkeys(ids):
        row = rows[categories.get(card_id, Category.ENGINEERING.value)]
        value = points[card_id]
        kind = "added" if card_id in added else "committed"
        row[kind] += 1
        row[f"{kind}_points"] += value
        if card_id in completed:
            row["completed"] += 1
            row["completed_points"] += value
        elif card_id in unfinished:
            row["carried"] += 1
            row["carried_points"] += value
    for row in rows.values():
        row["accuracy"] = _accuracy(row)
    return rows


def _row() -> Report:
    return dict.fromkeys(
        (
            "committed",
            "committed_points",
            "added",
            "added_points",
            "completed",
            "completed_points",
            "carried",
            "carried_points",
        ),
        0,
    )


def _accuracy(row: Report) -> float | None:
    """Completed points over the points taken in (committed and added)."""
    taken = row["committed_points"] + row["added_points"]
    return round(row["completed_points"] / taken, 3) if taken else None


def _categories_at(board: Board, ids: list[str], cutoff: datetime | None) -> dict[str, str]:
    current = {i: board.cards[i].category.value for i in ids if i in board.cards}
    if cutoff is not None:
        for (card_id, _), text in edited_values_at(board, ids, ("category",), cutoff).items():
            if text in {c.value for c in Category}:
                current[card_id] = str(text)
    return current


def _research_vs_rest(estimation: dict[str, Report]) -> Report:
    """Experiment stories against every other category, summed."""
    research = dict(estimation[Category.EXPERIMENT.value])
    rest = _row()
    for category, row in estimation.items():
        if category != Category.EXPERIMENT.value:
            for key in rest:
                rest[key] += row[key]
    rest["accuracy"] = _accuracy(rest)
    return {"research": research, "rest": rest}


def _carried(board: Board, members: Membership, scan: _Scan) -> list[Report]:
    out: list[Report] = []
    for card_id in members.unfinished:
        card = board.cards.get(card_id)
        target, note = scan.carried_to.get(card_id, (None, None))
        design = card.experiment if card else None
        state = "open" if not members.closed else "carried" if target else "returned"
        out.append(
            {
                "card": card_id,
                "state": state,
                "title": card.title if card else None,
                "category": card.category.value if card else None,
                "research": bool(card and card.is_experiment),
                "points": card.points if card else None,
                "to": target,
                "times": scan.times_carried.get(card_id, 0),
                "timebox": design.timebox if design else None,
                "note": note,
            }
        )
    return out


def _incidents(board: Board, members: Membership, scan: _Scan) -> list[Report]:
    """Data and pipeline blockers raised in the sprint's window, and pipelines that failed."""
    out: list[Report] = []
    for card in board.cards.values():
        for blocker in card.blockers:
            if blocker.kind in INCIDENT_KINDS and members.start <= blocker.since <= members.end:
                closed = blocker.resolved_at
                out.append(
                    {
                        "card": card.id,
                        "title": card.title,
                        "kind": blocker.kind.value,
                        "note": blocker.note,
                        "since": iso(blocker.since),
                        "resolved_at": iso(closed),
                        "hours_open": hours(blocker.since, closed or members.end),
                    }
                )
    out += _pipeline_incidents(board, scan, members.end)
    out.sort(key=lambda incident: str(incident["since"]))
    return out


def _handoff(scan: _Scan) -> Report:
    times = scan.review_hours
    slowest = sorted(times.items(), key=lambda item: -item[1])[:SLOWEST]
    middle = median(list(times.values()))
    return {
        "column": scan.review_column,
        "count": len(times),
        "median": round(middle, 1) if middle is not None else None,
        "max": max(times.values(), default=None),
        "slowest": [{"card": c, "hours": h} for c, h in slowest],
    }


# --- advice ------------------------------------------------------------------------------


def _advice(board: Board, sprint: Sprint | None, report: Report, table: MetricTable) -> list[str]:
    advice = [*_goal_advice(board, sprint, table), *_research_advice(report)]
    advice += _timebox_advice(board, report["carried_over"])
    median_hours = report["handoff_hours"]
    if median_hours is not None and median_hours > SLOW_HANDOFF_HOURS:
        advice.append(
            f"Cards waited a median of {median_hours:g} h in {report['handoff']['column']}: "
            "agree who picks up reviews, and when."
        )
    return advice


def _goal_advice(board: Board, sprint: Sprint | None, table: MetricTable) -> list[str]:
    """Advice from the history of sprint goals, when most lacked a measurable one or missed it."""
    limit = sprint.number if sprint is not None else None
    closed = [
        s
        for s in board.sprints
        if s.state is SprintState.CLOSED and (limit is None or s.number <= limit)
    ]
    if len(closed) < 2:
        return []
    measured = [s for s in closed if s.measurable_goal is not None]
    met = sum(
        1
        for s in measured
        if s.measurable_goal and goal_status(s, s.measurable_goal, table)[0] is CriterionStatus.MET
    )
    if len(measured) * 2 < len(closed):
        why = (
            f"{len(closed) - len(measured)} of {len(closed)} closed sprints had no measurable goal"
        )
    elif met * 2 < len(measured):
        why = f"only {met} of {len(measured)} measurable sprint goals were met"
    else:
        return []
    return [
        f"{why}. {GUIDE_QUOTE} Write the next goal as a checkable result "
        "(e.g. accuracy>=0.9@holdout), or run this work in Kanban mode (mlboard mode kanban)."
    ]


def _research_advice(report: Report) -> list[str]:
    research = report["research_vs_rest"]["research"]["accuracy"]
    rest = report["research_vs_rest"]["rest"]["accuracy"]
    if research is None or rest is None or research >= 0.5 or rest < 0.8:
        return []
    return [
        f"Research stories completed {research:.0%} of their points against {rest:.0%} for "
        "the rest: time-box experiments instead of estimating them in points; a carried "
        "experiment needs a status update, not a sense of failure."
    ]


def _timebox_advice(board: Board, carried: list[Report]) -> list[str]:
    out = []
    for entry in carried:
        card = board.cards.get(entry["card"])
        if card is None or card.experiment is None or card.experiment.outcome is not Outcome.OPEN:
            continue
        used = entry["times"] or card.carried
        if used >= card.experiment.timebox:
            out.append(
                f"{card.id} has been carried {used} time(s) on a {card.experiment.timebox}-sprint "
                "time-box: conclude it as promising, eliminated or inconclusive."
            )
    return out
