"""`--from mlflow:RUN_ID`: a run's latest metrics through MLflow's REST API (2.0).

``GET {tracking_uri}/api/2.0/mlflow/runs/get?run_id=RUN_ID`` answers the run with the latest
value of each metric, and the tags the MLflow client set, among them the git commit of the
code that ran (``mlflow.source.git.commit``). Only http(s) tracking servers are read.
"""

from __future__ import annotations

import json
import math
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from mlboard.models import BadInput
from mlboard.services.readers.files import MetricFile

PREFIX = "mlflow:"
DEFAULT_URI = "http://127.0.0.1:5000"
TIMEOUT_S = 15.0
_RUN_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
COMMIT_TAG = "mlflow.source.git.commit"


@dataclass(frozen=True)
class MlflowRun:
    metrics: MetricFile
    run_id: str
    commit: str | None


def is_mlflow(source: str) -> bool:
    return source.startswith(PREFIX)


def tracking_uri(given: str | None) -> str:
    """`--tracking-uri`, else ``MLFLOW_TRACKING_URI``, else MLflow's local default."""
    uri = (given or os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_URI).strip().rstrip("/")
    if urllib.parse.urlsplit(uri).scheme not in ("http", "https"):
        raise BadInput(f"--tracking-uri {uri!r}: only an http(s) MLflow tracking server is read")
    return uri


def read_mlflow_run(source: str, uri: str) -> MlflowRun:
    run_id = source.removeprefix(PREFIX).strip()
    if not _RUN_ID.match(run_id):
        raise BadInput(f"--from {source}: {run_id!r} is not an MLflow run id")
    url = f"{uri}/api/2.0/mlflow/runs/get?" + urllib.parse.urlencode({"run_id": run_id})
    where = f"--from {source} ({uri})"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            body = response.read(50_000_000)
    except urllib.error.HTTPError as exc:
        raise BadInput(f"{where}: {_server_message(exc)}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BadInput(f"{where}: cannot reach the tracking server ({reason})") from None
    try:
        data = json.loads(body)
        run = data["run"]
        entries = run.get("data", {}).get("metrics", [])
        tags = {t["key"]: t["value"] for t in run.get("data", {}).get("tags", [])}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BadInput(f"{where}: the answer is not an MLflow run") from None
    values: dict[str, float] = {}
    skipped: list[str] = []
    for entry in entries:
        key, value = entry.get("key"), entry.get("value")
        if (
            isinstance(key, str)
            and key.strip()
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        ):
            values[key.strip()] = float(value)
        else:
            skipped.append(str(key))
    if not values:
        raise BadInput(f"{where}: the run has no numeric metrics")
    commit = tags.get(COMMIT_TAG)
    return MlflowRun(
        MetricFile(values, f"{PREFIX}{run_id}@{uri}", "mlflow", tuple(skipped)),
        run_id,
        commit if isinstance(commit, str) and commit.strip() else None,
    )


def _server_message(exc: urllib.error.HTTPError) -> str:
    try:
        message = json.loads(exc.read(100_000)).get("message")
    except (ValueError, AttributeError, OSError):
        message = None
    text = str(message) if message else f"HTTP {exc.code}"
    return " ".join(text.split())[:200]
