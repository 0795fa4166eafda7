"""Every option of the card field table through a real `mlboard` process: `add`, then `edit`
of every field, each read back from the board by `show --json` and seen in `show`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from card_fields_kit import cli_args, example

from mlboard.models import Card
from mlboard.models.card_fields import FIELD, FLAGGED


def _run(tmp_path: Path, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mlboard", *argv], cwd=tmp_path, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, (argv, done.stderr)
    return done.stdout


@pytest.mark.slow
def test_every_card_option_round_trips_through_add_edit_and_show(tmp_path: Path) -> None:
    _run(tmp_path, "init", "--key", "ML")
    _run(tmp_path, "add", "First dependency", "--category", "data")
    _run(tmp_path, "add", "Second dependency", "--category", "data")
    _run(tmp_path, "sprint", "new", "--name", "S1")
    for round_ in (0, 1):
        options = [
            arg
            for field in FLAGGED
            if round_ or field.on_add != "argument"
            for arg in cli_args(field, example(field, round_)[0])
        ]
        if round_ == 0:
            assert _run(tmp_path, "add", example(FIELD["title"], 0)[0], *options) == "ML-3\n"
        else:
            _run(tmp_path, "edit", "ML-3", *options)
        shown = json.loads(_run(tmp_path, "show", "ML-3", "--json"))
        card = Card.model_validate({k: v for k, v in shown.items() if k in Card.model_fields})
        text = _run(tmp_path, "show", "ML-3")
        for field in FLAGGED:
            expected = example(field, round_)[1]
            assert field.text(card) == expected, (round_, field.name)
            for part in filter(None, re.split(r", |\n", expected)):
                assert part in text, (round_, field.name, part)
