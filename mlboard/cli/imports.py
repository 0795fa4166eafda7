"""`mlboard import dvc`: bring work that lives in other tools onto the board."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlboard.cli.context import Context
from mlboard.services.imports.dvc_cards import DvcImport, category_overrides, import_dvc
from mlboard.services.imports.dvc_yaml import read_dvc_yaml

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
    ctx.emit(_json(report, args.dry_run), _text(report, len(stages), args.dry_run))
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


def register(sub: Any, group: Callable[..., Any], command: Command) -> None:
    imports = group(sub, "import", "bring work from other tools onto the board", "dvc")
    p = command(imports, "dvc", cmd_import_dvc, "a DVC pipeline's stages as cards (idempotent)")
    p.add_argument("path", nargs="?", default="dvc.yaml", metavar="PATH/dvc.yaml")
    p.add_argument(
        "--category", action="append", metavar="STAGE=CATEGORY",
        help="set a stage's category (data|experiment|engineering|tech-debt)",
    )  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
