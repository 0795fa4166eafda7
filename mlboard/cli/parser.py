"""The command line of docs/design.md §5, built with argparse; errors are one line, exit 2."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, get_args

from mlboard.cli import board, cards, imports, notes, order, reports, serve, sprint, team, tools
from mlboard.cli.top import Parser, top_parser
from mlboard.services.notes import RetroKind, StandupKind

Handler = Callable[[argparse.Namespace, Any], int]
CATEGORIES = cards.CATEGORIES
KINDS = "data|training|compute|pipeline|review|other"


def _json(p: argparse.ArgumentParser, formats: tuple[str, ...] = ()) -> None:
    """The one output option set of every printing command: `--json`, and for reports
    `--format` (`--json` is `--format json`)."""
    p.add_argument("--json", action="store_true", help="print JSON (the board file's field names)")
    if formats:
        p.add_argument("--format", choices=formats, default=formats[0])


def _board(p: argparse.ArgumentParser) -> None:
    p.add_argument("--board", default=argparse.SUPPRESS, metavar="PATH", help="board file")


def _command(
    sub: Any,
    name: str,
    handler: Handler,
    help_text: str,
    *,
    json: bool = True,
    formats: tuple[str, ...] = (),
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler)
    _board(p)
    if json:
        _json(p, formats)
    return p


def _group(sub: Any, name: str, help_text: str, metavar: str) -> Any:
    """A noun whose commands are its subcommands (`mlboard sprint new`)."""
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(metavar=metavar, parser_class=Parser, required=True)


def build_parser() -> Parser:
    parser = top_parser()
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    p = _command(sub, "init", board.cmd_init, "create a board file here")
    p.set_defaults(init=True)  # `init` never looks for a board upwards (cli.main)
    p.add_argument("--name")
    p.add_argument("--key", default="ML", help="card id prefix (default ML)")
    p.add_argument("--mode", default="scrum", metavar="scrum|kanban")
    p.add_argument("--sprint-days", type=int, default=14, metavar="N")

    p = _command(sub, "add", cards.cmd_add, "add a card; prints its id")
    p.add_argument("text", metavar="TITLE")
    cards.card_options(p, editing=False)

    p = _command(sub, "edit", cards.cmd_edit, "change a card's fields")
    p.add_argument("id", metavar="ID")
    cards.card_options(p, editing=True)

    p = _command(sub, "move", cards.cmd_move, "move a card to a column")
    p.add_argument("id", metavar="ID")
    p.add_argument("column", metavar="COLUMN")

    order.register(sub, _command)

    p = _command(sub, "show", cards.cmd_show, "show a card (with derived facts in --json)")
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "--history", type=int, default=10, metavar="N", help="the card's newest N events (0: none)"
    )

    p = _command(sub, "list", cards.cmd_list, "list cards")
    p.add_argument("--category", metavar=CATEGORIES)
    p.add_argument("--status", metavar="COLUMN")
    p.add_argument("--sprint", metavar="ID|current|backlog")
    p.add_argument("--assignee", metavar="HANDLE")
    p.add_argument("--blocked", action="store_true", help="only blocked cards")
    p.add_argument("--label", metavar="LABEL", help="only cards with this label")

    p = _command(sub, "rm", cards.cmd_rm, "delete a card (a backup is kept)")
    p.add_argument("id", metavar="ID")

    for name, handler, text in (
        ("link", cards.cmd_link, "make ID depend on DEP_ID (refused if it closes a cycle)"),
        ("unlink", cards.cmd_unlink, "remove a dependency"),
    ):
        p = _command(sub, name, handler, text)
        p.add_argument("id", metavar="ID")
        p.add_argument("--on", required=True, metavar="DEP_ID")

    p = _command(sub, "block", cards.cmd_block, "mark a card blocked, with a typed reason")
    p.add_argument("id", metavar="ID")
    p.add_argument("--kind", required=True, metavar=KINDS)
    p.add_argument("--note", required=True, metavar="TEXT")
    p.add_argument("--eta", metavar="DATE")

    p = _command(sub, "unblock", cards.cmd_unblock, "resolve a card's open blockers")
    p.add_argument("id", metavar="ID")
    p.add_argument("--kind", metavar=KINDS)

    tools.register(sub, _command)

    p = _command(sub, "outcome", cards.cmd_outcome, "record an experiment's outcome")
    p.add_argument("id", metavar="ID")
    p.add_argument("outcome", metavar="promising|eliminated|inconclusive|adopted|open")
    p.add_argument("--note", help="what was learned")

    p = _command(sub, "failure", notes.cmd_failure, "add a failure-analysis note to a card")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")

    p = _command(sub, "confusion", notes.cmd_confusion, "attach a confusion matrix to a card")
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "--from", dest="source", required=True, metavar="matrix.json",
        help='{"labels": [...], "counts": [[...]]}; rows are true labels',
    )  # fmt: skip
    p.add_argument("--dataset", default="holdout")

    note = _group(sub, "note", "standup and retro notes", "retro|standup")
    p = _command(note, "retro", notes.cmd_note_retro, "a retro note on a sprint")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--kind", choices=get_args(RetroKind), default="to-improve")
    p.add_argument("--sprint", metavar="ID")
    p.add_argument("--person", metavar="HANDLE")
    p.add_argument("--card", metavar="ID")
    p = _command(note, "standup", notes.cmd_note_standup, "a standup note")
    p.add_argument("person", metavar="HANDLE")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--kind", choices=get_args(StandupKind), default="note")
    p.add_argument("--date", metavar="DATE")

    _resource_commands(sub)
    imports.register(sub, _group, _command)
    imports.register_exports(sub, _group, _command)
    _sprint_commands(sub)
    _report_commands(sub)

    p = _command(sub, "mode", board.cmd_mode, "switch the board between Scrum and Kanban")
    p.add_argument("mode", metavar="scrum|kanban")

    p = _command(
        sub, "column", board.cmd_column,
        "set a column's title or WIP limit; or: column add NAME [--after ID] [--wip N] [--hard]"
        " [--done] | column rename ID TITLE | column rm ID | column move ID (--after ID|--first)",
    )  # fmt: skip
    p.add_argument("column", metavar="COLUMN|add|rename|rm|move")
    p.add_argument("words", nargs="*", metavar="ARG", help="NAME, ID or TITLE of the verb")
    p.add_argument("--title")
    p.add_argument("--wip", type=int, metavar="N", help="WIP limit (0 removes it)")
    hard = p.add_mutually_exclusive_group()
    hard.add_argument("--hard", action="store_true", help="refuse moves over the limit")
    hard.add_argument("--soft", action="store_true", help="only warn over the limit")
    p.add_argument("--after", metavar="ID", help="add/move: put the column after this one")
    p.add_argument("--first", action="store_true", help="move: put the column first")
    p.add_argument("--done", action="store_true", help="add: cards here count as finished")

    _command(sub, "check", board.cmd_check, "validate the board file (schema, ids, cycles)")
    _team_commands(sub)
    _command(sub, "locate", board.cmd_locate, "show the board, backup, config and theme paths")

    p = _command(sub, "restore", board.cmd_restore, "list kept backups, or restore one")
    p.add_argument("number", nargs="?", type=int, metavar="N")

    _serve_command(sub)

    p = sub.add_parser("demo", help="open a throwaway copy of a sample board")
    p.add_argument("sample", nargs="?", default="scrum", metavar="scrum|kanban")
    p.add_argument("--theme", default=argparse.SUPPRESS, help="colour theme")
    p.set_defaults(handler=None, demo=True)
    return parser


def _serve_command(sub: Any) -> None:
    text = "the board in a browser (one TUI per tab), behind an access token"
    p = _command(sub, "serve", serve.cmd_serve, text)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default loopback)")
    p.add_argument("--port", type=int, default=8000, help="default 8000")
    p.add_argument("--theme", default=argparse.SUPPRESS, help="colour theme")
    p.add_argument(
        "--public-url", metavar="URL", help="where browsers reach it (a TLS proxy, a tunnel's end)"
    )
    token = p.add_mutually_exclusive_group()
    token.add_argument(
        "--token",
        metavar="TOKEN",
        help=f"access token (others see it in ps: prefer ${serve.TOKEN_ENV}; else random)",
    )
    token.add_argument(
        "--no-token", action="store_true", help="no token: anyone on this machine (loopback only)"
    )


def _team_commands(sub: Any) -> None:
    p = _command(
        sub,
        "merge-file",
        team.cmd_merge_file,
        "git's merge driver: the merged board into OURS",
        json=False,
    )
    p.add_argument("base", metavar="BASE")
    p.add_argument("ours", metavar="OURS", help="merged into this file")
    p.add_argument("theirs", metavar="THEIRS")
    p.add_argument("path", nargs="?", metavar="PATH", help="the board's path in the repository")
    p = _command(sub, "resolve", team.cmd_resolve, "close a conflict record left by a merge")
    p.add_argument("id", metavar="ID", help="conflict id, or a card with one open conflict")
    p.add_argument("--take", metavar="ours|theirs|VALUE", help="default: keep the board's value")
    _command(sub, "git-setup", team.cmd_git_setup, "register the merge driver in this git repo")


def _resource_commands(sub: Any) -> None:
    person = _group(sub, "person", "people and their roles", "add")
    p = _command(person, "add", board.cmd_person_add, "add a person (or change their roles)")
    p.add_argument("handle", metavar="HANDLE")
    p.add_argument("--role", action="append", required=True, metavar="ROLE")
    p.add_argument("--name")

    dataset = _group(sub, "dataset", "datasets and their readiness", "add|set")
    p = _command(dataset, "add", board.cmd_dataset_add, "add a dataset")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--status", metavar="missing|requested|available|validated")
    p.add_argument("--pipeline", metavar="PIPELINE")
    p = _command(dataset, "set", board.cmd_dataset_set, "set a dataset's status")
    p.add_argument("name", metavar="NAME")
    p.add_argument("status", metavar="missing|requested|available|validated")

    pipeline = _group(sub, "pipeline", "data pipelines and their health", "add|set")
    p = _command(pipeline, "add", board.cmd_pipeline_add, "add a pipeline")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--produces", action="append", metavar="DATASET")
    p = _command(pipeline, "set", board.cmd_pipeline_set, "set a pipeline's status")
    p.add_argument("name", metavar="NAME")
    p.add_argument("status", metavar="ok|failing|stale")
    p.add_argument("--note")

    compute = _group(sub, "compute", "GPU pools", "add")
    p = _command(compute, "add", board.cmd_compute_add, "add a GPU pool (or change its hours)")
    p.add_argument("pool", metavar="POOL")
    p.add_argument("--gpu-hours", type=float, required=True, metavar="H")


def _sprint_commands(sub: Any) -> None:
    group = _group(
        sub, "sprint", "plan, start and close sprints", "new|add|start|close|list|reserve"
    )
    p = _command(group, "new", sprint.cmd_sprint_new, "plan the next sprint")
    p.add_argument("--name")
    p.add_argument("--goal")
    p.add_argument("--measure", metavar="CRITERION", help="measurable goal, e.g. 'accuracy>=0.91'")
    p.add_argument("--start", metavar="DATE")
    p.add_argument("--days", type=int, metavar="N")
    p = _command(group, "add", sprint.cmd_sprint_add, "commit cards to the planned sprint")
    p.add_argument("ids", nargs="+", metavar="ID")
    p = _command(group, "start", sprint.cmd_sprint_start, "start the planned sprint")
    p.add_argument("--strict", action="store_true", help="refuse while planning errors remain")
    p = _command(group, "close", sprint.cmd_sprint_close, "close the active sprint")
    p.add_argument("--carry-to", choices=("next", "backlog"), default="next")
    p.add_argument(
        "--note", action="append", metavar="ID=TEXT", help="status update of a carried card"
    )
    _command(group, "list", sprint.cmd_sprint_list, "list sprints")
    p = _command(group, "reserve", notes.cmd_sprint_reserve, "set aside GPU hours in a sprint")
    p.add_argument("pool", metavar="POOL")
    p.add_argument("--gpu-hours", type=float, required=True, metavar="H")
    p.add_argument("--sprint", metavar="ID")
    p.add_argument("--note")


def _report_commands(sub: Any) -> None:
    p = _command(sub, "plan", reports.cmd_plan, "planning checks; exit 1 on any error")
    p.add_argument("--sprint", metavar="ID")
    pages = ("md", "json", "html")
    p = _command(sub, "standup", reports.cmd_standup, "standup digest", formats=pages)
    p.add_argument("--date", metavar="DATE")
    for name, handler, text in (
        ("review", reports.cmd_review, "sprint review"),
        ("retro", reports.cmd_retro, "retrospective figures"),
    ):
        p = _command(sub, name, handler, text, formats=pages)
        p.add_argument("--sprint", metavar="ID")
        _chart(p, "metric trends" if name == "review" else "velocity")
    p = _command(
        sub, "flow", reports.cmd_flow, "Kanban flow: WIP, aging, cycle time, CFD",
        formats=("md", "json"),
    )  # fmt: skip
    p.add_argument("--days", type=int, default=30, metavar="N", help="window (default 30)")
    _chart(p, "cumulative flow and cycle time")
    p = _command(sub, "burndown", reports.cmd_burndown, "a sprint's burndown with scope changes")
    p.add_argument(
        "--sprint", metavar="ID", help="default: the active sprint, else the last closed"
    )
    _chart(p, "the burndown")
    p = _command(
        sub, "graph", reports.cmd_graph, "dependency graph",
        formats=("text", "mermaid", "dot", "json"),
    )  # fmt: skip
    p.add_argument("--critical-path", action="store_true", help="only the critical path")
    p.add_argument("--sprint", metavar="ID")


def _chart(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--chart", action="store_true", help=f"draw {what} as a text chart instead")


def command_names(parser: argparse.ArgumentParser) -> frozenset[str]:
    """The names of the parser's commands (a word that is none of them may be a board path)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()
