"""An error's hint in the command line's terms: fields as flags, actions as commands."""

from __future__ import annotations

from collections.abc import Callable

from mlboard.models import MlboardError
from mlboard.models.hints import (
    Action,
    AddDataset,
    AddPerson,
    CloseSprint,
    CreateBoard,
    CreateSprint,
    GiveField,
    Hint,
    LogBaseline,
    ResolveConflicts,
    SetField,
    StartSprint,
    SwitchMode,
    UseHandle,
)

# A field whose option is not named after it.
_FLAGS = {"criteria": "accept"}


def flag(field: str) -> str:
    """The option that sets `field`: ``--category``, ``--accept`` for criteria."""
    return f"--{_FLAGS.get(field, field)}"


def action_text(action: Action) -> str:
    """The command that does `action`, with its lead-in: ``create one: mlboard sprint new``."""
    match action:
        case CreateSprint():
            return "create one: mlboard sprint new"
        case StartSprint():
            return "start one: mlboard sprint start"
        case CloseSprint():
            return "close it: mlboard sprint close"
        case SwitchMode(mode=mode):
            return f"switch with: mlboard mode {mode.value}"
        case AddPerson(handle=handle):
            return f"add one with: mlboard person add {handle} --role R"
        case AddDataset(name=name):
            return f"mlboard dataset add {name}"
        case UseHandle(handle=handle):
            return f"e.g. mlboard person add {handle} --role R"
        case SetField(field=field, value=value):
            return f"{flag(field)} {value}"
        case GiveField(field=field):
            return f"give {flag(field)}"
        case CreateBoard():
            return "create one: mlboard init"
        case LogBaseline(metric=metric, dataset=dataset):
            return f"mlboard baseline {metric}=VALUE --dataset {dataset}"
        case ResolveConflicts():
            return "mlboard resolve ID [--take ours|theirs|VALUE]"


def hint_text(hint: Hint, action: Callable[[Action], str] = action_text) -> str:
    """What is wrong, fields as flags, then the command that helps in parentheses."""
    text = hint.words(flag)
    return f"{text} ({action(hint.action)})" if hint.action is not None else text


def error_text(error: MlboardError) -> str:
    """The error line the command line prints (after ``mlboard: ``)."""
    return hint_text(error.hint)


def _pointer(action: Action) -> str:
    """A warning names the command alone (``mlboard person add bob``)."""
    if isinstance(action, AddPerson):
        return f"mlboard person add {action.handle}"
    return action_text(action)


def warning_text(warning: Hint) -> str:
    """A warning line (after ``mlboard: warning: ``)."""
    return hint_text(warning, _pointer)
