"""Databases for the tests: SQLite always; PostgreSQL too when TEST_DATABASE_URL names one."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from bot.migrations import alembic_config
from domain.persistence.database import create_engine
from domain.persistence.tables import metadata

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
TABLES = [table.name for table in metadata.sorted_tables if table.name != "counters"]


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    command.upgrade(alembic_config(sqlite_url(path)), "head")
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    """The PostgreSQL test database, emptied and migrated once per run."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    import asyncio

    async def reset() -> None:
        engine = create_engine(POSTGRES_URL)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()

    with ThreadPoolExecutor(max_workers=1) as pool:  # the test's event loop may be running
        pool.submit(asyncio.run, reset()).result()
    command.upgrade(alembic_config(POSTGRES_URL), "head")
    return POSTGRES_URL


async def empty_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        await conn.execute(text("UPDATE counters SET value = 0"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "ppalli.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield sqlite_url(path)
    else:
        url = request.getfixturevalue("postgres_migrated")
        await empty_postgres(url)
        yield url


@pytest.fixture
def restore_logging():
    """Undo logging set-up done by the code under test (the CLI configures the root logger)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
