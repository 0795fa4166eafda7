"""A card's place within its cell: a rank string, compared as text, that a reorder sets on the
moved card alone.

A card without a rank sorts as if its rank were `implicit_rank(number)`: keys that follow the
card numbers, so a board nobody reordered keeps its old order and its bytes. A card moved
between two others gets a key strictly between theirs (`between`), and no other card changes:
two people reordering different cards on two machines touch different cards, and git's merge
driver merges them field by field. Two cards that end up with one rank (both placed in one gap
on two machines) are told apart by their numbers, so the order stays total.

Keys are strings of `DIGITS` (``0-9a-z``, in ASCII order) that do not end in ``0``: between
any two such keys there is always a third.
"""

from __future__ import annotations

from collections.abc import Iterable

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
RANK_MAX = 64  # characters; a longer key (thousands of moves into one gap) is compacted
RANK_PATTERN = r"^[0-9a-z]*[1-9a-z]$"
_MIDDLE = DIGITS[len(DIGITS) // 2]
_FIRST_LENGTH = DIGITS.index("a")


def implicit_rank(number: int) -> str:
    """The key of an unranked card: a letter for how many digits the number has (``a`` one,
    ``b`` two…), the digits, then a middle digit so the key never ends in ``0``: ML-7 is
    ``a7i``, ML-12 ``b12i``. Every explicit key below ``a`` sorts before all unranked cards."""
    digits = str(number)
    length = DIGITS[min(_FIRST_LENGTH + len(digits) - 1, len(DIGITS) - 1)]
    return f"{length}{digits}{_MIDDLE}"


def between(low: str | None, high: str | None) -> str:
    """A key strictly between `low` and `high` (None: no bound on that side); `low` < `high`."""
    if low is not None and high is not None and not low < high:
        raise ValueError(f"no rank between {low!r} and {high!r}")
    return _middle(low or "", high)


def _middle(low: str, high: str | None) -> str:
    if high is not None:
        shared = 0  # the prefix both share, reading a missing digit of `low` as 0
        while shared < len(high) and (low[shared] if shared < len(low) else "0") == high[shared]:
            shared += 1
        if shared:
            return high[:shared] + _middle(low[shared:], high[shared:])
    lo = DIGITS.index(low[0]) if low else 0
    hi = DIGITS.index(high[0]) if high is not None else len(DIGITS)
    if hi - lo > 1:
        return DIGITS[(lo + hi) // 2]
    if high is not None and len(high) > 1:
        return high[0]  # a prefix of `high` (which goes on with more than zeros) is below it
    return DIGITS[lo] + _middle(low[1:], None)


def spread(count: int) -> list[str]:
    """`count` keys in increasing order, evenly apart and all of one length: a cell's fresh
    ranks when its keys grew too long or two of them tie."""
    width = 1
    while len(DIGITS) ** width <= count:
        width += 1
    keys = []
    for index in range(1, count + 1):
        digits = ""
        value = index
        for _ in range(width):
            value, rest = divmod(value, len(DIGITS))
            digits = DIGITS[rest] + digits
        keys.append(digits + _MIDDLE)
    return keys


def order_key(rank: str | None, number: int) -> tuple[str, int]:
    """How a card sorts in its cell: its rank (or the one its number implies), then its number."""
    return (rank if rank is not None else implicit_rank(number), number)


def strictly_increasing(keys: Iterable[str]) -> bool:
    previous: str | None = None
    for key in keys:
        if previous is not None and not previous < key:
            return False
        previous = key
    return True
