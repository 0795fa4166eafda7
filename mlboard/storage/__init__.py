"""The board file: TinyDB JSON written atomically under a lock, with schema migrations."""

from mlboard.storage.discovery import BOARD_FILENAME, find_board
from mlboard.storage.repository import BoardRepository, Stamp

__all__ = ["BOARD_FILENAME", "BoardRepository", "Stamp", "find_board"]
