"""Every option of the card field table through a real `mlboard` process: `add`, then `edit`
of every field, each read back from the board by `show --json` and seen in `show`."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from card_fields_kit import cli_args, example
from cli_kit import run_mlboard

from mlboard.cli.parser import build_parser
from mlboard.models import Card
from mlboard.models.card_fields import FIELD, FLAGGED


def _run(tmp_path: Path, *argv: str) -> str:
    done = run_mlboard(*argv, cwd=tmp_path)
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


# The contract of `add`/`edit` (docs/design.md §5): each option's name, metavar, help, type
# and whether it repeats, as they were when the options were written by hand.
CONTRACT = {
    ("--title", None, None, None, False),
    ("--category", "data|experiment|engineering|tech-debt", None, None, False),
    ("--description", "TEXT", None, None, False),
    ("--points", "N", None, float, False),
    ("--assignee", "HANDLE", None, None, False),
    ("--role", "ROLE", "role needed (repeatable)", None, True),
    ("--depends-on", "ID", "dependency (repeatable)", None, True),
    ("--data", "DATASET", "dataset needed", None, True),
    ("--label", "LABEL", "label (repeatable)", None, True),
    ("--gpu-hours", "H", None, float, False),
    ("--pool", "POOL", None, None, False),
    ("--hypothesis", "TEXT", None, None, False),
    ("--method", "TEXT", "evaluation method", None, False),
    ("--conclusive", "TEXT", "what counts as a conclusive result", None, False),
    ("--timebox", "SPRINTS", None, int, False),
    ("--accept", "CRITERION", "e.g. 'precision>0.92@holdout'", None, True),
    ("--status", "COLUMN", None, None, False),
    ("--sprint", "ID|current|backlog", None, None, False),
}


def test_the_options_built_from_the_table_keep_the_contract() -> None:
    commands = next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    for name in ("add", "edit"):
        options = {
            (a.option_strings[0], a.metavar, a.help, a.type, isinstance(a, argparse._AppendAction))
            for a in commands[name]._actions
            if a.option_strings and a.dest not in ("help", "board", "json")
        }
        expected = CONTRACT if name == "edit" else CONTRACT - {("--title", None, None, None, False)}
        assert options == expected, name
        required = {a.dest for a in commands[name]._actions if a.option_strings and a.required}
        assert required == ({"category"} if name == "add" else set()), name
