"""ML tools in and out: `log` from metric files with provenance; `baseline`."""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlboard.cli.context import Context
from mlboard.cli.hints import note_text
from mlboard.models import BadInput
from mlboard.models.text import visible

if TYPE_CHECKING:
    from mlboard.services.readers import MetricFile

# Every command's parser registers these handlers: what they use is imported when they run.
Command = Callable[..., ArgumentParser]


@dataclass(frozen=True)
class Read:
    """What `--from` gave: the metrics, and the run and commit the source itself names."""

    metrics: MetricFile
    run: str | None = None
    commit: str | None = None


def _read(args: Namespace) -> Read:
    from mlboard.services import provenance
    from mlboard.services.readers import read_metric_file, read_metric_text
    from mlboard.services.readers.mlflow import is_mlflow, read_mlflow_run, tracking_uri

    source: str = args.source
    if is_mlflow(source):
        found = read_mlflow_run(source, tracking_uri(args.tracking_uri))
        return Read(found.metrics, found.run_id, found.commit)
    if args.tracking_uri is not None:
        raise BadInput("--tracking-uri goes with --from mlflow:RUN_ID")
    if source == "-":
        return Read(read_metric_text(sys.stdin.buffer.read(), "-"))
    return Read(read_metric_file(source), provenance.run_of_source(source))


def provenance_of(args: Namespace, read: Read | None) -> tuple[str | None, str | None]:
    """The run and commit to record: as given, else as the source says (the W&B run folder,
    the MLflow run and its git tag), else git's HEAD where the command runs."""
    from mlboard.services import provenance

    run = provenance.run_option(args.run) if args.run is not None else None
    if run is None and read is not None:
        run = read.run
    if args.commit is not None:
        return run, provenance.commit_option(args.commit)
    if read is not None and read.commit is not None and provenance.is_commit(read.commit):
        return run, read.commit.lower()
    return run, provenance.head_commit(Path.cwd())


@dataclass(frozen=True)
class Values:
    """The values a command records, and where they came from."""

    values: dict[str, float]
    sources: dict[str, str]
    read: MetricFile | None
    run: str | None
    commit: str | None


def gather(args: Namespace) -> Values:
    """NAME=VALUE pairs and the chosen metrics of `--from`, with their provenance."""
    from mlboard.services import parse
    from mlboard.services.readers import select

    values = parse.metric_pairs(args.pairs)
    found: Read | None = None
    sources: dict[str, str] = {}
    if args.source:
        found = _read(args)
        read = found.metrics
        chosen = select(read.values, args.only or (), args.exclude or (), read.source)
        sources = {name: read.source for name in chosen if name not in values}
        values = {**chosen, **values}
    elif args.only or args.exclude or args.tracking_uri:
        raise BadInput("--only, --exclude and --tracking-uri go with --from")
    run, commit = provenance_of(args, found)
    return Values(values, sources, found.metrics if found else None, run, commit)


def _origin_lines(got: Values) -> list[str]:
    read = got.read
    origin = [f"from {read.source} ({read.kind})"] if read else []
    origin += [f"run {got.run}"] if got.run else []
    origin += [f"commit {got.commit[:12]}"] if got.commit else []
    lines = ["  " + ", ".join(origin)] if origin else []
    if read and read.skipped:
        lines.append("  not metrics, left out: " + ", ".join(read.skipped[:12]))
    return lines


def cmd_log(args: Namespace, ctx: Context) -> int:
    from mlboard.cli.render import card_json
    from mlboard.services import cards as ops
    from mlboard.services.metric_log import criteria_moved
    from mlboard.services.readers.readings import criterion_readings

    got = gather(args)
    if not got.values:
        raise BadInput("give NAME=VALUE pairs or --from metrics.json")
    service = ctx.service()
    before = service.board
    result = service.do(
        ops.log_metrics, args.id, got.values, args.dataset, args.note or "",
        run=got.run, commit=got.commit, sources=got.sources,
    )  # fmt: skip
    card = result.board.card(args.id)
    logged = ", ".join(f"{k}={v:g}" for k, v in got.values.items())
    lines = [f"{card.id}: logged {logged} on {args.dataset}", *_origin_lines(got)]
    lines += ["  " + line for line in criterion_readings(card, got.values, args.dataset)]
    lines += ["  " + line for line in criteria_moved(before, result.board, card.id, note_text)]
    ctx.emit(card_json(card), visible("\n".join(lines), multiline=True))
    return 0


def cmd_baseline(args: Namespace, ctx: Context) -> int:
    from mlboard.models.criteria import explain
    from mlboard.services import baselines

    if not args.pairs and not args.source:
        return _list_baselines(ctx)
    got = gather(args)
    result = ctx.service().do(
        baselines.record_baselines, got.values, args.dataset, args.card, args.note or "",
        run=got.run, commit=got.commit, sources=got.sources,
    )  # fmt: skip
    board = result.board
    recorded = board.baselines[-len(got.values) :]
    scope = f"for {recorded[0].card}" if recorded[0].card else "for the board"
    shown = ", ".join(f"{b.name}={b.value:g}" for b in recorded)
    lines = [f"baseline {shown} on {args.dataset} {scope}", *_origin_lines(got)]
    judged = baselines.relative_criteria(board, set(got.values), args.dataset)
    lines += [f"  {card.id} {c}: {note_text(explain(c, j))}" for card, c, j in judged]
    data = {
        "baselines": [b.model_dump(mode="json") for b in recorded],
        "criteria": [
            {"card": card.id, "criterion": str(c), "status": j.status.value,
             "target": j.target, "text": note_text(explain(c, j))}
            for card, c, j in judged
        ],
    }  # fmt: skip
    ctx.emit(data, visible("\n".join(lines), multiline=True))
    return 0


def _list_baselines(ctx: Context) -> int:
    from mlboard.services import baselines

    current = baselines.current_baselines(ctx.load())
    rows = [
        f"{b.name}={b.value:g}@{b.dataset}  {b.card or 'board'}  {b.at:%Y-%m-%d}"
        + (f"  run {b.run}" if b.run else "")
        + (f"  commit {b.commit[:12]}" if b.commit else "")
        + (f"  from {b.source}" if b.source else "")
        for b in current
    ]
    text = visible("\n".join(rows), multiline=True) or "no baselines"
    ctx.emit([b.model_dump(mode="json") for b in current], text)
    return 0


def register(sub: Any, command: Command) -> None:
    """The commands of this module, with their options beside their handlers."""
    p = command(sub, "log", cmd_log, "log metric results on a card")
    p.add_argument("id", metavar="ID")
    p.add_argument("pairs", nargs="*", metavar="NAME=VALUE")
    p.add_argument("--dataset", default="holdout")
    p.add_argument("--note")
    p.add_argument(
        "--from", dest="source", metavar="FILE",
        help="metrics.json (flat or nested), dvclive/metrics.json, metrics.yaml, "
        "wandb-summary.json, mlflow:RUN_ID; - reads stdin",
    )  # fmt: skip
    _file_options(p)
    _provenance_options(p)

    p = command(sub, "baseline", cmd_baseline, "record baselines (none given: list them)")
    p.add_argument("pairs", nargs="*", metavar="NAME=VALUE")
    p.add_argument("--dataset", default="holdout")
    p.add_argument("--card", metavar="ID", help="only this card's criteria compare with it")
    p.add_argument("--note")
    p.add_argument("--from", dest="source", metavar="FILE", help="read the values from a file")
    _file_options(p)
    _provenance_options(p)


def _file_options(p: ArgumentParser) -> None:
    p.add_argument("--only", action="append", metavar="NAME", help="only these (repeatable)")
    p.add_argument("--exclude", action="append", metavar="NAME", help="leave these out")


def _provenance_options(p: ArgumentParser) -> None:
    p.add_argument(
        "--tracking-uri", metavar="URI",
        help="MLflow server for --from mlflow:RUN_ID (default $MLFLOW_TRACKING_URI)",
    )  # fmt: skip
    p.add_argument("--run", metavar="ID_OR_URL", help="the run the values come from")
    p.add_argument(
        "--commit", metavar="SHA", help="the commit they come from (default: git HEAD here)"
    )
