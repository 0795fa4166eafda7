"""`mlboard import dvc` gives the same edges as the real `dvc dag --dot` (issue 12 item 1)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard
from dvc_kit import EXPECTED_EDGES, write_project
from tools_kit import tool

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_imported_dependencies_are_dvc_dags_edges(tmp_path: Path) -> None:
    dvc = tool("dvc")
    write_project(tmp_path)
    quiet = {**os.environ, "DVC_NO_ANALYTICS": "1"}  # no usage report sent from a test
    subprocess.run(
        [dvc, "init", "--no-scm", "-q"], cwd=tmp_path, check=True, timeout=120, env=quiet
    )
    dot = subprocess.run(
        [dvc, "dag", "--dot"], cwd=tmp_path, capture_output=True, text=True, check=True,
        timeout=120, env=quiet,
    ).stdout  # fmt: skip
    dvc_edges = set(re.findall(r'"([^"]+)" -> "([^"]+)"', dot))
    assert dvc_edges == EXPECTED_EDGES  # the hand-checked DAG is DVC's

    def mlboard(*argv: str) -> str:
        done = run_mlboard(*argv, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    mlboard("init")
    mlboard("import", "dvc")
    graph = json.loads(mlboard("graph", "--format", "json"))
    title = {node["id"]: node["title"] for node in graph["nodes"]}
    assert {(title[e["from"]], title[e["to"]]) for e in graph["edges"]} == dvc_edges
