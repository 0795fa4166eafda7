"""Planning rules: pure functions of the board (dependency graph, critical path, reports)."""
