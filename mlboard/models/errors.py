"""Domain errors. Each maps to one exit status of the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlboard.models.hints import Action, Hint, Part

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


class MlboardError(Exception):
    """Base of every error mlboard reports as one line.

    Its words say what is wrong, fields as `FieldName`; `choices` are the valid values and
    `action` the way out. ``str(error)`` is the plain text; each front end words the `hint`
    in its own terms (mlboard.models.hints).
    """

    exit_status = 2

    def __init__(
        self, *what: Part, choices: tuple[str, ...] = (), action: Action | None = None
    ) -> None:
        self.hint = Hint(what, choices, action)
        super().__init__(self.hint.words(str))


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
    message = " ".join(error_message(error).split())
    return f"{where}: {message}" if where else message


def error_message(error: ErrorDetails) -> str:
    """What is wrong, in mlboard's words for a limit: ``at most 200 characters (got 250)``."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "string_too_long":
        text = error["input"]
        got = f" (got {len(text):,})" if isinstance(text, str) else ""
        return f"at most {ctx['max_length']:,} characters{got}"
    if kind == "too_long":
        count = ctx.get("actual_length")
        return f"at most {ctx['max_length']:,} items" + (f" (got {count:,})" if count else "")
    return str(error["msg"]).removeprefix("Value error, ")
