"""`python -m mlboard` runs the command line."""

import sys

from mlboard.cli import main

sys.exit(main())
