"""The reports as frozen values: `to_json()` is their JSON form, field for field."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from mlboard.package_data import sample_board
from mlboard.planning.reports import REPORTS, Request
from mlboard.planning.reports.burndown import ScopeChange
from mlboard.planning.reports.common import CardBrief
from mlboard.planning.reports.flow import Aging
from mlboard.planning.reports.standup_values import BlockerChange, MoveChange
from mlboard.planning.reports.value import Value
from mlboard.storage import BoardRepository


def test_a_trailing_underscore_is_dropped_and_none_left_out_only_where_said() -> None:
    re_estimate = ScopeChange("2026-11-04T09:00:00+00:00", "ML-2", "re-estimated", 3.0, 5.0, 8.0)
    assert re_estimate.to_json() == {
        "at": "2026-11-04T09:00:00+00:00",
        "card": "ML-2",
        "kind": "re-estimated",
        "points": 3.0,
        "from": 5.0,
        "to": 8.0,
    }
    added = ScopeChange(None, "ML-4", "added", 4.0)
    assert list(added.to_json()) == ["at", "card", "kind", "points"]  # at: None stays
    created = MoveChange("t", "ML-1", "created", None, "backlog")
    assert created.to_json() == {
        "at": "t", "card": "ML-1", "kind": "created", "from": None, "to": "backlog",
    }  # fmt: skip
    plain = Aging("ML-1", "Chore", "doing", "engineering", None, 2.5)
    assert "timebox_days" not in plain.to_json() and plain.to_json()["assignee"] is None


def test_a_blocker_raised_keeps_its_note_even_empty_a_resolved_one_has_none() -> None:
    raised = BlockerChange("t", "ML-1", "blocked", "data", None)
    resolved = BlockerChange("t", "ML-1", "unblocked", "data")
    assert raised.to_json()["note"] is None
    assert "note" not in resolved.to_json()


def test_a_deleted_card_is_only_its_id_and_hidden_fields_stay_out() -> None:
    gone = CardBrief("ML-9", None, None, None, None, None, deleted=True)
    assert gone.to_json() == {
        "id": "ML-9", "title": None, "category": None, "status": None, "points": None,
    }  # fmt: skip
    live = CardBrief("ML-1", "Chore", "engineering", "done", 2.0, None)
    assert list(live.to_json()) == ["id", "title", "category", "status", "points", "assignee"]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_is_a_frozen_value_with_no_list_inside(name: str) -> None:
    board = BoardRepository(sample_board("scrum")).load().board
    report = REPORTS[name].build(board, Request(board.events[-1].at + timedelta(hours=2)))
    assert isinstance(report, Value)
    first = dataclasses.fields(report)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(report, first, None)
    seen = 0
    stack: list[object] = [report]
    while stack:  # no list or dict to change in place: tuples and mappings only
        value = stack.pop()
        if isinstance(value, Value):
            seen += 1
            stack += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, tuple):
            stack += value
        assert not isinstance(value, list)
    assert seen > 1
    written = json.loads(json.dumps(report.to_json()))
    assert written == report.to_json()
