"""Any tracker rows: each one lands whole or is reported; the board stays valid."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.models import Board
from mlboard.services.imports.tickets import Ticket, TicketImport, import_tickets

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
words = st.text(max_size=12)
keys = st.sampled_from(["A-1", "A-2", "A-3", ""])

tickets = st.builds(
    Ticket, where=st.just("line 2"), key=keys, title=words,
    status=st.sampled_from(["To Do", "Done", "In Progress", "Blocked", ""]),
    description=words, kind=words, labels=st.lists(words, max_size=3).map(tuple),
    assignee=st.none() | words, points=st.sampled_from(["", "3", "-1", "nan", "1e400", "x"]),
    blocks=st.lists(keys, max_size=2).map(tuple), blocked_by=st.lists(keys, max_size=2).map(tuple),
)  # fmt: skip


@settings(max_examples=150)
@given(st.lists(tickets, max_size=6))
def test_rows_land_whole_or_are_reported_and_the_board_stays_valid(rows: list[Ticket]) -> None:
    report = TicketImport("t.csv", rows=len(rows))
    draft = import_tickets(Board(name="b", key="ML"), T0, rows, "jira", {}, {}, report)
    board = draft.board
    Board.model_validate(board.model_dump())  # ids, references, cycles all hold
    sources = [c.source for c in board.cards.values()]
    assert len(sources) == len(set(sources))  # one card per key, however often it repeats
    assert len(report.added) == len(board.cards)
    again = TicketImport("t.csv", rows=len(rows))
    second = import_tickets(board, T0, rows, "jira", {}, {}, again)
    assert second.board.cards.keys() == board.cards.keys() and not again.added
