from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mlboard.models import (
    BadInput,
    Board,
    ConflictError,
    CycleError,
    EventKind,
    Mode,
    NotFound,
    RuleViolation,
)
from mlboard.models.hints import SwitchMode
from mlboard.services import cards, notes, resources, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository, Stamp

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def add(service: BoardService, title: str, category: str = "data", **fields: object) -> str:
    result = service.do(cards.add_card, title, category, **fields)
    assert result.subject is not None
    return result.subject


def kinds(service: BoardService) -> list[str]:
    return [e.kind.value for e in service.board.events]


def test_every_change_is_persisted_and_recorded(service: BoardService, board_path: Path) -> None:
    a = add(service, "Ingest logs", points=3)
    b = add(service, "Train", "experiment", depends_on=[a], hypothesis="h")
    service.do(cards.move_card, a, "doing")
    service.do(cards.block, b, "training", "job 4411 running")
    service.do(cards.log_metrics, b, {"auc": 0.78})
    service.do(cards.log_metrics, b, {"auc": 0.81})
    service.do(cards.unblock, b)
    service.do(cards.set_outcome, b, "promising", "worth a second run")
    on_disk = BoardRepository(board_path).load().board
    assert on_disk == service.board
    assert kinds(service) == [
        "created", "created", "linked", "moved", "blocked", "metric", "metric", "unblocked",
        "outcome",
    ]  # fmt: skip
    metric = on_disk.events[-3]
    assert (metric.field, metric.from_, metric.to) == ("auc@holdout", "0.78", "0.81")
    card = on_disk.card(b)
    assert [m.value for m in card.metrics] == [0.78, 0.81]
    assert card.blockers[0].resolved_at is not None
    assert card.experiment is not None and card.experiment.outcome.value == "promising"
    keys = [e.key for e in on_disk.events]
    assert keys == sorted(keys) and len(set(keys)) == 9  # time-ordered, each its own


def test_blocking_again_with_a_new_note_or_eta_is_recorded(service: BoardService) -> None:
    a = add(service, "Train")
    service.do(cards.block, a, "training", "job 4411 running")
    service.do(cards.block, a, "training", "job 4411 restarted", date(2026, 3, 9))
    service.do(cards.block, a, "training", "job 4411 restarted", date(2026, 3, 9))  # no change
    assert kinds(service) == ["created", "blocked", "edited"]
    edited = service.board.events[-1]
    assert (edited.field, edited.from_, edited.to) == (
        "blocker.training",
        "job 4411 running",
        "job 4411 restarted (ETA 2026-03-09)",
    )
    assert len(service.board.card(a).open_blockers) == 1


def test_move_stamps_start_and_done(service: BoardService) -> None:
    a = add(service, "Ingest")
    service.do(cards.move_card, a, "todo")
    assert service.board.card(a).started_at is None
    service.do(cards.move_card, a, "doing")
    started = service.board.card(a).started_at
    assert started is not None
    service.do(cards.move_card, a, "done")
    assert service.board.card(a).done_at is not None
    service.do(cards.step_card, a, -1)
    card = service.board.card(a)
    assert (card.status, card.done_at, card.started_at) == ("review", None, started)
    service.do(cards.step_card, a, 1)
    service.do(cards.step_card, a, 1)  # already at the last column: nothing happens
    assert service.board.card(a).status == "done"


def test_wip_limits_soft_warn_hard_refuse(service: BoardService) -> None:
    ids = [add(service, f"card {i}") for i in range(3)]
    service.do(resources.configure_column, "doing", None, 2, None)
    for card_id in ids[:2]:
        assert service.do(cards.move_card, card_id, "doing").warnings == ()
    warned = service.do(cards.move_card, ids[2], "doing")
    assert "over its WIP limit of 2" in str(warned.warnings[0])
    service.do(cards.move_card, ids[2], "todo")
    service.do(resources.configure_column, "doing", None, None, True)
    with pytest.raises(RuleViolation, match="hard limit"):
        service.do(cards.move_card, ids[2], "doing")
    assert service.board.card(ids[2]).status == "todo"


def test_link_refuses_cycles_and_names_them(service: BoardService) -> None:
    a, b, c = (add(service, t) for t in ("data", "features", "train"))
    service.do(cards.link, b, a)
    service.do(cards.link, c, b)
    with pytest.raises(CycleError) as err:
        service.do(cards.link, a, c)
    assert set(err.value.cycle) == {a, b, c}
    assert " → " in str(err.value)
    with pytest.raises(CycleError):
        service.do(cards.link, a, a)
    with pytest.raises(NotFound):
        service.do(cards.link, a, "ML-99")


def test_delete_unlinks_dependents(service: BoardService) -> None:
    a = add(service, "data")
    b = add(service, "train", depends_on=[a])
    service.do(cards.delete_card, a)
    assert service.board.card(b).depends_on == ()
    assert a not in service.board.cards
    assert service.board.next_card_id() == "ML-3"  # ids are never reused


def test_bad_input_is_refused_before_anything_changes(service: BoardService) -> None:
    a = add(service, "data")
    before = service.board
    for call in (
        lambda: service.do(cards.add_card, "x", "nonsense"),
        lambda: service.do(cards.add_card, "x", "data", criteria=["auc>>1"]),
        lambda: service.do(cards.add_card, "x", "data", hypothesis="only for experiments"),
        lambda: service.do(cards.add_card, "  ", "data"),
        lambda: service.do(cards.edit_card, a, points=-1),
        lambda: service.do(cards.block, a, "weather", "note"),
        lambda: service.do(cards.move_card, a, "nowhere"),
    ):
        with pytest.raises(BadInput):
            call()
    assert service.board is before


def test_undo_redo_a_hundred_deep(service: BoardService, board_path: Path) -> None:
    a = add(service, "card")
    for _ in range(60):
        service.do(cards.step_card, a, 1)
        service.do(cards.step_card, a, -1)
    service.do(cards.edit_card, a, title="renamed")
    labels = []
    for _ in range(101):
        label = service.undo()
        assert label is not None
        labels.append(label)
    service.flush()
    assert service.board.card(a).status == "backlog"
    assert BoardRepository(board_path).load().board.card(a).title == "card"
    for _ in range(101):
        assert service.redo() is not None
    service.flush()
    assert BoardRepository(board_path).load().board.card(a).title == "renamed"
    moves = [e for e in service.board.events if e.kind is EventKind.MOVED]
    assert len(moves) == 120 + 100 + 100  # undo/redo of a move is a move too


def test_undo_of_add_removes_the_card_and_redo_brings_it_back(service: BoardService) -> None:
    a = add(service, "card")
    assert service.undo() == f"add card: {a} deleted"
    assert a not in service.board.cards
    assert service.redo() == f"add card: {a} back"
    assert service.board.card(a).title == "card"
    assert service.undo() is not None and service.undo() is None


def test_undo_says_what_it_undid_and_on_which_card(service: BoardService) -> None:
    a = add(service, "card")
    service.do(cards.move_card, a, "doing")
    assert service.undo() == f"move card: {a} In Progress → Backlog"
    service.do(cards.edit_card, a, title="renamed", points=3)
    assert service.undo() == f"edit card: {a} title, points"


def test_a_stale_service_replays_onto_another_writer(board_path: Path, clock: FixedClock) -> None:
    tui = BoardService(BoardRepository(board_path), clock)
    cli = BoardService(BoardRepository(board_path), FixedClock(T0))
    tui.apply("add", bind(cards.add_card, "from the tui", "data"))  # not written yet
    b = add(cli, "from the cli")
    assert b == "ML-1" and tui.board.card("ML-1").title == "from the tui"  # same id chosen…
    tui.flush()  # …but the replay onto the file gives the tui's card its own
    c = add(tui, "second from the tui")
    final = BoardRepository(board_path).load().board
    assert {card.id: card.title for card in final.cards.values()} == {
        "ML-1": "from the cli",
        "ML-2": "from the tui",
        c: "second from the tui",
    }


def test_a_replay_that_no_longer_applies_is_a_conflict(board_path: Path, clock: FixedClock) -> None:
    tui = BoardService(BoardRepository(board_path), clock)
    a = add(tui, "card")
    cli = BoardService(BoardRepository(board_path), clock)
    tui.apply("move", bind(cards.move_card, a, "doing"))
    cli.do(cards.delete_card, a)
    with pytest.raises(ConflictError, match="no longer applies"):
        tui.flush()
    assert a not in tui.board.cards
    assert not tui.dirty


def test_reload_if_changed(board_path: Path, clock: FixedClock) -> None:
    tui = BoardService(BoardRepository(board_path), clock)
    assert not tui.reload_if_changed()
    cli = BoardService(BoardRepository(board_path), clock)
    add(cli, "from elsewhere")
    assert tui.reload_if_changed()
    assert tui.board.card("ML-1").title == "from elsewhere"


def test_sprint_close_carries_over_and_freezes_figures(service: BoardService) -> None:
    clock = service.clock
    assert isinstance(clock, FixedClock)
    data = add(service, "ingest", points=3)
    exp = add(service, "try encoder", "experiment", points=5)
    eng = add(service, "serve model", "engineering", points=2)
    service.do(sprints.new_sprint, "Sprint 1", "ship routing v1")
    service.do(sprints.commit_cards, [data, exp, eng])
    service.do(sprints.start_sprint)
    clock.advance(timedelta(days=3))
    late = add(service, "hotfix", "engineering", points=1, sprint="current")
    service.do(cards.move_card, data, "done")
    service.do(sprints.close_sprint, "backlog", {exp: "needs a bigger holdout"})
    board = service.board
    s1 = board.sprint("S1")
    assert s1.snapshot is not None
    assert set(s1.snapshot.committed) == {data, exp, eng}
    assert s1.snapshot.added == (late,)
    assert s1.snapshot.completed == (data,)
    assert (s1.snapshot.committed_points, s1.snapshot.completed_points) == (10, 3)
    assert board.card(exp).sprint == "S2" and board.card(exp).carried == 1  # experiments carry
    assert board.card(eng).sprint is None and board.card(eng).status == "backlog"
    carried = [e for e in board.events if e.kind is EventKind.CARRIED]
    assert carried[0].note == "needs a bigger holdout"
    service.do(cards.edit_card, data, points=8)
    assert service.board.sprint("S1").snapshot == s1.snapshot


def test_cards_leave_a_planned_sprint_as_they_came(service: BoardService) -> None:
    a = add(service, "ingest", points=3)
    b = add(service, "train", "experiment", points=5)
    service.do(sprints.new_sprint, "Sprint 1")
    service.do(sprints.commit_cards, [a, b])
    service.do(cards.move_card, b, "doing")
    result = service.do(sprints.remove_cards, [a, b])
    assert result.subject == "S1"
    board = service.board
    assert (board.card(a).sprint, board.card(a).status) == (None, "backlog")  # To Do → Backlog
    assert (board.card(b).sprint, board.card(b).status) == (None, "doing")  # started: stays
    assert [e.kind for e in board.events[-2:]] == [EventKind.REMOVED, EventKind.REMOVED]
    with pytest.raises(RuleViolation, match="in no planned or active sprint"):
        service.do(sprints.remove_cards, [a])
    service.do(sprints.commit_cards, [a])
    service.do(cards.move_card, a, "done")
    with pytest.raises(RuleViolation, match="already done"):  # it counts for its sprint
        service.do(sprints.remove_cards, [a])


def test_kanban_mode_refuses_sprints(service: BoardService) -> None:
    service.do(resources.set_mode, "kanban")
    with pytest.raises(RuleViolation, match="Kanban mode") as refused:
        service.do(sprints.new_sprint)
    assert refused.value.hint.action == SwitchMode(Mode.SCRUM)
    service.do(resources.set_mode, "scrum")
    service.do(sprints.new_sprint)
    assert service.board.sprint("S1")


def test_edit_refuses_unknown_fields_and_sets_analysis(service: BoardService) -> None:
    a = add(service, "Train", "experiment")
    with pytest.raises(BadInput, match="no field 'colour'"):
        service.do(cards.edit_card, a, colour="red")
    service.do(
        cards.edit_card,
        a,
        failures=["billing tickets routed to sales", " "],
        confusion={"labels": ["billing", "sales"], "counts": [[40, 9], [3, 48]]},
        learnings="the encoder overfits short tickets",
    )
    card = service.board.card(a)
    assert card.failures == ("billing tickets routed to sales",)
    assert card.confusion is not None and card.confusion.counts[0] == (40, 9)
    assert card.experiment is not None and "overfits" in card.experiment.learnings
    with pytest.raises(BadInput, match="confusion"):
        service.do(cards.edit_card, a, confusion={"labels": ["a"], "counts": [[1, 2]]})


def test_taking_a_card_out_of_the_sprint_returns_it_to_the_backlog(service: BoardService) -> None:
    a = add(service, "card")
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, [a])
    assert service.board.card(a).status == "todo"
    service.do(cards.edit_card, a, sprint="backlog")
    card = service.board.card(a)
    assert (card.sprint, card.status) == (None, "backlog")


def test_wip_counts_the_next_sprints_cards_waiting_in_the_column(service: BoardService) -> None:
    planned = [add(service, f"next {i}") for i in range(2)]
    now = add(service, "now")
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, [now])
    service.do(sprints.start_sprint)
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, planned)  # waiting in To Do for the next sprint
    service.do(resources.configure_column, "todo", None, 1, True)
    service.do(cards.move_card, now, "doing")
    with pytest.raises(RuleViolation, match="To Do would hold 3 cards"):  # every card counts
        service.do(cards.move_card, now, "todo")


def test_notes_and_reservations_are_recorded(service: BoardService) -> None:
    service.do(resources.add_pool, "a100", 120)
    service.do(sprints.new_sprint)
    service.do(sprints.start_sprint)
    service.do(notes.reserve_gpu, "S1", "a100", 30, "search team")
    service.do(notes.add_retro_note, "labels arrived late", "to-improve")
    service.do(notes.add_standup_note, "ana", "waiting on the export", "blocker")
    board = service.board
    assert board.sprint("S1").reservations[0].gpu_hours == 30
    assert board.retro_notes[0].sprint == "S1"
    assert board.standup_notes[0].kind == "blocker"
    assert [e.field for e in board.events[-2:]] == ["retro_notes", "standup_notes"]


def test_a_card_taken_out_before_the_start_is_not_committed(service: BoardService) -> None:
    a, b = add(service, "a", points=3), add(service, "b", points=5)
    service.do(sprints.new_sprint)
    service.do(sprints.commit_cards, [a, b])
    service.do(cards.edit_card, b, sprint="backlog")
    service.do(sprints.start_sprint)
    service.do(sprints.close_sprint)
    snapshot = service.board.sprint("S1").snapshot
    assert snapshot is not None
    assert snapshot.committed == (a,) and snapshot.removed == ()
    assert snapshot.committed_points == 3


def test_changes_keep_applying_while_a_save_is_written(board_path: Path, clock: FixedClock) -> None:
    """The slow part of a save must not hold the session: a key during a save applies at once."""
    import threading

    repo = BoardRepository(board_path)
    service = BoardService(repo, clock)
    a = add(service, "card")
    started, release = threading.Event(), threading.Event()
    real_write = repo.write

    def slow_write(board: Board, rev: int) -> Stamp:
        started.set()
        release.wait(5)
        return real_write(board, rev)

    repo.write = slow_write  # type: ignore[method-assign]
    service.apply("move", bind(cards.move_card, a, "todo"))
    saver = threading.Thread(target=service.flush)
    saver.start()
    assert started.wait(5)
    mover = threading.Thread(target=service.apply, args=("move", bind(cards.move_card, a, "doing")))
    mover.start()
    mover.join(2)
    assert not mover.is_alive(), "the move waited for the save"
    assert service.board.card(a).status == "doing"
    release.set()
    saver.join(5)
    assert service.dirty  # the second move is still to be written…
    repo.write = real_write  # type: ignore[method-assign]
    service.flush()
    assert BoardRepository(board_path).load().board.card(a).status == "doing"  # …and then is


def test_writers_in_two_threads_of_one_session_neither_deadlock_nor_lose_a_change(
    board_path: Path, clock: FixedClock
) -> None:
    """A command-style `do` and a TUI-style apply + flush take the same two locks in the same
    order (file lock, then session mutex)."""
    import threading

    service = BoardService(BoardRepository(board_path), clock)

    def by_do() -> None:
        for n in range(15):
            service.do(cards.add_card, f"do {n}", category="data")

    def by_apply_and_flush() -> None:
        for n in range(15):
            service.apply("add", bind(cards.add_card, f"apply {n}", category="data"))
            service.flush()

    threads = [threading.Thread(target=by_do), threading.Thread(target=by_apply_and_flush)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"
    service.flush()
    titles = {card.title for card in BoardRepository(board_path).load().board.cards.values()}
    assert titles == {f"{way} {n}" for way in ("do", "apply") for n in range(15)}
