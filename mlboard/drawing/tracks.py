"""Track rows for the edge segments crossing the channel between two layers.

A segment leaves the upper layer at column ``a`` and enters the lower one at column ``b``;
when they differ it runs sideways on a track row (1 = the first row under the stub row).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def assign_tracks(segments: Sequence[tuple[int, int, K]], tracks: dict[K, tuple[int, ...]]) -> int:
    """Put each bent segment's track in ``tracks`` under its key; return the tracks used.

    Segments that overlap (or touch) never share a track; rightward ones starting further
    right go higher, leftward ones starting further left go higher, so nested runs do not
    cross. A segment whose upper end is another's lower end goes above it, so the two
    vertical runs stay apart. When two segments swap columns that cannot hold for both:
    one takes a dogleg ``(t, d, t2)`` through a free column ``d`` down to a last track ``t2``.
    """
    taken = {column for a, b, _ in segments for column in (a, b)}
    bent = [s for s in segments if s[0] != s[1]]
    if not bent:
        return 0
    rightward = sorted((s for s in bent if s[0] < s[1]), key=lambda s: (-s[0], s[1]))
    leftward = sorted((s for s in bent if s[0] > s[1]), key=lambda s: (s[0], s[1]))
    ranked = rightward + leftward
    by_top: dict[int, list[int]] = {}
    for i, (a, _, _) in enumerate(ranked):
        by_top.setdefault(a, []).append(i)
    after: list[list[int]] = [[] for _ in ranked]
    waiting = [0] * len(ranked)
    for j, (_, b, _) in enumerate(ranked):
        for i in by_top.get(b, ()):
            after[i].append(j)
            waiting[j] += 1
    sky = [0] * (max(taken) + 3)  # per column, the lowest track used so far
    floor = [0] * len(ranked)
    ready = [i for i in range(len(ranked)) if not waiting[i]]
    heapq.heapify(ready)
    left = set(range(len(ranked)))
    doglegs: list[tuple[int, int]] = []
    while left:
        i = heapq.heappop(ready) if ready else min(left)
        if i not in left:
            continue
        left.discard(i)
        a, b, key = ranked[i]
        if waiting[i]:
            b = _free_column(b, a, taken, len(sky) - 1)
            taken.add(b)
            doglegs.append((i, b))
        floor[i] = _claim(sky, a, b, floor[i])
        tracks[key] = (floor[i],)
        for j in after[i]:
            floor[j] = max(floor[j], floor[i])
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, j)
    for i, d in doglegs:
        _, b, key = ranked[i]
        below = max((floor[k] for k in by_top.get(b, ())), default=0)
        tracks[key] += (d, _claim(sky, d, b, max(below, floor[i])))
    return max(sky)


def _free_column(column: int, toward: int, taken: set[int], last: int) -> int:
    """The column nearest ``column`` (first on the side of ``toward``) with no edge end."""
    side = 1 if toward > column else -1
    for step in range(1, last + 1):
        for candidate in (column + side * step, column - side * step):
            if 0 <= candidate <= last and candidate not in taken:
                return candidate
    return last


def _claim(sky: list[int], a: int, b: int, floor: int) -> int:
    """The first track below ``floor`` free from ``a`` to ``b`` (one blank column each side)."""
    lo, hi = min(a, b), max(a, b)
    t = max(max(sky[max(lo - 1, 0) : hi + 2]), floor) + 1
    sky[lo : hi + 1] = [t] * (hi - lo + 1)
    return t
