"""Seeded boards for the torture scenarios, made through the command line itself, so they hold
what real use leaves behind: people, datasets, pipelines, pools, a closed sprint with its
snapshot, an active one, dependencies, metrics, blockers, notes and the events of all that."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from torture_kit import run_inprocess

from mlboard.models import Card
from mlboard.storage import BoardRepository

KEY = "TR"
CATEGORIES = ("data", "experiment", "engineering", "tech-debt")
COLUMNS = ("backlog", "todo", "doing", "review", "done")
PEOPLE = ("ana", "bo", "cy")


def _do(board: Path, *args: str) -> str:
    ran = run_inprocess(board, *args)
    if ran.code != 0:
        raise RuntimeError(f"making the seed board: {ran.shown()} → {ran.code}: {ran.err}")
    return ran.out.strip()


_MADE: dict[tuple[int, int], bytes] = {}


def seed_board(path: Path, *, extra_cards: int = 0, seed: int = 0) -> Path:
    """A board of 12 cards with history, plus `extra_cards` plain ones (for size); made once
    per process and size, then copied (its ~40 commands cost ~0.5 s)."""
    made = _MADE.get((extra_cards, seed))
    if made is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(made)
        return path
    _make(path, extra_cards, seed)
    _MADE[(extra_cards, seed)] = path.read_bytes()
    return path


def _make(path: Path, extra_cards: int, seed: int) -> None:
    rng = random.Random(seed)
    _do(path, "init", "--name", "Torture board", "--key", KEY)
    _do(path, "person", "add", "ana", "--role", "ml-engineer")
    _do(path, "person", "add", "bo", "--role", "data-engineer")
    _do(path, "person", "add", "cy", "--role", "analyst", "--name", "Cy")
    _do(path, "pipeline", "add", "ingest", "--produces", "tickets")
    _do(path, "dataset", "add", "holdout", "--status", "validated")
    _do(path, "compute", "add", "a100", "--gpu-hours", "120")
    _do(path, "column", "doing", "--wip", "6")
    titles = [
        ("Collect tickets", "data", ["--assignee", "bo", "--data", "tickets"]),
        ("Label 5k tickets", "data", ["--assignee", "bo", "--points", "5"]),
        (
            "Distil the encoder",
            "experiment",
            [
                "--assignee",
                "ana",
                "--points",
                "8",
                "--hypothesis",
                "distillation keeps F1",
                "--method",
                "holdout, 3 seeds",
                "--conclusive",
                "+1pt F1",
                "--accept",
                "f1>0.9@holdout",
                "--gpu-hours",
                "20",
                "--pool",
                "a100",
            ],
        ),
        ("Baseline router", "experiment", ["--assignee", "ana", "--points", "3"]),
        ("Serve behind an API", "engineering", ["--points", "5"]),
        ("Retry queue", "engineering", ["--points", "2", "--assignee", "cy"]),
        ("Drop the rules engine", "tech-debt", ["--points", "3"]),
        ("Pin dependencies", "tech-debt", ["--points", "1"]),
    ]
    ids = [_do(path, "add", title, "--category", cat, *more) for title, cat, more in titles]
    _do(path, "link", ids[1], "--on", ids[0])
    _do(path, "link", ids[2], "--on", ids[1])
    _do(path, "link", ids[4], "--on", ids[2])
    _do(path, "sprint", "new", "--goal", "route 91% of tickets", "--measure", "f1>=0.9@holdout")
    _do(path, "sprint", "add", *ids[:6])
    _do(path, "sprint", "start")
    _do(path, "move", ids[0], "doing")
    _do(path, "move", ids[0], "done")
    _do(path, "move", ids[2], "doing")
    _do(path, "log", ids[2], "f1=0.87", "precision=0.91", "--note", "first run")
    _do(path, "log", ids[2], "f1=0.91")
    _do(path, "block", ids[3], "--kind", "compute", "--note", "GPU queue full")
    _do(path, "failure", ids[2], "overfits short tickets")
    _do(path, "note", "retro", "labels arrived late", "--kind", "to-improve")
    _do(path, "note", "standup", "ana", "training the distilled model", "--kind", "today")
    _do(path, "sprint", "close", "--note", f"{ids[2]}=needs the November holdout")
    _do(path, "sprint", "add", ids[4], ids[5])
    _do(path, "sprint", "start")
    for title in ("Monitor drift", "Shadow deploy", "Holdout refresh", "Error analysis"):
        _do(path, "add", title, "--category", rng.choice(CATEGORIES), "--points", "2")
    if extra_cards:
        add_plain_cards(path, extra_cards, rng)


def add_plain_cards(path: Path, count: int, rng: random.Random) -> None:
    """Bulk cards written in one save (adding 2,000 one by one would take minutes)."""
    repo = BoardRepository(path)
    with repo.locked():
        loaded = repo.load()
        board = loaded.board
        cards = dict(board.cards)
        first = board.next_number
        now = datetime.now(UTC)
        for number in range(first, first + count):
            card_id = f"{KEY}-{number}"
            linked = number > first and rng.random() < 0.3
            earlier = f"{KEY}-{rng.randint(max(first, number - 40), number - 1)}" if linked else ""
            cards[card_id] = Card(
                id=card_id,
                title=f"Filler story {number}: routing work item",
                description="made by the torture suite" if number % 3 == 0 else "",
                category=rng.choice(CATEGORIES),
                status=rng.choice(COLUMNS[:2] + COLUMNS[3:]),
                points=rng.choice((1, 2, 3, 5)),
                assignee=rng.choice((*PEOPLE, None)),
                depends_on=(earlier,) if earlier else (),
                created_at=now,
            )
        grown = type(board).model_validate(
            {**dict(board), "cards": cards, "next_number": first + count}
        )
        repo.write(grown, loaded.rev + 1)


def card_numbers(path: Path) -> list[int]:
    board = BoardRepository(path).load().board
    return sorted(int(card_id.split("-")[1]) for card_id in board.cards)
