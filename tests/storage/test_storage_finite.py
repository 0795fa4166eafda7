"""A board with NaN or infinity is never written: JSON would turn it into a null that won't load."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from storage_kit import Ran, rich_board

from mlboard.models import BadInput, Board
from mlboard.services import resources
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.storage.finite import first_unwritable

INF, NAN = math.inf, math.nan


def with_card_change(board: Board, card_id: str, **changes: object) -> Board:
    card = board.cards[card_id].model_copy(update=changes)
    return board.model_copy(update={"cards": {**board.cards, card_id: card}})


def bad_boards() -> dict[str, tuple[Board, str]]:
    board = rich_board()
    card = board.cards["ML-2"]
    sprint = board.sprints[1]
    return {
        "pool hours": (
            board.model_copy(
                update={"pools": (board.pools[0].model_copy(update={"gpu_hours": INF}),)}
            ),
            "pools.a100.gpu_hours is inf",
        ),
        "metric value": (
            with_card_change(
                board,
                "ML-2",
                metrics=(card.metrics[0], card.metrics[1].model_copy(update={"value": NAN})),
            ),
            "cards.ML-2.metrics.1.value is nan",
        ),
        "points": (with_card_change(board, "ML-3", points=INF), "cards.ML-3.points is inf"),
        "criterion threshold": (
            with_card_change(
                board, "ML-2", criteria=(card.criteria[0].model_copy(update={"threshold": -INF}),)
            ),
            "cards.ML-2.criteria.0.threshold is -inf",
        ),
        "reservation": (
            board.model_copy(
                update={
                    "sprints": (
                        board.sprints[0],
                        sprint.model_copy(
                            update={
                                "reservations": (
                                    sprint.reservations[0].model_copy(update={"gpu_hours": NAN}),
                                )
                            }
                        ),
                    )
                }
            ),
            "sprints.S2.reservations.0.gpu_hours is nan",
        ),
        "next card number": (
            board.model_copy(update={"next_number": 2**53}),
            f"next_number is {2**53}, past the largest whole number a board keeps",
        ),
        "carried count": (
            with_card_change(board, "ML-2", carried=2**60),
            f"cards.ML-2.carried is {2**60}, past the largest whole number a board keeps",
        ),
    }


def test_a_finite_board_passes() -> None:
    assert first_unwritable(rich_board()) is None


@pytest.mark.parametrize("case", sorted(bad_boards()))
def test_the_first_unwritable_number_is_found_and_named(case: str) -> None:
    board, where = bad_boards()[case]
    assert first_unwritable(board) == where


@pytest.mark.parametrize("case", sorted(bad_boards()))
def test_a_non_finite_board_is_never_written(board_path: Path, case: str) -> None:
    board, where = bad_boards()[case]
    before = board_path.read_bytes()
    repo = BoardRepository(board_path)
    with pytest.raises(BadInput) as caught, repo.locked():
        repo.write(board, 9)
    assert str(caught.value).startswith(f"mlboard.json: not written: {where}")
    assert board_path.read_bytes() == before
    assert repo.load().board == rich_board()


def test_the_cli_refuses_infinite_gpu_hours_and_the_board_still_loads(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    """`compute add --gpu-hours inf` used to save null: every command after it exited 2."""
    before = board_path.read_bytes()
    ran = cli("compute", "add", "h100", "--gpu-hours", "inf", cwd=board_path.parent)
    assert ran.code == 2
    assert ran.err.count("\n") == 1 and "finite number" in ran.err, ran.err
    assert board_path.read_bytes() == before
    assert cli("check", cwd=board_path.parent).code == 0


def test_the_models_refuse_infinity_before_anything_is_pending(board_path: Path) -> None:
    service = BoardService.open(board_path)
    with pytest.raises(BadInput, match="finite"):
        service.do(resources.add_pool, "h100", INF)
    assert not service.dirty
    assert "h100" not in {p.name for p in BoardRepository(board_path).load().board.pools}


def test_a_counter_at_its_limit_is_not_bumped_past_what_loads(
    board_path: Path, cli: Callable[..., Ran]
) -> None:
    """`add` bumps the next card number without validation: at 2**53 - 1 the write must be
    refused, not leave a file every later command refuses."""
    import orjson

    tables = orjson.loads(board_path.read_bytes())
    tables["board"]["1"]["next_number"] = 2**53 - 1
    board_path.write_bytes(orjson.dumps(tables))
    before = board_path.read_bytes()
    ran = cli("add", "hello", "--category", "data", cwd=board_path.parent)
    assert ran.code == 2 and "next_number" in ran.err and ran.err.count("\n") == 1, ran.err
    assert board_path.read_bytes() == before
    assert cli("list", cwd=board_path.parent).code == 0
