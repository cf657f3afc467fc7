"""Engines and sessions for SQLite (one machine) and PostgreSQL (several replicas)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from domain.persistence.mapping import map_domain

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
    the next at once, where SQLite's busy handler sleeps up to 100 ms between tries. Other
    processes on the same file (a CLI command, say) still wait in the busy handler.
    """
    map_domain()
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_async_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        pool_size=1, max_overflow=0, pool_timeout=SQLITE_BUSY_TIMEOUT_S, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
