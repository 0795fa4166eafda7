"""`mlboard log ID --from mlflow:RUN_ID` against a real `mlflow server` (issue 12 item 3)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard
from tools_kit import tool

pytestmark = [pytest.mark.slow, pytest.mark.integration]
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def call(uri: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{uri}/api/2.0/mlflow/{path}", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    mlflow = tool("mlflow")
    home = tmp_path_factory.mktemp("mlflow")
    port = free_port()
    log = (home / "server.log").open("w")
    process = subprocess.Popen(
        [mlflow, "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--backend-store-uri", f"sqlite:///{home / 'mlflow.db'}",
         "--default-artifact-root", str(home / "artifacts")],
        cwd=home, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "1",
             "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"},  # no job-runner process
    )  # fmt: skip
    uri = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{uri}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("mlflow server did not start: " + (home / "server.log").read_text())
            time.sleep(0.5)
        yield uri
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def mlboard(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return run_mlboard(*argv, cwd=cwd)


def test_a_runs_latest_metrics_with_its_id_and_git_commit(server: str, tmp_path: Path) -> None:
    experiment = call(server, "experiments/create", {"name": "routing"})["experiment_id"]
    run_id = call(server, "runs/create", {"experiment_id": experiment, "start_time": 1})["run"][
        "info"
    ]["run_id"]
    call(server, "runs/log-batch", {
        "run_id": run_id,
        "metrics": [
            {"key": "precision", "value": 0.90, "timestamp": 1, "step": 0},
            {"key": "precision", "value": 0.94, "timestamp": 2, "step": 1},
            {"key": "eval/recall", "value": 0.87, "timestamp": 2, "step": 1},
        ],
        "params": [{"key": "lr", "value": "0.1"}],
        "tags": [{"key": "mlflow.source.git.commit", "value": COMMIT}],
    })  # fmt: skip
    assert mlboard(tmp_path, "init").returncode == 0
    mlboard(tmp_path, "add", "Fine-tune", "--category", "experiment", "--accept", "precision>0.92")
    done = mlboard(tmp_path, "log", "ML-1", "--from", f"mlflow:{run_id}", "--tracking-uri", server)
    assert done.returncode == 0, done.stderr
    card = json.loads(mlboard(tmp_path, "show", "ML-1", "--json").stdout)
    got = {m["name"]: (m["value"], m["run"], m["commit"], m["source"]) for m in card["metrics"]}
    source = f"mlflow:{run_id}@{server}"
    assert got == {
        "precision": (0.94, run_id, COMMIT, source),
        "eval/recall": (0.87, run_id, COMMIT, source),
    }
    assert card["derived"]["criteria"][0]["status"] == "met"


def test_an_unknown_run_or_server_is_one_line_and_changes_nothing(
    server: str, tmp_path: Path
) -> None:
    mlboard(tmp_path, "init")
    mlboard(tmp_path, "add", "x", "--category", "experiment")
    before = (tmp_path / "mlboard.json").read_bytes()
    missing = mlboard(tmp_path, "log", "ML-1", "--from", "mlflow:0f0f0f", "--tracking-uri", server)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "not found" in missing.stderr
    down = f"http://127.0.0.1:{free_port()}"
    refused = mlboard(tmp_path, "log", "ML-1", "--from", "mlflow:abc", "--tracking-uri", down)
    assert refused.returncode == 2 and "cannot reach the tracking server" in refused.stderr
    assert (tmp_path / "mlboard.json").read_bytes() == before
