"""Files shipped beside the code: built-in themes and sample boards.

From a wheel they live in `mlboard/_data/`; from a source checkout or an editable install
they are the repository's top-level `themes/` and `sample_boards/` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def themes_dir() -> Path:
    return _data_dir("themes")


def sample_boards_dir() -> Path:
    return _data_dir("sample_boards")


def sample_board(name: str = "scrum") -> Path:
    """The sample board file `sample_boards/<name>.json`."""
    path = sample_boards_dir() / f"{name}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in sample_boards_dir().glob("*.json")))
        raise FileNotFoundError(f"no sample board {name!r} (samples: {known or 'none'})")
    return path
