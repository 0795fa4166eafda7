"""Board commands: init, person, dataset, pipeline, compute, mode, column, check, restore."""

from __future__ import annotations

from argparse import Namespace

from mlboard.cli.context import Context
from mlboard.cli.team import conflict_json
from mlboard.models import BadInput, Board, Mode, RuleViolation
from mlboard.models.errors import first_error
from mlboard.models.limits import TITLE_MAX
from mlboard.planning.conflict_text import conflict_line
from mlboard.services import columns, parse, resources


def cmd_init(args: Namespace, ctx: Context) -> int:
    from pydantic import ValidationError

    repo = ctx.repository()
    name = args.name or repo.path.resolve().parent.name[:TITLE_MAX] or "mlboard"
    mode = parse.choice(Mode, args.mode, "mode")
    try:
        board = Board(name=name, key=args.key.upper(), mode=mode, sprint_days=args.sprint_days)
    except ValidationError as exc:
        raise BadInput("--" + first_error(exc).replace("_", "-", 1)) from None
    if repo.exists():
        raise RuleViolation(f"{repo.path}: a board is already here")
    repo.create(board)
    ctx.emit(
        {"board": str(repo.path), "name": name, "key": board.key, "mode": mode.value},
        f"created {repo.path} ({name}, cards {board.key}-N, {mode.value})",
    )
    return 0


def cmd_person_add(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.add_person, args.handle, args.role, args.name or "")
    person = result.board.person(args.handle)
    ctx.emit(person.model_dump(mode="json"), f"{person.handle}: {', '.join(person.roles)}")
    return 0


def cmd_dataset_add(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.add_dataset, args.name, args.status, args.pipeline)
    dataset = result.board.dataset(args.name)
    ctx.emit(dataset.model_dump(mode="json"), f"dataset {dataset.name}: {dataset.status.value}")
    return 0


def cmd_dataset_set(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.set_dataset, args.name, args.status)
    dataset = result.board.dataset(args.name)
    ctx.emit(dataset.model_dump(mode="json"), f"dataset {dataset.name}: {dataset.status.value}")
    return 0


def cmd_pipeline_add(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.add_pipeline, args.name, args.produces or [])
    pipeline = result.board.pipeline(args.name)
    ctx.emit(pipeline.model_dump(mode="json"), f"pipeline {pipeline.name}: {pipeline.status.value}")
    return 0


def cmd_pipeline_set(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.set_pipeline, args.name, args.status, args.note or "")
    pipeline = result.board.pipeline(args.name)
    ctx.emit(pipeline.model_dump(mode="json"), f"pipeline {pipeline.name}: {pipeline.status.value}")
    return 0


def cmd_compute_add(args: Namespace, ctx: Context) -> int:
    result = ctx.service().do(resources.add_pool, args.pool, args.gpu_hours)
    pool = result.board.pool(args.pool)
    ctx.emit(
        pool.model_dump(mode="json"), f"compute pool {pool.name}: {pool.gpu_hours:g} GPU hours"
    )
    return 0


def cmd_mode(args: Namespace, ctx: Context) -> int:
    service = ctx.service()
    result = service.do(resources.set_mode, args.mode)
    ctx.emit({"mode": result.board.mode.value}, f"{result.board.name}: {result.board.mode.value}")
    return 0


COLUMN_VERBS = {"add": 1, "rename": 2, "rm": 1, "move": 1}  # verb → words it takes


def cmd_column(args: Namespace, ctx: Context) -> int:
    verb, words = args.column, list(args.words)
    if verb not in COLUMN_VERBS:
        words, verb = [verb, *words], "set"
    wanted = COLUMN_VERBS.get(verb, 1)
    if len(words) != wanted:
        usage = {"add": "NAME", "rename": "ID TITLE", "rm": "ID", "move": "ID", "set": "COLUMN"}
        raise BadInput(f"column {verb}: expected {usage[verb]} (see mlboard column --help)")
    _check_column_options(verb, args)
    service = ctx.service()
    hard = True if args.hard else (False if args.soft else None)
    if verb == "add":
        result = service.do(
            columns.add_column, words[0], args.after, args.wip, bool(args.hard), args.done
        )
    elif verb == "rename":
        result = service.do(resources.configure_column, words[0], words[1])
    elif verb == "rm":
        result = service.do(columns.remove_column, words[0])
        ctx.emit({"id": result.subject, "removed": True}, f"column {result.subject} removed")
        return 0
    elif verb == "move":
        result = service.do(columns.move_column, words[0], None if args.first else args.after)
    else:
        result = service.do(resources.configure_column, words[0], args.title, args.wip, hard)
    ctx.report(result)  # a limit set below the cards the column holds
    column = result.board.column(result.subject or words[0])
    limit = "no WIP limit"
    if column.wip is not None:
        limit = f"WIP limit {column.wip} ({'hard' if column.hard else 'soft'})"
    text = f"{column.id} ({column.title}): {limit}"
    if verb in ("add", "move"):
        text += "\n" + " → ".join(c.title for c in result.board.columns)
    ctx.emit(column.model_dump(mode="json"), text)
    return 0


def _check_column_options(verb: str, args: Namespace) -> None:
    """Each verb's own options; another's is a mistake worth a word, not silence."""
    allowed = {
        "set": {"title", "wip", "hard", "soft"},
        "add": {"wip", "hard", "after", "done"},
        "rename": set(),
        "rm": set(),
        "move": {"after", "first"},
    }[verb]
    given = [
        name for name in ("title", "wip", "hard", "soft", "after", "first", "done")
        if getattr(args, name) not in (None, False)
    ]  # fmt: skip
    stray = [name for name in given if name not in allowed]
    if stray:
        raise BadInput(f"column {verb} takes no --{stray[0]}")
    if verb == "move" and bool(args.after) == bool(args.first):
        raise BadInput("column move: give --after ID or --first")


def cmd_check(args: Namespace, ctx: Context) -> int:
    loaded = ctx.repository().load()
    board = loaded.board
    summary = {
        "board": str(ctx.board_path),
        "ok": True,
        "schema_version": loaded.schema_version,
        "rev": loaded.rev,
        "cards": len(board.cards),
        "events": len(board.events),
        "sprints": len(board.sprints),
        "conflicts": [conflict_json(c) for c in board.open_conflicts()],
    }
    lines = [
        f"ok: {ctx.board_path.name} — {len(board.cards)} cards, {len(board.events)} events, "
        f"{len(board.sprints)} sprints, schema {loaded.schema_version}"
    ]
    if board.open_conflicts():  # left by a merge: data to decide on, not damage
        count = len(board.open_conflicts())
        lines.append(f"{count} open conflict{'s' if count > 1 else ''} (mlboard resolve ID):")
        lines += [f"  {conflict_line(c)}" for c in board.open_conflicts()]
    ctx.emit(summary, "\n".join(lines))
    return 0


def cmd_restore(args: Namespace, ctx: Context) -> int:
    repo = ctx.repository()
    backups = repo.backups()
    if args.number is None:
        rows = [{"number": i, "file": str(p)} for i, p in enumerate(backups, 1)]
        text = "\n".join(f"{r['number']:>3}  {p.name}" for r, p in zip(rows, backups, strict=True))
        ctx.emit(rows, text or "no backups kept yet")
        return 0
    if not 1 <= args.number <= len(backups):
        raise BadInput(f"no backup {args.number} (mlboard restore lists {len(backups)})")
    chosen = backups[args.number - 1]
    repo.restore(chosen)
    ctx.emit(
        {"restored": str(chosen)},
        f"restored {chosen.name}; the board before it is now backup 1 (mlboard restore 1 undoes)",
    )
    return 0


def cmd_locate(args: Namespace, ctx: Context) -> int:
    """Where mlboard reads and writes: the board, its backups, the config folder, themes,
    the cache of big boards."""
    from mlboard.package_data import sample_boards_dir, themes_dir
    from mlboard.services import hooks
    from mlboard.storage.board_cache import OFF, BoardCache
    from mlboard.ui.config import config_dir

    repo = ctx.repository()
    cache = BoardCache.for_user()
    places = {
        "board": str(repo.path),
        "board_exists": repo.exists(),
        "backups": str(repo.backup_folder),
        "config": str(config_dir()),
        "user_themes": str(config_dir() / "themes"),
        "hooks": str(config_dir() / hooks.FILENAME),
        "builtin_themes": str(themes_dir()),
        "sample_boards": str(sample_boards_dir()),
        "cache": OFF if cache is None else str(cache.folder),
    }
    width = max(len(k) for k in places)
    text = "\n".join(f"{k:<{width}}  {v}" for k, v in places.items())
    ctx.emit(places, text)
    return 0
