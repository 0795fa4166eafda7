"""ML tools in and out: `log` from metric files with provenance, `baseline`."""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlboard.cli.cards import parse_pairs
from mlboard.cli.context import Context
from mlboard.cli.render import card_json
from mlboard.models import BadInput
from mlboard.services import cards as ops
from mlboard.services import provenance
from mlboard.services.metric_log import criterion_readings
from mlboard.services.readers import MetricFile, read_metric_file, read_metric_text, select

Command = Callable[..., ArgumentParser]


def _read(source: str) -> MetricFile:
    if source == "-":
        return read_metric_text(sys.stdin.buffer.read(), "-")
    return read_metric_file(source)


def provenance_of(args: Namespace, read: MetricFile | None) -> tuple[str | None, str | None]:
    """The run and commit to record: as given, else the W&B run folder and git's HEAD."""
    run = provenance.run_option(args.run) if args.run is not None else None
    if run is None and read is not None and read.source != "-":
        run = provenance.run_of_source(read.source)
    if args.commit is not None:
        commit: str | None = provenance.commit_option(args.commit)
    else:
        commit = provenance.head_commit(Path.cwd())
    return run, commit


def cmd_log(args: Namespace, ctx: Context) -> int:
    values = parse_pairs(args.pairs)
    read: MetricFile | None = None
    sources: dict[str, str] = {}
    if args.source:
        read = _read(args.source)
        chosen = select(read.values, args.only or (), args.exclude or (), read.source)
        sources = {name: read.source for name in chosen if name not in values}
        values = {**chosen, **values}
    elif args.only or args.exclude:
        raise BadInput("--only and --exclude choose among the metrics of a --from file")
    if not values:
        raise BadInput("give NAME=VALUE pairs or --from metrics.json")
    run, commit = provenance_of(args, read)
    result = ctx.service().do(
        ops.log_metrics,
        args.id,
        values,
        args.dataset,
        args.note or "",
        run=run,
        commit=commit,
        sources=sources,
    )
    card = result.board.card(args.id)
    logged = ", ".join(f"{k}={v:g}" for k, v in values.items())
    origin = [f"from {read.source} ({read.kind})"] if read else []
    origin += [f"run {run}"] if run else []
    origin += [f"commit {commit[:12]}"] if commit else []
    lines = [f"{card.id}: logged {logged} on {args.dataset}"]
    if origin:
        lines.append("  " + ", ".join(origin))
    if read and read.skipped:
        lines.append("  not metrics, left out: " + ", ".join(read.skipped[:12]))
    lines += ["  " + line for line in criterion_readings(card, values, args.dataset)]
    ctx.emit(card_json(card), "\n".join(lines))
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
        "wandb-summary.json; - reads stdin",
    )  # fmt: skip
    p.add_argument("--only", action="append", metavar="NAME", help="log only these (repeatable)")
    p.add_argument("--exclude", action="append", metavar="NAME", help="leave these out")
    _provenance_options(p)


def _provenance_options(p: ArgumentParser) -> None:
    p.add_argument("--run", metavar="ID_OR_URL", help="the run the values come from")
    p.add_argument(
        "--commit", metavar="SHA", help="the commit they come from (default: git HEAD here)"
    )
