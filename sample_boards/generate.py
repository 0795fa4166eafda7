"""Write the sample boards `scrum.json` and `kanban.json` from their stories.

Run it from the repository root::

    .venv/bin/python sample_boards/generate.py

Each board is told as a diary in `stories/<name>.story` and played by `player.py` through
mlboard's own services, so the boards carry a genuine event history from their first day.
The output is the same bytes on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
sys.path[:0] = [str(FOLDER.parent), str(FOLDER)]  # mlboard from this checkout, and the player

from diary import StoryError  # noqa: E402
from player import play_file  # noqa: E402

from mlboard.storage import BoardRepository  # noqa: E402

SAMPLES = ("scrum", "kanban")


def main() -> int:
    warnings: list[str] = []  # a column over its WIP limit can be part of a story
    try:
        for name in SAMPLES:
            story = FOLDER / "stories" / f"{name}.story"
            found = play_file(story, FOLDER / f"{name}.json")
            warnings += [f"{story.name} {warning}" for warning in found]
    except (StoryError, OSError) as exc:  # a story line, or a file that cannot be written
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    for name in SAMPLES:
        board = BoardRepository(FOLDER / f"{name}.json").load().board
        columns = {c.id: 0 for c in board.columns}
        for card in board.cards.values():
            columns[card.status] += 1
        print(
            f"{name}.json: {len(board.cards)} cards, {len(board.events)} events, "
            f"{len(board.sprints)} sprints; " + ", ".join(f"{k} {v}" for k, v in columns.items())
        )
    for warning in warnings:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
