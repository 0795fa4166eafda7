"""Benchmark: every ceremony report on a board of 10,000 cards and ~50,000 events.

Run by hand: ``.venv/bin/python bench/reports.py [--cards 10000] [--runs 5]``. Prints the
median time of each report and its ratio to a plain pass over the board's events.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mlboard.models import (
    Blocker,
    Board,
    Card,
    ComputePool,
    Criterion,
    Dataset,
    Event,
    Experiment,
    MetricResult,
    Person,
    Pipeline,
    Sprint,
    SprintSnapshot,
)
from mlboard.models.event_key import new_keys
from mlboard.planning import reports
from mlboard.planning.reports.burndown import burndown as burndown_line
from mlboard.planning.reports.flow import flow as flow_report

START = date(2026, 1, 5)  # a Monday
SPRINTS = 12  # S1–S10 closed, S11 active, S12 planned
CATEGORIES = ("data", "experiment", "engineering", "tech-debt")
PEOPLE = ("ana", "bo", "cy", "dee", "eli", "fay")


def _at(day: date, hours: float) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=hours)


class _Builder:
    def __init__(self, cards: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.total = cards
        self.events: list[dict[str, Any]] = []
        self.cards: dict[str, Card] = {}
        self.members: dict[int, list[str]] = {n: [] for n in range(1, SPRINTS + 1)}
        self.done: dict[int, list[str]] = {n: [] for n in range(1, SPRINTS + 1)}

    def event(self, at: datetime, kind: str, card: str, **values: Any) -> None:
        self.events.append({"at": at, "kind": kind, "card": card, **values})

    def sprint_of(self, index: int) -> int | None:
        share = index / self.total
        if share < 0.8:
            return 1 + int(share / 0.08)
        if share < 0.9:
            return 11
        return 12 if share < 0.95 else None

    def card(self, index: int) -> None:
        rng = self.rng
        card_id = f"ML-{index}"
        category = CATEGORIES[index % 4]
        number = self.sprint_of(index)
        start = START + timedelta(days=14 * ((number or SPRINTS) - 1))
        created = _at(start, -24 - rng.random() * 48)
        self.event(created, "created", card_id, to="backlog")
        status, done_at, started = "backlog", None, None
        sprint = f"S{number}" if number else None
        if number is not None:
            self.event(created + timedelta(hours=1), "moved", card_id, from_="backlog", to="todo")
            self.event(created + timedelta(hours=1), "committed", card_id, to=sprint)
            self.members[number].append(card_id)
            status = "todo"
        metrics: list[MetricResult] = []
        if number is not None and number <= 11:
            started = _at(start, 24 * rng.randint(0, 6) + 10)
            self.event(started, "moved", card_id, from_="todo", to="doing")
            status = "doing"
            if category == "experiment":
                metrics = self.metrics(card_id, started, sprint)
            finished = (number <= 10 and rng.random() < 0.8) or (
                number == 11 and rng.random() < 0.3
            )
            if finished:
                review = started + timedelta(hours=rng.randint(4, 72))
                done_at = review + timedelta(hours=rng.randint(1, 48))
                self.event(review, "moved", card_id, from_="doing", to="review")
                self.event(done_at, "moved", card_id, from_="review", to="done")
                self.done[number].append(card_id)
                status = "done"
            elif number <= 10:
                close = _at(start, 14 * 24 - 8)
                sprint = f"S{number + 1}"
                self.event(close, "carried", card_id, from_=f"S{number}", to=sprint)
                self.members[number + 1].append(card_id)
        blockers = ()
        if index % 23 == 0:
            since = created + timedelta(days=2)
            blockers = (Blocker(kind=("data", "compute", "pipeline")[index % 3], since=since),)
            self.event(since, "blocked", card_id, field=blockers[0].kind, to="")
        deps = {
            f"ML-{rng.randint(max(1, index - 50), index - 1)}"
            for _ in range(index % 3 if index > 1 else 0)
        }
        self.cards[card_id] = Card(
            id=card_id,
            title=f"{category} story {index}",
            category=category,
            status=status,
            points=rng.choice((1, 2, 3, 5, 8)),
            assignee=PEOPLE[index % len(PEOPLE)],
            depends_on=tuple(sorted(deps)),
            criteria=(Criterion.parse("accuracy>=0.9@holdout"),) if metrics else (),
            metrics=tuple(metrics),
            experiment=Experiment(hypothesis="h", method="m", conclusive="c")
            if category == "experiment"
            else None,
            datasets=("tickets",) if category == "data" else (),
            gpu_hours=4.0 if category == "experiment" else None,
            blockers=blockers,
            sprint=sprint,
            created_at=created,
            started_at=started,
            done_at=done_at,
        )

    def metrics(self, card_id: str, started: datetime, sprint: str | None) -> list[MetricResult]:
        results = []
        previous: float | None = None
        for run in range(3):
            at = started + timedelta(hours=6 * (run + 1))
            value = round(0.8 + self.rng.random() / 10, 3)
            results.append(MetricResult(name="accuracy", value=value, at=at, sprint=sprint))
            self.event(
                at,
                "metric",
                card_id,
                field="accuracy@holdout",
                from_=None if previous is None else f"{previous:g}",
                to=f"{value:g}",
            )
            previous = value
        return results

    def sprints(self) -> tuple[Sprint, ...]:
        made = []
        for n in range(1, SPRINTS + 1):
            start = START + timedelta(days=14 * (n - 1))
            state = "closed" if n <= 10 else "active" if n == 11 else "planned"
            snapshot = None
            if n <= 10:
                done = set(self.done[n])
                committed = self.members[n]
                snapshot = SprintSnapshot(
                    committed=tuple(committed),
                    completed=tuple(c for c in committed if c in done),
                    carried_over=tuple(c for c in committed if c not in done),
                    committed_points=sum(self.cards[c].points or 0 for c in committed),
                    completed_points=sum(self.cards[c].points or 0 for c in done),
                    closed_at=_at(start, 14 * 24 - 8),
                )
            made.append(
                Sprint(
                    id=f"S{n}",
                    start=start,
                    end=start + timedelta(days=13),
                    state=state,
                    started_at=_at(start, 9) if n <= 11 else None,
                    snapshot=snapshot,
                    measurable_goal=Criterion.parse("accuracy>=0.85@holdout") if n % 2 else None,
                )
            )
        return tuple(made)


def big_board(cards: int = 10_000, seed: int = 7) -> tuple[Board, datetime]:
    """A seeded board of `cards` cards over 12 sprints, and a `now` inside the active one."""
    builder = _Builder(cards, seed)
    for index in range(1, cards + 1):
        builder.card(index)
    ordered = sorted(builder.events, key=lambda e: e["at"])
    events = tuple(
        Event(key=new_keys(values["at"], f"{i:06x}", 1)[0], **values)
        for i, values in enumerate(ordered, start=1)
    )
    board = Board(
        name="bench",
        key="ML",
        people=tuple(Person(handle=p, roles=("ml-engineer",)) for p in PEOPLE),
        datasets=(Dataset(name="tickets", status="validated", pipeline="ingest"),),
        pipelines=(Pipeline(name="ingest"),),
        pools=(ComputePool(name="a100", gpu_hours=500),),
        sprints=builder.sprints(),
        cards=builder.cards,
        events=events,
        next_number=cards + 1,
    )
    now = _at(START + timedelta(days=14 * 10 + 5), 9)
    return board, now


def _median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    board, now = big_board(args.cards)
    active = board.active_sprint()
    assert active is not None
    print(f"{len(board.cards)} cards, {len(board.events)} events, {len(board.sprints)} sprints")
    base = _median_ms(lambda: sum(1 for e in board.events if e.card), args.runs)
    print(f"{'one pass over the events':<28} {base:8.1f} ms")
    cases: dict[str, Callable[[], object]] = {
        "plan": lambda: reports.plan_report(board),
        "standup": lambda: reports.standup_report(board, now),
        "review (active)": lambda: reports.review_report(board, None, now),
        "review (closed S5)": lambda: reports.review_report(board, "S5", now),
        "retro (active)": lambda: reports.retro_report(board, None, now),
        "retro (closed S5)": lambda: reports.retro_report(board, "S5", now),
        "burndown (active)": lambda: burndown_line(board, active, now),
        "burndown (S1)": lambda: burndown_line(board, board.sprint("S1"), now),
        "flow (30 days)": lambda: flow_report(board, now),
        "render review text": lambda: reports.render_review_text(
            reports.review_report(board, None, now)
        ),
    }
    for name, run in cases.items():
        ms = _median_ms(run, args.runs)
        print(f"{name:<28} {ms:8.1f} ms  ({ms / base:5.1f}× one pass)")


if __name__ == "__main__":
    main()
