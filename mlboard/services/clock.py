"""Time comes from a clock handed to the services, so tests and replays are deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Returns `at`, then moves forward by `step` on every call."""

    def __init__(self, at: datetime, step: timedelta = timedelta(0)) -> None:
        self.at = at if at.tzinfo else at.replace(tzinfo=UTC)
        self.step = step

    def now(self) -> datetime:
        current = self.at
        self.at = self.at + self.step
        return current

    def advance(self, delta: timedelta) -> None:
        self.at += delta
