"""Board files in odd states (issue 10 items 3, 4, 5, 11, 12): read-only, corrupt with backups,
restored from the oldest backup, the clock moved backwards, a full disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_kit import Tally, as_root
from torture_special import (
    clock_scenario,
    enospc_scenario,
    libfaketime,
    read_only_scenario,
    restore_scenario,
)

pytestmark = pytest.mark.torture


def test_a_read_only_board_is_refused_by_every_write(tmp_path: Path) -> None:
    tally = Tally("read-only")
    read_only_scenario(tally, tmp_path)
    assert tally.failures == 0, tally.explain()


def test_restore_works_from_a_corrupt_board_and_from_the_oldest_backup(tmp_path: Path) -> None:
    tally = Tally("restore")
    restore_scenario(tally, tmp_path)
    assert tally.failures == 0, tally.explain()


@pytest.mark.skipif(libfaketime() is None, reason="libfaketime not installed (apt faketime)")
def test_a_clock_moved_backwards_keeps_the_newest_backup(tmp_path: Path) -> None:
    tally = Tally("clock")
    clock_scenario(tally, tmp_path)
    assert tally.failures == 0, tally.explain()


@pytest.mark.skipif(not as_root(), reason="mounting a small tmpfs needs root")
def test_a_full_disk_refuses_writes_in_one_clear_line_and_changes_nothing(tmp_path: Path) -> None:
    tally = Tally("full disk")
    enospc_scenario(tally, tmp_path)
    if tally.notes and "skipped" in tally.notes[0]:
        pytest.skip(tally.notes[0])
    assert tally.failures == 0, tally.explain()
