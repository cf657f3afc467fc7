"""The SQLite engine runs statements on the event loop's thread, and never blocks the loop
while another connection holds the write lock."""

import asyncio
import sqlite3
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from domain.persistence import database, tables
from domain.persistence.database import create_engine, session_factory


@pytest.fixture
def sqlite_file(tmp_path, sqlite_template):
    path = tmp_path / "engine.db"
    path.write_bytes(sqlite_template.read_bytes())
    return path


async def ticks_while(awaitable) -> tuple[object, int]:
    """Run `awaitable`, counting how often the loop ran a 1 ms ticker meanwhile."""
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            await asyncio.sleep(0.001)
            ticks += 1

    task = asyncio.create_task(ticker())
    try:
        return await awaitable, ticks
    finally:
        done.set()
        await task


async def test_statements_run_on_the_loops_thread_for_an_aiosqlite_url(sqlite_file):
    engine = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    try:
        assert engine.dialect.driver == "inline"
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
        async with session_factory(engine)() as session:
            rows = (await session.execute(select(tables.users.c.user_id))).all()
        assert rows == []
    finally:
        await engine.dispose()


async def test_a_transaction_waits_for_another_writer_without_blocking_the_loop(sqlite_file):
    engine = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    other = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO users (user_id, first_name, created_at) "
                      "VALUES (1, 'Minji', '2026-12-04 10:00:00')")

        async def write() -> float:
            async with engine.begin() as conn:
                await conn.execute(tables.users.update().values(first_name="Minji Kim"))
            return time.monotonic()

        async def release_later() -> float:
            await asyncio.sleep(0.3)
            other.execute("COMMIT")
            return time.monotonic()

        (written_at, released_at), ticks = await ticks_while(
            asyncio.gather(write(), release_later()))
        assert written_at >= released_at  # it waited for the other writer
        assert ticks >= 50  # and the loop kept running meanwhile (about 300 at 1 ms)
        async with engine.connect() as conn:
            names = (await conn.execute(select(tables.users.c.first_name))).scalars().all()
        assert names == ["Minji Kim"]  # the row the other writer committed, updated after
    finally:
        other.close()
        await engine.dispose()


async def test_a_writer_that_never_lets_go_ends_in_database_is_locked(sqlite_file, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    engine = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    other = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        async with engine.connect() as conn:  # connected before the lock is taken
            await conn.execute(text("SELECT 1"))
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()

        async def write() -> None:
            async with engine.begin() as conn:
                await conn.execute(tables.users.delete())

        with pytest.raises(OperationalError, match="database is locked"):
            await write()
        waited = time.monotonic() - started
        assert 0.2 <= waited < 2
        other.execute("ROLLBACK")
        async with engine.begin() as conn:  # the connection is usable again
            await conn.execute(tables.users.delete())
    finally:
        other.close()
        await engine.dispose()
