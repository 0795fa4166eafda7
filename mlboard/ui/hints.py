"""An error's hint in the TUI's terms: fields by their form labels, actions as keys and screens.

Every place the TUI shows an error (a notice, a dialog's error line, the quit question)
words it here, so no command or flag of the command line reaches the screen. Keys are the
bindings' own, looked up by binding id; an action the TUI has no key for is said in words.
"""

from __future__ import annotations

from mlboard.models import MlboardError
from mlboard.models.card_fields import CARD_FIELDS
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

_LABELS = {field.name: field.label for field in CARD_FIELDS} | {"wip": "WIP limit", "role": "Role"}


def label(field: str) -> str:
    """The field as the TUI's forms name it: ``Category``, ``Criteria``, ``WIP limit``."""
    return _LABELS.get(field, field.replace("_", " "))


_remapped: dict[str, str] = {}  # binding id → its keys in `keys.toml`, as the app applied it


def use_keymap(keymap: dict[str, str]) -> None:
    """Name the keys of `keymap` (the one the running app applied) instead of the defaults."""
    _remapped.clear()
    _remapped.update(keymap)


def key(binding_id: str) -> str:
    """The first key of the binding `binding_id` (``planning.new-sprint`` → ``N``), as
    remapped in `keys.toml` if it is."""
    from textual.keys import format_key

    from mlboard.ui.first_run import FirstRunApp
    from mlboard.ui.keymap import key_list
    from mlboard.ui.screens.board import BoardScreen
    from mlboard.ui.screens.planning import PlanningScreen

    for holder in (BoardScreen, PlanningScreen, FirstRunApp):
        for binding in holder.BINDINGS:
            if not isinstance(binding, tuple) and getattr(binding, "id", None) == binding_id:
                remapped = key_list(_remapped.get(binding_id, ""))
                if remapped:
                    return format_key(remapped[0])
                return str(binding.key_display or key_list(binding.key)[0])
    raise LookupError(binding_id)


def action_text(action: Action) -> str:
    """The keys (or, where the TUI has none, the words) that do `action`."""
    match action:
        case CreateSprint():
            planning, new = key("board.open-planning"), key("planning.new-sprint")
            return f"create one: {planning} then {new} on the planning screen"
        case StartSprint():
            planning, start = key("board.open-planning"), key("planning.start-sprint")
            return f"start one: {planning} then {start} on the planning screen"
        case CloseSprint():
            planning, close = key("board.open-planning"), key("planning.close-sprint")
            return f"close it: {planning} then {close} on the planning screen"
        case SwitchMode(mode=mode):
            return (
                f"switch to {mode.value.capitalize()} with: {key('board.switch-mode')} on the board"
            )
        case AddPerson(handle=handle):
            return f"add {handle} to the board's people with the person command"
        case AddDataset(name=name):
            return f"add {name} to the board's datasets with the dataset command"
        case UseHandle(handle=handle):
            return f"e.g. {handle}"
        case SetField(field=field, value=value):
            return f"set {label(field)} to {value}"
        case ConcludeExperiment():
            return f"set its Outcome with {key('board.edit-card')} on the board"
        case GiveField(field=field):
            return f"give the {label(field).lower()}"
        case CreateBoard():
            return f"create one: start the app in that folder and press {key('first-run.create')}"
        case LogBaseline(metric=metric, dataset=dataset):
            return f"record the baseline of {metric} on {dataset} with the baseline command"
        case ResolveConflicts():
            return "resolve them with the resolve command: ours, theirs or a value"


def hint_text(hint: Hint) -> str:
    """An error's hint or a warning as the TUI shows it: fields by label, the action as keys."""
    text = hint.words(label)
    return f"{text} ({action_text(hint.action)})" if hint.action is not None else text


def error_text(error: BaseException) -> str:
    """An error as the TUI shows it; one not of mlboard's (an OSError) as it says itself."""
    if not isinstance(error, MlboardError):
        return str(error) or type(error).__name__
    return hint_text(error.hint)
