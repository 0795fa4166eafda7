"""The sprint review: what got done, criteria against logged results, trends, experiments.

A closed sprint is reviewed as it was at close: its frozen snapshot says which cards were
completed, criteria and experiment outcomes are taken as of the close, so later edits and
later results never rewrite it. The active sprint is reviewed as it is now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from mlboard.models import (
    Board,
    Card,
    ConfusionMatrix,
    Criterion,
    CriterionStatus,
    EventKind,
    MetricResult,
    Op,
    Outcome,
    Sprint,
    SprintState,
)
from mlboard.models.criteria import compare
from mlboard.models.hints import Hint
from mlboard.planning.derived import criteria_states
from mlboard.planning.reports.burndown import burndown_report
from mlboard.planning.reports.common import (
    BRIEF_FIELDS,
    Membership,
    card_brief,
    day_start,
    iso,
    membership,
    pick_sprint,
    results_until,
)
from mlboard.planning.reports.review_values import (
    CardCriteria,
    Confused,
    Confusion,
    ExperimentEntry,
    Experiments,
    FailureNotes,
    MeasurableGoal,
    ReviewPoints,
    ReviewReport,
    SprintInfo,
    Trend,
    TrendPoint,
)
from mlboard.planning.reports.timeline import Timeline

# (metric, dataset) -> sprint id -> (card id, the result that stands for the sprint)
MetricTable = dict[tuple[str, str], dict[str, tuple[str, MetricResult]]]
HIGHER = (Op.GT, Op.GE)
BEST = "best"  # the sprint's best result, in the direction its criteria give
LATEST = "latest"
TOP_CONFUSIONS = 3


def review_report(
    board: Board, sprint_id: str | None, now: datetime, word: Callable[[Hint], str] = str
) -> ReviewReport:
    """The review of a sprint (default: the active one, else the last closed one); the
    criteria's hints worded by the front end's `word`."""
    sprint = pick_sprint(board, sprint_id)
    members = membership(board, sprint, now)
    cutoff = members.end if members.closed else None
    table = metric_table(board)
    cards = [board.cards[i] for i in members.members if i in board.cards]
    shown = {*members.members, *members.added, *members.removed}
    past = (Timeline(board, BRIEF_FIELDS, shown), cutoff) if cutoff is not None else None
    return ReviewReport(
        sprint=sprint_info(sprint, table),
        completed=tuple(card_brief(board, i, past) for i in members.completed),
        not_completed=tuple(card_brief(board, i, past) for i in members.unfinished),
        added=tuple(card_brief(board, i, past) for i in members.added),
        removed=tuple(card_brief(board, i, past) for i in members.removed),
        points=_points(board, members, now),
        criteria=_criteria(cards, cutoff, board, word),
        trends=trends(board, sprint, table),
        experiments=_experiments(board, cards, cutoff),
        failures=tuple(FailureNotes(c.id, c.title, c.failures) for c in cards if c.failures),
        confusion=tuple(_confusion(c, c.confusion) for c in cards if c.confusion is not None),
    )


def sprint_info(sprint: Sprint | None, table: MetricTable) -> SprintInfo | None:
    """A sprint's id, name, goal, dates and state, with its measurable goal evaluated."""
    if sprint is None:
        return None
    goal = sprint.measurable_goal
    return SprintInfo(
        id=sprint.id,
        name=sprint.name,
        goal=sprint.goal,
        state=sprint.state.value,
        start=sprint.start.isoformat(),
        end=sprint.end.isoformat(),
        measurable_goal=None if goal is None else _goal(sprint, goal, table),
    )


def _goal(sprint: Sprint, goal: Criterion, table: MetricTable) -> MeasurableGoal:
    status, value = goal_status(sprint, goal, table)
    found = table.get((goal.metric, goal.dataset), {}).get(sprint.id)
    return MeasurableGoal(
        criterion=str(goal),
        status=status.value,
        value=value,
        basis=BEST,
        card=found[0] if found else None,
        at=iso(found[1].at) if found else None,
    )


def goal_status(
    sprint: Sprint, goal: Criterion, table: MetricTable
) -> tuple[CriterionStatus, float | None]:
    """A measurable goal against the best result of its metric and dataset in the sprint
    (the highest for ``>``/``>=``, the lowest for ``<``/``<=``), whichever card logged it:
    an exploratory run logged after the adopted model does not undo the goal."""
    found = table.get((goal.metric, goal.dataset), {}).get(sprint.id)
    if found is None:
        return CriterionStatus.UNKNOWN, None
    value = found[1].value
    met = compare(value, goal.op, goal.threshold)
    return (CriterionStatus.MET if met else CriterionStatus.UNMET), value


def directions(board: Board) -> dict[tuple[str, str], bool]:
    """Per metric and dataset, whether higher is better, as the sprint goals (first) and the
    cards' acceptance criteria say; a metric no criterion names has no direction."""
    found: dict[tuple[str, str], bool] = {}
    criteria = [s.measurable_goal for s in board.sprints if s.measurable_goal is not None]
    criteria += [c for card in board.cards.values() for c in card.criteria]
    for criterion in criteria:
        found.setdefault((criterion.metric, criterion.dataset), criterion.op in HIGHER)
    return found


def metric_table(board: Board) -> MetricTable:
    """The result of each metric and dataset that stands for each sprint, over every card: the
    best one when a criterion says which way is better (`directions`), else the latest.

    A result counts for the sprint it was logged in, and only up to that sprint's close; a
    result logged with no sprint counts for the sprint that was running at the time, if one
    was: a result logged between sprints belongs to no sprint, so a closed sprint never
    changes.
    """
    higher = directions(board)
    windows = {s.id: _window(s) for s in board.sprints}
    table: MetricTable = {}
    for card in board.cards.values():
        for result in card.metrics:
            sprint_id = result.sprint or _running(windows, result.at)
            window = windows.get(sprint_id or "")
            if sprint_id is None or window is None or not window[0] <= result.at <= window[1]:
                continue
            key = (result.name, result.dataset)
            cell = table.setdefault(key, {})
            best = cell.get(sprint_id)
            if best is None or _better(result, best[1], higher.get(key)):
                cell[sprint_id] = (card.id, result)
    return table


def _window(sprint: Sprint) -> tuple[datetime, datetime]:
    """From the sprint's start to its close (no end while open); never for a planned one."""
    start = sprint.started_at or day_start(sprint.start)
    if sprint.snapshot is not None:
        return start, sprint.snapshot.closed_at
    if sprint.state is SprintState.PLANNED:
        return datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC)
    return start, datetime.max.replace(tzinfo=UTC)


def _running(windows: dict[str, tuple[datetime, datetime]], at: datetime) -> str | None:
    return next((sid for sid, (start, end) in windows.items() if start <= at <= end), None)


def _better(result: MetricResult, best: MetricResult, higher: bool | None) -> bool:
    if higher is None or result.value == best.value:
        return result.at >= best.at
    return result.value > best.value if higher else result.value < best.value


def trends(
    board: Board, upto: Sprint | None, table: MetricTable | None = None
) -> tuple[Trend, ...]:
    """Per metric and dataset, the value that stands for each sprint up to `upto`, oldest
    first: the sprint's best result when a criterion gives the metric a direction (`basis`
    ``best``), else its latest (``latest``); each point names the card that logged it.

    Closed sprints and the active one (its value so far) count; planned ones do not.
    """
    limit = upto.number if upto is not None else None
    sprints = sorted(
        (
            s
            for s in board.sprints
            if s.state is not SprintState.PLANNED and (limit is None or s.number <= limit)
        ),
        key=lambda s: s.number,
    )
    table = metric_table(board) if table is None else table
    higher = directions(board)
    out: list[Trend] = []
    for (name, dataset), cell in sorted(table.items()):
        points = tuple(
            TrendPoint(s.id, cell[s.id][1].value, cell[s.id][0]) for s in sprints if s.id in cell
        )
        if points:
            basis = BEST if (name, dataset) in higher else LATEST
            out.append(Trend(name, dataset, basis, points))
    return tuple(out)


def _points(board: Board, members: Membership, now: datetime) -> ReviewPoints:
    """Committed at the start, added, taken out and completed (at close, or now): the
    sprint's burndown; with no sprint, the points of every card and of the done ones."""
    sprint = members.sprint
    if sprint is None:
        points = {i: board.cards[i].points or 0.0 for i in members.members if i in board.cards}
        return ReviewPoints(
            committed=sum(points[i] for i in members.committed if i in points),
            added=None,
            removed=None,
            re_estimated=None,
            completed=sum(points[i] for i in members.completed),
        )
    burn = burndown_report(board, sprint, now)
    snap = sprint.snapshot
    return ReviewPoints(
        committed=burn.committed_points,
        added=burn.added_points,
        removed=burn.removed_points,
        re_estimated=burn.re_estimated_points,
        completed=snap.completed_points if snap is not None else burn.completed_points,
    )


def _criteria(
    cards: list[Card], cutoff: datetime | None, board: Board, word: Callable[[Hint], str]
) -> tuple[CardCriteria, ...]:
    out: list[CardCriteria] = []
    baselines = [b for b in board.baselines if cutoff is None or b.at <= cutoff]
    for card in cards:
        if not card.criteria:
            continue
        results = results_until(card, cutoff)
        states = criteria_states(card.criteria, results, baselines, card.id, word)
        out.append(CardCriteria(card.id, card.title, tuple(states)))
    return tuple(out)


def _experiments(board: Board, cards: list[Card], cutoff: datetime | None) -> Experiments:
    experiments = [c for c in cards if c.is_experiment]
    outcomes = outcomes_at(board, experiments, cutoff)
    carried = {c.id: c.carried for c in experiments}
    if cutoff is not None:  # as at the close: carry-overs counted up to it
        carried = dict.fromkeys(carried, 0)
        for event in board.events:
            if event.kind is EventKind.CARRIED and event.card in carried and event.at <= cutoff:
                carried[event.card] += 1
    counts = dict.fromkeys((o.value for o in Outcome), 0)
    listed: list[ExperimentEntry] = []
    for card in experiments:
        outcome = outcomes[card.id]
        counts[outcome] += 1
        design = card.experiment
        rewound = design is not None and design.outcome.value != outcome
        listed.append(
            ExperimentEntry(
                card=card.id,
                title=card.title,
                hypothesis=design.hypothesis if design else "",
                outcome=outcome,
                learnings=design.learnings if design and not rewound else "",
                carried=carried[card.id],
                timebox=design.timebox if design else 1,
            )
        )
    tested = len(experiments) - counts[Outcome.OPEN.value]
    return Experiments(counts, tested, tuple(listed))


def outcomes_at(board: Board, cards: Iterable[Card], cutoff: datetime | None) -> dict[str, str]:
    """Each experiment's outcome at `cutoff` (now when None), undoing later outcome events."""
    current = {
        c.id: (c.experiment.outcome.value if c.experiment else Outcome.OPEN.value) for c in cards
    }
    if cutoff is None:
        return current
    undone: set[str] = set()
    for event in board.events:
        card = event.card
        if (
            event.kind is EventKind.OUTCOME
            and card in current
            and card not in undone
            and event.at > cutoff
        ):
            current[card] = event.from_ or Outcome.OPEN.value
            undone.add(card)
    return current


def _confusion(card: Card, matrix: ConfusionMatrix) -> Confusion:
    total = sum(sum(row) for row in matrix.counts)
    correct = sum(matrix.counts[i][i] for i in range(len(matrix.labels)))
    recall = {
        label: (row[i] / sum(row) if sum(row) else None)
        for i, (label, row) in enumerate(zip(matrix.labels, matrix.counts, strict=True))
    }
    mistakes = sorted(
        (
            (count, matrix.labels[i], matrix.labels[j])
            for i, row in enumerate(matrix.counts)
            for j, count in enumerate(row)
            if i != j and count
        ),
        reverse=True,
    )[:TOP_CONFUSIONS]
    return Confusion(
        card=card.id,
        title=card.title,
        dataset=matrix.dataset,
        labels=tuple(matrix.labels),
        counts=tuple(tuple(row) for row in matrix.counts),
        accuracy=correct / total if total else None,
        recall=recall,
        top_confusions=tuple(Confused(t, p, n) for n, t, p in mistakes),
    )
