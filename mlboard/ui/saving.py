"""Changing and writing the board from a screen, the same way on every screen."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from mlboard.models import ConflictError, MlboardError
from mlboard.services.draft import Operation
from mlboard.services.session import BoardService, Result
from mlboard.ui.hints import error_text, hint_text


def apply_change(
    screen: Screen[Any], service: BoardService, label: str, operation: Operation
) -> Result | None:
    """Apply a change in memory now; a refusal or a warning is shown, never raised."""
    try:
        result = service.apply(label, operation)
    except MlboardError as exc:
        screen.notify(error_text(exc), severity="error", timeout=6)
        return None
    for warning in result.warnings:
        screen.notify(hint_text(warning), severity="warning")
    return result


def save(service: BoardService) -> str | None:
    """Write pending changes; the problem to report, or None when they are on disk."""
    try:
        service.flush()
    except ConflictError as exc:
        return f"Not saved: {error_text(exc)}"
    except (MlboardError, OSError) as exc:
        problem = error_text(exc)
        return f"Not saved: {problem} (it stays on screen; undo, or retry with the next change)"
    return None
