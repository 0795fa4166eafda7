"""`mlboard import dvc|jira|github`: bring work that lives in other tools onto the board;
`mlboard export csv`: take it out to a spreadsheet."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlboard.cli.context import Context
from mlboard.models.text import visible
from mlboard.services import exports
from mlboard.services.imports.dvc_cards import DvcImport, category_overrides, import_dvc
from mlboard.services.imports.dvc_yaml import read_dvc_yaml
from mlboard.services.imports.github_json import read_github_json
from mlboard.services.imports.jira_csv import read_jira_csv
from mlboard.services.imports.tickets import Ticket, TicketImport, import_tickets, pairs

Reader = Callable[[Path], tuple[list[Ticket], list[str]]]

Command = Callable[..., ArgumentParser]


def file_key(path: Path, board_path: Path) -> str:
    """The file as the board names it: relative to the board's folder when inside it."""
    try:
        return path.resolve().relative_to(board_path.resolve().parent).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def cmd_import_dvc(args: Namespace, ctx: Context) -> int:
    path = Path(args.path)
    if path.is_dir():
        path = path / "dvc.yaml"
    stages = read_dvc_yaml(path)
    overrides = category_overrides(args.category or [])
    key = file_key(path, ctx.board_path)
    report = DvcImport(key)
    if args.dry_run:
        board = ctx.load()
        import_dvc(board, ctx.clock.now(), stages, key, overrides, report)
    else:
        result = ctx.service().do(import_dvc, stages, key, overrides, report)
        ctx.report(result)
    text = _text(report, len(stages), args.dry_run)
    ctx.emit(_json(report, args.dry_run), visible(text, multiline=True))
    return 0


def _json(report: DvcImport, dry_run: bool) -> dict[str, Any]:
    return {
        "file": report.file,
        "dry_run": dry_run,
        "added": [
            {"id": c.id, "stage": report.stages[c.id], "category": c.category.value,
             "depends_on": list(c.depends_on)}
            for c in report.added
        ],
        "updated": [
            {"id": c.id, "stage": report.stages[c.id], "changed": fields,
             "depends_on": list(c.depends_on)}
            for c, fields in report.updated
        ],
        "unchanged": [c.id for c in report.unchanged],
        "flagged": [c.id for c in report.flagged],
    }  # fmt: skip


def _text(report: DvcImport, count: int, dry_run: bool) -> str:
    lines = [
        f"{report.file}: {count} stages; {len(report.added)} added, {len(report.updated)} "
        f"updated, {len(report.unchanged)} unchanged, {len(report.flagged)} flagged as removed"
        + (" (dry run: nothing written)" if dry_run else "")
    ]
    for card in report.added:
        deps = f" after {', '.join(card.depends_on)}" if card.depends_on else ""
        lines.append(f"  + {card.id} {report.stages[card.id]} ({card.category.value}){deps}")
    for card, fields in report.updated:
        lines.append(f"  ~ {card.id} {report.stages[card.id]}: {', '.join(fields)}")
    for card in report.flagged:
        lines.append(f"  ! {card.id} {card.title}: no longer in {report.file}")
    return "\n".join(lines)


def _tickets(args: Namespace, ctx: Context, tracker: str, reader: Reader) -> int:
    path = Path(args.file)
    tickets, unreadable = reader(path)
    status_map = pairs(args.status or [], "--status")
    category_map = pairs(args.category or [], "--category")
    report = TicketImport(path.name, rows=len(tickets) + len(unreadable), unreadable=unreadable)
    ops = (tickets, tracker, status_map, category_map, report)
    if args.dry_run:
        import_tickets(ctx.load(), ctx.clock.now(), *ops)
    else:
        result = ctx.service().do(import_tickets, *ops)
        ctx.report(result)
    text = _ticket_text(report, args.dry_run)
    ctx.emit(_ticket_json(report, args.dry_run), visible(text, multiline=True))
    return 0


def cmd_import_jira(args: Namespace, ctx: Context) -> int:
    return _tickets(args, ctx, "jira", read_jira_csv)


def cmd_import_github(args: Namespace, ctx: Context) -> int:
    return _tickets(args, ctx, "github", read_github_json)


def _ticket_json(report: TicketImport, dry_run: bool) -> dict[str, Any]:
    return {
        "file": report.file,
        "dry_run": dry_run,
        "rows": report.rows,
        "added": [{"id": c.id, "key": report.keys[c.id], "status": c.status,
                   "category": c.category.value, "depends_on": list(c.depends_on)}
                  for c in report.added],
        "updated": [{"id": c.id, "key": report.keys[c.id], "changed": fields}
                    for c, fields in report.updated],
        "unchanged": [c.id for c in report.unchanged],
        "skipped": [*report.unreadable, *report.bad],
    }  # fmt: skip


def _ticket_text(report: TicketImport, dry_run: bool) -> str:
    skipped = [*report.unreadable, *report.bad]
    lines = [
        f"{report.file}: {report.rows} rows; {len(report.added)} added, "
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(skipped)} skipped" + (" (dry run: nothing written)" if dry_run else "")
    ]
    for card in report.added:
        deps = f" after {', '.join(card.depends_on)}" if card.depends_on else ""
        lines.append(f"  + {card.id} {report.keys[card.id]} {card.title} ({card.status}){deps}")
    for card, fields in report.updated:
        lines.append(f"  ~ {card.id} {report.keys[card.id]}: {', '.join(fields)}")
    lines += [f"  ! {message}" for message in skipped]
    return "\n".join(lines)


def register(sub: Any, group: Callable[..., Any], command: Command) -> None:
    imports = group(sub, "import", "bring work from other tools onto the board", "dvc|jira|github")
    p = command(imports, "dvc", cmd_import_dvc, "a DVC pipeline's stages as cards (idempotent)")
    p.add_argument("path", nargs="?", default="dvc.yaml", metavar="PATH/dvc.yaml")
    p.add_argument(
        "--category", action="append", metavar="STAGE=CATEGORY",
        help="set a stage's category (data|experiment|engineering|tech-debt)",
    )  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    for name, handler, text, metavar in (
        ("jira", cmd_import_jira, "Jira's CSV export as cards (idempotent by issue key)",
         "FILE.csv"),
        ("github", cmd_import_github, "gh issue list --json … as cards (idempotent by number)",
         "FILE.json"),
    ):  # fmt: skip
        p = command(imports, name, handler, text)
        p.add_argument("file", metavar=metavar)
        p.add_argument(
            "--status", action="append", metavar="OLD=COLUMN", help="map a tracker status"
        )
        p.add_argument(
            "--category", action="append", metavar="LABEL=CATEGORY",
            help="cards with this label (or issue type) go to this lane",
        )  # fmt: skip
        p.add_argument("--dry-run", action="store_true", help="show what would change")


def cmd_export_csv(args: Namespace, ctx: Context) -> int:
    board = ctx.load()
    ids = exports.sprint_card_ids(board, args.sprint) if args.sprint else list(board.cards)
    rows = [exports.card_row(board, board.cards[i]) for i in ids]
    if ctx.as_json:
        ctx.emit(rows, "")
    else:
        ctx.export(exports.csv_text(rows))  # every cell sanitized; keeps CSV's \r\n
    return 0


def register_exports(sub: Any, group: Callable[..., Any], command: Command) -> None:
    export = group(sub, "export", "the board for other tools", "csv")
    p = command(export, "csv", cmd_export_csv, "cards as CSV on stdout (spreadsheet-safe)")
    p.add_argument("--sprint", metavar="ID", help="only the cards of this sprint")
