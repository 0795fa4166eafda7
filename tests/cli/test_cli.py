"""The command line through `main(argv)`: contract, JSON shapes, exit statuses."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.services.clock import FixedClock

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Run:
    def __init__(self, board: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.board = board
        self.capsys = capsys
        self.clock = FixedClock(T0)

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        status = main(["--board", str(self.board), *argv], Context(self.board, clock=self.clock))
        out, err = self.capsys.readouterr()
        return status, out, err

    def ok(self, *argv: str) -> str:
        status, out, err = self(*argv)
        assert status == 0, err
        return out

    def json(self, *argv: str) -> object:
        return json.loads(self.ok(*argv, "--json"))


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(tmp_path / "mlboard.json", capsys)


@pytest.fixture
def pipeline(run: Run) -> Run:
    """init, one story per category, and data → features → training → evaluation → deploy."""
    run.ok("init", "--name", "Routing", "--key", "ML")
    run.ok("add", "Ingest raw logs", "--category", "data", "--points", "3")
    run.ok("add", "Feature engineering", "--category", "engineering", "--points", "2")
    run.ok(
        "add", "Fine-tune encoder", "--category", "experiment", "--points", "5",
        "--hypothesis", "an encoder beats tf-idf", "--method", "holdout, 5 seeds",
        "--conclusive", "+2pt macro-F1",
        "--accept", "precision>0.92@holdout", "--accept", "recall>0.85@holdout",
    )  # fmt: skip
    run.ok("add", "Offline evaluation", "--category", "tech-debt")
    run.ok("add", "Deploy to staging", "--category", "engineering")
    for dependent, dependency in (("2", "1"), ("3", "2"), ("4", "3"), ("5", "4")):
        run.ok("link", f"ML-{dependent}", "--on", f"ML-{dependency}")
    return run


def test_the_new_user_walkthrough(pipeline: Run) -> None:
    status, _, err = pipeline("link", "ML-1", "--on", "ML-5")
    assert status == 1
    assert err.count("\n") == 1 and "ML-1 → ML-2 → ML-3 → ML-4 → ML-5 → ML-1" in err
    pipeline.ok("log", "ML-3", "precision=0.93", "recall=0.84")
    pipeline.ok("log", "ML-3", "recall=0.86", "--note", "more data")
    shown = pipeline.json("show", "ML-3")
    assert isinstance(shown, dict)
    assert [m["value"] for m in shown["metrics"]] == [0.93, 0.84, 0.86]
    statuses = {(c["metric"], c["status"], c["value"]) for c in shown["derived"]["criteria"]}
    assert statuses == {("precision", "met", 0.93), ("recall", "met", 0.86)}
    assert shown["derived"]["blocked_by"] == {"cards": ["ML-2"], "blockers": []}
    assert shown["derived"]["critical"] is True
    for key in ("id", "title", "category", "status", "points", "assignee", "roles",
                "depends_on", "blockers", "criteria", "metrics", "experiment", "datasets",
                "gpu_hours", "pool", "sprint", "carried"):  # fmt: skip
        assert key in shown
    assert shown["experiment"]["hypothesis"] == "an encoder beats tf-idf"


def test_add_prints_the_new_id_and_list_filters(pipeline: Run) -> None:
    assert pipeline.ok("add", "Label more tickets", "--category", "data") == "ML-6\n"
    pipeline.ok(
        "block", "ML-1", "--kind", "data", "--note", "waiting for export", "--eta", "2026-11-30"
    )
    blocked = pipeline.json("list", "--blocked")
    assert isinstance(blocked, list)
    assert [c["id"] for c in blocked] == ["ML-1", "ML-2", "ML-3", "ML-4", "ML-5"]
    pipeline.ok("move", "ML-1", "done")
    pipeline.ok("unblock", "ML-1")
    blocked = pipeline.json("list", "--blocked")
    assert isinstance(blocked, list) and [c["id"] for c in blocked] == ["ML-3", "ML-4", "ML-5"]
    data = pipeline.json("list", "--category", "data")
    assert isinstance(data, list) and {c["id"] for c in data} == {"ML-1", "ML-6"}
    card = pipeline.json("show", "ML-1")
    assert isinstance(card, dict)
    assert card["blockers"][0]["resolved_at"] is not None  # history is kept
    assert card["blockers"][0]["eta"] == "2026-11-30"
    assert "ML-2" in pipeline.ok("list", "--status", "backlog")


def test_log_from_metrics_files(pipeline: Run, tmp_path: Path) -> None:
    flat = tmp_path / "flat.json"
    flat.write_text('{"precision": 0.95, "recall": 0.9, "model": "enc-v3"}')
    nested = tmp_path / "dvc.json"
    nested.write_text(
        '{"eval": {"auc": 0.81, "per_class": {"billing": 0.7}}, "train": {"loss": 0.2}}'
    )
    pipeline.ok("log", "ML-3", "--from", str(flat))
    pipeline.ok("log", "ML-3", "--from", str(nested), "--dataset", "val")
    card = pipeline.json("show", "ML-3")
    assert isinstance(card, dict)
    names = {(m["name"], m["dataset"]) for m in card["metrics"]}
    assert names == {
        ("precision", "holdout"), ("recall", "holdout"),
        ("eval.auc", "val"), ("eval.per_class.billing", "val"), ("train.loss", "val"),
    }  # fmt: skip


def test_columns_and_wip(pipeline: Run) -> None:
    pipeline.ok("column", "doing", "--wip", "1", "--hard")
    pipeline.ok("move", "ML-1", "doing")
    status, _, err = pipeline("move", "ML-2", "doing")
    assert status == 1 and "hard limit" in err
    pipeline.ok("column", "doing", "--soft")
    status, _, err = pipeline("move", "ML-2", "doing")
    assert status == 0 and "WIP limit" in err


def test_flow_reports_wip_aging_cycle_time_and_cumulative_flow(pipeline: Run) -> None:
    pipeline.ok("column", "doing", "--wip", "1")
    pipeline.ok("move", "ML-1", "doing")
    pipeline.ok("move", "ML-2", "doing")
    pipeline.clock.advance(timedelta(days=2))
    pipeline.ok("move", "ML-1", "done")
    report = pipeline.json("flow", "--days", "7")
    assert isinstance(report, dict) and report["days"] == 7
    doing = next(c for c in report["wip"] if c["column"] == "doing")
    assert (doing["count"], doing["limit"], doing["over"]) == (1, 1, False)
    assert report["cycle_time"]["count"] == 1 and report["cycle_time"]["median_days"] == 2.0
    assert [a["card"] for a in report["aging"]] == ["ML-2"]
    assert len(report["cumulative_flow"]["days"]) == 7
    as_json = json.loads(pipeline.ok("flow", "--format", "json"))
    assert as_json["days"] == 30 and as_json["wip"] == report["wip"]
    text = pipeline.ok("flow")
    assert text.startswith("# Flow — last 30 days") and "## Cumulative flow" in text


def test_people_datasets_pipelines_compute_mode(pipeline: Run) -> None:
    person = pipeline.json("person", "add", "ana", "--role", "ml-engineer", "--role", "analyst")
    assert person == {"handle": "ana", "roles": ["ml-engineer", "analyst"], "name": ""}
    pipeline.ok("pipeline", "add", "ingest", "--produces", "tickets-q3")
    pipeline.ok("dataset", "add", "holdout-nov", "--status", "requested")
    pipeline.ok("dataset", "set", "tickets-q3", "validated")
    pipeline.ok("pipeline", "set", "ingest", "failing", "--note", "schema drift")
    pipeline.ok("compute", "add", "a100", "--gpu-hours", "120")
    assert pipeline.json("mode", "kanban") == {"mode": "kanban"}
    status, _, err = pipeline("sprint", "new")
    assert status == 1 and "mlboard mode scrum" in err
    pipeline.ok("mode", "scrum")
    check = pipeline.json("check")
    assert isinstance(check, dict) and check["ok"] is True and check["cards"] == 5


def test_sprint_lifecycle(pipeline: Run) -> None:
    pipeline.ok("sprint", "new", "--goal", "route 91% of tickets", "--start", "2026-11-02")
    pipeline.ok("sprint", "add", "ML-1", "ML-3")
    pipeline.ok("sprint", "start")
    pipeline.ok("move", "ML-1", "done")
    out = pipeline.ok("sprint", "close", "--carry-to", "backlog", "--note", "ML-3=needs more data")
    assert "ML-3 carried to S2: needs more data" in out
    sprints = pipeline.json("sprint", "list")
    assert isinstance(sprints, list)
    assert [(s["id"], s["state"]) for s in sprints] == [("S1", "closed"), ("S2", "planned")]
    assert sprints[0]["snapshot"]["completed"] == ["ML-1"]


def test_rm_keeps_a_backup_and_restore_undoes(pipeline: Run) -> None:
    pipeline.ok("rm", "ML-5")
    assert pipeline("show", "ML-5")[0] == 2
    listing = pipeline.json("restore")
    assert isinstance(listing, list) and len(listing) == 1
    pipeline.ok("restore", "1")
    assert pipeline.json("show", "ML-5")
    pipeline.ok("restore", "1")  # the board before the restore was kept: undo the restore
    assert pipeline("show", "ML-5")[0] == 2


BAD_INPUT = [
    ("add", "x", "--category", "weather"),
    ("add", "x"),
    ("add", "x", "--category", "data", "--points", "lots"),
    ("add", "x", "--category", "data", "--points", "-3"),
    ("add", "x", "--category", "data", "--accept", "precision=high"),
    ("add", "x", "--category", "data", "--depends-on", "ML-99"),
    ("add", "x", "--category", "data", "--role", "wizard"),
    ("add", "x", "--category", "data", "--status", "limbo"),
    ("add", "x", "--category", "data", "--sprint", "S9"),
    ("add", "x", "--category", "data", "--hypothesis", "h"),
    ("add", "", "--category", "data"),
    ("edit", "ML-1"),
    ("edit", "ML-99", "--title", "t"),
    ("edit", "ML-1", "--timebox", "0", "--category", "experiment"),
    ("move", "ML-99", "doing"),
    ("move", "ML-1", "limbo"),
    ("move", "ML-1"),
    ("show", "ML-99"),
    ("show",),
    ("list", "--status", "limbo"),
    ("list", "--category", "weather"),
    ("list", "--sprint", "S9"),
    ("rm", "ML-99"),
    ("link", "ML-1", "--on", "ML-99"),
    ("link", "ML-1"),
    ("unlink", "ML-1", "--on", "ML-2"),
    ("block", "ML-1", "--kind", "weather", "--note", "rain"),
    ("block", "ML-1", "--kind", "data", "--note", "x", "--eta", "soon"),
    ("block", "ML-1", "--kind", "data"),
    ("unblock", "ML-99"),
    ("unblock", "ML-1", "--kind", "weather"),
    ("log", "ML-1", "auc"),
    ("log", "ML-1", "auc=high"),
    ("log", "ML-1", "auc=nan"),
    ("log", "ML-1"),
    ("log", "ML-1", "--from", "/no/such/metrics.json"),
    ("outcome", "ML-1", "fabulous"),
    ("person", "add", "ana", "--role", "wizard"),
    ("person", "add", "ana"),
    ("person", "add", "bad handle!", "--role", "analyst"),
    ("dataset", "add", "d", "--status", "lost"),
    ("dataset", "add", "d", "--pipeline", "nope"),
    ("dataset", "set", "nope", "validated"),
    ("pipeline", "set", "nope", "ok"),
    ("pipeline", "add", "p", "--produces"),
    ("compute", "add", "a100", "--gpu-hours", "-1"),
    ("compute", "add", "a100"),
    ("mode", "waterfall"),
    ("column", "limbo", "--wip", "2"),
    ("column", "doing", "--wip", "-2"),
    ("column", "doing", "--hard", "--soft"),
    ("restore", "7"),
    ("restore", "x"),
    ("sprint", "new", "--start", "tomorrow"),
    ("sprint", "new", "--measure", "accuracy~0.9"),
    ("sprint", "close", "--carry-to", "nowhere"),
    ("sprint", "add", "ML-99"),
    ("sprint", "frobnicate"),
    ("init", "--mode", "waterfall"),
    ("init", "--key", "not a key"),
    ("graph", "--format", "png"),
    ("graph", "--sprint", "S9"),
    ("review", "--format", "pdf"),
    ("flow", "--days", "0"),
    ("flow", "--days", "1000000"),
    ("sprint", "new", "--measure", "acc>1e999"),
    ("sprint", "new", "--start", "9999-12-25"),
    ("sprint", "new", "--days", "99999999"),
    ("flow", "--days", "week"),
    ("flow", "--format", "csv"),
    ("standup", "--date", "yesterday"),
    ("frobnicate",),
    ("--no-such-option",),
]


@pytest.mark.parametrize("argv", BAD_INPUT, ids=" ".join)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(run: Run, argv: tuple[str, ...]) -> None:
    run.ok("init", "--key", "ML")
    run.ok("add", "first", "--category", "data")
    before = run.board.read_bytes()
    status, out, err = run(*argv)
    assert status == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("mlboard"), err
    assert "Traceback" not in err
    if argv[0] != "init":
        assert run.board.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ("unblock", "ML-1"),
        ("outcome", "ML-1", "promising"),
        ("sprint", "start"),
        ("sprint", "close"),
        ("sprint", "add", "ML-1"),
        ("init",),
    ],
    ids=" ".join,
)
def test_domain_refusals_exit_1(run: Run, argv: tuple[str, ...]) -> None:
    run.ok("init", "--key", "ML")
    run.ok("add", "first", "--category", "data")
    before = run.board.read_bytes()
    status, _, err = run(*argv)
    assert status == 1 and err.count("\n") == 1, err
    assert run.board.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b'{"meta": {"1": {"schema_version": 1}}, "board": {"1": {"name": 3}}}', "board.name"),
        (b"[1, 2, 3]", "not a JSON object"),
    ],
)
def test_broken_board_files(run: Run, content: bytes, message: str) -> None:
    run.board.write_bytes(content)
    for argv in (
        ("list",),
        ("add", "x", "--category", "data"),
        ("check",),
        ("move", "ML-1", "done"),
    ):
        status, _, err = run(*argv)
        assert status == 2 and err.count("\n") == 1 and message in err, err
    assert run.board.read_bytes() == content


def test_no_board_yet(run: Run) -> None:
    status, _, err = run("list")
    assert status == 2 and "mlboard init" in err
    assert not run.board.exists()


def test_notes_reservations_failures_and_confusion(pipeline: Run, tmp_path: Path) -> None:
    pipeline.ok("compute", "add", "a100", "--gpu-hours", "120")
    pipeline.ok("sprint", "new")
    reserved = pipeline.json("sprint", "reserve", "a100", "--gpu-hours", "30", "--note", "search")
    assert reserved == {"pool": "a100", "gpu_hours": 30.0, "note": "search"}
    pipeline.ok("sprint", "start")
    note = pipeline.json(
        "note", "retro", "labels arrived late", "--kind", "action", "--card", "ML-1"
    )
    assert isinstance(note, dict) and (note["sprint"], note["card"]) == ("S1", "ML-1")
    pipeline.ok("note", "standup", "ana", "waiting on the export", "--kind", "blocker")
    pipeline.ok("failure", "ML-3", "short tickets routed to billing")
    matrix = tmp_path / "matrix.json"
    matrix.write_text('{"labels": ["billing", "tech"], "matrix": [[40, 9], [3, 48]]}')
    card = pipeline.json("confusion", "ML-3", "--from", str(matrix))
    assert isinstance(card, dict)
    assert card["failures"] == ["short tickets routed to billing"]
    assert card["confusion"]["counts"] == [[40, 9], [3, 48]]
    for wrong in ("[[1, 2]]", "[[-1]]", f"[[{2**60}]]"):  # not square, negative, too large
        matrix.write_text(f'{{"labels": ["billing"], "counts": {wrong}}}')
        status, _, err = pipeline("confusion", "ML-3", "--from", str(matrix))
        assert status == 2 and err.count("\n") == 1, err


@pytest.mark.parametrize(
    "argv", [("--theme", "light", "demo"), ("demo", "--theme", "light"), ("--theme", "light")]
)
def test_the_theme_option_reaches_the_tui_wherever_it_is_written(
    argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[str | None] = []
    monkeypatch.setattr("mlboard.cli.tui.open_demo", lambda sample, theme: seen.append(theme) or 0)
    monkeypatch.setattr(
        "mlboard.cli.tui.open_board", lambda path, theme, *_: seen.append(theme) or 0
    )
    monkeypatch.chdir(tmp_path)
    assert main(list(argv)) == 0
    assert seen == ["light"]


def test_locate_names_every_place(run: Run) -> None:
    places = run.json("locate")
    assert isinstance(places, dict)
    assert places["board"] == str(run.board) and places["board_exists"] is False
    assert places["config"] == os.environ["MLBOARD_CONFIG_DIR"]
    assert places["user_themes"] == str(Path(places["config"]) / "themes")
    assert places["hooks"] == str(Path(places["config"]) / "hooks.toml")
    assert Path(places["builtin_themes"], "dark.toml").is_file()
    assert places["cache"] == os.environ["MLBOARD_CACHE_DIR"]


def test_every_command_of_the_parser_is_taken_for_a_command_not_a_board_path() -> None:
    """`mlboard flow` once opened a board file named "flow": the names were a second list.
    The names the TUI's quick start reads (cli/top.py) are the parser's, every one."""
    from mlboard.cli.parser import build_parser, command_names
    from mlboard.cli.top import COMMANDS, split_path

    names = command_names(build_parser())
    assert names == COMMANDS
    assert {"flow", "graph", "note", "demo", "locate"} <= names
    for name in names:
        assert split_path([name, "--json"]) == (None, [name, "--json"], True)
    assert split_path(["team.json"]) == ("team.json", [], False)


def test_version_is_printed_on_stdout_without_building_the_commands(capsys) -> None:
    """`--version` is read off the package only when asked, and printed where argparse's
    own version action prints it."""
    assert main(["--version"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("mlboard ") and err == ""


@pytest.mark.parametrize("asked", ["-h", "--help", "--he", "--h"])
def test_help_in_any_spelling_argparse_takes_lists_the_commands(asked: str, capsys) -> None:
    assert main([asked]) == 0
    assert "COMMAND" in capsys.readouterr().out
