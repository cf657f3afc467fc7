"""Waking waiters when shared state changes."""

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Signal:
    """Wakes every waiter whenever something changes; usable from sync code too."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, check: Callable[[], T | None], seconds: float | None) -> T:
        """Return the first non-None result of ``check``; raise TimeoutError after ``seconds``."""
        async with asyncio.timeout(seconds):
            while (found := check()) is None:
                await self._event.wait()
        return found
