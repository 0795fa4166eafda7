"""Issue 11: a card's title uses its third line where the badges leave room, broken after a
word, instead of being cut on the second line."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.style import Style

from mlboard.models import Board, Category
from mlboard.services import cards
from mlboard.ui.widgets.card_painter import Palette, paint_card, split_line

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PLAIN = Palette(
    card=Style(),
    focus=Style(),
    card_id=Style(),
    blocked_bar=Style(),
    lanes=dict.fromkeys(Category, Style()),
    roles=dict.fromkeys(
        ("blocked", "dependency", "met", "unmet", "muted", "aging", "outcome"), Style()
    ),  # type: ignore[arg-type]
)
TITLE = "Fine-tune the intent classifier on the November holdout"


def _lines(board: Board, card_id: str, width: int = 24) -> list[str]:
    strips = paint_card(board, board.card(card_id), width, False, PLAIN, NOW)
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


def test_split_line_breaks_after_a_word_or_inside_one_too_long() -> None:
    assert split_line("short", 10) == ("short", "")
    assert split_line("Fine-tune the intent", 12) == ("Fine-tune", "the intent")
    assert split_line("Supercalifragilistic words", 8) == ("Supercal", "ifragilistic words")
    assert split_line("日本語のタイトル", 5) == ("日本", "語のタイトル")  # cells, not characters


def test_without_badges_the_title_takes_two_lines() -> None:
    board = cards.add_card(Board(name="b", key="ML"), NOW, TITLE, "data").board
    head, line2, line3 = _lines(board, "ML-1")
    assert head.startswith("▌ ML-1")
    assert line2 == "▌ Fine-tune the intent  "
    assert line3 == "▌ classifier on the Nov…"


def test_with_badges_the_title_goes_on_left_of_them() -> None:
    board = cards.add_card(Board(name="b", key="ML"), NOW, TITLE, "data").board
    board = cards.block(board, NOW, "ML-1", "data", "labels late").board
    _, line2, line3 = _lines(board, "ML-1", width=30)
    assert line2 == "▌ Fine-tune the intent".ljust(30)
    assert line3 == "▌ classifier on the… ✖data now"


def test_badges_that_leave_no_room_keep_the_title_on_one_line() -> None:
    board = cards.add_card(Board(name="b", key="ML"), NOW, TITLE, "data").board
    board = cards.block(board, NOW, "ML-1", "data", "late").board
    board = cards.block(board, NOW, "ML-1", "compute", "gpus").board
    _, line2, line3 = _lines(board, "ML-1", width=24)
    assert line2 == "▌ Fine-tune the intent …"
    assert line3.startswith("▌ ✖data now ✖compute now")
