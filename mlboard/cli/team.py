"""Working as a team in git: merge-file (git's merge driver), resolve, git-setup."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import Any

import orjson

from mlboard.cli.context import Context
from mlboard.models.conflict import EXISTS, Conflict


def cmd_merge_file(args: Namespace, ctx: Context) -> int:
    """git runs this with %O %A %B %P; the merged board goes into OURS (%A), exit 0."""
    from mlboard.services.history import new_salt
    from mlboard.services.merge.driver import merge_files

    name = args.path or Path(args.ours).name
    merged = merge_files(
        Path(args.base), Path(args.ours), Path(args.theirs), ctx.clock.now(), new_salt()
    )
    for old, new in merged.renumbered:
        ctx.error(f"mlboard: {name}: {old} → {new} (both branches created {old})")
    if merged.conflicts:
        count = len(merged.conflicts)
        ctx.error(
            f"mlboard: {name}: {count} conflict record{'s' if count > 1 else ''} "
            "(both branches changed one field; mlboard check lists them, mlboard resolve "
            "closes them)"
        )
    return 0


def cmd_resolve(args: Namespace, ctx: Context) -> int:
    from mlboard.services.conflicts import find_conflict, resolve_conflict

    service = ctx.service()
    result = service.do(resolve_conflict, args.id, args.take)
    conflict = find_conflict(result.board, result.subject or args.id)
    value = conflict.resolution
    ctx.emit(
        conflict.model_dump(mode="json"),
        f"resolved {conflict.id}: {conflict.entity} {conflict.field} = {show_value(value)}",
    )
    return 0


def cmd_git_setup(args: Namespace, ctx: Context) -> int:
    from mlboard.services.gitsetup import git_setup

    board = ctx.board_path if ctx.board_path.exists() else None
    setup = git_setup(Path.cwd(), board)
    lines = [f"wrote {line}" for line in setup.wrote] + [f"already {line}" for line in setup.kept]
    ctx.emit(
        {"repository": str(setup.root), "wrote": list(setup.wrote), "kept": list(setup.kept)},
        "\n".join(lines) + ("" if setup.wrote else "\nnothing to do: already set up"),
    )
    return 0


def show_value(value: Any) -> str:
    text = orjson.dumps(value).decode()
    return text if len(text) <= 60 else text[:57] + "..."


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return conflict.model_dump(mode="json")


def conflict_text(conflict: Conflict) -> str:
    """``C-1a2b3c4d  card TR-5 status: ours "doing", theirs "review" → theirs (later)``."""
    if conflict.field == EXISTS:
        what = conflict.note or "deleted on one branch, changed on the other: kept"
        return f"{conflict.id}  {conflict.entity}: {what}"
    note = f" ({conflict.note})" if conflict.note else ""
    return (
        f"{conflict.id}  {conflict.entity} {conflict.field}: ours {show_value(conflict.ours)}, "
        f"theirs {show_value(conflict.theirs)} → kept {conflict.chosen}{note}"
    )
