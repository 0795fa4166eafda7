"""The sprint review: what got done, criteria against logged results, trends, experiments.

A closed sprint is reviewed as it was at close: its frozen snapshot says which cards were
completed, criteria and experiment outcomes are taken as of the close, so later edits and
later results never rewrite it. The active sprint is reviewed as it is now.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime

from mlboard.models import (
    Board,
    Card,
    ConfusionMatrix,
    Criterion,
    CriterionStatus,
    EventKind,
    MetricResult,
    Outcome,
    Sprint,
    SprintState,
)
from mlboard.models.criteria import compare
from mlboard.planning.derived import criteria_states
from mlboard.planning.reports.common import (
    Membership,
    Report,
    card_brief,
    membership,
    pick_sprint,
    points_at,
    results_until,
)

# (metric, dataset) -> sprint id -> (card id, the sprint's latest result)
MetricTable = dict[tuple[str, str], dict[str, tuple[str, MetricResult]]]
TOP_CONFUSIONS = 3


def review_report(board: Board, sprint_id: str | None, now: datetime) -> Report:
    """The review of a sprint (default: the active one, else the last closed one)."""
    sprint = pick_sprint(board, sprint_id)
    members = membership(board, sprint, now)
    cutoff = members.end if members.closed else None
    table = metric_table(board)
    cards = [board.cards[i] for i in members.members if i in board.cards]
    return {
        "sprint": sprint_info(sprint, table),
        "completed": [card_brief(board, i) for i in members.completed],
        "not_completed": [card_brief(board, i) for i in members.unfinished],
        "added": [card_brief(board, i) for i in members.added],
        "removed": [card_brief(board, i) for i in members.removed],
        "points": _points(board, members),
        "criteria": _criteria(cards, cutoff, board),
        "trends": trends(board, sprint, table),
        "experiments": _experiments(board, cards, cutoff),
        "failures": [
            {"card": c.id, "title": c.title, "notes": list(c.failures)} for c in cards if c.failures
        ],
        "confusion": [_confusion(c, c.confusion) for c in cards if c.confusion is not None],
    }


def sprint_info(sprint: Sprint | None, table: MetricTable) -> Report | None:
    """A sprint's id, name, goal, dates and state, with its measurable goal evaluated."""
    if sprint is None:
        return None
    goal = sprint.measurable_goal
    return {
        "id": sprint.id,
        "name": sprint.name,
        "goal": sprint.goal,
        "state": sprint.state.value,
        "start": sprint.start.isoformat(),
        "end": sprint.end.isoformat(),
        "measurable_goal": None if goal is None else _goal(sprint, goal, table),
    }


def _goal(sprint: Sprint, goal: Criterion, table: MetricTable) -> Report:
    status, value = goal_status(sprint, goal, table)
    return {"criterion": str(goal), "status": status.value, "value": value}


def goal_status(
    sprint: Sprint, goal: Criterion, table: MetricTable
) -> tuple[CriterionStatus, float | None]:
    """A measurable goal against the latest result of its metric logged in the sprint."""
    found = table.get((goal.metric, goal.dataset), {}).get(sprint.id)
    if found is None:
        return CriterionStatus.UNKNOWN, None
    value = found[1].value
    met = compare(value, goal.op, goal.threshold)
    return (CriterionStatus.MET if met else CriterionStatus.UNMET), value


def metric_table(board: Board) -> MetricTable:
    """The latest result of each metric and dataset in each sprint, over every card.

    A result logged outside any sprint counts for the sprint whose dates hold its day.
    """
    dated = sorted(board.sprints, key=lambda s: s.start)
    starts = [s.start for s in dated]
    table: MetricTable = {}
    for card in board.cards.values():
        for result in card.metrics:
            sprint_id = result.sprint or _sprint_on(dated, starts, result.at)
            if sprint_id is None:
                continue
            cell = table.setdefault((result.name, result.dataset), {})
            best = cell.get(sprint_id)
            if best is None or result.at >= best[1].at:
                cell[sprint_id] = (card.id, result)
    return table


def _sprint_on(dated: list[Sprint], starts: list[date], at: datetime) -> str | None:
    index = bisect_right(starts, at.date()) - 1
    if index >= 0 and at.date() <= dated[index].end:
        return dated[index].id
    return None


def trends(board: Board, upto: Sprint | None, table: MetricTable | None = None) -> list[Report]:
    """Per metric and dataset, the latest value of each sprint up to `upto`, oldest first.

    Closed sprints and the active one (its latest value so far) count; planned ones do not.
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
    out: list[Report] = []
    for (name, dataset), cell in sorted(table.items()):
        points = [
            {"sprint": s.id, "value": cell[s.id][1].value, "card": cell[s.id][0]}
            for s in sprints
            if s.id in cell
        ]
        if points:
            out.append({"metric": name, "dataset": dataset, "points": points})
    return out


def _points(board: Board, members: Membership) -> Report:
    snap = members.sprint.snapshot if members.sprint else None
    if snap is not None:
        return {"committed": snap.committed_points, "completed": snap.completed_points}
    points = points_at(board, members.members, None)
    return {
        "committed": sum(points[i] for i in members.committed if i in points),
        "completed": sum(points[i] for i in members.completed),
    }


def _criteria(cards: list[Card], cutoff: datetime | None, board: Board) -> list[Report]:
    out: list[Report] = []
    baselines = [b for b in board.baselines if cutoff is None or b.at <= cutoff]
    for card in cards:
        if not card.criteria:
            continue
        results = results_until(card, cutoff)
        states = criteria_states(card.criteria, results, baselines, card.id)
        out.append({"card": card.id, "title": card.title, "criteria": states})
    return out


def _experiments(board: Board, cards: list[Card], cutoff: datetime | None) -> Report:
    experiments = [c for c in cards if c.is_experiment]
    outcomes = outcomes_at(board, experiments, cutoff)
    counts = dict.fromkeys((o.value for o in Outcome), 0)
    listed: list[Report] = []
    for card in experiments:
        outcome = outcomes[card.id]
        counts[outcome] += 1
        design = card.experiment
        rewound = design is not None and design.outcome.value != outcome
        listed.append(
            {
                "card": card.id,
                "title": card.title,
                "hypothesis": design.hypothesis if design else "",
                "outcome": outcome,
                "learnings": design.learnings if design and not rewound else "",
                "carried": card.carried,
                "timebox": design.timebox if design else 1,
            }
        )
    tested = len(experiments) - counts[Outcome.OPEN.value]
    return {"counts": counts, "tested": tested, "list": listed}


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


def _confusion(card: Card, matrix: ConfusionMatrix) -> Report:
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
    return {
        "card": card.id,
        "title": card.title,
        "dataset": matrix.dataset,
        "labels": list(matrix.labels),
        "counts": [list(row) for row in matrix.counts],
        "accuracy": correct / total if total else None,
        "recall": recall,
        "top_confusions": [{"true": t, "predicted": p, "count": n} for n, t, p in mistakes],
    }
