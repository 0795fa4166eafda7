"""The `mlboard` executable, also `python -m mlboard`."""

import gc
import os
import sys


def entry() -> None:
    """Run one command in a short-lived process: no garbage collection while the board is
    built (it only allocates), and no object-by-object teardown of it at exit (~0.1 s at
    10,000 cards). The terminal UI turns collection back on once the board is loaded."""
    gc.disable()
    from mlboard.cli import main

    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    entry()
