"""The retrospective: estimation accuracy, carry-over, data incidents, handoff friction, advice.

Figures of a closed sprint come from its frozen snapshot and from the history up to its
close (points and categories edited later are taken back to their value at close); the
active sprint is measured as it is now. One pass over the history gathers what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from mlboard.models import (
    BlockerKind,
    Board,
    Category,
    CriterionStatus,
    EventKind,
    Mode,
    Outcome,
    Sprint,
    SprintState,
)
from mlboard.models.hints import Hint, SwitchMode
from mlboard.planning.reports.burndown import FIELDS as BURNDOWN_FIELDS
from mlboard.planning.reports.burndown import burndown_report
from mlboard.planning.reports.common import (
    BRIEF_FIELDS,
    Membership,
    card_brief,
    hours,
    iso,
    median,
    membership,
    pick_sprint,
)
from mlboard.planning.reports.estimation import ResearchVsRest, estimation, research_vs_rest
from mlboard.planning.reports.retro_values import (
    CarriedCard,
    Handoff,
    Incident,
    RetroNote,
    RetroReport,
    SlowHandoff,
    SprintVelocity,
)
from mlboard.planning.reports.review import MetricTable, goal_status, metric_table, sprint_info
from mlboard.planning.reports.timeline import Timeline

INCIDENT_KINDS = (BlockerKind.DATA, BlockerKind.PIPELINE)
SLOW_HANDOFF_HOURS = 48.0
SLOWEST = 3
GUIDE_QUOTE = (
    "“If you cannot write meaningful sprint goals with measurable outcomes, Scrum adds overhead.”"
)


def retro_report(
    board: Board, sprint_id: str | None, now: datetime, word: Callable[[Hint], str] = str
) -> RetroReport:
    """The retrospective of a sprint (default: the active one, else the last closed one);
    the front end's `word` says the action its advice suggests."""
    sprint = pick_sprint(board, sprint_id)
    members = membership(board, sprint, now)
    scan = _scan(board, members)
    table = metric_table(board)
    rows = estimation(board, members)
    handoff = _handoff(scan)
    split = research_vs_rest(rows)
    carried = _carried(board, members, scan)
    return RetroReport(
        sprint=sprint_info(sprint, table),
        estimation=rows,
        research_vs_rest=split,
        velocity=velocity(board, sprint, now),
        carried_over=carried,
        data_incidents=_incidents(board, members, scan),
        handoff_hours=handoff.median,
        handoff=handoff,
        notes=tuple(
            RetroNote(n.person, n.kind, n.text, n.card)
            for n in board.retro_notes
            if sprint is not None and n.sprint == sprint.id
        ),
        advice=_advice(board, sprint, table, split, carried, handoff, word),
    )


def velocity(
    board: Board, upto: Sprint | None, now: datetime | None = None
) -> tuple[SprintVelocity, ...]:
    """Each closed sprint up to `upto`, oldest first: the points committed at its start, added
    and taken out during it, the net re-estimates, and completed at its close (its burndown).
    """
    limit = upto.number if upto is not None else None
    timeline = Timeline(board, BURNDOWN_FIELDS)
    out: list[SprintVelocity] = []
    for s in sorted(board.sprints, key=lambda s: s.number):
        if s.snapshot is None or (limit is not None and s.number > limit):
            continue
        burn = burndown_report(board, s, now or s.snapshot.closed_at, timeline)
        out.append(
            SprintVelocity(
                sprint=s.id,
                committed_points=burn.committed_points,
                added_points=burn.added_points,
                removed_points=burn.removed_points,
                re_estimated_points=burn.re_estimated_points,
                completed_points=s.snapshot.completed_points,
            )
        )
    return tuple(out)


# --- one pass over the history ---------------------------------------------------------------


@dataclass
class _Scan:
    """What the retro reads from the events of the sprint's window."""

    review_column: str | None
    carried_to: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    times_carried: dict[str, int] = field(default_factory=dict)
    in_review: dict[str, datetime] = field(default_factory=dict)
    review_hours: dict[str, float] = field(default_factory=dict)
    pipeline_failures: list[_Failure] = field(default_factory=list)


@dataclass
class _Failure:
    """A pipeline failing since `since`, until `resolved_at` (None: still, at the window's end)."""

    pipeline: str
    since: datetime
    resolved_at: datetime | None = None


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
    failing: dict[str, _Failure] = {}
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
            _pipeline_event(scan, failing, event.field or "", event.to, event.at)
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
    scan: _Scan, failing: dict[str, _Failure], field_name: str, status: str | None, at: datetime
) -> None:
    name = field_name.removeprefix("pipelines:")
    if status == "failing" and name not in failing:
        failing[name] = _Failure(name, at)
        scan.pipeline_failures.append(failing[name])
    elif status != "failing" and name in failing:
        failing.pop(name).resolved_at = at


def _pipeline_incidents(board: Board, scan: _Scan, members: Membership) -> list[Incident]:
    """Pipelines failing at some time in the window (the history is read up to its end), with
    how long they failed."""
    notes = {p.name: p.note for p in board.pipelines}
    out: list[Incident] = []
    for failure in scan.pipeline_failures:
        since, resolved = failure.since, failure.resolved_at
        if resolved is not None and resolved < members.start:
            continue
        out.append(
            Incident(
                card=None,
                title=None,
                pipeline=failure.pipeline,
                kind="pipeline",
                note=notes.get(failure.pipeline, "") if resolved is None else "",
                since=iso(since),
                resolved_at=iso(resolved),
                hours_open=hours(since, resolved or members.end),
                raised_before_sprint=since < members.start,
            )
        )
    return out


# --- sections ----------------------------------------------------------------------------


def _carried(board: Board, members: Membership, scan: _Scan) -> tuple[CarriedCard, ...]:
    """The unfinished cards, with title, category and points as they were at the close."""
    timeline = Timeline(board, BRIEF_FIELDS, set(members.unfinished))
    past = (timeline, members.end) if members.closed else None
    out: list[CarriedCard] = []
    for card_id in members.unfinished:
        card = board.cards.get(card_id)
        brief = card_brief(board, card_id, past)
        target, note = scan.carried_to.get(card_id, (None, None))
        design = card.experiment if card else None
        state = "open" if not members.closed else "carried" if target else "returned"
        out.append(
            CarriedCard(
                card=card_id,
                state=state,
                title=brief.title,
                category=brief.category,
                research=brief.category == Category.EXPERIMENT.value,
                points=brief.points,
                to=target,
                times=scan.times_carried.get(card_id, 0),
                timebox=design.timebox if design else None,
                note=note,
            )
        )
    return tuple(out)


def _incidents(board: Board, members: Membership, scan: _Scan) -> tuple[Incident, ...]:
    """Data and pipeline blockers, and pipeline failures, open at some time in the sprint's
    window (raised in it, or raised before and still open at its start). A closed sprint's
    incidents are as they were at its close: one resolved later is still open there."""
    out: list[Incident] = []
    start, end = members.start, members.end
    for card in board.cards.values():
        for blocker in card.blockers:
            if blocker.kind not in INCIDENT_KINDS or blocker.since > end:
                continue
            resolved = blocker.resolved_at
            if resolved is not None and resolved > end:
                resolved = None  # resolved after the close: open as far as the sprint knew
            if resolved is not None and resolved < start:
                continue  # over before the sprint began
            out.append(
                Incident(
                    card=card.id,
                    title=card.title,
                    pipeline=None,
                    kind=blocker.kind.value,
                    note=blocker.note,
                    since=iso(blocker.since),
                    resolved_at=iso(resolved),
                    hours_open=hours(blocker.since, resolved or end),
                    raised_before_sprint=blocker.since < start,
                )
            )
    out += _pipeline_incidents(board, scan, members)
    out.sort(key=lambda incident: str(incident.since))
    return tuple(out)


def _handoff(scan: _Scan) -> Handoff:
    times = scan.review_hours
    slowest = sorted(times.items(), key=lambda item: -item[1])[:SLOWEST]
    middle = median(list(times.values()))
    return Handoff(
        column=scan.review_column,
        count=len(times),
        median=round(middle, 1) if middle is not None else None,
        max=max(times.values(), default=None),
        slowest=tuple(SlowHandoff(c, h) for c, h in slowest),
    )


# --- advice ------------------------------------------------------------------------------


def _advice(
    board: Board,
    sprint: Sprint | None,
    table: MetricTable,
    split: ResearchVsRest,
    carried: tuple[CarriedCard, ...],
    handoff: Handoff,
    word: Callable[[Hint], str],
) -> tuple[str, ...]:
    advice = [*_goal_advice(board, sprint, table, word), *_research_advice(split)]
    advice += _timebox_advice(board, carried)
    median_hours = handoff.median
    if median_hours is not None and median_hours > SLOW_HANDOFF_HOURS:
        advice.append(
            f"Cards waited a median of {median_hours:g} h in {handoff.column}: "
            "agree who picks up reviews, and when."
        )
    return tuple(advice)


def _goal_advice(
    board: Board, sprint: Sprint | None, table: MetricTable, word: Callable[[Hint], str]
) -> list[str]:
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
    kanban = Hint.of(
        f"{why}. {GUIDE_QUOTE} Write the next goal as a checkable result "
        "(e.g. accuracy>=0.9@holdout), or run this work in Kanban mode",
        action=SwitchMode(Mode.KANBAN),
    )
    return [word(kanban) + "."]


def _research_advice(split: ResearchVsRest) -> list[str]:
    research, rest = split.research.accuracy, split.rest.accuracy
    if research is None or rest is None or research >= 0.5 or rest < 0.8:
        return []
    return [
        f"Research stories completed {research:.0%} of their points against {rest:.0%} for "
        "the rest: time-box experiments instead of estimating them in points; a carried "
        "experiment needs a status update, not a sense of failure."
    ]


def _timebox_advice(board: Board, carried: tuple[CarriedCard, ...]) -> list[str]:
    out = []
    for entry in carried:
        card = board.cards.get(entry.card)
        if card is None or card.experiment is None or card.experiment.outcome is not Outcome.OPEN:
            continue
        used = entry.times or card.carried
        if used >= card.experiment.timebox:
            out.append(
                f"{card.id} has been carried {used} time(s) on a {card.experiment.timebox}-sprint "
                "time-box: conclude it as promising, eliminated or inconclusive."
            )
    return out
