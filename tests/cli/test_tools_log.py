"""`mlboard log --from` with W&B / dvclive / YAML files, --only/--exclude, and provenance
(issue 12 items 2 and 3), through a real process and a real git repository."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard

pytestmark = pytest.mark.slow


def run(cwd: Path, *argv: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    done = run_mlboard(*argv, cwd=cwd)
    assert done.returncode == code, (done.stdout, done.stderr)
    return done


def show(cwd: Path, card: str) -> dict[str, Any]:
    data = json.loads(run(cwd, "show", card, "--json").stdout)
    assert isinstance(data, dict)
    return data


def git(cwd: Path, *argv: str) -> str:
    return subprocess.run(
        ["git", *argv], cwd=cwd, capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q",
        "--allow-empty", "-m", "start")  # fmt: skip
    run(tmp_path, "init", "--key", "TR")
    run(tmp_path, "add", "Fine-tune", "--category", "experiment",
        "--accept", "precision>0.92@holdout", "--accept", "recall>0.85@holdout")  # fmt: skip
    return tmp_path


def test_a_wandb_summary_logs_only_real_metrics_with_run_and_commit(project: Path) -> None:
    run_dir = project / "wandb" / "run-20261206_101500-7f3kq2xy" / "files"
    run_dir.mkdir(parents=True)
    (run_dir / "wandb-summary.json").write_text(json.dumps({
        "_runtime": 812.4, "_step": 2999, "_timestamp": 1765015200.5, "_wandb": {"runtime": 812},
        "precision": 0.94, "recall": 0.83, "model": "enc-v3",
    }))  # fmt: skip
    source = "wandb/run-20261206_101500-7f3kq2xy/files/wandb-summary.json"
    out = run(project, "log", "TR-1", "--from", source).stdout
    assert "logged precision=0.94, recall=0.83 on holdout" in out
    assert "_runtime, _step, _timestamp, _wandb, model" in out
    card = show(project, "TR-1")
    head = git(project, "rev-parse", "HEAD")
    assert {(m["name"], m["run"], m["commit"], m["source"]) for m in card["metrics"]} == {
        ("precision", "7f3kq2xy", head, source), ("recall", "7f3kq2xy", head, source),
    }  # fmt: skip
    criteria = card["derived"]["criteria"]
    assert [(c["status"], c["run"], c["commit"]) for c in criteria] == [
        ("met", "7f3kq2xy", head), ("unmet", "7f3kq2xy", head),
    ]  # fmt: skip
    text = run(project, "show", "TR-1").stdout
    assert f"precision 0.94 (needs >0.92): met  [run 7f3kq2xy, commit {head[:12]}" in text


def test_run_and_commit_given_and_pairs_have_no_source(project: Path) -> None:
    url = "https://wandb.ai/team/routing/runs/7f3kq2xy"
    run(project, "log", "TR-1", "precision=0.95", "--run", url, "--commit", "ABCDEF1")
    (metric,) = show(project, "TR-1")["metrics"]
    assert (metric["run"], metric["commit"], metric["source"]) == (url, "abcdef1", None)
    bad = run(project, "log", "TR-1", "precision=0.95", "--commit", "HEAD~1", code=2)
    assert bad.stderr.count("\n") == 1 and "not a commit hash" in bad.stderr
    bad = run(project, "log", "TR-1", "precision=0.95", "--run", "two words", code=2)
    assert "one word" in bad.stderr
    assert len(show(project, "TR-1")["metrics"]) == 1  # refused commands change nothing


def test_outside_a_git_repository_no_commit_is_recorded(tmp_path: Path) -> None:
    run(tmp_path, "init")
    run(tmp_path, "add", "x", "--category", "experiment")
    run(tmp_path, "log", "ML-1", "auc=0.8")
    assert show(tmp_path, "ML-1")["metrics"][0]["commit"] is None


def test_nested_names_decide_criteria_by_their_leaf_and_say_so(project: Path) -> None:
    (project / "metrics.yaml").write_text("eval:\n  precision: 0.95\n  recall: 0.9\n")
    out = run(project, "log", "TR-1", "--from", "metrics.yaml").stdout
    assert "criterion precision>0.92@holdout reads eval.precision" in out
    states = show(project, "TR-1")["derived"]["criteria"]
    assert [(c["status"], c["recorded_as"]) for c in states] == [
        ("met", "eval.precision"), ("met", "eval.recall"),
    ]  # fmt: skip
    # a second nested name ending in `recall`: the leaf no longer decides, and log says why
    (project / "more.json").write_text('{"train": {"recall": 0.99}}')
    out = run(project, "log", "TR-1", "--from", "more.json").stdout
    assert "recall>0.85@holdout is decided by none of train.recall" in out
    assert show(project, "TR-1")["derived"]["criteria"][1]["status"] == "unknown"


def test_only_and_exclude(project: Path) -> None:
    live = project / "dvclive"
    live.mkdir()
    (live / "metrics.json").write_text(
        '{"step": 4, "eval": {"precision": 0.93, "recall": 0.86}, "train": {"loss": 0.1}}'
    )
    run(project, "log", "TR-1", "--from", "dvclive/metrics.json", "--only", "eval.*",
        "--exclude", "recall")  # fmt: skip
    assert [m["name"] for m in show(project, "TR-1")["metrics"]] == ["eval.precision"]
    bad = run(project, "log", "TR-1", "--from", "dvclive/metrics.json", "--only", "f1", code=2)
    assert "--only f1: no such metric" in bad.stderr
    bad = run(project, "log", "TR-1", "auc=0.8", "--only", "auc", code=2)
    assert "go with --from" in bad.stderr


def test_the_parser_loads_no_reader_importer_or_exporter() -> None:
    """Every command builds the parser: the ML tools' modules load only when they run."""
    code = (
        "import sys, mlboard.cli.parser; mlboard.cli.parser.build_parser(); "
        "heavy = ['yaml', 'urllib.request', 'mlboard.services.readers', "
        "'mlboard.services.imports', 'mlboard.services.exports', 'mlboard.services.hooks']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
