"""Jira's CSV export read into tickets.

Jira repeats a column for each value of a multi-valued field (``Labels``, ``Sprint``, issue
links); every column of a name is read. Links: ``Outward issue link (Blocks)`` or a column
``blocks`` lists the tickets this one blocks; ``Inward issue link (Blocks)`` or ``is blocked
by`` the ones it waits for.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from mlboard.models import BadInput
from mlboard.services.imports.tickets import Ticket

FIELD_LIMIT = 10_000_000  # a long description must not end the import (csv's default: 128 KiB)
COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("issue key", "key"),
    "title": ("summary", "title"),
    "kind": ("issue type", "type"),
    "status": ("status",),
    "assignee": ("assignee",),
    "points": ("story points", "custom field (story points)", "story point estimate",
               "custom field (story point estimate)"),
    "labels": ("labels", "label"),
    "description": ("description",),
    "blocks": ("outward issue link (blocks)", "blocks"),
    "blocked_by": ("inward issue link (blocks)", "is blocked by"),
}  # fmt: skip
_SPLIT = re.compile(r"[,;\s]+")


def read_jira_csv(path: Path) -> tuple[list[Ticket], list[str]]:
    """The tickets of a Jira CSV export, and the rows that could not be read (by line)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text (export the CSV as UTF-8)") from None
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            raise BadInput(f"{path}: empty file")
        where = _columns(header, path)
        tickets: list[Ticket] = []
        skipped: list[str] = []
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                skipped.append(f"line {line}: {len(row)} cells for {len(header)} columns")
                continue
            tickets.append(_ticket(row, where, line))
    except csv.Error as exc:
        raise BadInput(f"{path} line {reader.line_num}: not CSV ({exc})") from None
    return tickets, skipped


def _columns(header: list[str], path: Path) -> dict[str, list[int]]:
    folded = [name.strip().casefold() for name in header]
    where = {
        name: [i for i, column in enumerate(folded) if column in aliases]
        for name, aliases in COLUMNS.items()
    }
    for required in ("key", "title", "status"):
        if not where[required]:
            raise BadInput(f"{path}: no {COLUMNS[required][0]!r} column (is it a Jira export?)")
    return where


def _ticket(row: list[str], where: dict[str, list[int]], line: int) -> Ticket:
    def one(name: str) -> str:
        return next((row[i].strip() for i in where[name] if i < len(row) and row[i].strip()), "")

    def many(name: str) -> tuple[str, ...]:
        cells = (row[i] for i in where[name] if i < len(row))
        return tuple(dict.fromkeys(v for cell in cells for v in _SPLIT.split(cell) if v))

    return Ticket(
        where=f"line {line}", key=one("key"), title=one("title"), status=one("status"),
        description=next((row[i] for i in where["description"] if i < len(row)), "").strip(),
        kind=one("kind"), labels=many("labels"), assignee=one("assignee") or None,
        points=one("points"), blocks=many("blocks"), blocked_by=many("blocked_by"),
    )  # fmt: skip
