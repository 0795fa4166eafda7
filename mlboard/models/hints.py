"""What an error asks of the user, as values each front end words in its own terms (issue 9).

An error below the front ends says what is wrong in words no front end owns: no command,
no flag, no key. The field it concerns is a `FieldName` inside those words, the valid values
a short `choices` list, the way out an `Action`. The command line words a hint with its
commands and flags (`mlboard.cli.hints`), the TUI with its keys and screens
(`mlboard.ui.hints`); ``str(error)`` is the plain text with neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mlboard.models.enums import Mode


@dataclass(frozen=True)
class FieldName:
    """A field of a card or of the board, as the model names it (``criteria``, ``wip``)."""

    name: str


@dataclass(frozen=True)
class CreateSprint:
    """Plan a new sprint."""


@dataclass(frozen=True)
class StartSprint:
    """Start the planned sprint."""


@dataclass(frozen=True)
class CloseSprint:
    """Close the sprint that is still active."""

    sprint: str


@dataclass(frozen=True)
class SwitchMode:
    """Switch the board to another mode (Scrum, Kanban)."""

    mode: Mode


@dataclass(frozen=True)
class AddPerson:
    """Add someone to the board's people."""

    handle: str


@dataclass(frozen=True)
class AddDataset:
    """Add a dataset to the board's datasets."""

    name: str


@dataclass(frozen=True)
class UseHandle:
    """Name the person by a handle, such as the one given."""

    handle: str


@dataclass(frozen=True)
class SetField:
    """Set a field to a value (``category`` to ``experiment``)."""

    field: str
    value: str


@dataclass(frozen=True)
class ConcludeExperiment:
    """Record an experiment's outcome (it confirmed, refuted, or was inconclusive)."""

    card: str


@dataclass(frozen=True)
class GiveField:
    """Give a value for a field that has none."""

    field: str


@dataclass(frozen=True)
class CreateBoard:
    """Create a board file where there is none."""


@dataclass(frozen=True)
class LogBaseline:
    """Record a baseline for a metric on a dataset."""

    metric: str
    dataset: str


@dataclass(frozen=True)
class ResolveConflicts:
    """Settle the open conflicts a git merge left: ours, theirs or another value."""


Action = (
    CreateSprint
    | StartSprint
    | CloseSprint
    | SwitchMode
    | AddPerson
    | AddDataset
    | UseHandle
    | SetField
    | ConcludeExperiment
    | GiveField
    | CreateBoard
    | LogBaseline
    | ResolveConflicts
)

Part = str | FieldName


@dataclass(frozen=True)
class Hint:
    """What is wrong (words and field names), the valid values, the action to take.

    An error carries one; a warning is one (``Draft.warnings``).
    """

    what: tuple[Part, ...]
    choices: tuple[str, ...] = ()
    action: Action | None = None

    @classmethod
    def of(cls, *what: Part, action: Action | None = None) -> Hint:
        return cls(what, action=action)

    def __str__(self) -> str:
        """The plain text: field names as the model has them, no action."""
        return self.words(str)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the error concerns, in the order its words name them."""
        return tuple(part.name for part in self.what if isinstance(part, FieldName))

    def words(self, name_field: Callable[[str], str]) -> str:
        """What is wrong and the valid values, each field named by `name_field`."""
        text = "".join(
            part if isinstance(part, str) else name_field(part.name) for part in self.what
        )
        return f"{text} {' | '.join(self.choices)}" if self.choices else text


# Modules whose errors only the command line (or the Python API) can meet: the TUI never
# imports them (tests/test_hints.py checks it with the import graph), so their messages may
# name flags. Module → the front door that reaches it.
CLI_ONLY: dict[str, str] = {
    "mlboard.services.readers": "log --from, --only, --exclude, --tracking-uri",
    "mlboard.services.imports": "import dvc|jira|github (--category, --status)",
    "mlboard.services.provenance": "log/baseline --commit/--run",
    "mlboard.services.conflicts": "resolve",
    "mlboard.storage.tinydb_access": "the Python API (mlboard.open_tinydb)",
}
