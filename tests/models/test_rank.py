"""Rank keys (models/rank.py): a key between any two, unranked cards in number order."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mlboard.models.rank import (
    DIGITS,
    RANK_PATTERN,
    between,
    implicit_rank,
    order_key,
    spread,
)

keys = st.text(alphabet=DIGITS, min_size=1, max_size=12).filter(lambda k: not k.endswith("0"))


@given(keys, keys)
def test_between_two_keys_is_a_valid_key_strictly_inside(a: str, b: str) -> None:
    if a == b:
        return
    low, high = min(a, b), max(a, b)
    key = between(low, high)
    assert low < key < high
    assert re.match(RANK_PATTERN, key)


@given(keys)
def test_open_ends_give_keys_outside(a: str) -> None:
    assert between(None, a) < a < between(a, None)
    assert re.match(RANK_PATTERN, between(None, a)) and re.match(RANK_PATTERN, between(a, None))


@given(st.lists(st.integers(min_value=1, max_value=2**53 - 1), min_size=2, unique=True))
def test_unranked_cards_sort_by_number(numbers: list[int]) -> None:
    assert sorted(numbers, key=lambda n: order_key(None, n)) == sorted(numbers)
    assert all(re.match(RANK_PATTERN, implicit_rank(n)) for n in numbers)


def test_a_key_can_go_between_neighbours_that_differ_by_a_trailing_digit() -> None:
    assert implicit_rank(7) == "a7i" and implicit_rank(12) == "b12i"
    assert "a7i" < between("a7i", "a8i") < "a8i"
    assert between(None, None) == "i"


@given(st.integers(min_value=1, max_value=3000))
def test_spread_keys_increase_and_are_valid(count: int) -> None:
    fresh = spread(count)
    assert len(fresh) == count and fresh == sorted(set(fresh))
    assert all(re.match(RANK_PATTERN, key) for key in fresh)
