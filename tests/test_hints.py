"""Errors carry structured hints each front end words in its own terms (issue 9): the command
line names commands and flags, the TUI names keys and screens; no error raised below the
front ends holds a command or a flag, except in the modules registered as CLI-only."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard

import mlboard
from mlboard.cli.hints import error_text as cli_text
from mlboard.cli.hints import note_text
from mlboard.cli.parser import build_parser
from mlboard.models import BadInput, MlboardError, Mode, RuleViolation
from mlboard.models.hints import (
    CLI_ONLY,
    AddDataset,
    AddPerson,
    CloseSprint,
    ConcludeExperiment,
    CreateBoard,
    CreateSprint,
    FieldName,
    GiveField,
    Hint,
    LogBaseline,
    ResolveConflicts,
    SetField,
    StartSprint,
    SwitchMode,
    UseHandle,
)
from mlboard.ui.hints import error_text as tui_text
from mlboard.ui.hints import hint_text as tui_hint

PACKAGE = Path(mlboard.__file__).parent
BELOW_UI = ("models", "planning", "storage", "services")


def commands() -> set[str]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


FRONT_END_WORDS = re.compile(r"--[a-z]|\bmlboard (?:" + "|".join(sorted(commands())) + r")\b")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def cli_only(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in CLI_ONLY)


def error_classes() -> set[str]:
    """MlboardError and every subclass the package defines (by class name)."""
    found, todo = set(), [MlboardError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    for path in PACKAGE.rglob("*.py"):  # subclasses in modules not imported by this test
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & found:
                    found.add(node.name)
    return found


def raised_texts(tree: ast.AST, classes: set[str]) -> list[tuple[int, str]]:
    """The string pieces of every error built in `tree`: `raise X(...)`, `X(...)` of an error
    class, and `super().__init__(...)` inside one."""
    out: dict[int, tuple[int, str]] = {}  # by node: a raise of a call is seen twice

    def pieces(node: ast.AST) -> None:
        for n in ast.walk(node):
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                out[id(n)] = (n.lineno, n.value)

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            pieces(node.exc)
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in classes:
                pieces(node)
        elif isinstance(node, ast.ClassDef) and node.name in classes:
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "__init__":
                    pieces(call)
    return list(out.values())


def test_no_error_below_the_front_ends_names_a_command_or_a_flag() -> None:
    classes = error_classes()
    offenders = []
    scanned = 0
    for layer in BELOW_UI:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if cli_only(module_name(path)):
                continue
            for line, text in raised_texts(ast.parse(path.read_text()), classes):
                scanned += 1
                if FRONT_END_WORDS.search(text):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{line}: {text!r}")
    assert scanned > 100  # the scan does see the errors
    assert offenders == []


# Text below the front ends that may hold `--words` and is no message to people.
NOT_MESSAGES = {
    "mlboard.models.hints": "the CLI-only registry itself",
    "mlboard.models.card_fields": "the card field table: the options argparse is built from",
    "mlboard.services.gitsetup": "git's own options (rev-parse --show-toplevel, config --local)",
}


def test_no_text_below_the_front_ends_names_a_command_or_a_flag() -> None:
    """Wider than the errors: warnings, findings, report lines and advice too (docstrings
    aside), so a message built apart from its raise cannot slip through."""
    offenders = []
    for layer in BELOW_UI:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            name = module_name(path)
            if cli_only(name) or name in NOT_MESSAGES:
                continue
            tree = ast.parse(path.read_text())
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
            }
            offenders += [
                f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and FRONT_END_WORDS.search(node.value)
            ]
    assert offenders == []


def test_the_scan_would_catch_a_flag_or_a_command() -> None:
    tree = ast.parse(
        "class Own(BadInput):\n"
        "    def __init__(self):\n"
        "        super().__init__('use --force')\n"
        "def f():\n"
        "    raise RuleViolation(f'no sprint (create one: mlboard sprint new)')\n"
        "def g():\n"
        "    return BadInput('x', FieldName('wip'))\n"
    )
    found = [t for _, t in raised_texts(tree, error_classes() | {"Own"})]
    assert [t for t in found if FRONT_END_WORDS.search(t)] == [
        "use --force",
        "no sprint (create one: mlboard sprint new)",
    ]
    assert not FRONT_END_WORDS.search("another mlboard holds the lock")  # the name is no command


def imports_of(path: Path) -> set[str]:
    """Every mlboard module `path` imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n.startswith("mlboard")}


def test_the_tui_never_reaches_a_cli_only_module() -> None:
    """The registry's promise: what the TUI imports, at any depth, holds no CLI-only module,
    so the flags in those modules' messages can only reach the command line."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    assert all(name in modules for name in CLI_ONLY), "the registry names a module that is gone"
    reached: set[str] = set()
    todo = [name for name in modules if name.startswith("mlboard.ui")]
    while todo:
        name = todo.pop()
        if name in reached or name not in modules:
            continue
        reached.add(name)
        todo += imports_of(modules[name])
    assert "mlboard.services.session" in reached  # the walk follows the TUI into the services
    assert sorted(n for n in reached if cli_only(n)) == []


# --- each action, worded by each front end -----------------------------------------------

ACTIONS = [
    (CreateSprint(), "create one: mlboard sprint new",
     "create one: p then N on the planning screen"),
    (StartSprint(), "start one: mlboard sprint start",
     "start one: p then S on the planning screen"),
    (CloseSprint("S1"), "close it: mlboard sprint close",
     "close it: p then C on the planning screen"),
    (SwitchMode(Mode.SCRUM), "switch with: mlboard mode scrum",
     "switch to Scrum with: t on the board"),
    (AddPerson("bob"), "add one with: mlboard person add bob --role R",
     "add bob to the board's people with the person command"),
    (AddDataset("holdout"), "mlboard dataset add holdout",
     "add holdout to the board's datasets with the dataset command"),
    (ResolveConflicts(), "mlboard resolve ID [--take ours|theirs|VALUE]",
     "resolve them with the resolve command: ours, theirs or a value"),
    (UseHandle("bob-smith"), "e.g. mlboard person add bob-smith --role R", "e.g. bob-smith"),
    (SetField("category", "experiment"), "--category experiment", "set Category to experiment"),
    (ConcludeExperiment("TR-1"), "mlboard outcome", "set its Outcome with e on the board"),
    (GiveField("sprint"), "give --sprint", "give the sprint"),
    (CreateBoard(), "create one: mlboard init",
     "create one: start the app in that folder and press c"),
    (LogBaseline("ctr", "ab"), "mlboard baseline ctr=VALUE --dataset ab",
     "record the baseline of ctr on ab with the baseline command"),
]  # fmt: skip


@pytest.mark.parametrize(("action", "cli", "tui"), ACTIONS)
def test_each_action_is_worded_by_each_front_end(action: object, cli: str, tui: str) -> None:
    error = RuleViolation("refused", action=action)  # type: ignore[arg-type]
    assert str(error) == "refused"
    assert cli_text(error) == f"refused ({cli})"
    assert tui_text(error) == f"refused ({tui})"
    assert "mlboard " not in tui_text(error) and "--" not in tui_text(error)


def test_a_warning_is_worded_by_each_front_end() -> None:
    person = Hint.of("bob is not on the board", action=AddPerson("bob"))
    assert str(person) == "bob is not on the board"
    assert note_text(person) == "bob is not on the board (mlboard person add bob --role R)"
    assert tui_hint(person) == (
        "bob is not on the board (add bob to the board's people with the person command)"
    )
    dataset = Hint.of("dataset 'x' is not on the board", action=AddDataset("x"))
    assert note_text(dataset) == "dataset 'x' is not on the board (mlboard dataset add x)"


def test_every_action_has_a_case() -> None:
    from mlboard.models import hints

    assert {type(a) for a, _, _ in ACTIONS} == set(hints.Action.__args__)  # type: ignore[attr-defined]


def test_fields_and_choices_are_worded_by_each_front_end() -> None:
    error = BadInput(FieldName("hypothesis"), ", ", FieldName("timebox"), " only apply")
    assert error.hint.fields == ("hypothesis", "timebox")
    assert (str(error), cli_text(error)) == ("hypothesis, timebox only apply",
                                             "--hypothesis, --timebox only apply")  # fmt: skip
    assert tui_text(error) == "Hypothesis, Time-box only apply"
    criteria = BadInput("put it on a card with ", FieldName("criteria"))
    assert (cli_text(criteria), tui_text(criteria)) == (
        "put it on a card with --accept",
        "put it on a card with Criteria",
    )
    choice = BadInput("kind 'x' is not one of", choices=("data", "infra"))
    assert (
        str(choice) == cli_text(choice) == tui_text(choice) == "kind 'x' is not one of data | infra"
    )


def test_an_error_without_a_hint_reads_the_same_everywhere() -> None:
    error = BadInput("no card 'ML-9' on board 'b'")
    assert str(error) == cli_text(error) == tui_text(error) == "no card 'ML-9' on board 'b'"
    assert tui_text(OSError("disk full")) == "disk full"


# --- the same input through the command line: the exact line, the exit status -------------


def run(board: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLBOARD_BOARD": str(board)}
    return run_mlboard(*argv, env=env, cwd=board.parent)


@pytest.fixture
def board(tmp_path: Path) -> Path:
    path = tmp_path / "mlboard.json"
    assert run(path, "init", "--name", "T", "--key", "TR").returncode == 0
    assert run(path, "add", "ingest", "--category", "data").returncode == 0
    return path


CLI_CASES = [
    (["sprint", "start"], 1, "no planned sprint (create one: mlboard sprint new)"),
    (["sprint", "add", "TR-1"], 1, "no planned or active sprint (create one: mlboard sprint new)"),
    (["edit", "TR-1", "--sprint", "current"], 1,
     "no active or planned sprint (create one: mlboard sprint new)"),
    (["edit", "TR-1", "--hypothesis", "h", "--method", "m"], 2,
     "--hypothesis, --method only apply to experiment cards (--category experiment)"),
    (["edit", "TR-1", "--assignee", "bob smith"], 2,
     "assignee 'bob smith' is not a handle: use letters, digits, '.', '_' and '-' "
     "(e.g. mlboard person add bob-smith --role R)"),
    (["burndown"], 1, "no active or closed sprint (start one: mlboard sprint start)"),
    (["note", "retro", "went well"], 2, "no sprint to attach the note to (give --sprint)"),
    (["edit", "TR-1", "--category", "nope"], 2,
     "category 'nope' is not one of data | experiment | engineering | tech-debt"),
    (["column", "doing", "--wip", "-1"], 2, "--wip -1: give a positive limit, or 0 to remove it"),
    (["sprint", "new", "--measure", "ctr>=baseline*1.05@ab"], 2,
     "a sprint's measurable goal is absolute ('ctr>=baseline*1.05@ab' compares with a baseline: "
     "put it on a card with --accept)"),
]  # fmt: skip


@pytest.mark.slow
def test_each_hinted_error_on_the_command_line(board: Path) -> None:
    for argv, status, line in CLI_CASES:
        before = board.read_bytes()
        result = run(board, *argv)
        assert (result.returncode, result.stderr) == (status, f"mlboard: {line}\n"), argv
        assert board.read_bytes() == before  # a refused command changes nothing
    assert run(board, "sprint", "new").returncode == 0
    assert run(board, "sprint", "start").returncode == 0
    refused = run(board, "sprint", "start")
    assert (refused.returncode, refused.stderr) == (
        1,
        "mlboard: sprint S1 is still active (close it: mlboard sprint close)\n",
    )
    assert run(board, "mode", "kanban").returncode == 0
    kanban = run(board, "sprint", "new")
    assert (kanban.returncode, kanban.stderr) == (
        1,
        "mlboard: the board is in Kanban mode, which has no sprints "
        "(switch with: mlboard mode scrum)\n",
    )
    warned = run(board, "edit", "TR-1", "--data", "nowhere")
    assert (warned.returncode, warned.stderr) == (
        0,
        "mlboard: warning: dataset 'nowhere' is not on the board (mlboard dataset add nowhere)\n",
    )
    assert run(board, "person", "add", "ana", "--role", "analyst").returncode == 0
    warned = run(board, "edit", "TR-1", "--assignee", "zoe")
    assert warned.stderr.splitlines()[0] == (  # a command that runs: --role is required
        "mlboard: warning: zoe is not on the board (mlboard person add zoe --role R)"
    )
    board.unlink()
    gone = run(board, "list")
    assert (gone.returncode, gone.stderr) == (
        2,
        f"mlboard: {board}: no board file here (create one: mlboard init)\n",
    )
