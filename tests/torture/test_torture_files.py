"""Mutated and non-regular board files (issue 10): loaded correctly or refused (exit 2, one
line, bytes unchanged); a file that is accepted keeps every card and event through a write."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_boards import seed_board
from torture_files import special_files, try_mutation, try_special
from torture_kit import Tally, run_inprocess
from torture_mutations import BOM, mutations

pytestmark = pytest.mark.torture
SEED = 20261206
FAMILIES = {
    "duplicate-key": 12,
    "next-number": 6,
    "truncated": 10,
    "bom": 6,
    "not-finite": 10,
    "huge-number": 14,
    "wrong-type": 14,
    "dangling-id": 10,
    "cycle": 6,
    "shape": 21,
}


@pytest.fixture(scope="module")
def valid_board(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return seed_board(tmp_path_factory.mktemp("seed") / "mlboard.json", seed=SEED).read_bytes()


@pytest.mark.parametrize("family", list(FAMILIES))
def test_mutated_board_files_are_loaded_whole_or_refused_untouched(
    family: str, valid_board: bytes, tmp_path: Path
) -> None:
    tally = Tally(family)
    for mutation in mutations(valid_board, family, FAMILIES[family], SEED):
        try_mutation(tally, tmp_path / "mlboard.json", mutation)
    assert tally.failures == 0, tally.explain()
    assert tally.tried == FAMILIES[family]


def test_sockets_devices_and_symlink_loops_are_refused_at_once(tmp_path: Path) -> None:
    tally = Tally("special files")
    for name, path, alive in special_files(tmp_path):
        if "FIFO" not in name:
            with alive:
                try_special(tally, name, path, timeout=20)
    assert tally.failures == 0, tally.explain()


def test_a_fifo_as_the_board_file_is_refused_at_once(tmp_path: Path) -> None:
    tally = Tally("fifo")
    for name, path, alive in special_files(tmp_path):
        if "FIFO" in name:
            with alive:
                try_special(tally, name, path, timeout=3, commands=[("check",)])
    assert tally.failures == 0, tally.explain()


def test_a_bom_is_named_when_it_is_refused(valid_board: bytes, tmp_path: Path) -> None:
    path = tmp_path / "mlboard.json"
    path.write_bytes(BOM + valid_board)
    ran = run_inprocess(path, "check")
    assert ran.code in (0, 2), ran
    if ran.code == 2:
        assert "bom" in ran.err.lower() or "byte order mark" in ran.err.lower(), ran.err
        assert path.read_bytes() == BOM + valid_board
