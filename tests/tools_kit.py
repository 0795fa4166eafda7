"""Finding the real tools of the `integration` extra (dvc, mlflow) for the tests.

CI installs them (`pip install -e '.[integration]'`) and must not pass without them; a
developer's run without the extra skips those tests.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def tool(name: str, *, required: bool | None = None) -> str:
    """The path of the command `name`: $MLBOARD_TEST_<NAME>, beside this Python, or on PATH.

    Missing, it fails the test where it is `required` (default: in CI), else skips it."""
    given = os.environ.get(f"MLBOARD_TEST_{name.upper()}")
    if given:
        return given
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found:
        return found
    if required if required is not None else bool(os.environ.get("CI")):
        pytest.fail(f"{name} is not installed: CI installs it (.ci/run)")
    pytest.skip(f"{name} is not installed (pip install -e '.[integration]')")
