"""The planning check: what would stop a sprint's stories, before the sprint starts.

`plan_report(board)` looks at the planned sprint (else the active one); in Kanban mode, or
with no sprint, at the work in flight: every card past the first column and not done.
Findings come grouped by check, in `CHECKS` order, and by card number within a check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean

from mlboard.models import (
    BlockerKind,
    Board,
    Card,
    Dataset,
    DatasetStatus,
    Experiment,
    Mode,
    Outcome,
    Pipeline,
    PipelineStatus,
    Sprint,
    SprintState,
)
from mlboard.models.hints import AddDataset, AddPerson, ConcludeExperiment, Hint
from mlboard.planning.reports.common import (
    age_days,
    by_number,
    over_timebox,
    timebox_days,
)
from mlboard.planning.reports.value import Value

CHECKS = ("data-readiness", "compute", "experiment-design", "dependencies", "roles", "capacity")
CAPACITY_HISTORY = 3
LISTED = 5

Word = Callable[[Hint], str]  # a front end's words for a hint (mlboard.models.hints)


def planning_sprint(board: Board) -> Sprint | None:
    """The sprint checked by default: the planned one, else the active one; none in Kanban."""
    if board.mode is Mode.KANBAN:
        return None
    return board.planned_sprint() or board.active_sprint()


@dataclass(frozen=True)
class Finding(Value):
    """What one check found: an error stops the sprint's work, a warning slows it."""

    check: str  # one of CHECKS
    severity: str  # "error" or "warning"
    card: str | None  # None: the sprint as a whole
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class PlanReport(Value):
    """The sprint checked (None: the work in flight) and the findings, by check."""

    sprint: str | None
    findings: tuple[Finding, ...]

    @property
    def error_count(self) -> int:
        """How many findings are errors (`mlboard plan` exits 1 on any; `sprint start
        --strict` refuses): the one count every front end shows."""
        return sum(1 for finding in self.findings if finding.is_error)


def plan_report(
    board: Board,
    sprint_id: str | None = None,
    now: datetime | None = None,
    word: Word = str,
) -> PlanReport:
    """The planning check of a sprint (default: `planning_sprint`), else of the work in flight.

    With no sprint (Kanban), `now` lets experiments in progress be aged against their
    time-box (time-box sprints × the board's sprint length in days). The front end's `word`
    says the action a finding suggests (add the dataset, the person; set the outcome).
    """
    sprint = board.sprint(sprint_id) if sprint_id else planning_sprint(board)
    cards = _scope(board, sprint)
    done = board.done_ids()
    pending = [c for c in cards if c.status not in done]
    findings = [
        *_data_readiness(board, pending, word),
        *_compute(board, sprint, cards),
        *_experiment_design(pending, word),
        *(_aging(board, pending, now, word) if sprint is None and now is not None else []),
        *_dependencies(board, sprint, pending),
        *_roles(board, pending, word),
        *_capacity(board, sprint, cards),
    ]
    return PlanReport(sprint.id if sprint else None, tuple(findings))


def _scope(board: Board, sprint: Sprint | None) -> list[Card]:
    if sprint is not None:
        ids = (c.id for c in board.cards.values() if c.sprint == sprint.id)
    else:
        first, done = board.columns[0].id, board.done_ids()
        ids = (c.id for c in board.cards.values() if c.status != first and c.status not in done)
    return [board.cards[i] for i in by_number(ids)]


def _finding(check: str, severity: str, card: str | None, message: str) -> Finding:
    return Finding(check, severity, card, message)


def _listed(ids: Iterable[str]) -> str:
    ids = list(ids)
    more = f" and {len(ids) - LISTED} more" if len(ids) > LISTED else ""
    return ", ".join(ids[:LISTED]) + more


# --- data readiness ------------------------------------------------------------------------


def _data_readiness(board: Board, pending: list[Card], word: Word) -> list[Finding]:
    datasets = {d.name: d for d in board.datasets}
    pipelines = {p.name: p for p in board.pipelines}
    out: list[Finding] = []
    for card in pending:
        for name in card.datasets:
            problem = _dataset_problem(name, datasets, pipelines, word)
            if problem is not None:
                severity, why = problem
                out.append(_finding("data-readiness", severity, card.id, f"{card.id} needs {why}"))
        for blocker in card.open_blockers:
            if blocker.kind is BlockerKind.DATA:
                note = f": {blocker.note}" if blocker.note else ""
                out.append(
                    _finding(
                        "data-readiness", "warning", card.id, f"{card.id} waits for data{note}"
                    )
                )
    return out


def _dataset_problem(
    name: str, datasets: dict[str, Dataset], pipelines: dict[str, Pipeline], word: Word
) -> tuple[str, str] | None:
    dataset = datasets.get(name)
    if dataset is None:
        missing = Hint.of(f"dataset {name!r}, which is not on the board", action=AddDataset(name))
        return "error", word(missing)
    if dataset.status is DatasetStatus.MISSING:
        return "error", f"dataset {name!r}, which is missing"
    if dataset.status is DatasetStatus.REQUESTED:
        return "warning", f"dataset {name!r}, which is only requested so far"
    pipeline = pipelines.get(dataset.pipeline or "")
    if pipeline is None or pipeline.status is PipelineStatus.OK:
        return None
    note = f" ({pipeline.note})" if pipeline.note else ""
    severity = "error" if pipeline.status is PipelineStatus.FAILING else "warning"
    return severity, (
        f"dataset {name!r}, made by pipeline {pipeline.name!r}, "
        f"which is {pipeline.status.value}{note}"
    )


# --- compute -------------------------------------------------------------------------------


def _compute(board: Board, sprint: Sprint | None, cards: list[Card]) -> list[Finding]:
    pools = {p.name: p for p in board.pools}
    only = next(iter(pools)) if len(pools) == 1 else None
    out: list[Finding] = []
    used: dict[str, list[Card]] = {}
    for card in cards:
        if not card.gpu_hours:
            continue
        pool = card.pool or only
        if pool is None:
            message = f"{card.id} needs {card.gpu_hours:g} GPU hours but names no compute pool"
            out.append(_finding("compute", "warning", card.id, message))
        elif pool not in pools:
            message = f"{card.id} uses compute pool {pool!r}, which is not on the board"
            out.append(_finding("compute", "error", card.id, message))
        else:
            used.setdefault(pool, []).append(card)
    if sprint is None:
        return out
    for name, users in used.items():
        out += _pool_over(sprint, pools[name].gpu_hours, name, users)
    return out


def _pool_over(sprint: Sprint, capacity: float, pool: str, users: list[Card]) -> list[Finding]:
    reserved = sum(r.gpu_hours for r in sprint.reservations if r.pool == pool)
    available = capacity - reserved
    committed = sum(c.gpu_hours or 0 for c in users)
    if committed <= available:
        return []
    biggest = sorted(users, key=lambda c: -(c.gpu_hours or 0))
    top = ", ".join(f"{c.id} ({c.gpu_hours:g})" for c in biggest[:3])
    reservation = f" − {reserved:g} reserved" if reserved else ""
    message = (
        f"{sprint.id} commits {committed:g} GPU hours on {pool!r}; {available:g} are available "
        f"({capacity:g} per sprint{reservation}); largest: {top}"
    )
    return [_finding("compute", "error", None, message)]


# --- experiment design ---------------------------------------------------------------------


def _experiment_design(pending: list[Card], word: Word) -> list[Finding]:
    out: list[Finding] = []
    for card in pending:
        if not card.is_experiment:
            continue
        experiment = card.experiment or Experiment()
        missing = [
            label
            for label, text in (
                ("a hypothesis", experiment.hypothesis),
                ("an evaluation method", experiment.method),
                ("a conclusive-result rule", experiment.conclusive),
            )
            if not text.strip()
        ]
        if missing:
            message = f"{card.id} is an experiment without {_and(missing)}"
            out.append(_finding("experiment-design", "error", card.id, message))
        if card.carried >= experiment.timebox and experiment.outcome is Outcome.OPEN:
            used = (
                f"{card.id} has used its time-box ({card.carried} of {experiment.timebox} "
                "sprint(s) carried)"
            )
            message = _conclude(used, card.id, word)
            out.append(_finding("experiment-design", "warning", card.id, message))
    return out


def _aging(board: Board, pending: list[Card], now: datetime, word: Word) -> list[Finding]:
    out: list[Finding] = []
    for card in pending:
        experiment = card.experiment
        if experiment is None or card.started_at is None or experiment.outcome is not Outcome.OPEN:
            continue
        if over_timebox(board, card, now):
            days = age_days(card.started_at, now)
            box = timebox_days(board, card)
            ran = f"{card.id} has run {days:g} days, past its {box}-day time-box"
            message = _conclude(ran, card.id, word)
            out.append(_finding("experiment-design", "warning", card.id, message))
    return out


def _conclude(why: str, card_id: str, word: Word) -> str:
    """``…: conclude it (how, in the front end's words) or drop it``."""
    return word(Hint.of(f"{why}: conclude it", action=ConcludeExperiment(card_id))) + " or drop it"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


# --- dependencies --------------------------------------------------------------------------


def _dependencies(board: Board, sprint: Sprint | None, pending: list[Card]) -> list[Finding]:
    inside = {c.id for c in pending}
    done = board.done_ids()
    sprints = {s.id: s for s in board.sprints}
    out: list[Finding] = []
    for card in pending:
        for dep_id in card.depends_on:
            dep = board.cards.get(dep_id)
            if dep is None or dep.status in done or dep.id in inside:
                continue
            home = sprints.get(dep.sprint or "")
            out.append(_dependency_finding(card, dep, home, sprint))
    return out


def _dependency_finding(
    card: Card, dep: Card, home: Sprint | None, sprint: Sprint | None
) -> Finding:
    where = f"{card.id} depends on {dep.id} ({dep.status})"
    if home is not None and sprint is not None and home.number > sprint.number:
        return _finding(
            "dependencies", "error", card.id, f"{where}, planned for a later sprint, {home.id}"
        )
    if home is not None and home.state is SprintState.ACTIVE:
        message = f"{where}, still open in the active sprint {home.id}"
        return _finding("dependencies", "warning", card.id, message)
    scope = "the sprint" if sprint is not None else "progress"
    return _finding(
        "dependencies", "error", card.id, f"{where}, which is not in {scope} and not done"
    )


# --- roles ---------------------------------------------------------------------------------


def _roles(board: Board, pending: list[Card], word: Word) -> list[Finding]:
    if not board.people:
        return []
    people = {p.handle: p for p in board.people}
    held = {role for p in board.people for role in p.roles}
    out: list[Finding] = []
    for card in pending:
        if card.assignee and card.assignee not in people:
            absent = f"{card.id} is assigned to {card.assignee}, who is not on the board"
            message = word(Hint.of(absent, action=AddPerson(card.assignee)))
            out.append(_finding("roles", "warning", card.id, message))
            continue
        person = people.get(card.assignee or "")
        lacking = [r.value for r in card.roles if r not in (person.roles if person else held)]
        if not lacking:
            continue
        if person is not None:
            has = ", ".join(r.value for r in person.roles) or "no role"
            message = f"{card.id} needs {_and_all(lacking)}; {person.handle} is {has}"
        else:
            message = f"{card.id} needs {_and_all(lacking)}, and nobody on the board is one"
        out.append(_finding("roles", "warning", card.id, message))
    return out


def _and_all(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- capacity ------------------------------------------------------------------------------


def _capacity(board: Board, sprint: Sprint | None, cards: list[Card]) -> list[Finding]:
    if sprint is None:
        return []
    out: list[Finding] = []
    history = sorted(
        (s for s in board.sprints if s.snapshot is not None and s.number < sprint.number),
        key=lambda s: s.number,
    )[-CAPACITY_HISTORY:]
    committed = sum(c.points or 0 for c in cards)
    if history:
        average = fmean(s.snapshot.completed_points for s in history if s.snapshot)
        if committed > average:
            each = ", ".join(
                f"{s.id} {s.snapshot.completed_points:g}" for s in history if s.snapshot
            )
            message = (
                f"{sprint.id} commits {committed:g} points; the last {len(history)} sprint(s) "
                f"completed {average:.3g} on average ({each})"
            )
            out.append(_finding("capacity", "warning", None, message))
    unestimated = [c.id for c in cards if c.points is None]
    if unestimated:
        message = f"{len(unestimated)} card(s) have no points: {_listed(unestimated)}"
        out.append(_finding("capacity", "warning", None, message))
    return out
