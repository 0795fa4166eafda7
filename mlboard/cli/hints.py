"""An error's hint in the command line's terms: fields as flags, actions as commands."""

from __future__ import annotations

from collections.abc import Callable

from mlboard.models import MlboardError
from mlboard.models.card_fields import FIELD
from mlboard.models.hints import (
    Action,
    AddDataset,
    AddPerson,
    CloseSprint,
    ConcludeExperiment,
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


def flag(field: str) -> str:
    """The option that sets `field`: a card field's from the field table (``--accept`` for
    criteria), else the field's name (``--wip``)."""
    entry = FIELD.get(field)
    return entry.flag if entry is not None and entry.flag else f"--{field}"


def command(action: Action) -> str:
    """The command (or the options) that do `action`: ``mlboard sprint new``."""
    match action:
        case CreateSprint():
            return "mlboard sprint new"
        case StartSprint():
            return "mlboard sprint start"
        case CloseSprint():
            return "mlboard sprint close"
        case SwitchMode(mode=mode):
            return f"mlboard mode {mode.value}"
        case AddPerson(handle=handle) | UseHandle(handle=handle):
            return f"mlboard person add {handle} --role R"
        case AddDataset(name=name):
            return f"mlboard dataset add {name}"
        case SetField(field=field, value=value):
            return f"{flag(field)} {value}"
        case ConcludeExperiment():
            return "mlboard outcome"
        case GiveField(field=field):
            return flag(field)
        case CreateBoard():
            return "mlboard init"
        case LogBaseline(metric=metric, dataset=dataset):
            return f"mlboard baseline {metric}=VALUE --dataset {dataset}"
        case ResolveConflicts():
            return "mlboard resolve ID [--take ours|theirs|VALUE]"


# How an error leads in to the command that gets past it.
_LEAD_INS: dict[type, str] = {
    CreateSprint: "create one: ",
    StartSprint: "start one: ",
    CloseSprint: "close it: ",
    SwitchMode: "switch with: ",
    AddPerson: "add one with: ",
    UseHandle: "e.g. ",
    GiveField: "give ",
    CreateBoard: "create one: ",
}


def action_text(action: Action) -> str:
    """The command that does `action`, with an error's lead-in: ``create one: mlboard sprint
    new``."""
    return _LEAD_INS.get(type(action), "") + command(action)


def hint_text(hint: Hint, action: Callable[[Action], str] = action_text) -> str:
    """What is wrong, fields as flags, then the command that helps in parentheses."""
    text = hint.words(flag)
    return f"{text} ({action(hint.action)})" if hint.action is not None else text


def error_text(error: MlboardError) -> str:
    """The error line the command line prints (after ``mlboard: ``)."""
    return hint_text(error.hint)


def note_text(note: Hint) -> str:
    """A warning, a finding or a line of a report: the command alone in parentheses
    (``dataset 'x' is not on the board (mlboard dataset add x)``)."""
    return hint_text(note, command)
