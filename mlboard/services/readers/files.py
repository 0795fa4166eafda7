"""Read a metrics file: plain or nested JSON, DVC metrics YAML, dvclive's and W&B's summaries.

- ``*.yaml`` / ``*.yml``: DVC metrics YAML, nested keys joined with dots as ``dvc metrics
  show`` does.
- ``wandb-summary.json`` (or any JSON with a ``_wandb`` entry): W&B's run summary; entries whose
  key starts with ``_`` (``_runtime``, ``_step``, ``_timestamp``, ``_wandb``…) and media or
  histogram objects (``{"_type": …}``) are bookkeeping, not metrics.
- ``metrics.json`` in a ``dvclive`` folder (or next to dvclive's ``plots`` folder): dvclive's
  summary, whose top-level ``step`` is a counter, not a metric.
- any other JSON: flat or nested, as DVC and training scripts write it.

Every non-numeric entry is left out and listed in `MetricFile.skipped`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from mlboard.models import BadInput
from mlboard.services.readers.flatten import flatten

Kind = Literal["json", "yaml", "wandb", "dvclive", "mlflow"]
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class MetricFile:
    """The metrics read from one source, where from, and what was left out."""

    values: dict[str, float]
    source: str
    kind: Kind
    skipped: tuple[str, ...] = field(default=())


def read_metric_file(path: str) -> MetricFile:
    """Read the file at `path` (its kind from its name, folder and keys)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BadInput(f"--from {path}: {exc.strerror or exc}") from None
    return read_metric_text(raw, path)


def read_metric_text(raw: bytes, source: str) -> MetricFile:
    """Read `raw`, the bytes of `source` (``-`` for standard input: JSON, else YAML)."""
    where = Path(source)
    data: Any
    kind: Kind
    if where.suffix.lower() in YAML_SUFFIXES:
        data, kind = _yaml(raw, source), "yaml"
    elif source == "-":
        try:
            data, kind = orjson.loads(raw), "json"
        except orjson.JSONDecodeError:
            data, kind = _yaml(raw, source), "yaml"
    else:
        try:
            data, kind = orjson.loads(raw), "json"
        except orjson.JSONDecodeError:
            raise BadInput(f"--from {source}: not valid JSON") from None
    if not isinstance(data, Mapping):
        raise BadInput(f"--from {source}: expected an object of metric names to numbers")
    if kind == "json":
        kind = _json_kind(where, data)
    skipped: list[str] = []
    if kind == "dvclive" and "step" in data:
        data = {k: v for k, v in data.items() if k != "step"}
        skipped.append("step")
    flat = flatten(data, source, _wandb_bookkeeping if kind == "wandb" else None)
    if not flat.values:
        raise BadInput(f"--from {source}: no numeric metrics found")
    return MetricFile(flat.values, source, kind, tuple(skipped + flat.skipped))


def _json_kind(where: Path, data: Mapping[str, Any]) -> Kind:
    if where.name == "wandb-summary.json" or "_wandb" in data:
        return "wandb"
    if where.name == "metrics.json" and (
        where.parent.name == "dvclive" or (where.parent / "plots").is_dir()
    ):
        return "dvclive"
    return "json"


def _wandb_bookkeeping(key: str, value: Any) -> bool:
    return key.startswith("_") or (isinstance(value, Mapping) and "_type" in value)


def _yaml(raw: bytes, source: str) -> Any:
    import yaml  # only the commands that read YAML pay for it

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise BadInput(f"--from {source}: not valid YAML{line}") from None
    except (ValueError, RecursionError):  # e.g. a date out of range, deep nesting
        raise BadInput(f"--from {source}: not a YAML file mlboard can read") from None
