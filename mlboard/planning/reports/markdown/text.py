"""What the Markdown renderers share: numbers, metric changes, days, plurals, table cells."""

from __future__ import annotations

from datetime import date, datetime

from mlboard.planning.reports.review_values import SprintInfo

OUTCOME_ORDER = ("promising", "eliminated", "inconclusive", "adopted")
DEFAULT_DATASET = "holdout"


def number(value: float | None) -> str:
    """A value as written in a log: 0.81, 12, 1e-05; a dash for none."""
    return "–" if value is None else f"{value:g}"


def metric_change(name: str, before: float | None, after: float | None, dataset: str) -> str:
    """``auc 0.78 → 0.81 (+0.03)``, with `` on DATASET`` unless it is the holdout set."""
    where = "" if dataset in ("", DEFAULT_DATASET) else f" on {dataset}"
    if before is None or after is None:
        return f"{name} {number(after)} (first result){where}"
    places = max(_decimals(number(before)), _decimals(number(after)))
    return f"{name} {number(before)} → {number(after)} ({after - before:+.{places}f}){where}"


def _decimals(text: str) -> int:
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".", 1)[1])


def day(text: str | None) -> str:
    if not text:
        return "–"
    moment = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return f"{moment:%a} {moment.day} {moment:%b}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def cell(text: str) -> str:
    """`text` inside a Markdown table cell: a `|` would end the cell."""
    return text.replace("|", "\\|")


def sprint_head(title: str, sprint: SprintInfo | None) -> list[str]:
    if sprint is None:
        return [f"# {title} — whole board (no sprint)"]
    lines = [f"# {title} — {sprint.id} {sprint.name}".rstrip()]
    lines.append(f"- {day(sprint.start)} – {day(sprint.end)}, {sprint.state}")
    if sprint.goal:
        lines.append(f"- Goal: {sprint.goal}")
    goal = sprint.measurable_goal
    if goal is not None:
        value = ""
        if goal.value is not None:
            by = f", {goal.card}" if goal.card else ""
            value = f" (best result in the sprint: {number(goal.value)}{by})"
        lines.append(f"- Measurable goal: {goal.criterion} — {goal.status}{value}")
    return lines
