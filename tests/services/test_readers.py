"""Metric files as DVC, dvclive and W&B write them (issue 12 item 3)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlboard.models import BadInput
from mlboard.services.readers import read_metric_file, read_metric_text, select


def _laughs(levels: int) -> list[str]:
    """YAML whose every level names the one below twice: 2**levels entries when walked."""
    lines = ["l0: &l0 {a: 1, b: 2}"]
    lines += [f"l{i}: &l{i} {{a: *l{i - 1}, b: *l{i - 1}}}" for i in range(1, levels)]
    return lines


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_wandb_summary_logs_only_real_metrics(tmp_path: Path) -> None:
    summary = {
        "_runtime": 812.4, "_step": 2999, "_timestamp": 1765015200.5, "_wandb": {"runtime": 812},
        "accuracy": 0.914, "loss": 0.21, "best_epoch": 7, "run_name": "enc-v3",
        "confusion": {"_type": "table-file", "path": "media/table.json", "size": 3},
        "val": {"f1": 0.88, "_private": 1.0}, "done": True,
    }  # fmt: skip
    read = read_metric_file(write(tmp_path / "files" / "wandb-summary.json", json.dumps(summary)))
    assert read.kind == "wandb"
    assert read.values == {"accuracy": 0.914, "loss": 0.21, "best_epoch": 7.0, "val.f1": 0.88}
    assert {"_runtime", "_step", "_timestamp", "_wandb", "run_name", "confusion"} <= set(
        read.skipped
    )


def test_a_summary_under_another_name_is_known_by_its_wandb_entry(tmp_path: Path) -> None:
    read = read_metric_file(write(tmp_path / "s.json", '{"_wandb": {}, "_step": 3, "auc": 0.8}'))
    assert (read.kind, read.values) == ("wandb", {"auc": 0.8})


def test_dvclive_metrics_leave_out_the_step_counter(tmp_path: Path) -> None:
    text = '{"step": 9, "train": {"loss": 0.3}, "eval": {"acc": 0.9}}'
    read = read_metric_file(write(tmp_path / "dvclive" / "metrics.json", text))
    assert (read.kind, read.values) == ("dvclive", {"train.loss": 0.3, "eval.acc": 0.9})
    # next to dvclive's plots folder, whatever the folder is called
    (tmp_path / "live" / "plots").mkdir(parents=True)
    read = read_metric_file(write(tmp_path / "live" / "metrics.json", text))
    assert read.kind == "dvclive" and "step" not in read.values
    # any other metrics.json keeps a `step` entry: it may be a metric there
    assert "step" in read_metric_file(write(tmp_path / "other" / "metrics.json", text)).values


def test_dvc_metrics_yaml_nested(tmp_path: Path) -> None:
    text = "eval:\n  auc: 0.81\n  per_class:\n    billing: 0.7\n  note: fine\ntrain:\n  loss: .2\n"
    read = read_metric_file(write(tmp_path / "metrics.yaml", text))
    assert read.kind == "yaml"
    assert read.values == {"eval.auc": 0.81, "eval.per_class.billing": 0.7, "train.loss": 0.2}
    assert read.skipped == ("eval.note",)


def test_stdin_reads_json_then_yaml() -> None:
    assert read_metric_text(b'{"auc": 0.8}', "-").values == {"auc": 0.8}
    assert read_metric_text(b"auc: 0.8\n", "-").values == {"auc": 0.8}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.json", "[1, 2]", "expected an object"),
        ("m.json", "{oops", "not valid JSON"),
        ("m.yaml", "a: [1,\n", "not valid YAML (line"),
        ("m.yaml", "a: !!python/object:os.system {}\n", "not valid YAML"),
        ("m.json", '{"model": "enc"}', "no numeric metrics"),
        ("m.json", '{"a.b": 1, "a": {"b": 2}}', "'a.b' is written twice"),
        ("m.yml", "\n".join(_laughs(30)), "more than 100000 entries"),
    ],
)  # fmt: skip
def test_unreadable_files_are_one_line_errors(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(BadInput, match=message.replace("(", r"\(")):
        read_metric_file(write(tmp_path / name, text))


def test_only_and_exclude_match_full_leaf_or_pattern_names() -> None:
    values = {"eval.auc": 0.8, "train.auc": 0.9, "eval.loss": 0.1, "lr": 0.01}
    assert select(values, only=["eval.*"]) == {"eval.auc": 0.8, "eval.loss": 0.1}
    assert select(values, only=["auc"]) == {"eval.auc": 0.8, "train.auc": 0.9}
    assert select(values, exclude=["train.*", "lr"]) == {"eval.auc": 0.8, "eval.loss": 0.1}
    assert select(values, only=["auc"], exclude=["train.auc"]) == {"eval.auc": 0.8}
    with pytest.raises(BadInput, match="--only recall: no such metric"):
        select(values, only=["recall"])
    with pytest.raises(BadInput, match="leaves no metric"):
        select(values, exclude=["*"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=6), st.sampled_from(
    ["metrics.json", "wandb-summary.json", "metrics.yaml"]
))  # fmt: skip
def test_any_document_gives_finite_named_metrics_or_a_bad_input(
    data: dict[str, Any], name: str
) -> None:
    if name.endswith(".yaml"):
        import yaml

        raw = yaml.safe_dump(data).encode()
    else:
        raw = json.dumps(data, allow_nan=True).encode()
    try:
        read = read_metric_text(raw, name)
    except BadInput as exc:
        assert "\n" not in str(exc)
        return
    assert read.values
    for metric, value in read.values.items():
        assert metric.strip() and math.isfinite(value)
        if name.startswith("wandb"):
            assert not any(part.startswith("_") for part in metric.split("."))


@given(st.binary(max_size=200))
def test_any_bytes_on_stdin_are_read_or_refused_in_one_line(raw: bytes) -> None:
    try:
        read_metric_text(raw, "-")
    except BadInput as exc:
        assert "\n" not in str(exc)
