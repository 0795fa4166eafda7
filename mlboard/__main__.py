"""`python -m mlboard` runs the command line."""

from mlboard.cli import entry

entry()
