"""Every report command's output on the sample boards, byte for byte: `--json` (the CLI
contract), the Markdown text and the HTML page, against what the commands printed before the
reports became typed values (issue 9), captured once into `golden/reports/`.

Recapture (only when a change of output is intended and reviewed):
``python tests/cli/test_report_outputs.py``.
"""

from __future__ import annotations

import io
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.package_data import sample_board
from mlboard.services.clock import FixedClock
from mlboard.storage import BoardRepository

GOLDEN = Path(__file__).parent / "golden" / "reports"
SPRINTS = ("S1", "S3", "S5", "S6", "S7")
REPORTS = ("plan", "standup", "review", "retro", "flow", "burndown")


def cases(name: str) -> list[tuple[str, ...]]:
    """The command lines run on sample board `name`."""
    argvs: list[tuple[str, ...]] = [(report,) for report in REPORTS]
    argvs += [("flow", "--days", "7"), ("standup", "--date", "2026-11-23")]
    if name == "scrum":
        for sprint in SPRINTS:
            argvs += [(report, "--sprint", sprint) for report in ("plan", "review", "retro")]
            argvs.append(("burndown", "--sprint", sprint))
    out: list[tuple[str, ...]] = []
    for argv in argvs:
        out += [(*argv, "--json"), argv]
        if argv[0] in ("standup", "review", "retro"):
            out.append((*argv, "--format", "html"))
    return out


ALL = [(name, argv) for name in ("scrum", "kanban") for argv in cases(name)]


def golden_path(name: str, argv: tuple[str, ...]) -> Path:
    return GOLDEN / f"{name}_{'_'.join(a.lstrip('-') for a in argv)}.txt"


def run(board: Path, argv: tuple[str, ...]) -> str:
    """The command's exit status, stdout and stderr as one text."""
    loaded = BoardRepository(board).load().board
    clock = FixedClock(loaded.events[-1].at + timedelta(hours=2))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--board", str(board), *argv], Context(board, clock=clock))
    return f"exit {status}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}"


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("golden")
    copies = {}
    for name in ("scrum", "kanban"):
        copies[name] = folder / f"{name}.json"
        shutil.copyfile(sample_board(name), copies[name])
    return copies


@pytest.mark.parametrize(("name", "argv"), ALL, ids=[f"{n} {' '.join(a)}" for n, a in ALL])
def test_report_output_unchanged(boards: dict[str, Path], name: str, argv: tuple[str, ...]) -> None:
    expected = golden_path(name, argv).read_text(encoding="utf-8")
    assert run(boards[name], argv) == expected


@pytest.mark.parametrize(
    ("argv", "status", "words"),
    [
        (("burndown",), 1, "no active or closed sprint"),
        (("burndown", "--sprint", "S9"), 2, "S9"),
        (("standup", "--date", "someday"), 2, "--date"),
        (("flow", "--days", "0"), 2, "--days"),
        (("review", "--sprint", "S9", "--format", "html"), 2, "S9"),
    ],
)
def test_a_report_refused_is_one_line_and_prints_nothing(
    tmp_path: Path, argv: tuple[str, ...], status: int, words: str
) -> None:
    board = tmp_path / "mlboard.json"
    context = Context(board, clock=FixedClock(datetime(2026, 11, 2, 9, tzinfo=UTC)))
    assert main(["--board", str(board), "init", "--name", "Fresh", "--key", "ML"], context) == 0
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["--board", str(board), *argv], context) == status
    assert out.getvalue() == "" and err.getvalue().count("\n") == 1
    assert words in err.getvalue()


def capture() -> None:
    """Write every case's output into `golden/reports/`."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/mlboard-golden")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("scrum", "kanban"):
        board = folder / f"{name}.json"
        shutil.copyfile(sample_board(name), board)
        for argv in cases(name):
            golden_path(name, argv).write_text(run(board, argv), encoding="utf-8")


if __name__ == "__main__":
    capture()
