"""Concurrent writers (issue 10): 4 processes × 25 commands on one board lose nothing; many
processes removing cards at once all succeed (issue 10 item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_kit import Tally
from torture_special import rm_race_scenario
from torture_writers import writers_scenario

pytestmark = [pytest.mark.torture, pytest.mark.slow]
SEED = 20261206


def test_4_writers_x_25_commands_lose_nothing(tmp_path: Path) -> None:
    tally = Tally("writers")
    writers_scenario(tally, tmp_path, writers=4, commands=25, seed=SEED, with_rm=True, forked=True)
    assert tally.failures == 0, tally.explain()
    assert tally.tried == 100


def test_4_processes_removing_15_cards_each_at_once_all_succeed(tmp_path: Path) -> None:
    tally = Tally("rm race")
    rm_race_scenario(tally, tmp_path, processes=4, each=15)
    assert tally.failures == 0, tally.explain()
