"""One sending process per PostgreSQL database, elected with a session advisory lock.

The lock lives on a dedicated connection: if the process dies, PostgreSQL closes the
connection and frees the lock, and a standby takes over on its next try. The same connection
LISTENs for the NOTIFY that every commit queueing messages sends (see SqlUnitOfWork).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.persistence.unit_of_work import OUTBOX_CHANNEL

log = logging.getLogger(__name__)

SENDER_LOCK_KEY = 0x70_70_61_6C  # "ppal": any constant shared by every process of the bot


class AdvisoryLockLeadership:
    def __init__(self, engine: AsyncEngine, check_every_s: float = 2.0) -> None:
        self.engine = engine
        self.check_every_s = check_every_s
        self._conn: AsyncConnection | None = None
        self._checked_at = 0.0
        self._wake: Callable[[], None] | None = None

    def on_wake(self, callback: Callable[[], None]) -> None:
        self._wake = callback

    async def acquire(self) -> bool:
        if self._conn is not None:
            return await self._still_held()
        conn = await self.engine.connect()
        try:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            held = await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"),
                                     {"key": SENDER_LOCK_KEY})
            if not held:
                await conn.close()
                return False
            raw = await conn.get_raw_connection()
            assert raw.driver_connection is not None  # asyncpg's connection, open
            await raw.driver_connection.add_listener(OUTBOX_CHANNEL, self._notified)
        except Exception:
            await conn.close()
            raise
        log.info("this process is now the sender")
        self._conn, self._checked_at = conn, time.monotonic()
        return True

    async def _still_held(self) -> bool:
        """A lost connection means a lost lock: step down rather than send beside another."""
        if time.monotonic() - self._checked_at < self.check_every_s:
            return True
        assert self._conn is not None
        try:
            await self._conn.scalar(text("SELECT 1"))
        except Exception:
            log.warning("lost the sender lock's connection; standing by")
            await self._drop()
            return False
        self._checked_at = time.monotonic()
        return True

    def _notified(self, *args: Any) -> None:
        if self._wake is not None:
            self._wake()

    async def release(self) -> None:
        if self._conn is None:
            return
        try:
            await self._conn.execute(text("SELECT pg_advisory_unlock(:key)"),
                                     {"key": SENDER_LOCK_KEY})
        finally:
            await self._drop()

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.close()
            except Exception:
                await conn.invalidate()
