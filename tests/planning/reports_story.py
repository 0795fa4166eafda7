"""A small team's board built through the real services, so every report has history to read.

Timeline (UTC): S1 runs Mon 2 Nov – Fri 13 Nov 2026 and closes with two cards carried over;
S2 starts Mon 16 Nov; the story ends Tue 17 Nov 09:30, the morning of a standup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mlboard.models import Board, ConfusionMatrix, RetroNote
from mlboard.services import cards, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.draft import Draft, with_cards
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
STANDUP = datetime(2026, 11, 17, 9, 30, tzinfo=UTC)


def new_service(tmp: Path, name: str = "b.json") -> BoardService:
    repo = BoardRepository(tmp / name)
    repo.create(Board(name="t", key="ML"))
    return BoardService(repo, FixedClock(T0))


class Story:
    """Drives a service: `do` applies an operation, `at` sets the clock."""

    def __init__(self, service: BoardService) -> None:
        self.service = service
        self.clock = service.clock
        assert isinstance(self.clock, FixedClock)

    @property
    def board(self) -> Board:
        return self.service.board

    def at(self, moment: datetime) -> Story:
        assert isinstance(self.clock, FixedClock)
        self.clock.at = moment
        return self

    def later(self, hours: float) -> Story:
        assert isinstance(self.clock, FixedClock)
        self.clock.advance(timedelta(hours=hours))
        return self

    def do(self, operation: Callable[..., Draft], *args: Any, **kwargs: Any) -> str | None:
        return self.service.apply(operation.__name__, bind(operation, *args, **kwargs)).subject

    def add(self, title: str, category: str, **fields: Any) -> str:
        card_id = self.do(cards.add_card, title, category, **fields)
        assert card_id is not None
        return card_id

    def move(self, card_id: str, *columns: str, hours: float = 1) -> None:
        for column in columns:
            self.do(cards.move_card, card_id, column)
            self.later(hours)

    def patch(self, card_id: str, **changes: Any) -> None:
        """Set fields the command line has no option for (failures, confusion matrix)."""

        def operation(board: Board, now: datetime) -> Draft:
            card = board.cards[card_id].model_copy(update=changes)
            return Draft(with_cards(board, card), frozenset({card_id}), card_id)

        self.service.apply("patch", operation)

    def retro_note(self, sprint: str, person: str, kind: str, text: str) -> None:
        def operation(board: Board, now: datetime) -> Draft:
            note = RetroNote(sprint=sprint, person=person, kind=kind, text=text)  # type: ignore[arg-type]
            return Draft(board.model_copy(update={"retro_notes": (*board.retro_notes, note)}))

        self.service.apply("note", operation)


def team(story: Story) -> None:
    """People, data, pipelines and compute of the support-ticket routing team."""
    story.do(resources.add_person, "ana", ["data-engineer"])
    story.do(resources.add_person, "raj", ["ml-engineer"])
    story.do(resources.add_person, "lee", ["ml-engineer", "domain-expert"])
    story.do(resources.add_pipeline, "ingest", ["tickets"])
    story.do(resources.set_dataset, "tickets", "validated")
    story.do(resources.add_dataset, "holdout", "validated")
    story.do(resources.add_pool, "a100", 100)


def design(hypothesis: str) -> dict[str, str]:
    return {
        "hypothesis": hypothesis,
        "method": "accuracy on holdout",
        "conclusive": "+2 points accuracy",
    }


def routing_story(tmp: Path) -> Story:
    """Two sprints of a routing model: S1 closed (two cards carried), S2 active."""
    s = Story(new_service(tmp))
    team(s)
    s.do(sprints.new_sprint, goal="Baseline router", measurable_goal="accuracy>=0.9@holdout")
    ingest = s.add("Ingest tickets", "data", points=3, assignee="ana", datasets=["tickets"])
    base = s.add(
        "Baseline model",
        "experiment",
        points=5,
        assignee="raj",
        depends_on=[ingest],
        criteria=["accuracy>=0.85@holdout"],
        gpu_hours=20,
        pool="a100",
        **design("a linear model routes 85%"),
    )
    focal = s.add(
        "Focal loss", "experiment", points=3, assignee="lee", gpu_hours=30, **design("focal helps")
    )
    audit = s.add("Label audit", "data", points=2, assignee="ana")
    s.do(sprints.commit_cards, [ingest, base, focal, audit])
    s.later(1).do(sprints.start_sprint)
    s.at(datetime(2026, 11, 3, 9, tzinfo=UTC)).move(ingest, "doing", "review", hours=5)
    s.move(ingest, "done")
    s.do(resources.set_pipeline, "ingest", "failing", "schema change")
    s.do(cards.block, audit, "data", "waiting for labels")
    s.later(3).do(resources.set_pipeline, "ingest", "ok")
    s.at(datetime(2026, 11, 5, 9, tzinfo=UTC)).move(base, "doing", hours=24)
    s.do(cards.log_metrics, base, {"accuracy": 0.87})
    s.move(base, "review", hours=20)
    s.move(base, "done")
    s.do(cards.set_outcome, base, "promising", "linear is a fair baseline")
    s.move(focal, "doing")
    s.at(datetime(2026, 11, 13, 17, tzinfo=UTC))
    s.do(sprints.close_sprint, "next", {focal: "loss curve noisy, one more run"})
    s.retro_note("S1", "ana", "to-improve", "labels arrived late")
    # S2
    tune = s.add("Tune thresholds", "engineering", points=5, assignee="raj")
    distil = s.add("Distilled model", "experiment", points=3, assignee="lee", **design("smaller"))
    bert = s.add(
        "Fine-tune encoder",
        "experiment",
        points=8,
        assignee="raj",
        criteria=["accuracy>=0.9@holdout", "recall>0.85@holdout"],
        **design("encoder beats linear"),
    )
    s.do(sprints.commit_cards, [tune, distil, bert])
    s.at(datetime(2026, 11, 16, 9, tzinfo=UTC)).do(sprints.start_sprint)
    s.later(1).do(cards.set_outcome, focal, "eliminated", "no gain")
    s.do(cards.set_outcome, distil, "eliminated", "too lossy")
    s.move(bert, "doing")
    s.do(cards.log_metrics, bert, {"accuracy": 0.89, "recall": 0.8})
    s.later(2).do(cards.log_metrics, bert, {"accuracy": 0.91, "recall": 0.86})
    s.do(cards.set_outcome, bert, "promising")
    s.do(cards.block, tune, "compute", "GPU queue full", date(2026, 11, 18))
    s.patch(bert, failures=("misroutes billing tickets with no subject",))
    matrix = ConfusionMatrix(labels=("billing", "tech"), counts=((40, 10), (4, 46)))
    s.patch(bert, confusion=matrix)
    s.at(STANDUP)
    return s
