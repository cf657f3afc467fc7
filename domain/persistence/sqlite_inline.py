"""SQLite called straight from the event loop, for SQLAlchemy's asyncio extension.

aiosqlite runs every statement on a thread of its own and hands each result back through the
event loop: a statement of a few microseconds costs a thread switch, a future and a wake-up of
the loop, several times the statement itself. The bot holds one SQLite connection and runs one
transaction at a time on it (see `database.create_engine`), so nothing is gained by the thread.
This dialect is SQLAlchemy's own `pysqlite` one, marked async: SQLAlchemy still runs each
statement in its greenlet, and the statement simply completes without leaving it.

The one wait that must not block the loop is the write lock held by another process (a CLI
command, a second engine in a test): BEGIN IMMEDIATE is retried with an asyncio sleep between
tries instead of SQLite's busy handler, which would freeze every other chat while it waits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from sqlalchemy import exc
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.pool import AsyncAdaptedQueuePool, Pool
from sqlalchemy.util import await_

DRIVER = "inline"
# How long SQLite's own busy handler may hold the loop for one try (a reader meeting a
# checkpoint, say); a write lock held longer than this is waited for with asyncio.sleep.
BLOCKING_WAIT_MS = 5
FIRST_PAUSE_S = 0.001
LONGEST_PAUSE_S = 0.05


async def _completed() -> None:
    return None


class InlineCursor(sqlite3.Cursor):
    """sqlite3's cursor, as SQLAlchemy's asyncio layer expects a driver's cursor to be.

    SQLAlchemy checks that a Core statement went through an await (a sign the driver is
    async); each statement hands it one that is already complete, which costs two greenlet
    switches and no turn of the event loop."""

    def execute(self, *args: Any) -> Any:
        await_(_completed())
        return super().execute(*args)

    def executemany(self, *args: Any) -> Any:
        await_(_completed())
        return super().executemany(*args)

    async def _async_soft_close(self) -> None:
        """Called once a result is made; the rows are read from SQLite as they are asked for."""
        return None


class InlineConnection(sqlite3.Connection):
    def cursor(self, factory: Any = InlineCursor) -> Any:
        return super().cursor(factory)


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """The standard library's sqlite3 behind SQLAlchemy's asyncio API, on the loop's thread."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        return super().connect(*args, **kwargs, factory=InlineConnection)

    @classmethod
    def get_pool_class(cls, url: URL) -> type[Pool]:
        return AsyncAdaptedQueuePool


registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")


def inline_url(url: str | URL) -> URL:
    """The same SQLite database, reached through this dialect."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername=f"sqlite+{DRIVER}")


def is_busy(error: BaseException) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


def execute_when_free(connection: sqlite3.Connection, statement: str, timeout_s: float) -> None:
    """Run `statement`, waiting (without blocking the loop) while another connection holds the
    lock it needs; SQLAlchemy's "database is locked" error once `timeout_s` has passed.

    Called from SQLAlchemy's synchronous events, which run inside its greenlet: `await_`
    gives the loop back for the pause."""
    deadline = time.monotonic() + timeout_s
    pause = FIRST_PAUSE_S
    while True:
        try:
            connection.execute(statement)
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise exc.OperationalError(statement, None, error) from error
        await_(asyncio.sleep(pause))
        pause = min(pause * 2, LONGEST_PAUSE_S)


def prepare_connection(connection: Any, busy_timeout_s: float) -> None:
    """Autocommit (the engine emits BEGIN itself), WAL, foreign keys, a short busy handler."""
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout={BLOCKING_WAIT_MS}")
    execute_when_free(connection, "PRAGMA journal_mode=WAL", busy_timeout_s)
    connection.execute("PRAGMA foreign_keys=ON")
