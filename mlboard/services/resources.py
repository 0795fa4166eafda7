"""Board-level operations: people, datasets, pipelines, compute pools, mode, columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mlboard.models import (
    BadInput,
    Board,
    Column,
    ComputePool,
    Dataset,
    DatasetStatus,
    Mode,
    Person,
    Pipeline,
    PipelineStatus,
    Role,
)
from mlboard.models.errors import first_error
from mlboard.models.hints import FieldName
from mlboard.models.limits import check_handle
from mlboard.services import parse
from mlboard.services.draft import Draft

M = TypeVar("M", bound=BaseModel)


def _build(model: type[M], what: str, **values: Any) -> M:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise BadInput(first_error(exc, what)) from None


def _upsert(items: tuple[M, ...], item: M, key: str) -> tuple[M, ...]:
    ident = getattr(item, key)
    replaced = tuple(item if getattr(old, key) == ident else old for old in items)
    return replaced if any(getattr(old, key) == ident for old in items) else (*items, item)


def add_person(
    board: Board, now: datetime, handle: str, roles: Sequence[str], name: str = ""
) -> Draft:
    if not roles:
        raise BadInput("give at least one ", FieldName("role"))
    parsed = tuple(dict.fromkeys(parse.choice(Role, r, "role") for r in roles))
    person = _build(Person, "person", handle=check_handle(handle), roles=parsed, name=name)
    people = _upsert(board.people, person, "handle")
    return Draft(board.model_copy(update={"people": people}))


def add_dataset(
    board: Board, now: datetime, name: str, status: str | None = None, pipeline: str | None = None
) -> Draft:
    if pipeline is not None:
        board.pipeline(pipeline)
    values: dict[str, Any] = {"name": name, "pipeline": pipeline}
    if status is not None:
        values["status"] = parse.choice(DatasetStatus, status, "dataset status")
    dataset = _build(Dataset, "dataset", **values)
    return Draft(board.model_copy(update={"datasets": _upsert(board.datasets, dataset, "name")}))


def set_dataset(board: Board, now: datetime, name: str, status: str) -> Draft:
    dataset = board.dataset(name)
    value = parse.choice(DatasetStatus, status, "dataset status")
    updated = dataset.model_copy(update={"status": value})
    return Draft(board.model_copy(update={"datasets": _upsert(board.datasets, updated, "name")}))


def add_pipeline(
    board: Board, now: datetime, name: str, produces: Sequence[str] = (), status: str | None = None
) -> Draft:
    values: dict[str, Any] = {"name": name}
    if status is not None:
        values["status"] = parse.choice(PipelineStatus, status, "pipeline status")
    pipeline = _build(Pipeline, "pipeline", **values)
    datasets = board.datasets
    for dataset_name in produces:
        existing = next((d for d in datasets if d.name == dataset_name), None)
        produced = (
            existing.model_copy(update={"pipeline": name})
            if existing
            else _build(Dataset, "dataset", name=dataset_name, pipeline=name)
        )
        datasets = _upsert(datasets, produced, "name")
    pipelines = _upsert(board.pipelines, pipeline, "name")
    return Draft(board.model_copy(update={"pipelines": pipelines, "datasets": datasets}))


def set_pipeline(board: Board, now: datetime, name: str, status: str, note: str = "") -> Draft:
    pipeline = board.pipeline(name)
    value = parse.choice(PipelineStatus, status, "pipeline status")
    updated = _build(
        Pipeline, "pipeline", **{**dict(pipeline), "status": value, "note": note, "last_run": now}
    )
    return Draft(board.model_copy(update={"pipelines": _upsert(board.pipelines, updated, "name")}))


def add_pool(board: Board, now: datetime, name: str, gpu_hours: float) -> Draft:
    pool = _build(ComputePool, "compute", name=name, gpu_hours=gpu_hours)
    return Draft(board.model_copy(update={"pools": _upsert(board.pools, pool, "name")}))


def set_mode(board: Board, now: datetime, mode: str) -> Draft:
    value = parse.choice(Mode, mode, "mode")
    return Draft(board.model_copy(update={"mode": value}))


def configure_column(
    board: Board,
    now: datetime,
    column_id: str,
    title: str | None = None,
    wip: int | None = None,
    hard: bool | None = None,
) -> Draft:
    """Set a column's title and WIP limit; `wip=0` removes the limit."""
    column = board.column(column_id)
    changes: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise BadInput("column title is empty")
        changes["title"] = title.strip()
    if wip is not None:
        if wip < 0:
            raise BadInput(FieldName("wip"), f" {wip}: give a positive limit, or 0 to remove it")
        changes["wip"] = wip or None
        if hard is None:
            changes["hard"] = False
    if hard is not None:
        changes["hard"] = hard
    updated = _build(Column, "column", **{**dict(column), **changes})
    columns = tuple(updated if c.id == column.id else c for c in board.columns)
    return Draft(board.model_copy(update={"columns": columns}))
