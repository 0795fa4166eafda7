"""Work that lives in other tools, brought onto the board: DVC pipelines (and more to come)."""
