"""The output of ``gh issue list --json number,title,body,labels,assignees,state,milestone``
read into tickets. A body that says ``blocked by #12`` or ``depends on #12`` links the issue
to #12; ``blocks #14`` the other way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from mlboard.models import BadInput
from mlboard.services.imports.tickets import Ticket

_BLOCKED_BY = re.compile(r"\b(?:blocked by|depends on)\s+#(\d+)", re.IGNORECASE)
_BLOCKS = re.compile(r"\bblocks\s+#(\d+)", re.IGNORECASE)


def read_github_json(path: Path) -> tuple[list[Ticket], list[str]]:
    """The issues of the file, and the items that could not be read (by position)."""
    try:
        data = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    except orjson.JSONDecodeError:
        raise BadInput(f"{path}: not valid JSON") from None
    if not isinstance(data, list):
        raise BadInput(f"{path}: expected a JSON list (gh issue list --json …)")
    tickets: list[Ticket] = []
    skipped: list[str] = []
    for index, item in enumerate(data, 1):
        try:
            tickets.append(_ticket(item, index))
        except (TypeError, ValueError, KeyError, AttributeError):
            skipped.append(f"item {index}: not an issue of gh issue list --json")
    return tickets, skipped


def _ticket(item: Any, index: int) -> Ticket:
    number = item["number"]
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValueError(number)
    body = str(item.get("body") or "")
    assignees = item.get("assignees") or []
    labels = tuple(str(label["name"]) for label in item.get("labels") or [])
    return Ticket(
        where=f"item {index} (#{number})",
        key=str(number),
        title=str(item.get("title") or ""),
        status=str(item.get("state") or "open"),
        description=body.strip(),
        labels=labels,
        assignee=str(assignees[0]["login"]) if assignees else None,
        blocks=tuple(dict.fromkeys(_BLOCKS.findall(body))),
        blocked_by=tuple(dict.fromkeys(_BLOCKED_BY.findall(body))),
    )
