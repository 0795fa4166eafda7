"""A graph-drawing engine: layered layout, edge tracks, a character canvas; no board knowledge."""
