"""`--only` / `--exclude`: which of a file's metrics to log.

A pattern matches a metric by its full dotted name (``eval.auc``), by its leaf name (``auc``
matches ``eval.auc``) or as a shell-style pattern over the full name (``eval.*``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase

from mlboard.models import BadInput


def leaf(name: str) -> str:
    """The last dotted part of a metric name: ``metrics.precision`` → ``precision``."""
    return name.rsplit(".", 1)[-1]


def matches(pattern: str, name: str) -> bool:
    return pattern in (name, leaf(name)) or fnmatchcase(name, pattern)


def select(
    values: dict[str, float],
    only: Sequence[str] = (),
    exclude: Sequence[str] = (),
    source: str = "",
) -> dict[str, float]:
    """The entries of `values` that `only` keeps (all when empty) and `exclude` does not drop.

    An `only` pattern that matches nothing is refused: a typo must not log nothing quietly.
    """
    for pattern in only:
        if not any(matches(pattern, name) for name in values):
            known = ", ".join(sorted(values)[:8])
            raise BadInput(f"--only {pattern}: no such metric in {source or 'the file'} ({known})")
    kept = {
        name: value
        for name, value in values.items()
        if (not only or any(matches(p, name) for p in only))
        and not any(matches(p, name) for p in exclude)
    }
    if not kept:
        raise BadInput(f"--exclude leaves no metric of {source or 'the file'} to log")
    return kept
