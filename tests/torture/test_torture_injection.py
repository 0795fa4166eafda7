"""Terminal injection (issue 10 item 7): escape sequences, C0/C1 controls and bidi overrides in
every settable text never reach CLI text output or stderr raw; --json keeps exact strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from torture_injection import injection_scenario
from torture_kit import Tally

pytestmark = pytest.mark.torture


def test_the_injection_corpus_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    tally = Tally("injection")
    injection_scenario(tally, tmp_path)
    assert tally.failures == 0, tally.explain()
