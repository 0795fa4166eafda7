"""The card form walks the card field table: every field it shows is saved and read back,
and long texts are multi-line areas (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from card_fields_kit import example
from textual.widgets import Input, Select, TextArea

from mlboard.models.card_fields import FORM
from mlboard.models.limits import TITLE_MAX
from mlboard.storage import BoardRepository
from mlboard.ui.app import MlboardApp
from mlboard.ui.modals.card_modal import CardModal
from mlboard.ui.screens.board import BoardScreen

SIZE = (120, 40)
AppFactory = Callable[..., MlboardApp]


def _fill(modal: CardModal, round_: int) -> None:
    for field in FORM:
        widget = modal.query_one(f"#f-{field.name}")
        typed = example(field, round_)[0]
        if isinstance(widget, Select):
            widget.value = typed
        elif isinstance(widget, TextArea):
            widget.load_text(typed)
        else:
            assert isinstance(widget, Input), field.name
            widget.value = typed


async def test_every_form_field_round_trips_through_the_card_form(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=SIZE) as pilot:
        for round_, key in enumerate(("n", "e")):  # a new card, then an edit of it
            await pilot.press(key)
            modal = app.screen
            assert isinstance(modal, CardModal)
            assert modal.query_one("#f-title", Input).max_length == TITLE_MAX  # the model's
            _fill(modal, round_)
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            screen = app.screen
            assert isinstance(screen, BoardScreen), str(modal.query_one("#error").render())
            board = BoardRepository(board_path).load().board
            card = board.cards[f"ML-{board.next_number - 1}"]
            assert screen.grid.focused_card == card
            for field in FORM:
                assert field.text(card) == example(field, round_)[1], (round_, field.name)


@pytest.mark.slow
async def test_enter_adds_a_line_to_a_long_text_and_tab_moves_on(
    board_path: Path, make_app: AppFactory
) -> None:
    app = make_app(board_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # ML-2, focused first
        modal = app.screen
        assert isinstance(modal, CardModal)
        description = modal.query_one("#f-description", TextArea)
        for _ in FORM:
            if modal.focused is description:
                break
            await pilot.press("tab")
        assert modal.focused is description
        description.load_text("Drop bot replies")
        description.move_cursor(description.document.end)
        await pilot.press("enter", *"and more")
        assert app.screen is modal  # enter did not save
        await pilot.press("tab")
        assert modal.focused is modal.query_one("#f-roles")
        await pilot.pause()
        form = modal.query_one(".form").region
        assert form.contains_region(modal.query_one("#row-roles").region)  # scrolled to it
        await pilot.press("shift+tab")
        assert modal.focused is description
        await pilot.press("ctrl+s")  # saves from the area too
        await app.workers.wait_for_complete()
        saved = BoardRepository(board_path).load().board.cards["ML-2"]
        assert saved.description == "Drop bot replies\nand more"
