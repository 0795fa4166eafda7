"""The WIP rule: a limit counts every card in its column, for every change that puts one there."""

from __future__ import annotations

import pytest

from mlboard.models import ConflictError, RuleViolation
from mlboard.services import cards, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository


def add(service: BoardService, title: str, **fields: object) -> str:
    result = service.do(cards.add_card, title, "data", **fields)
    assert result.subject is not None
    return result.subject


@pytest.fixture
def full(service: BoardService) -> BoardService:
    """In Progress at its hard limit of 3 with cards outside the sprint; S1 active with ML-4."""
    for i in range(3):
        add(service, f"outside {i}", status="doing")
    service.do(resources.configure_column, "doing", None, 3, True)
    add(service, "in the sprint")
    add(service, "fifth card")
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, ["ML-4"])
    service.do(sprints.start_sprint)
    return service


def statuses(service: BoardService) -> dict[str, str]:
    return {card.id: card.status for card in service.board.cards.values()}


def test_a_hard_limit_counts_cards_outside_the_active_sprint(full: BoardService) -> None:
    before = statuses(full)
    with pytest.raises(RuleViolation, match=r"In Progress would hold 4 cards.*hard limit"):
        full.do(cards.move_card, "ML-4", "doing")
    with pytest.raises(RuleViolation, match="hard limit"):
        full.do(cards.step_card, "ML-4", 1)  # todo → doing, the TUI's L
    with pytest.raises(RuleViolation, match="hard limit"):
        full.do(cards.move_card, "ML-5", "doing")
    assert statuses(full) == before
    assert BoardRepository(full.repo.path).load().board.cards == full.board.cards


def test_add_and_edit_with_a_status_meet_the_limit(full: BoardService) -> None:
    with pytest.raises(RuleViolation, match="hard limit"):
        full.do(cards.add_card, "sneaks in", "data", status="doing")
    assert "ML-6" not in full.board.cards and full.board.next_number == 6
    with pytest.raises(RuleViolation, match="hard limit"):
        full.do(cards.edit_card, "ML-5", status="doing", title="renamed")
    assert full.board.card("ML-5").title == "fifth card"
    full.do(cards.edit_card, "ML-1", title="edited in place")  # already in: no arrival


def test_moving_within_and_out_of_a_full_column_stays_allowed(full: BoardService) -> None:
    lowered = full.do(resources.configure_column, "doing", None, 2, True)  # below its count
    assert [str(w) for w in lowered.warnings] == [
        "In Progress holds 3 cards, over its WIP limit of 2: no card can enter until it is below",
    ]
    full.do(cards.edit_card, "ML-2", points=3)
    full.do(cards.move_card, "ML-1", "review")
    with pytest.raises(RuleViolation, match="would hold 3 cards, over its WIP limit of 2"):
        full.do(cards.move_card, "ML-1", "doing")


def test_committing_into_a_full_column_is_refused(service: BoardService) -> None:
    waiting = [add(service, f"next {i}") for i in range(2)]
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, waiting)  # backlog → To Do
    service.do(resources.configure_column, "todo", None, 2, True)
    extra = add(service, "one more")
    with pytest.raises(RuleViolation, match="To Do would hold 3 cards"):
        service.do(sprints.commit_cards, [extra])
    assert service.board.card(extra).sprint is None


def test_a_soft_limit_warns_counting_every_card(full: BoardService) -> None:
    full.do(resources.configure_column, "doing", None, None, False)
    warned = full.do(cards.move_card, "ML-4", "doing")
    assert [str(w) for w in warned.warnings] == [
        "In Progress would hold 4 cards, over its WIP limit of 3"
    ]
    assert full.board.card("ML-4").status == "doing"


def test_an_undo_into_a_column_another_process_filled_is_refused(
    full: BoardService, clock: FixedClock
) -> None:
    full.do(cards.move_card, "ML-1", "review")
    other = BoardService(BoardRepository(full.repo.path), clock)
    other.do(cards.move_card, "ML-5", "doing")  # takes the free place
    assert full.reload_if_changed()
    with pytest.raises(RuleViolation, match="In Progress would hold 4 cards"):
        full.undo()  # ML-1 back into a full column
    assert full.board.card("ML-1").status == "review" and full.can_undo
    other.do(cards.move_card, "ML-5", "backlog")
    assert full.reload_if_changed()
    assert full.undo() == "move card: ML-1 Review → In Progress"
    assert full.board.card("ML-1").status == "doing" and full.can_redo


def test_a_replay_onto_a_file_that_filled_the_column_is_a_conflict(
    full: BoardService, clock: FixedClock
) -> None:
    full.do(cards.move_card, "ML-1", "review")
    other = BoardService(BoardRepository(full.repo.path), clock)
    full.apply("move card", bind(cards.move_card, "ML-4", "doing"))  # pending, not written
    other.do(cards.move_card, "ML-5", "doing")  # the other process takes the free place
    with pytest.raises(ConflictError, match="hard limit"):
        full.flush()
    on_disk = BoardRepository(full.repo.path).load().board
    assert on_disk.card("ML-4").status == "todo" and on_disk.card("ML-5").status == "doing"


def test_the_limit_is_checked_in_a_form_dry_run(full: BoardService) -> None:
    from mlboard.ui import dialogs

    def answer(values: dict[str, str]) -> tuple[str, Operation]:
        return "edit card", bind(cards.edit_card, "ML-5", status=values["status"])

    problem = dialogs.dry_run(full.board, full.clock.now(), answer, {"status": "doing"})
    assert problem is not None and "hard limit" in problem
