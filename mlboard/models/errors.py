"""Domain errors. Each maps to one exit status of the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class MlboardError(Exception):
    """Base of every error mlboard reports as one line."""

    exit_status = 2


class BadInput(MlboardError):
    """The user gave something malformed: a bad option value, an unknown id (exit 2)."""

    exit_status = 2


class NotFound(BadInput):
    """An id, handle or name that is not on the board (exit 2)."""


class BoardLoadError(MlboardError):
    """The board file cannot be read or is invalid; it is left untouched (exit 2)."""

    exit_status = 2


class BoardWriteError(MlboardError):
    """The board file could not be written (read-only, full disk); it is unchanged (exit 2)."""

    exit_status = 2


class RuleViolation(MlboardError):
    """A domain rule refused the change: a cycle, a hard WIP limit, Kanban mode (exit 1)."""

    exit_status = 1


class CycleError(RuleViolation):
    """A dependency would close a cycle; `cycle` lists the ids around it."""

    def __init__(self, message: str, cycle: tuple[str, ...]) -> None:
        super().__init__(message)
        self.cycle = cycle


class ConflictError(MlboardError):
    """Another process changed the board in a way that conflicts with this change."""

    exit_status = 1


def first_error(exc: ValidationError, prefix: str = "") -> str:
    """A pydantic validation error as one line: ``where.the.field: what is wrong``."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in (*([prefix] if prefix else []), *error["loc"]))
    message = " ".join(str(error["msg"]).removeprefix("Value error, ").split())
    return f"{where}: {message}" if where else message
