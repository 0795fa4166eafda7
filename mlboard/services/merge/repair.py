"""Make a merged board valid where both sides' changes together break a rule, keeping every
value: a card one side deleted but the other now needs comes back, a column or sprint likewise;
a link that closes a cycle only with both sides' links is taken out. Each repair leaves a
conflict record."""

from __future__ import annotations

from typing import Any

from mlboard.models import Card, Column, Sprint, SprintState, find_cycle_ids
from mlboard.models.conflict import EXISTS, ConflictTable
from mlboard.services.merge.tables import Sides
from mlboard.services.merge.values import Clash, MergeError, Side


def repair(sides: Sides, cards: dict[str, Card], data: dict[str, Any]) -> dict[str, Card]:
    """`cards` (and `data`'s columns and sprints) with what the merge lost put back."""
    boards = (sides.ours, sides.theirs, sides.base)
    cards = dict(cards)
    changed = True
    while changed:  # a card brought back may need another one
        changed = False
        for card in list(cards.values()):
            for dep in card.depends_on:
                if dep not in cards:
                    cards[dep] = _bring_back_card(sides, dep, card.id)
                    changed = True
    columns: tuple[Column, ...] = data["columns"]
    for status in sorted({c.status for c in cards.values()} - {c.id for c in columns}):
        found = next((c for b in boards for c in b.columns if c.id == status), None)
        if found is not None:
            columns += (found,)
            _record_back(sides, "columns", status, "the other branch has cards in it")
    data["columns"] = columns
    sprints: tuple[Sprint, ...] = data["sprints"]
    for sprint_id in sorted(
        {c.sprint for c in cards.values() if c.sprint} - {s.id for s in sprints}
    ):
        found_sprint = next((s for b in boards for s in b.sprints if s.id == sprint_id), None)
        if found_sprint is not None:
            sprints += (found_sprint,)
            _record_back(sides, "sprints", sprint_id, "the other branch has cards in it")
    data["sprints"] = sprints = _one_active(sides, sprints)
    active = [s.id for s in sprints if s.state is SprintState.ACTIVE]
    if len(active) > 1:
        raise MergeError(
            f"both branches started a sprint ({', '.join(active)}): close one on its branch "
            "and merge again"
        )
    return _break_cycles(sides, cards)


def _one_active(sides: Sides, sprints: tuple[Sprint, ...]) -> tuple[Sprint, ...]:
    """Two active sprints, one of them closed on the branch that lost its clash: the closed
    version wins (a sprint is closed once; the other branch started the next one)."""
    active = [s for s in sprints if s.state is SprintState.ACTIVE]
    if len(active) <= 1:
        return sprints
    for sprint in active:
        for side, board in (("ours", sides.ours), ("theirs", sides.theirs)):
            closed = next((s for s in board.sprints if s.id == sprint.id), None)
            if closed is None or closed.state is not SprintState.CLOSED:
                continue
            sides.conflicts[:] = [
                c.model_copy(update={"chosen": side})
                if (c.table, c.key, c.field) == ("sprints", sprint.id, "state")
                else c
                for c in sides.conflicts
            ]
            update = {"state": closed.state, "snapshot": closed.snapshot}
            sprints = tuple(
                s.model_copy(update=update) if s.id == sprint.id else s for s in sprints
            )
            break
        if sum(1 for s in sprints if s.state is SprintState.ACTIVE) <= 1:
            break
    return sprints


def _bring_back_card(sides: Sides, card_id: str, needed_by: str) -> Card:
    for board in (sides.ours, sides.theirs, sides.base):
        if card_id in board.cards:
            _record_back(sides, "cards", card_id, f"{needed_by} depends on it")
            return board.cards[card_id]
    raise MergeError(f"{needed_by} depends on {card_id}, which no branch has")


def _record_back(sides: Sides, table: ConflictTable, key: str, why: str) -> None:
    ours_has, theirs_has = (_has(b, table, key) for b in (sides.ours, sides.theirs))
    chosen: Side = "theirs" if theirs_has else "ours"
    clash = Clash(EXISTS, _has(sides.base, table, key), ours_has, theirs_has, chosen)
    gone = "ours" if not ours_has else "theirs"
    sides.record(table, key, clash, f"deleted on {gone}, kept: {why}")


def _has(board: Any, table: str, key: str) -> bool:
    if table == "cards":
        return key in board.cards
    rows = board.columns if table == "columns" else board.sprints
    return any(r.id == key for r in rows)


def _break_cycles(sides: Sides, cards: dict[str, Card]) -> dict[str, Card]:
    """Take out, one by one, a link only one side added that closes a cycle."""
    for _ in range(len(cards) + 1):
        cycle = find_cycle_ids(cards)
        if not cycle:
            return cards
        edges = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
        chosen = None
        for side, board in (("theirs", sides.theirs), ("ours", sides.ours)):
            for card_id, dep in edges:
                if _linked(board, card_id, dep) and not _linked(sides.base, card_id, dep):
                    chosen = (side, card_id, dep)
                    break
            if chosen:
                break
        if chosen is None:
            raise MergeError("dependency cycle " + " → ".join((*cycle, cycle[0])))
        side, card_id, dep = chosen
        card = cards[card_id]
        cards[card_id] = card.model_copy(
            update={"depends_on": tuple(d for d in card.depends_on if d != dep)}
        )
        kept: Side = "ours" if side == "theirs" else "theirs"
        clash = Clash(
            "depends_on",
            _deps(sides.base, card_id),
            _deps(sides.ours, card_id),
            _deps(sides.theirs, card_id),
            kept,
        )
        note = (
            f"{card_id} → {dep} from {side} left out: with both branches' links it closes a cycle"
        )
        sides.record("cards", card_id, clash, note)
    raise MergeError("dependency cycles the merge cannot untangle")


def _linked(board: Any, card_id: str, dep: str) -> bool:
    card = board.cards.get(card_id)
    return card is not None and dep in card.depends_on


def _deps(board: Any, card_id: str) -> list[str] | None:
    card = board.cards.get(card_id)
    return None if card is None else list(card.depends_on)
