"""Plain-text forms of cards for people; JSON uses the board file's own field names."""

from __future__ import annotations

from typing import Any

from mlboard.models import Board, Card
from mlboard.models.text import visible
from mlboard.planning.derived import Derived, is_blocked, unfinished_dependencies


def card_json(card: Card) -> dict[str, Any]:
    return card.model_dump(mode="json", by_alias=True)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def card_line(board: Board, card: Card) -> str:
    flags = []
    if is_blocked(board, card):  # one meaning of blocked: never a finished card
        if card.open_blockers:
            flags.append("blocked:" + ",".join(b.kind.value for b in card.open_blockers))
        waits = unfinished_dependencies(board, card)
        if waits:
            flags.append("waits:" + ",".join(waits))
    if card.experiment is not None and card.experiment.outcome.value != "open":
        flags.append(card.experiment.outcome.value)
    tail = f"  [{' '.join(flags)}]" if flags else ""
    return (
        f"{card.id:<8} {card.status:<8} {card.category.value:<11} {_fmt(card.points):>3}  "
        f"{visible(card.assignee or '-'):<10} {visible(card.title)}{tail}"
    )


def card_text(board: Board, card: Card, derived: Derived) -> str:
    lines = [f"{card.id}  {visible(card.title)}", ""]
    column = board.column(card.status).title
    rows: list[tuple[str, str]] = [
        ("category", card.category.value),
        ("status", f"{card.status} ({column})"),
        ("points", _fmt(card.points)),
        ("assignee", visible(card.assignee or "-")),
        ("sprint", card.sprint or "backlog"),
    ]
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
        for c in derived["criteria"]:
            value = "no result yet" if c["value"] is None else f"latest {c['value']:g}"
            lines.append(
                f"  {c['status']:<7} {c['metric']}{c['op']}{c['threshold']:g}@{c['dataset']}"
                f"  ({value})"
            )
    if card.metrics:
        lines += ["", "metric results"]
        for m in sorted(card.metrics, key=lambda m: m.at):
            sprint = f" {m.sprint}" if m.sprint else ""
            note = f"  {m.note}" if m.note else ""
            lines.append(f"  {m.at:%Y-%m-%d %H:%M}{sprint}  {m.name}={m.value:g}@{m.dataset}{note}")
    if card.blockers:
        lines += ["", "blockers"]
        for b in card.blockers:
            state = f"resolved {b.resolved_at:%Y-%m-%d}" if b.resolved_at else "open"
            eta = f", eta {b.eta}" if b.eta else ""
            lines.append(f"  {b.kind.value:<9} {state:<19} since {b.since:%Y-%m-%d}{eta}  {b.note}")
    blocked_cards = derived["blocked_by"]["cards"]
    if blocked_cards:
        lines += ["", "waiting for " + ", ".join(blocked_cards)]
    return "\n".join(lines)
