"""Writing the board from a screen's background worker, the same way on every screen."""

from __future__ import annotations

from mlboard.models import ConflictError, MlboardError
from mlboard.services.session import BoardService


def save(service: BoardService) -> str | None:
    """Write pending changes; the problem to report, or None when they are on disk."""
    try:
        service.flush()
    except ConflictError as exc:
        return f"Not saved: {exc}"
    except (MlboardError, OSError) as exc:
        return f"Not saved: {exc} (it stays on screen; undo, or retry with the next change)"
    return None
