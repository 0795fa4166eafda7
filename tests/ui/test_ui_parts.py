"""The UI's pure parts: filter words, form conversion, metric text, view layout, burndown."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mlboard.models import BadInput, Category
from mlboard.package_data import sample_board
from mlboard.planning.query import CardQuery
from mlboard.services.parse import metric_text as parse_metrics
from mlboard.services.session import BoardService
from mlboard.storage import BoardRepository
from mlboard.ui.board_model import LANES, ROW_HEIGHT, Spot, build_view
from mlboard.ui.card_form import changed_fields, initial_values
from mlboard.ui.sprint_figures import sprint_figures


def test_filter_words() -> None:
    parsed = CardQuery.parse("Router @ana #experiment in:doing sprint:S2 !blocked")
    assert parsed == CardQuery(
        "router", "ana", Category.EXPERIMENT, status="doing", sprint="S2", blocked=True
    )
    assert parsed.describe() == "router @ana #experiment in:doing sprint:S2 !blocked"
    assert not CardQuery.parse("  ").active
    assert CardQuery.parse("#nope").label == "nope"  # not a category's name: a label
    with pytest.raises(BadInput, match="columns"):
        CardQuery.parse("in:nowhere", BoardRepository(sample_board("scrum")).load().board)


def test_form_sends_only_changed_fields(board_path: Path) -> None:
    card = BoardRepository(board_path).load().board.cards["ML-3"]
    initial = initial_values(card, {})
    assert initial["criteria"] == "accuracy>=0.91@holdout, latency<50@holdout"
    values = {**initial, "points": "5", "depends_on": "ML-1, ML-2", "timebox": "2"}
    assert changed_fields(values, initial) == {
        "points": 5.0,
        "depends_on": ["ML-1", "ML-2"],
        "timebox": 2,
    }
    with pytest.raises(BadInput, match="points"):
        changed_fields({**initial, "points": "many"}, initial)
    not_experiment = {**initial, "category": "data", "hypothesis": "x"}
    assert changed_fields(not_experiment, initial) == {"category": "data"}


def test_metric_text() -> None:
    assert parse_metrics("auc=0.81, f1=0.7") == {"auc": 0.81, "f1": 0.7}
    with pytest.raises(BadInput):
        parse_metrics("auc:0.8")
    with pytest.raises(BadInput):
        parse_metrics("")


def test_view_lays_out_lanes_and_finds_cards(board_path: Path) -> None:
    board = BoardRepository(board_path).load().board
    view = build_view(board)
    assert [c.id for c in view.columns] == ["todo", "doing", "review", "done"]
    data = LANES.index(Category.DATA)
    assert view.cell(data, 0) == ("ML-2",) and view.cell(data, 1) == ("ML-1",)
    assert view.find("ML-1") == Spot(data, 1, 0)
    assert view.find("ML-9") is None  # not in the sprint
    assert view.lane_top[1] == 1 + ROW_HEIGHT  # one row of data cards
    folded = build_view(board, collapsed=frozenset({Category.DATA}))
    assert folded.lane_top[1] == 1 and folded.card_at(Spot(data, 0, 0)) is None


def test_view_of_a_big_board_shows_every_card_once(tmp_path: Path) -> None:
    """The benchmark's board (Kanban: every card shown), at 2,000 cards."""
    bench = Path(__file__).parents[2] / "bench" / "tui_board.py"
    spec = importlib.util.spec_from_file_location("tui_board", bench)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_board(tmp_path / "big.json", 2000, "kanban")
    view = build_view(BoardRepository(tmp_path / "big.json").load().board)
    assert sorted(view.shown_ids()) == sorted(view.board.cards)


def test_burndown_from_events(board_path: Path) -> None:
    board = BoardService.open(board_path).board
    figures = sprint_figures(board, datetime(2026, 11, 19, 12, tzinfo=UTC))
    assert figures is not None
    assert (figures.day, figures.days) == (4, 14)
    assert figures.committed_points == 30 and figures.done_points == 1
    assert figures.burndown == (30, 29, 29, 29)
    assert figures.sprint.start == date(2026, 11, 16)


def test_importing_the_ui_package_does_not_load_textual() -> None:
    code = "import sys, mlboard.ui; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_run_refuses_a_broken_board_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mlboard.ui import run

    path = tmp_path / "mlboard.json"
    path.write_text("{not json")
    assert run(path) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mlboard.json" in err


def test_kanban_view_flags_over_wip_and_ages(kanban_path: Path) -> None:
    from mlboard.services import cards
    from mlboard.ui.badges import badges

    service = BoardService.open(kanban_path)
    service.do(cards.move_card, "ML-2", "doing")
    view = build_view(service.board)
    doing = [c.id for c in view.columns].index("doing")
    assert view.column_totals[doing] == 3 and view.over_wip(doing)
    later = datetime(2026, 11, 30, tzinfo=UTC)
    texts = [text for text, _ in badges(service.board, service.board.cards["ML-1"], later)]
    assert texts[0].startswith("✖data ") and any(t.startswith("◷") for t in texts)


@pytest.mark.parametrize("query", ["", "@ana", "#experiment", "router", "!blocked"])
def test_patched_view_equals_a_rebuilt_one(board_path: Path, query: str) -> None:
    """Random moves, edits, adds and deletes: `update_view` always matches `build_view`."""
    import random

    from mlboard.models import MlboardError
    from mlboard.services import cards
    from mlboard.ui.board_model import update_view

    rnd = random.Random(7)
    board = BoardRepository(board_path).load().board
    card_filter = CardQuery.parse(query)
    view = build_view(board, card_filter)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    for step in range(150):
        ids = sorted(board.cards)
        card_id = rnd.choice(ids)
        choice = rnd.randrange(7)
        try:
            if choice == 0:
                draft = cards.move_card(board, now, card_id, rnd.choice(board.column_ids()))
            elif choice == 1:
                draft = cards.edit_card(board, now, card_id, title=f"router {step}", points=step)
            elif choice == 2:
                category = rnd.choice(list(Category)).value
                draft = cards.add_card(board, now, f"new {step}", category, sprint="current")
            elif choice == 3 and len(ids) > 4:
                draft = cards.delete_card(board, now, card_id)
            elif choice == 5:  # outside the sprint, in any column
                status = rnd.choice(board.column_ids())
                draft = cards.add_card(board, now, f"outside {step}", "data", status=status)
            elif choice == 6:  # into or out of the sprint
                sprint = rnd.choice(["current", "backlog"])
                draft = cards.edit_card(board, now, card_id, sprint=sprint)
            else:
                draft = cards.edit_card(board, now, card_id, assignee=rnd.choice(["ana", "bo"]))
        except MlboardError:
            continue
        board = draft.board
        view = update_view(view, board, card_filter)
        fresh = build_view(board, card_filter)
        assert (view.columns, view.cells, view.column_totals, view.inside) == (
            fresh.columns,
            fresh.cells,
            fresh.column_totals,
            fresh.inside,
        ), step
        assert (view.lane_top, view.height) == (fresh.lane_top, fresh.height)


def test_card_facts_name_blockers_waits_criteria_and_results(board_path: Path) -> None:
    from mlboard.ui.card_facts import card_facts

    board = BoardRepository(board_path).load().board
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    blocked = card_facts(board, board.cards["ML-1"], now).plain
    assert blocked.startswith("Blocked (data — waiting for labelled tickets) for 2d")
    facts = card_facts(board, board.cards["ML-3"], now).plain.splitlines()
    assert facts == [
        "Criteria: accuracy>=0.91@holdout met (0.92); latency<50@holdout unmet (61)",
        "Latest: accuracy 0.92 (holdout), latency 61 (holdout)",
    ]
    assert card_facts(board, board.cards["ML-2"], now).plain == "Waits for ML-1"
