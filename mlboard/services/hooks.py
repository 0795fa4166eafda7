"""Hooks: commands of the user's own `hooks.toml` run when the board changes in a way they
asked for.

Only the user's config folder is read, never the board's folder: a cloned repository must
not be able to make mlboard run commands. Each table of the file is one hook::

    [[hook]]
    on = ["criterion-met", "blocker-opened"]
    run = "notify-send mlboard \\"$(jq -r .message)\\""
    timeout = 10          # seconds, default 10

A hook runs once per matching event, after the write, with the event as JSON on its
standard input (``/bin/sh -c RUN``); hooks run side by side, each stopped at its timeout.
A hook that fails, times out or cannot start is reported; it never blocks or undoes the
write. Events are changes, not states: a criterion that stays met fires nothing.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mlboard.models import Board, CriterionStatus, PipelineStatus, SprintState
from mlboard.models.criteria import explain, judge

EVENTS = (
    "criterion-met", "criterion-unmet", "blocker-opened", "wip-exceeded", "pipeline-failed",
    "sprint-closed",
)  # fmt: skip
FILENAME = "hooks.toml"
DEFAULT_TIMEOUT_S = 10.0
MAX_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Hook:
    on: frozenset[str]
    run: str
    timeout: float = DEFAULT_TIMEOUT_S


def load_hooks(config_dir: Path) -> tuple[list[Hook], list[str]]:
    """The hooks of `config_dir/hooks.toml` (none when it is absent), and its problems."""
    path = config_dir / FILENAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # the common case, on every write: keep it cheap
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: not read ({exc}); no hook runs"]
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [f"{path}: not read ({exc}); no hook runs"]
    hooks: list[Hook] = []
    problems: list[str] = []
    entries = data.get("hook", [])
    for number, entry in enumerate(entries if isinstance(entries, list) else [], 1):
        on, run = entry.get("on"), entry.get("run")
        timeout = entry.get("timeout", DEFAULT_TIMEOUT_S)
        if isinstance(on, str):
            on = [on]
        bad = (
            not isinstance(on, list)
            or not on
            or any(e not in EVENTS for e in on)
            or not isinstance(run, str)
            or not run.strip()
            or isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not 0 < timeout <= MAX_TIMEOUT_S
        )
        if bad:
            problems.append(
                f"{path}: hook {number} skipped (needs on = [{', '.join(EVENTS)}], run = "
                f'"COMMAND", timeout in seconds up to {MAX_TIMEOUT_S:g})'
            )
            continue
        hooks.append(Hook(frozenset(on), run, float(timeout)))
    return hooks, problems


def board_events(before: Board, after: Board, at: datetime) -> list[dict[str, Any]]:
    """What happened between two boards that hooks can ask for, in a stable order."""
    events: list[dict[str, Any]] = []
    base = {"at": at.isoformat(), "board": after.name}
    baselines_changed = before.baselines is not after.baselines
    for card in after.cards.values():
        old = before.cards.get(card.id)
        if old is card and not baselines_changed:
            continue
        for criterion in card.criteria:
            now = judge(criterion, card.metrics, after.baselines, card.id)
            was = (
                judge(criterion, old.metrics, before.baselines, card.id).status
                if old is not None and criterion in old.criteria
                else CriterionStatus.UNKNOWN
            )
            if now.status is not was and now.status is not CriterionStatus.UNKNOWN:
                events.append({
                    **base, "event": f"criterion-{now.status.value}", "card": card.id,
                    "title": card.title, "criterion": str(criterion), "value": now.value,
                    "message": f"{card.id} {explain(criterion, now)}",  # met or unmet: no hint
                })  # fmt: skip
        opened = len(card.open_blockers) - (len(old.open_blockers) if old else 0)
        for blocker in card.open_blockers[len(card.open_blockers) - max(opened, 0) :]:
            events.append({
                **base, "event": "blocker-opened", "card": card.id, "title": card.title,
                "kind": blocker.kind.value, "note": blocker.note,
                "message": f"{card.id} blocked ({blocker.kind.value}): {blocker.note}",
            })  # fmt: skip
    events += _wip(before, after, base)
    for pipeline in after.pipelines:
        previous = next((p for p in before.pipelines if p.name == pipeline.name), None)
        failing = pipeline.status is PipelineStatus.FAILING
        if failing and (previous is None or previous.status is not PipelineStatus.FAILING):
            events.append({
                **base, "event": "pipeline-failed", "pipeline": pipeline.name,
                "note": pipeline.note, "message": f"pipeline {pipeline.name} failing",
            })  # fmt: skip
    closed_before = {s.id for s in before.sprints if s.state is SprintState.CLOSED}
    for sprint in after.sprints:
        if sprint.state is SprintState.CLOSED and sprint.id not in closed_before:
            events.append({
                **base, "event": "sprint-closed", "sprint": sprint.id, "name": sprint.name,
                "message": f"sprint {sprint.id} closed",
            })  # fmt: skip
    return events


def _wip(before: Board, after: Board, base: dict[str, Any]) -> list[dict[str, Any]]:
    def counts(board: Board) -> dict[str, int]:
        found: dict[str, int] = {}
        for card in board.cards.values():
            found[card.status] = found.get(card.status, 0) + 1
        return found

    if before.cards is after.cards and before.columns is after.columns:
        return []
    old, new = counts(before), counts(after)
    limits = {c.id: c.wip for c in before.columns}
    return [
        {**base, "event": "wip-exceeded", "column": c.id, "wip": c.wip, "cards": new[c.id],
         "message": f"{c.title}: {new[c.id]} cards over its WIP limit of {c.wip}"}
        for c in after.columns
        if c.wip is not None and new.get(c.id, 0) > c.wip
        and not (limits.get(c.id) == c.wip and old.get(c.id, 0) > c.wip)
    ]  # fmt: skip


def fire(config_dir: Path, before: Board, after: Board, at: datetime) -> list[str]:
    """Run the hooks of `config_dir` for what changed from `before` to `after`; the problems
    to report (a hooks.toml that cannot be read, hooks that failed)."""
    hooks, problems = load_hooks(config_dir)
    if hooks:
        wanted = set().union(*(hook.on for hook in hooks))
        events = [e for e in board_events(before, after, at) if e["event"] in wanted]
        problems += run_hooks(hooks, events)
    return problems


def run_hooks(hooks: list[Hook], events: list[dict[str, Any]]) -> list[str]:
    """Run each hook once per event it asked for, side by side; what went wrong, in words."""
    import json
    import signal
    import subprocess

    started: list[tuple[Hook, str, subprocess.Popen[bytes] | None, str]] = []
    for event in events:
        for hook in hooks:
            if event["event"] not in hook.on:
                continue
            try:
                proc = subprocess.Popen(
                    ["/bin/sh", "-c", hook.run], stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                )  # fmt: skip
            except OSError as exc:
                started.append((hook, event["event"], None, f"cannot start ({exc.strerror})"))
                continue
            try:
                assert proc.stdin is not None
                proc.stdin.write(json.dumps(event).encode() + b"\n")
                proc.stdin.close()
            except OSError:
                pass  # a hook that does not read its input is fine
            started.append((hook, event["event"], proc, ""))
    problems: list[str] = []
    begun = time.monotonic()
    for hook, name, process, problem in started:
        if process is not None:
            left = max(hook.timeout - (time.monotonic() - begun), 0.0)
            try:
                code = process.wait(timeout=left)
                problem = f"exit status {code}" if code else ""
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):  # the hook's whole process group
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                problem = f"timed out after {hook.timeout:g} s"
        if problem:
            problems.append(f"hook {hook.run!r} on {name}: {problem} (the change is saved)")
    return problems
