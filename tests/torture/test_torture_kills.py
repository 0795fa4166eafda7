"""kill -9 during writes (issue 10): the bounded run of CI; bench/torture.py runs the full one."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_kills import kill_scenario
from torture_kit import Tally

pytestmark = [pytest.mark.torture, pytest.mark.slow]
SEED = 20261206


def test_40_kills_during_writes_leave_a_valid_board_with_every_acknowledged_write(
    tmp_path: Path,
) -> None:
    tally = Tally("kill -9")
    kill_scenario(tally, tmp_path, cards=300, kills=40, seed=SEED)
    assert tally.failures == 0, tally.explain()
    assert tally.tried >= 30, f"the kills did not land: {tally.notes}"
