"""Which process sends. Telegram's global limit is per bot, so processes sharing a database
elect one sender; the others stand by and take over if it dies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Leadership(Protocol):
    async def acquire(self) -> bool:
        """True while this process is (or has just become) the sender."""
        ...

    async def release(self) -> None: ...

    def on_wake(self, callback: Callable[[], None]) -> None:
        """Call `callback` when another process queues messages (where the database can)."""
        ...


class SoleProcess:
    """Always the sender: for SQLite, where one process owns the database."""

    async def acquire(self) -> bool:
        return True

    async def release(self) -> None:
        return None

    def on_wake(self, callback: Callable[[], None]) -> None:
        return None
