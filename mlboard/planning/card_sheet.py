"""A card's whole sheet for people: the text `mlboard show` prints and the TUI's card view
shows (one function, so both say the same). Board text passes the output sanitizer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mlboard.models import Board, Card
from mlboard.models.card_fields import SHEET, CardField
from mlboard.models.hints import Hint, ResolveConflicts
from mlboard.models.text import visible
from mlboard.planning.card_history import card_timeline
from mlboard.planning.conflict_text import conflict_line
from mlboard.planning.derived import Derived


def fmt_number(value: float | None) -> str:
    """A number as people read it on a card (`3`, `2.5`), `-` when there is none."""
    return "-" if value is None else f"{value:g}"


def _origin(where: Mapping[str, Any]) -> str:
    """``  [run 42, commit 1a2b3c4d5e6f, from metrics.json]`` (empty when nothing is known)."""
    parts = [f"run {where['run']}"] if where.get("run") else []
    parts += [f"commit {where['commit'][:12]}"] if where.get("commit") else []
    parts += [f"from {where['source']}"] if where.get("source") else []
    return visible(f"  [{', '.join(parts)}]") if parts else ""


def _rows(board: Board, card: Card, fields: list[CardField]) -> list[tuple[str, str]]:
    """(heading, text) of each field that has a value, or text for its absence."""
    rows = []
    for field in fields:
        value = field.value(card)
        if value is None or value == () or value == "":
            if field.empty is not None:
                rows.append((field.heading, field.empty))
            continue
        if field.kind == "column":
            text = f"{value} ({board.column(value).title})"
        elif field.kind == "number":
            text = fmt_number(value)
        elif field.kind == "list":
            text = field.listing(value)
        else:
            text = str(value)
        if field.kind != "long":
            text = visible(text)
        rows.append((field.heading, text + _more(card, field.name)))
    return rows


def _more(card: Card, name: str) -> str:
    """What a row says of other fields: the pool of the GPU hours, the sprints a time-box used."""
    if name == "gpu_hours" and card.pool:
        return visible(f" on {card.pool}")
    if name == "timebox":
        return f" sprint(s), used {card.carried + 1}"
    return ""


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    """``  heading  text`` with the texts in one column; a text's further lines under it."""
    width = max(len(heading) for heading, _ in rows)
    indent = "\n" + " " * (width + 4)
    return [f"  {k:<{width}}  {indent.join(v.splitlines()) or v}" for k, v in rows]


def card_sheet(
    board: Board,
    card: Card,
    derived: Derived,
    history: int = 10,
    *,
    heading: bool = True,
    word: Callable[[Hint], str] = str,
) -> str:
    """Facts, description, experiment, criteria, results, blockers, what it waits for, and
    the newest `history` events of the card; `heading` starts with its id and title; the
    front end's `word` says how to resolve open conflicts."""
    lines = [f"{card.id}  {visible(card.title)}", ""] if heading else []
    facts, experiment = [f for f in SHEET if not f.experiment], [f for f in SHEET if f.experiment]
    rows = _rows(board, card, facts)
    if card.carried:
        rows.append(("carried", f"{card.carried} time(s)"))
    if derived["critical"]:
        rows.append(("critical", "on the critical path"))
    lines += _aligned(rows)
    conflicts = board.open_conflicts("cards", card.id) if board.conflicts else []
    if conflicts:  # left by a git merge
        lines += [
            "",
            word(Hint.of("open conflicts", action=ResolveConflicts())),
            *(f"  {conflict_line(c)}" for c in conflicts),
        ]
    if card.description:
        lines += ["", *("  " + line for line in card.description.splitlines())]
    if card.experiment is not None:
        lines += ["", "experiment", *_aligned(_rows(board, card, experiment))]
    if derived["criteria"]:
        lines += ["", "acceptance criteria"]
        for criterion, c in zip(card.criteria, derived["criteria"], strict=True):
            shown = visible(f"{criterion}  {c['text']}")
            lines.append(f"  {c['status']:<7} {shown}{_origin(c)}")
    if card.metrics:
        lines += ["", "metric results"]
        for m in sorted(card.metrics, key=lambda m: m.at):
            sprint = f" {m.sprint}" if m.sprint else ""
            note = f"  {m.note}" if m.note else ""
            lines.append(
                f"  {m.at:%Y-%m-%d %H:%M}{sprint}  {m.name}={m.value:g}@{m.dataset}{note}"
                + _origin({"run": m.run, "commit": m.commit, "source": m.source})
            )
    if card.blockers:
        lines += ["", "blockers"]
        for b in card.blockers:
            state = f"resolved {b.resolved_at:%Y-%m-%d}" if b.resolved_at else "open"
            eta = f", eta {b.eta}" if b.eta else ""
            lines.append(f"  {b.kind.value:<9} {state:<19} since {b.since:%Y-%m-%d}{eta}  {b.note}")
    blocked_cards = derived["blocked_by"]["cards"]
    if blocked_cards:
        lines += ["", "waiting for " + ", ".join(blocked_cards)]
    if history > 0:
        events, older = card_timeline(board, card.id, history)
        if events:
            lines += ["", "history, newest first", *(f"  {line}" for line in events)]
            if older:
                lines.append(f"  … and {older} earlier")
    return "\n".join(lines)
