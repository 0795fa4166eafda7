"""Event keys: time-ordered, unique across clones of one board file.

A key is ``20261206T081500.123456Z-3f9a1c``: the event's time to the microsecond (UTC), then a
random part drawn once per write. Sorted as text, keys are in time order, so the file's
``events`` table stays a history in time order. Two clones writing at the same microsecond
still differ in the random part, so a merge of their logs is a plain union by key.

The time part is a hybrid logical clock: the event's time, pushed one microsecond past the
newest key already on the board when needed. Keys of one clone therefore strictly increase,
even when the clock stands still (a fixed test clock) or runs back, and the events of one
write keep their order (each gets the next microsecond).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

KEY_PATTERN = r"^\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{6,16}$"
_KEY = re.compile(KEY_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SALT_LENGTH = 6
_SALT = re.compile(r"^[0-9a-f]{6,16}$")


def is_key(text: str) -> bool:
    return bool(_KEY.match(text))


def _micros(at: datetime) -> int:
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    delta = aware.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _text(micros: int) -> str:
    t = _EPOCH + timedelta(microseconds=micros)
    return (
        f"{t.year:04d}{t.month:02d}{t.day:02d}T{t.hour:02d}{t.minute:02d}{t.second:02d}"
        f".{t.microsecond:06d}Z"
    )


def key_time(key: str) -> int:
    """The time part of a key, in microseconds since 1970."""
    t = key.split("-", 1)[0]
    stamp = datetime(
        int(t[0:4]), int(t[4:6]), int(t[6:8]), int(t[9:11]), int(t[11:13]), int(t[13:15]),
        int(t[16:22]), tzinfo=UTC,
    )  # fmt: skip
    return _micros(stamp)


def new_keys(at: datetime, salt: str, count: int, newest: str | None = None) -> list[str]:
    """`count` keys for events recorded at `at` in one write, after the key `newest`."""
    if not _SALT.match(salt):
        raise ValueError(f"event key salt {salt!r} is not 6 to 16 lowercase hex digits")
    start = _micros(at)
    if newest is not None:
        start = max(start, key_time(newest) + 1)
    return [f"{_text(start + i)}-{salt}" for i in range(count)]
