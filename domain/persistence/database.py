"""Engines and sessions for SQLite (one machine) and PostgreSQL (several replicas)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from domain.persistence.mapping import map_domain
from domain.persistence.sqlite_inline import execute_when_free, inline_url, prepare_connection

SQLITE_BUSY_TIMEOUT_S = 30


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine; on SQLite one connection, and every transaction takes the write lock
    up front.

    SQLite allows one writer. A transaction that reads and then writes would otherwise fail
    with "database is locked" when another writer got in between; BEGIN IMMEDIATE makes it
    wait its turn instead (up to the busy timeout), which also serialises "first rider wins".
    Within one process the transactions queue for the one connection instead: a queue wakes
    the next at once. Other processes on the same file (a CLI command, say) are waited for
    with asyncio sleeps between tries, never by blocking the loop (`sqlite_inline`).

    SQLite is called from the event loop's own thread whatever driver the URL names
    (`sqlite+aiosqlite` is accepted as before): a statement takes microseconds, and handing
    each to a thread cost more than running it.
    """
    map_domain()
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_async_engine(
        inline_url(url), pool_size=1, max_overflow=0, pool_timeout=SQLITE_BUSY_TIMEOUT_S,
        **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        prepare_connection(dbapi_connection, SQLITE_BUSY_TIMEOUT_S)

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        execute_when_free(connection.connection.driver_connection, "BEGIN IMMEDIATE",
                          SQLITE_BUSY_TIMEOUT_S)

    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
