"""Property: two branches changed a random board through the services; `git merge` with the
driver `mlboard git-setup` registered gives a board that passes check, holds every card and
event of both sides (renumbered ones through the printed mapping), and holds every field change
of either side, or keeps it in a conflict record."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from git_kit import Repo, new_repo, renumbering
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlboard.cli import main
from mlboard.cli.context import Context
from mlboard.models import Blocker, Board, Card, MlboardError, Sprint
from mlboard.models.conflict import EXISTS
from mlboard.services import cards as ops
from mlboard.services import notes, sprints
from mlboard.services.clock import FixedClock
from mlboard.services.merge.values import FOLLOWERS, identity
from mlboard.services.session import BoardService, bind
from mlboard.storage import BoardRepository

T1 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
COLUMNS = ("backlog", "todo", "doing", "review", "done")
KINDS = (
    "add", "add", "move", "move", "title", "points", "log", "block", "unblock", "link",
    "unlink", "delete", "sprint-new", "sprint-commit", "sprint-start", "sprint-close",
    "retro", "standup", "outcome", "failure",
)  # fmt: skip
Op = tuple[str, int, int]
op = st.tuples(st.sampled_from(KINDS), st.integers(0, 50), st.integers(0, 50))
# ≈ 0.5 s each on a 2-core machine (git, and the driver in its own process): ≈ 25 s in CI.
EXAMPLES = int(os.environ.get("MLBOARD_MERGE_EXAMPLES", "50"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A repository with the driver registered by `mlboard git-setup` (copied per example)."""
    root = tmp_path_factory.mktemp("template") / "repo"
    new_repo(root)
    (root / "mlboard.json").unlink()
    Repo(root).commit("no board yet")
    yield root


def apply(service: BoardService, steps: list[Op], tag: str) -> None:
    for n, (kind, a, b) in enumerate(steps):
        ids = sorted(service.board.cards, key=lambda i: int(i.split("-")[1]))
        pick, other = (ids[a % len(ids)], ids[b % len(ids)]) if ids else ("T-0", "T-0")
        operation: Any = {
            "add": bind(ops.add_card, f"{tag} card {n}", ("data", "experiment")[a % 2]),
            "move": bind(ops.move_card, pick, COLUMNS[b % len(COLUMNS)]),
            "title": bind(ops.edit_card, pick, title=f"{tag} title {b}"),
            "points": bind(ops.edit_card, pick, points=float(b % 8)),
            "log": bind(ops.log_metrics, pick, {"auc": round(0.5 + b / 100, 2)}),
            "block": bind(ops.block, pick, ("data", "compute")[b % 2], f"{tag} note {b}"),
            "unblock": bind(ops.unblock, pick),
            "link": bind(ops.link, pick, other),
            "unlink": bind(ops.unlink, pick, other),
            "delete": bind(ops.delete_card, pick),
            "sprint-new": bind(sprints.new_sprint, goal=f"{tag} goal {b}"),
            "sprint-commit": bind(sprints.commit_cards, [pick]),
            "sprint-start": bind(sprints.start_sprint),
            "sprint-close": bind(sprints.close_sprint),
            "retro": bind(notes.add_retro_note, f"{tag} retro {b}"),
            "standup": bind(notes.add_standup_note, "ana", f"{tag} standup {b}"),
            "outcome": bind(ops.set_outcome, pick, ("promising", "eliminated")[b % 2], tag),
            "failure": bind(ops.edit_card, pick, failures=[f"{tag} failure {b}"]),
        }[kind]
        with contextlib.suppress(MlboardError):  # refused: nothing changed
            service.apply(kind, operation)
    service.flush()


def branch(repo: Repo, name: str | None, steps: list[Op], clock: FixedClock, tag: str) -> Board:
    if name is not None:
        repo.git("checkout", "-q", "-b", name)
    service = BoardService(BoardRepository(repo.board_path), clock)
    apply(service, steps, tag)
    repo.commit(tag)
    return service.board


@settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    base=st.lists(op, min_size=2, max_size=10),
    ours=st.lists(op, max_size=8),
    theirs=st.lists(op, max_size=8),
)
def test_merges_keep_everything_and_pass_check(
    template: Path, base: list[Op], ours: list[Op], theirs: list[Op]
) -> None:
    with tempfile.TemporaryDirectory(prefix="mlboard-merge-") as scratch:
        repo = Repo(Path(scratch) / "repo")
        shutil.copytree(template, repo.root, symlinks=True)
        BoardRepository(repo.board_path).create(Board(name="Team", key="T"))
        start = branch(
            repo, None, [("add", 0, 0), *base], FixedClock(T1, timedelta(minutes=1)), "base"
        )
        later = T1 + timedelta(days=1)
        other = branch(repo, "theirs", theirs, FixedClock(later, timedelta(seconds=70)), "theirs")
        repo.git("checkout", "-q", "main")
        mine = branch(repo, "ours", ours, FixedClock(later, timedelta(seconds=50)), "ours")
        merged = repo.git("merge", "theirs", "-m", "merge", check=False)
        assert merged.returncode == 0, merged.stdout + merged.stderr
        quiet = Context(repo.board_path, out=io.StringIO(), err=io.StringIO())
        assert main(["--board", str(repo.board_path), "check"], quiet) == 0
        result = repo.board()
        mapping = renumbering(merged.stderr)
        assert_everything_kept(start, mine, other, result, mapping)


def assert_everything_kept(
    base: Board, ours: Board, theirs: Board, result: Board, mapping: dict[str, str]
) -> None:
    keys = {e.key for e in result.events}
    assert {e.key for e in ours.events} <= keys
    assert {e.key for e in theirs.events} <= keys
    assert result.next_number > max((c.number for c in result.cards.values()), default=0)
    conflicted = {(c.key, c.field) for c in result.conflicts}
    for side, board, other, names in (
        ("ours", ours, theirs, {}),
        ("theirs", theirs, ours, mapping),
    ):
        for card_id, card in board.cards.items():
            new_id = names.get(card_id, card_id)
            kept = result.cards.get(new_id)
            old = base.cards.get(card_id) if card_id not in names else None
            if kept is None:  # only an untouched card the other side deleted may be gone
                assert old == card and card_id not in other.cards, f"{side} {card_id} lost"
                continue
            if (new_id, EXISTS) in conflicted:
                continue
            for name in Card.model_fields:
                value = getattr(card, name)
                if name == "id" or (old is not None and getattr(old, name) == value):
                    continue
                if name == "depends_on":
                    value = tuple(names.get(d, d) for d in value)
                now = getattr(kept, name)
                if now == value or (new_id, name) in conflicted or name in FOLLOWERS:
                    continue
                if name == "blockers":  # merged blocker by blocker, field by field
                    assert_blockers_kept(getattr(old, name) if old else (), value, now, side)
                    continue
                if isinstance(value, tuple):  # merged as sets: what this side added and removed
                    before = {identity(_json(v)) for v in (getattr(old, name) if old else ())}
                    mine = {identity(_json(v)) for v in value}
                    present = {identity(_json(v)) for v in now}
                    assert mine - before <= present, f"{side} {card_id}.{name}: addition lost"
                    assert not (before - mine) & present, f"{side} {card_id}.{name}: removal lost"
                    continue
                raise AssertionError(f"{side} {card_id}.{name} = {value!r} lost: {now!r}")
        sprints_now = {s.id: s for s in result.sprints}
        sprints_then = {s.id: s for s in base.sprints}
        for sprint in board.sprints:
            kept_sprint = sprints_now[sprint.id]  # sprints are never deleted
            old_sprint = sprints_then.get(sprint.id)
            for name in Sprint.model_fields:
                value = getattr(sprint, name)
                if old_sprint is not None and getattr(old_sprint, name) == value:
                    continue
                kept_value = getattr(kept_sprint, name)
                assert (
                    kept_value == value or (sprint.id, name) in conflicted or name in FOLLOWERS
                ), f"{side} sprint {sprint.id}.{name} = {value!r} lost"
        for notes_table in ("standup_notes", "retro_notes"):
            before_notes = set(getattr(base, notes_table))
            added = [n for n in getattr(board, notes_table) if n not in before_notes]
            kept_notes = [
                n.model_copy(update={"card": names.get(n.card, n.card)})
                if getattr(n, "card", None)
                else n
                for n in added
            ]
            assert set(kept_notes) <= set(getattr(result, notes_table)), f"{side} note lost"


def assert_blockers_kept(
    base: tuple[Blocker, ...], mine: tuple[Blocker, ...], now: tuple[Blocker, ...], side: str
) -> None:
    """Each field this side changed on a blocker (kind + start time) is in the result."""
    before = {(b.kind, b.since): b for b in base}
    present = {(b.kind, b.since): b for b in now}
    for blocker in mine:
        key = (blocker.kind, blocker.since)
        assert key in present, f"{side}: blocker {key} lost"
        old = before.get(key)
        for name in Blocker.model_fields:
            value = getattr(blocker, name)
            if old is None or getattr(old, name) != value:
                assert getattr(present[key], name) == value, f"{side}: blocker {key}.{name} lost"


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value
