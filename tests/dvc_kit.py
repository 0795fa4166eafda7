"""A DVC project of six stage definitions (eleven stages once foreach/matrix are expanded)
for the `mlboard import dvc` tests."""

from __future__ import annotations

from pathlib import Path

DVC_YAML = """\
vars:
  - raw: data/raw
stages:
  ingest:
    cmd: python src/ingest.py ${raw}
    deps: [src/ingest.py]
    outs: [data/raw]
  prepare:
    cmd: python src/prepare.py
    deps: [data/raw/tickets.csv, src/prepare.py]
    outs: [data/prepared]
  featurize:
    foreach: [train, test]
    do:
      cmd: python src/featurize.py ${item}
      deps:
        - data/prepared/${item}.csv
      outs:
        - data/features/${item}.pkl
  train:
    foreach: ${models}
    do:
      cmd: python src/train.py ${item}
      deps: [data/features]
      outs:
        - models/${item}.pkl
  evaluate:
    matrix:
      model: ${models}
      split: [test, holdout]
    cmd: python src/evaluate.py ${item.model} ${item.split}
    deps:
      - models/${item.model}.pkl
      - data/features/test.pkl
    metrics:
      - eval/${item.model}-${item.split}.json:
          cache: false
  report:
    wdir: reports
    cmd: python make_report.py
    deps: [../eval]
    outs: [report.html]
"""
PARAMS = "models: [xgb, resnet]\n"

RUNS = [(m, s) for m in ("xgb", "resnet") for s in ("test", "holdout")]
# Checked by hand against the file above (and against `dvc dag --dot` where dvc is installed).
EXPECTED_EDGES = {
    ("ingest", "prepare"),
    ("prepare", "featurize@train"), ("prepare", "featurize@test"),
    ("featurize@train", "train@xgb"), ("featurize@train", "train@resnet"),
    ("featurize@test", "train@xgb"), ("featurize@test", "train@resnet"),
    *{("featurize@test", f"evaluate@{m}-{s}") for m, s in RUNS},
    *{(f"train@{m}", f"evaluate@{m}-{s}") for m, s in RUNS},
    *{(f"evaluate@{m}-{s}", "report") for m, s in RUNS},
}  # fmt: skip


def write_project(folder: Path, dvc_yaml: str = DVC_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dvc.yaml").write_text(dvc_yaml)
    (folder / "params.yaml").write_text(PARAMS)
    return folder / "dvc.yaml"
