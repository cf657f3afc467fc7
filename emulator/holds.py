"""Answers held back after the work is done: what a client sees when the process that made a
call dies before reading the answer (Telegram did the work; the bot never learned it)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Hold:
    """The next call of `method` that `matches` does its work, then its answer waits until
    `release()`. `reached` is set when such a call has done its work."""

    method: str
    matches: Callable[[dict[str, Any], Any], bool]
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)
    taken: bool = False

    def release(self) -> None:
        self.released.set()


class Holds:
    def __init__(self) -> None:
        self._holds: list[Hold] = []

    def add(self, hold: Hold) -> Hold:
        self._holds.append(hold)
        return hold

    def take(self, method: str, params: dict[str, Any], result: Any) -> Hold | None:
        """The first untaken hold this finished call matches, now taken."""
        for hold in self._holds:
            if not hold.taken and hold.method == method and hold.matches(params, result):
                hold.taken = True
                return hold
        return None
