"""Any dvc.yaml: stages, or a one-line refusal; imported, a valid board (issue 12 item 1)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mlboard.models import BadInput, Board, MlboardError
from mlboard.services.imports.dvc_cards import DvcImport, import_dvc
from mlboard.services.imports.dvc_yaml import dependencies, read_dvc_yaml

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
paths = st.sampled_from(["data", "data/raw", "data/raw/a.csv", "model.pkl", "eval", ".", "${item}"])
scalars = st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=6) | paths
entries = st.lists(
    paths | st.dictionaries(paths, st.just({"cache": False}), max_size=1), max_size=3
)
small_maps = st.dictionaries(st.text(max_size=3), scalars, max_size=3)
matrices = st.dictionaries(st.sampled_from(["a", "b"]), st.lists(scalars, max_size=3), max_size=2)
stage = st.fixed_dictionaries(
    {},
    optional={
        "cmd": scalars | st.lists(scalars, max_size=2),
        "deps": entries | scalars, "outs": entries | scalars, "metrics": entries,
        "wdir": st.sampled_from([".", "sub", ".."]),
        "foreach": st.lists(scalars, max_size=3) | small_maps | scalars,
        "do": st.fixed_dictionaries({"cmd": scalars, "deps": entries, "outs": entries}),
        "matrix": matrices | scalars,
    },
)  # fmt: skip


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.text(min_size=1, max_size=8), stage, max_size=5))
# Found by hypothesis: a foreach stage named "\n" that reads its own output is a cycle
# through "\n@None", and the refusal printed the newline.
@example(
    stages={"\n": {"do": {"cmd": None, "deps": ["data"], "outs": ["data"]}, "foreach": [None]}}
)
def test_any_pipeline_reads_or_is_refused_in_one_line(
    tmp_path: Path, stages: dict[str, Any]
) -> None:
    path = tmp_path / "dvc.yaml"
    path.write_text(yaml.safe_dump({"stages": stages}))
    try:
        found = read_dvc_yaml(path)
    except BadInput as exc:
        assert "\n" not in str(exc)
        return
    assert len({s.name for s in found}) == len(found)
    edges = dependencies(found)
    assert all(name not in ups for name, ups in edges.items())
    try:
        draft = import_dvc(Board(name="b", key="ML"), T0, found, "dvc.yaml", {}, DvcImport("d"))
    except MlboardError as exc:
        assert "\n" not in str(exc)
        return
    Board.model_validate(draft.board.model_dump())


def test_a_matrix_of_ten_billion_stages_is_refused(tmp_path: Path) -> None:
    matrix = {f"k{i}": list(range(10)) for i in range(10)}
    (tmp_path / "dvc.yaml").write_text(
        yaml.safe_dump({"stages": {"s": {"matrix": matrix, "cmd": "x"}}})
    )
    with pytest.raises(BadInput, match="more than 5000 stages"):
        read_dvc_yaml(tmp_path / "dvc.yaml")


def test_repeated_anchors_are_refused_not_walked(tmp_path: Path) -> None:
    lines = ["l0: &l0 [a, b]"] + [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, 40)]
    text = "\n".join(lines) + "\nstages:\n  s:\n    cmd: x\n    deps: *l39\n"
    (tmp_path / "dvc.yaml").write_text(text)
    with pytest.raises(BadInput, match="values"):
        read_dvc_yaml(tmp_path / "dvc.yaml")
