"""A card's whole sheet for people: the text `mlboard show` prints and the TUI's card view
shows (one function, so both say the same). Board text passes the output sanitizer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mlboard.models import Board, Card
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
    column = board.column(card.status).title
    rows: list[tuple[str, str]] = [
        ("category", card.category.value),
        ("status", f"{card.status} ({column})"),
        ("points", fmt_number(card.points)),
        ("assignee", visible(card.assignee or "-")),
        ("sprint", card.sprint or "backlog"),
    ]
    if card.labels:
        rows.append(("labels", " ".join(f"#{label}" for label in card.labels)))
    if card.roles:
        rows.append(("roles", ", ".join(r.value for r in card.roles)))
    if card.depends_on:
        rows.append(("depends on", ", ".join(card.depends_on)))
    if card.datasets:
        rows.append(("datasets", ", ".join(card.datasets)))
    if card.gpu_hours is not None:
        rows.append(
            ("gpu hours", f"{card.gpu_hours:g}" + (f" on {card.pool}" if card.pool else ""))
        )
    if card.carried:
        rows.append(("carried", f"{card.carried} time(s)"))
    if derived["critical"]:
        rows.append(("critical", "on the critical path"))
    width = max(len(k) for k, _ in rows)
    lines += [f"  {k:<{width}}  {v}" for k, v in rows]
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
        exp = card.experiment
        lines += [
            "",
            "experiment",
            f"  hypothesis  {exp.hypothesis or '-'}",
            f"  method      {exp.method or '-'}",
            f"  conclusive  {exp.conclusive or '-'}",
            f"  time-box    {exp.timebox} sprint(s), used {card.carried + 1}",
            f"  outcome     {exp.outcome.value}",
        ]
        if exp.learnings:
            lines.append(f"  learnings   {exp.learnings}")
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
