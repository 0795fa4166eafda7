"""Issue 11: the demo shows a team in the middle of its work today, and leaves nothing behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mlboard.cli.tui import DEMO_PREFIX, OWNER_FILE, bring_to_today, sweep_abandoned_demos
from mlboard.models import Board, Card, Category, Experiment, Mode
from mlboard.package_data import sample_board
from mlboard.planning.reports import standup_report
from mlboard.services.demo import shift_dates
from mlboard.storage import BoardRepository
from mlboard.ui.badges import badges
from mlboard.ui.sprint_figures import sprint_figures

SUNDAY = date(2026, 12, 6)


def every_moment(value: object) -> list[date]:
    """Every date and datetime in a dumped board, in a fixed order."""
    if isinstance(value, date):
        return [value]
    if isinstance(value, dict):
        return [m for key in sorted(value) for m in every_moment(value[key])]
    if isinstance(value, list | tuple):
        return [m for item in value for m in every_moment(item)]
    return []


@pytest.mark.parametrize("sample", ["scrum", "kanban"])
@pytest.mark.parametrize("hour", [8, 18])
def test_the_demo_copy_ends_today(tmp_path: Path, sample: str, hour: int) -> None:
    copy = tmp_path / "mlboard.json"
    shutil.copyfile(sample_board(sample), copy)
    before = BoardRepository(copy).load().board
    now = datetime.combine(SUNDAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour)
    bring_to_today(copy, now)
    after = BoardRepository(copy).load().board
    last = after.events[-1].at
    assert last <= now  # nothing in the future ...
    assert last.date() == (SUNDAY if hour == 18 else SUNDAY - timedelta(days=1))  # ... or stale
    shift = last - before.events[-1].at
    assert shift.days > 0 and shift.seconds == 0
    old, new = every_moment(before.model_dump()), every_moment(after.model_dump())
    assert len(old) == len(new) > 100
    assert all(b - a == (shift if isinstance(a, datetime) else timedelta(shift.days))
               for a, b in zip(old, new, strict=True))  # fmt: skip
    if sample == "scrum":
        figures = sprint_figures(after, now)
        assert figures is not None and figures.day < figures.days  # mid-sprint, not ended
        report = standup_report(after, now)
        assert sum(bool(person.changes) for person in report.people) >= 2


def test_shifting_by_zero_days_is_the_same_board() -> None:
    board = BoardRepository(sample_board("kanban")).load().board
    assert shift_dates(board, 0) is board


def experiment(**fields: object) -> Card:
    values = {
        "id": "ML-1",
        "title": "Try a distilled model",
        "category": Category.EXPERIMENT,
        "status": "backlog",
        "experiment": Experiment(hypothesis="h"),
        "created_at": datetime(2026, 11, 2, tzinfo=UTC),
        **fields,
    }
    return Card.model_validate(values)


def test_a_card_never_in_a_sprint_has_used_no_time_box() -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    fresh = experiment()
    board = Board(name="b", key="ML", cards={"ML-1": fresh})
    assert not [t for t, _ in badges(board, fresh, now) if t.startswith("◔")]
    carried = experiment(carried=1)
    board = Board(name="b", key="ML", cards={"ML-1": carried})
    assert ("◔2/1", "aging") in badges(board, carried, now)


def test_a_blocker_past_its_eta_is_flagged() -> None:
    from mlboard.models import Blocker, BlockerKind

    since = datetime(2026, 11, 10, tzinfo=UTC)
    late = Blocker(kind=BlockerKind.DATA, since=since, eta=date(2026, 11, 18))
    ontime = Blocker(kind=BlockerKind.COMPUTE, since=since, eta=date(2026, 11, 25))
    card = experiment(blockers=(late, ontime))
    board = Board(name="b", key="ML", mode=Mode.KANBAN, cards={"ML-1": card})
    texts = [t for t, _ in badges(board, card, datetime(2026, 11, 20, tzinfo=UTC))]
    assert texts[:3] == ["✖data 10d", "ETA+2d", "✖compute 10d"]


def test_abandoned_demo_folders_are_swept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{DEMO_PREFIX}gone"
    gone.mkdir()
    (gone / OWNER_FILE).write_text(str(dead.pid))
    (gone / "mlboard.json").write_text("{}")
    alive = tmp_path / f"{DEMO_PREFIX}alive"
    alive.mkdir()
    (alive / OWNER_FILE).write_text(str(os.getpid()))
    unrelated = tmp_path / f"{DEMO_PREFIX}unknown"
    unrelated.mkdir()  # no owner file: not ours to judge
    assert sweep_abandoned_demos(tmp_path) == [gone]
    assert not gone.exists() and alive.exists() and unrelated.exists()


def test_every_badge_a_card_can_show_is_in_the_legend() -> None:
    from mlboard.models import Blocker, BlockerKind, Criterion, MetricResult, Outcome
    from mlboard.ui.badges import LEGEND

    since = datetime(2026, 11, 10, tzinfo=UTC)
    dep = experiment(id="ML-2", status="doing")
    card = experiment(
        status="doing",
        sprint=None,
        carried=2,
        depends_on=("ML-2",),
        started_at=since,
        blockers=(Blocker(kind=BlockerKind.DATA, since=since, eta=date(2026, 11, 12)),),
        criteria=(Criterion.parse("auc>0.8@holdout"),),
        metrics=(MetricResult(name="auc", value=0.7, dataset="holdout", at=since),),
        experiment=Experiment(hypothesis="h", outcome=Outcome.PROMISING),
    )
    now = datetime(2026, 11, 20, tzinfo=UTC)
    shown: list[str] = []
    for mode in (Mode.SCRUM, Mode.KANBAN):
        board = Board(name="b", key="ML", mode=mode, cards={"ML-1": card, "ML-2": dep})
        shown += [text for text, _ in badges(board, card, now)]
    symbols = {text.rstrip("0123456789d /").split(" ")[0][:3] for text in shown}
    legend = " ".join(badge for badge, _ in LEGEND)
    assert len(symbols) >= 8
    assert all(symbol[:1] in legend for symbol in symbols), (symbols, legend)


def test_a_sprint_past_its_end_says_so() -> None:
    from mlboard.ui.board_model import build_view
    from mlboard.ui.widgets.board_header import _title, burndown_chart

    board = BoardRepository(sample_board("scrum")).load().board
    sprint = board.active_sprint()
    assert sprint is not None
    late = datetime.combine(sprint.end, datetime.min.time(), tzinfo=UTC) + timedelta(days=3)
    figures = sprint_figures(board, late)
    assert figures is not None and figures.ended_days_ago == 3
    title = _title(build_view(board), figures).plain
    assert "ended 3 days ago" in title and "day 14 of 14" not in title
    on_time = sprint_figures(board, late - timedelta(days=5))
    assert on_time is not None and on_time.ended_days_ago == 0
    assert f"day {on_time.day} of" in _title(build_view(board), on_time).plain
    chart = burndown_chart(on_time).plain
    assert "burndown" in chart and "pts left" in chart
