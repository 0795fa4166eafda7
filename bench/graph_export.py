"""`mlboard graph --format json` against `mlboard list --json` on one board, in one run.

Run by hand: .venv/bin/python bench/graph_export.py [CARDS]   (issue bar: ratio ≤ 1.5 at 2,000)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_board

RUNS = 7


def timed(argv: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as folder:
        board = write_board(Path(folder) / "mlboard.json", cards)
        base = [sys.executable, "-m", "mlboard", "--board", str(board)]
        listing = timed([*base, "list", "--json"])
        graph = timed([*base, "graph", "--format", "json"])
    print(f"{cards} cards, median of {RUNS} runs")
    print(f"  list --json            {listing * 1000:8.1f} ms")
    print(f"  graph --format json    {graph * 1000:8.1f} ms")
    print(f"  ratio graph/list       {graph / listing:8.2f}   (bar: ≤ 1.5)")


if __name__ == "__main__":
    main()
