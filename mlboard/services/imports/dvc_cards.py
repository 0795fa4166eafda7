"""`mlboard import dvc`: a DVC pipeline's stages as cards, its DAG as their dependencies.

Each stage is one card whose `source` is ``dvc:STAGE`` (``dvc:sub/dvc.yaml:STAGE`` for a file
elsewhere than the board's folder, as ``dvc repro`` names it). Re-importing is idempotent:
a card's description (the stage's command) and its dependencies on other cards of the same
file follow the file; dependencies added by hand stay; a stage gone from the file is flagged
on its card, never deleted; the category is guessed once, when the card is added (or set
again with an explicit ``--category STAGE=CATEGORY``).

Categories are guessed from the stage's name, then from its place in the pipeline:
- a name with ``train``, ``fit``, ``tune``, ``sweep``, ``hpo`` → experiment;
- ``eval``, ``evaluate``, ``test``, ``score``, ``metrics``, ``benchmark`` → experiment when
  the stage writes metrics, else engineering;
- ``prepare``, ``preprocess``, ``ingest``, ``download``, ``fetch``, ``clean``, ``split``,
  ``featurize``, ``features``, ``etl``, ``extract``, ``label``, ``augment`` → data;
- ``deploy``, ``export``, ``serve``, ``package``, ``publish``, ``push``, ``build``,
  ``convert``, ``register`` → engineering;
- otherwise: a stage that reads no other stage's output (raw data) → data; one that writes
  metrics → experiment; the rest → engineering.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from mlboard.models import BadInput, Board, Card, Category, CycleError, find_cycle_ids
from mlboard.services import cards as ops
from mlboard.services import parse
from mlboard.services.draft import Draft, revise, with_cards
from mlboard.services.imports.dvc_yaml import Stage, dependencies

WORDS: tuple[tuple[frozenset[str], Category | None], ...] = (
    (frozenset({"train", "training", "fit", "tune", "tuning", "sweep", "hpo", "finetune"}),
     Category.EXPERIMENT),
    (frozenset({"eval", "evaluate", "evaluation", "test", "score", "metrics", "benchmark"}),
     None),  # experiment with metrics, else engineering
    (frozenset({"prepare", "preprocess", "ingest", "download", "fetch", "clean", "split",
                "featurize", "features", "etl", "extract", "label", "augment", "data"}),
     Category.DATA),
    (frozenset({"deploy", "export", "serve", "package", "publish", "push", "build", "convert",
                "register"}),
     Category.ENGINEERING),
)  # fmt: skip
REMOVED = "[removed from {file}: mlboard import dvc flags it, never deletes it]"


@dataclass
class DvcImport:
    """What an import did (or, in a dry run, would do), per stage."""

    file: str
    added: list[Card] = field(default_factory=list)
    updated: list[tuple[Card, list[str]]] = field(default_factory=list)
    unchanged: list[Card] = field(default_factory=list)
    flagged: list[Card] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)  # card id -> stage


def guess_category(stage: Stage, upstream: tuple[str, ...]) -> Category:
    words = set(re.split(r"[^a-z0-9]+", stage.name.split("@", 1)[0].lower()))
    for vocabulary, category in WORDS:
        if words & vocabulary:
            if category is None:
                return Category.EXPERIMENT if stage.metrics else Category.ENGINEERING
            return category
    if not upstream:
        return Category.DATA
    return Category.EXPERIMENT if stage.metrics else Category.ENGINEERING


def category_overrides(pairs: list[str]) -> dict[str, Category]:
    """``STAGE=CATEGORY`` (STAGE is a stage's name, or a foreach/matrix group's)."""
    out: dict[str, Category] = {}
    for pair in pairs:
        stage, sep, category = pair.partition("=")
        if not sep or not stage.strip():
            raise BadInput(f"--category {pair!r} is not STAGE=CATEGORY")
        out[stage.strip()] = parse.choice(Category, category, "category")
    return out


def source_key(file_key: str, stage: str) -> str:
    return f"dvc:{stage}" if file_key == "dvc.yaml" else f"dvc:{file_key}:{stage}"


def import_dvc(
    board: Board,
    now: datetime,
    stages: tuple[Stage, ...],
    file_key: str,
    overrides: Mapping[str, Category],
    report: DvcImport,
) -> Draft:
    """Add or update one card per stage; fill `report` with what changed."""
    report.added, report.updated, report.unchanged, report.flagged = [], [], [], []
    upstream = dependencies(stages)
    unknown = sorted(
        set(overrides) - {s.name for s in stages} - {s.name.split("@")[0] for s in stages}
    )
    if unknown:
        raise BadInput(f"--category {unknown[0]}: no such stage in {file_key}")
    prefix = source_key(file_key, "")
    mine = {c.source: c for c in board.cards.values() if c.source and c.source.startswith(prefix)}
    ids: dict[str, str] = {}
    touched: set[str] = set()
    for stage in _upstream_first(stages, upstream):
        source = source_key(file_key, stage.name)
        explicit = overrides.get(stage.name) or overrides.get(stage.name.split("@")[0])
        deps = tuple(ids[u] for u in upstream[stage.name])
        description = f"DVC stage {stage.name} ({file_key}): {stage.cmd}".strip()
        card = mine.get(source)
        if card is None:
            category = explicit or guess_category(stage, upstream[stage.name])
            draft = ops.add_card(board, now, stage.name, category.value, description=description)
            card = revise(draft.board.card(draft.subject or ""), source=source, depends_on=deps)
            board = with_cards(draft.board, card)
            report.added.append(card)
        else:
            changes = _changes(board, card, deps, description, explicit, prefix)
            if changes:
                card = revise(card, **changes)
                board = with_cards(board, card)
                report.updated.append((card, sorted(changes)))
            else:
                report.unchanged.append(card)
        ids[stage.name] = card.id
        report.stages[card.id] = stage.name
        touched.add(card.id)
    present = {source_key(file_key, s.name) for s in stages}
    marker = REMOVED.format(file=file_key)
    for source, card in mine.items():
        if source not in present and marker not in card.description:
            card = revise(card, description=f"{card.description}\n\n{marker}".strip())
            board = with_cards(board, card)
            report.flagged.append(card)
            touched.add(card.id)
    cycle = find_cycle_ids(board.cards)
    if cycle:
        path = " → ".join((*cycle, cycle[0]))
        raise CycleError(f"with the pipeline's dependencies the cards form a cycle {path}", cycle)
    return Draft(board, frozenset(touched), None)


def _changes(
    board: Board,
    card: Card,
    deps: tuple[str, ...],
    description: str,
    explicit: Category | None,
    prefix: str,
) -> dict[str, object]:
    """The fields of an imported card the file now says otherwise."""
    changes: dict[str, object] = {}
    kept = tuple(  # hand-made dependencies, and the pipeline's that still hold, in order
        d
        for d in card.depends_on
        if d in deps
        or not ((other := board.cards.get(d)) and other.source and other.source.startswith(prefix))
    )
    wanted = (*kept, *(d for d in deps if d not in kept))
    if wanted != card.depends_on:
        changes["depends_on"] = wanted
    if card.description != description:  # also clears the flag of a stage that came back
        changes["description"] = description
    if explicit is not None and explicit is not card.category:
        changes["category"] = explicit
    return changes


def _upstream_first(stages: tuple[Stage, ...], upstream: dict[str, tuple[str, ...]]) -> list[Stage]:
    """Stages in file order, each after the stages it depends on (DVC refuses cycles)."""
    by_name = {s.name: s for s in stages}
    done: dict[str, None] = {}
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise CycleError(f"the pipeline's stages form a cycle through {name!r}", (name,))
        visiting.add(name)
        for up in upstream[name]:
            visit(up)
        visiting.discard(name)
        done[name] = None

    for stage in stages:
        visit(stage.name)
    return [by_name[n] for n in done]
