"""`mlboard import dvc` through a real process (issue 12 item 1): stages as cards, the DAG as
dependencies, idempotent re-import, flagged removals, categories and their overrides."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard
from dvc_kit import DVC_YAML, EXPECTED_EDGES, write_project

pytestmark = pytest.mark.slow


def run(cwd: Path, *argv: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    done = run_mlboard(*argv, cwd=cwd)
    assert done.returncode == code, (done.stdout, done.stderr)
    return done


def stage_edges(cwd: Path) -> set[tuple[str, str]]:
    """The board's dependencies between imported cards, as (upstream stage, stage)."""
    cards = json.loads(run(cwd, "list", "--json").stdout)
    stage = {c["id"]: c["source"].removeprefix("dvc:") for c in cards if c["source"]}
    return {(stage[d], stage[c["id"]]) for c in cards if c["id"] in stage for d in c["depends_on"]}


def cards_by_stage(cwd: Path) -> dict[str, dict[str, Any]]:
    cards = json.loads(run(cwd, "list", "--json").stdout)
    return {c["source"].removeprefix("dvc:"): c for c in cards if c["source"]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path)
    run(tmp_path, "init", "--key", "TR")
    return tmp_path


def test_stages_become_cards_with_the_pipelines_edges(project: Path) -> None:
    out = json.loads(run(project, "import", "dvc", "--json").stdout)
    assert len(out["added"]) == 11 and not out["updated"] and not out["dry_run"]
    assert stage_edges(project) == EXPECTED_EDGES
    cards = cards_by_stage(project)
    categories = {name: c["category"] for name, c in cards.items()}
    assert categories["ingest"] == "data" and categories["prepare"] == "data"
    assert categories["train@xgb"] == "experiment"
    assert categories["evaluate@resnet-holdout"] == "experiment"  # writes metrics
    assert categories["report"] == "engineering"
    assert "python src/train.py xgb" in cards["train@xgb"]["description"]


def test_reimport_changes_nothing_and_follows_the_file(project: Path) -> None:
    run(project, "import", "dvc")
    board = project / "mlboard.json"
    before = board.read_bytes()
    again = json.loads(run(project, "import", "dvc", "--json").stdout)
    assert (len(again["unchanged"]), again["added"], again["updated"]) == (11, [], [])
    assert board.read_bytes() == before  # nothing to write, nothing written
    # a hand-made dependency and a hand-set category survive a re-import
    cards = cards_by_stage(project)
    run(project, "add", "Label more tickets", "--category", "data")
    run(project, "link", cards["prepare"]["id"], "--on", "TR-12")
    run(project, "edit", cards["report"]["id"], "--category", "tech-debt")
    # the file changes: report gone, a new stage, prepare's command edited
    changed = DVC_YAML.replace("python src/prepare.py\n", "python src/prepare.py --dedupe\n")
    changed = changed[: changed.index("  report:")] + (
        "  deploy:\n    cmd: ./deploy.sh\n    deps: [models]\n"
    )
    write_project(project, changed)
    dry = run(project, "import", "dvc", "--dry-run").stdout
    assert "1 added, 1 updated, 9 unchanged, 1 flagged as removed (dry run" in dry
    assert cards_by_stage(project).keys() == cards.keys()  # the dry run wrote nothing
    out = json.loads(run(project, "import", "dvc", "--json").stdout)
    now = cards_by_stage(project)
    assert [a["stage"] for a in out["added"]] == ["deploy"]
    assert now["deploy"]["category"] == "engineering"
    assert set(now["deploy"]["depends_on"]) == {now["train@xgb"]["id"], now["train@resnet"]["id"]}
    assert [(u["stage"], u["changed"]) for u in out["updated"]] == [("prepare", ["description"])]
    assert now["prepare"]["depends_on"] == [cards["ingest"]["id"], "TR-12"]
    assert out["flagged"] == [cards["report"]["id"]]  # flagged, never deleted
    assert "removed from dvc.yaml" in now["report"]["description"]
    assert now["report"]["category"] == "tech-debt"
    third = json.loads(run(project, "import", "dvc", "--json").stdout)
    assert (third["added"], third["updated"], third["flagged"]) == ([], [], [])


def test_categories_can_be_set_per_stage_or_group(project: Path) -> None:
    run(project, "import", "dvc", "--category", "featurize=engineering",
        "--category", "report=tech-debt")  # fmt: skip
    cards = cards_by_stage(project)
    assert cards["featurize@test"]["category"] == "engineering"
    assert cards["report"]["category"] == "tech-debt"
    bad = run(project, "import", "dvc", "--category", "nosuch=data", code=2)
    assert "--category nosuch: no such stage" in bad.stderr
    bad = run(project, "import", "dvc", "--category", "report=ops", code=2)
    assert bad.stderr.count("\n") == 1 and "not one of" in bad.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("stages: [1, 2]\n", "no stages"),
        ("stages:\n  a:\n    cmd: x ${nope}\n", "cannot fill ${nope}"),
        ("stages:\n  a: [\n", "not valid YAML"),
        ("stages:\n  a:\n    foreach: 3\n    do: {cmd: x}\n", "foreach needs a list"),
    ],
)
def test_a_bad_pipeline_file_is_one_line_and_writes_nothing(
    project: Path, text: str, message: str
) -> None:
    (project / "dvc.yaml").write_text(text)
    before = (project / "mlboard.json").read_bytes()
    bad = run(project, "import", "dvc", code=2)
    assert bad.stderr.count("\n") == 1 and message in bad.stderr
    assert (project / "mlboard.json").read_bytes() == before


def test_foreach_names_follow_dvc(tmp_path: Path) -> None:
    (tmp_path / "dvc.yaml").write_text(
        "stages:\n"
        "  a:\n    foreach: [{x: 1}, {x: 2}]\n    do: {cmd: 'echo ${item.x}'}\n"
        "  b:\n    foreach: {us: 1, uk: 2}\n    do: {cmd: 'echo ${key}'}\n"
        "  c:\n    matrix: {flag: [true, false], cfg: [{a: 1}]}\n    cmd: echo\n"
    )
    run(tmp_path, "init")
    run(tmp_path, "import", "dvc", str(tmp_path / "dvc.yaml"))
    assert set(cards_by_stage(tmp_path)) == {
        "a@0", "a@1", "b@us", "b@uk", "c@true-cfg0", "c@false-cfg0",
    }  # fmt: skip
