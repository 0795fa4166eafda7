"""The story player (sample_boards/player.py): a diary written by hand plays to the board it
tells, through the services; a malformed line is refused with one message naming the line."""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlboard.models import (
    BlockerKind,
    Category,
    CriterionStatus,
    EventKind,
    Mode,
    Outcome,
    SprintState,
    card_fields,
)
from mlboard.storage import BoardRepository

SAMPLES = Path(__file__).resolve().parent.parent / "sample_boards"
sys.path.insert(0, str(SAMPLES))

from diary import StoryError, read  # noqa: E402
from player import VERBS, play, play_file  # noqa: E402

STORY = """\
# A two-person team, one sprint.
board "Churn model" key CH mode scrum
seed 7

day 2026-03-02   # Monday
09:00 person ana "Ana Lima" data-engineer
09:05 person bob "Bob Stone" ml-engineer
09:10 compute t4 40
09:15 pipeline crm-export produces customers-2026q1
09:20 add CH-1 data "Export Q1 customers"
    points: 3
    assignee: ana
    datasets: customers-2026q1
09:25:30 add CH-2 experiment "Gradient boosting baseline"
    points: 5
    assignee: bob
    depends on: CH-1
    criteria: auc>0.80@holdout
    hypothesis: Boosted trees on usage features predict churn
      with an AUC above 0.80.
10:00 sprint new Baseline
    goal: A churn model measured on a frozen holdout
    start: 2026-03-02
    days: 14
10:05 sprint add CH-1 CH-2
10:10 sprint start
11:00 move CH-1 doing

day 2026-03-03
09:30 move CH-1 done
09:45 dataset customers-2026q1 available
10:00 move CH-2 doing
10:05 block CH-2 compute
    note: the t4 pool is busy until Wednesday # all of it
    eta: 2026-03-04

day 2026-03-04
09:00 unblock CH-2 compute
16:00 log CH-2 auc=0.83 f1=71% on holdout
    note: 200 trees, depth 6
16:30 outcome CH-2 promising
    note: Beats the rule-based score; check calibration next.

day 2026-03-05
09:00 analysis CH-2
    failure: churners with a single login: AUC 0.61
    confusion: stay churn
      80 5
       7 8
09:10 analysis CH-2
    failure: annual plans: AUC 0.90
09:30 add CH-3 engineering "Serve churn scores nightly"
09:35 link CH-3 on CH-2
09:40 edit CH-3
    assignee: bob
    sprint: current
10:00 reserve S1 t4 10
    note: the search team's retrain

day 2026-03-16
16:00 sprint close
    CH-2: calibration still open
17:00 retro S1 ana went-well
    note: The export was ready on day two
    card: CH-1
"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_story_written_by_hand_plays_to_the_board_it_tells(tmp_path: Path) -> None:
    target = tmp_path / "churn.json"
    assert play(read(STORY), target) == []
    loaded = BoardRepository(target).load()
    board = loaded.board
    assert (board.name, board.key, board.mode) == ("Churn model", "CH", Mode.SCRUM)
    assert [(p.handle, p.name) for p in board.people] == [("ana", "Ana Lima"), ("bob", "Bob Stone")]
    assert board.pool("t4").gpu_hours == 40
    assert board.dataset("customers-2026q1").status.value == "available"

    export, model = board.card("CH-1"), board.card("CH-2")
    assert (export.category, export.points, export.assignee) == (Category.DATA, 3, "ana")
    assert export.status == "done"
    assert (export.started_at, export.done_at) == (at("2026-03-02 11:00"), at("2026-03-03 09:30"))
    assert model.created_at == at("2026-03-02 09:25:30")
    assert model.depends_on == ("CH-1",) and model.status == "doing"
    assert model.experiment is not None
    assert model.experiment.hypothesis == (
        "Boosted trees on usage features predict churn with an AUC above 0.80."
    )
    assert model.experiment.outcome is Outcome.PROMISING
    assert model.experiment.learnings == "Beats the rule-based score; check calibration next."
    assert [(r.name, r.value, r.dataset, r.at) for r in model.metrics] == [
        ("auc", 0.83, "holdout", at("2026-03-04 16:00")),
        ("f1", 0.71, "holdout", at("2026-03-04 16:00")),
    ]
    assert model.metrics[0].note == "200 trees, depth 6"
    assert [c.status(model.metrics) for c in model.criteria] == [CriterionStatus.MET]
    (blocker,) = model.blockers
    assert blocker.kind is BlockerKind.COMPUTE
    assert blocker.note == "the t4 pool is busy until Wednesday # all of it"  # text as written
    assert (blocker.since, blocker.eta) == (at("2026-03-03 10:05"), date(2026, 3, 4))
    assert blocker.resolved_at == at("2026-03-04 09:00")

    assert model.failures == (
        "churners with a single login: AUC 0.61",
        "annual plans: AUC 0.90",
    )  # each analysis adds its notes
    assert model.confusion is not None
    assert (model.confusion.labels, model.confusion.counts) == (
        ("stay", "churn"),
        ((80, 5), (7, 8)),
    )
    serve = board.card("CH-3")
    assert (serve.depends_on, serve.assignee, serve.carried) == (("CH-2",), "bob", 1)

    first, second = board.sprints
    assert (first.id, first.name, first.state) == ("S1", "Baseline", SprintState.CLOSED)
    assert first.goal == "A churn model measured on a frozen holdout"
    assert (first.start, first.end) == (date(2026, 3, 2), date(2026, 3, 15))
    assert [(r.pool, r.gpu_hours, r.note) for r in first.reservations] == [
        ("t4", 10, "the search team's retrain")
    ]
    assert first.snapshot is not None and set(first.snapshot.carried_over) == {"CH-2", "CH-3"}
    assert (second.id, second.state) == ("S2", SprintState.PLANNED)
    assert (model.sprint, serve.sprint, export.sprint) == ("S2", "S2", "S1")
    (retro,) = board.retro_notes
    assert (retro.sprint, retro.person, retro.kind, retro.card) == (
        "S1",
        "ana",
        "went-well",
        "CH-1",
    )

    times = [event.at for event in board.events]
    assert times == sorted(times) and times[0] == at("2026-03-02 09:00")
    assert times[-1] == at("2026-03-16 17:00")
    moves = [(e.card, e.to) for e in board.events if e.kind is EventKind.MOVED]
    assert moves[:5] == [  # committing to the sprint moves a card to To Do
        ("CH-1", "todo"), ("CH-2", "todo"), ("CH-1", "doing"), ("CH-1", "done"), ("CH-2", "doing")
    ]  # fmt: skip
    assert loaded.rev == 6  # created, then one write at the end of each of the five days


def test_the_stories_readme_lists_every_verb() -> None:
    readme = (SAMPLES / "stories" / "README.md").read_text(encoding="utf-8")
    assert [verb for verb in VERBS if f"| `{verb} " not in readme] == []


def test_the_same_story_writes_the_same_bytes(tmp_path: Path) -> None:
    play(read(STORY), tmp_path / "one.json")
    play(read(STORY), tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


# --- malformed lines ---------------------------------------------------------------------------

CARD_FIELDS = ", ".join(field.label.lower() for field in card_fields.EDITABLE)
HEAD = [
    'board "Churn model" key CH mode scrum',
    "day 2026-03-02",
    '09:00 person ana "Ana Lima" data-engineer',
    '09:20 add CH-1 data "Export Q1 customers"',
]  # the lines below start at line 5

REFUSED = [
    (["09:30 fly CH-1"], "line 5: unknown verb 'fly' (verbs: add, analysis, block, column, "
     "compute, dataset, edit, link, log, move, outcome, person, pipeline, reserve, retro, "
     "sprint, unblock)"),
    (["09:30 move CH-1"], "line 5: move takes ID COLUMN"),
    (["09:30 link CH-1 to CH-2"], "line 5: link takes ID on DEPENDENCY"),
    (["09:30 sprint close sideways"],
     "line 5: sprint takes new NAME | add ID... | start | close | close next | close backlog"),
    (["09:30 move CH-9 doing"], "line 5: no card 'CH-9' on board 'Churn model'"),
    (["09:30 move CH-1 shipped"],
     "line 5: no column 'shipped' (columns: backlog, todo, doing, review, done)"),
    (["08:59 move CH-1 doing"], "line 5: 2026-03-02 08:59:00 is before line 4"),
    (["25:00 move CH-1 doing"], "line 5: hour must be in 0..23"),
    (['09:30 add CH-1 data "Again"'], "line 5: the next card is CH-2, not CH-1"),
    (['09:30 add CH-2 data "Unclosed'], "line 5: No closing quotation"),
    (["09:30 add CH-2 data Title", "    colour: red"],
     f"line 6: a card has no field 'colour' (fields: {CARD_FIELDS})"),
    (["09:30 add CH-2 data Title", "    title: Another"],
     "line 5: add takes the category and the title after the id, not as fields"),
    (["09:30 edit CH-1", "    points: many"], "line 5: points: Input should be a valid number, "
     "unable to parse string as a number"),
    (["09:30 log CH-1 auc=high"], "line 5: metric auc: 'high' is not a number"),
    (["09:30 log CH-1"], "line 5: log takes ID NAME=VALUE... on DATASET | ID NAME=VALUE..."),
    (["09:30 block CH-1 data", "    reason: late"],
     "line 6: block has no field 'reason' (its fields: note, eta)"),
    (["09:30 block CH-1 data", "    note: late", "    eta: soon"],
     "line 5: eta 'soon' is not a date like 2026-11-30"),
    (["09:30 outcome CH-1 adopted", "    note: one", "    note: two"],
     "line 7: field 'note' is given twice"),
    (["09:30 compute t4 lots"], "line 5: hours 'lots' is not a number"),
    (["09:30 compute t4 nan"], "line 5: hours 'nan' is not a number"),
    (["09:30 column doing wip many"], "line 5: WIP limit 'many' is not a whole number"),
    (["09:30 analysis CH-1", "    confusion: a b", "      1 2", "      3 x"],
     "line 8: count 'x' is not a whole number"),
    (["09:30 move CH-1 doing", "    note: x", "  more"],
     "line 7: indented less than the fields above it"),
    (["09:30 move CH-1 doing", "    this is no field"],
     "line 6: expected a field, NAME: TEXT, not 'this is no field'"),
    (["09:30 move CH-1 doing", "    note: why"],
     "line 6: move has no field 'note' (its fields: none)"),
    (["tomorrow"], "line 5: expected a day line or a change: HH:MM VERB WORDS..."),
    (["09:30 move CH-1 doing", "day 2026-03-03", "    note: x"],
     "line 7: an indented line belongs under a change"),
    (["09:30"], "line 5: the change has no verb after its time"),
    (["day 2026-02-30"], "line 5: day '2026-02-30' is not a date like 2026-11-30"),
    (["seed 8"], "line 5: the board and seed lines come before the first day"),
    (["09:30 sprint new Two", "    days: two"], "line 5: days 'two' is not a whole number"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "message"), REFUSED)
def test_a_malformed_line_is_refused_with_one_message_naming_it(
    lines: list[str], message: str, tmp_path: Path
) -> None:
    with pytest.raises(StoryError) as refused:
        play(read("\n".join([*HEAD, *lines])), tmp_path / "board.json")
    assert str(refused.value) == message
    assert not (tmp_path / "board.json").exists()  # nothing is written


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day 2026-03-02\n", "line 1: a story begins with its board line: "
         'board "NAME" key KEY mode scrum|kanban'),
        ("\n# only a comment\n", "line 1: a story begins with its board line: "
         'board "NAME" key KEY mode scrum|kanban'),
        ('board "X" key CH\n    note: x\n', "line 2: an indented line belongs under a change"),
        ('board "X" key CH colour red\n',
         "line 1: a board line has no 'colour' (it has key and mode)"),
        ('board "X" key CH mode agile\n',
         "line 1: board.mode: Input should be 'scrum' or 'kanban'"),
        ('board "X" key CH\n09:00 move CH-1 doing\n',
         "line 2: expected a seed line or a day line: day YYYY-MM-DD"),
        ('board "X" key CH mode kanban\nday 2026-03-02\n09:00 sprint new One\n',
         "line 3: the board is in Kanban mode, which has no sprints"),  # plain: no command
    ],
)  # fmt: skip
def test_a_malformed_story_head_is_refused_with_one_message(text: str, message: str) -> None:
    with pytest.raises(StoryError) as refused, tempfile.TemporaryDirectory() as folder:
        play(read(text), Path(folder) / "board.json")
    assert str(refused.value) == message


def test_a_story_file_that_cannot_be_read_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "latin1.story").write_bytes('board "Caf\xe9" key CF'.encode("latin-1"))
    for name in ("missing.story", "latin1.story"):
        with pytest.raises(StoryError) as refused:
            play_file(tmp_path / name, tmp_path / "board.json")
        assert str(refused.value).startswith(f"{name} cannot be read: ")
        assert "\n" not in str(refused.value)


VALID = STORY.splitlines()
WORDS = [
    "09:30", "10:00", "16:45", "2026-03-03", "move", "add", "log", "block", "unblock", "sprint",
    "new", "close", "start", "analysis", "person", "compute", "retro", "reserve", "column",
    "link", "edit", "outcome", "dataset", "pipeline", "day", "board", "seed", "CH-1", "CH-2",
    "S1", "doing", "done", "data", "experiment", "auc=0.8", "f1=90%", "on", "holdout",
    "produces", "from", "wip", "adopted", "note:", "eta:", "confusion:", "points:", "depends on:",
    "t4", "ana", "title:", "column:", "sprint:", "#", "'", '"', "\\",
]  # fmt: skip
LINE = st.tuples(
    st.sampled_from(["", "", "    ", "      ", " "]),
    st.one_of(
        st.text(max_size=30),
        st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=7).map(
            " ".join
        ),
    ),
).map("".join)


@given(line=LINE, where=st.integers(0, len(VALID)))
def test_any_line_put_into_a_story_plays_or_is_refused_with_one_line(line: str, where: int) -> None:
    lines = [*VALID[:where], line, *VALID[where:]]
    text = "\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        try:
            play(read(text), Path(folder) / "board.json")
        except StoryError as exc:
            found = re.fullmatch(r"line (\d+): \S.*", str(exc))
            assert found, str(exc)
            assert 1 <= int(found.group(1)) <= len(text.splitlines())
