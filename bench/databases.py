"""Where a benchmark's data lives: a fresh SQLite file, or an emptied PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.migrations import upgrade
from domain.persistence.database import create_engine


def resolve_url(choice: str | None, folder: str) -> str:
    """The database to use: a fresh SQLite file in `folder`, $TEST_DATABASE_URL, or as given."""
    if choice is None:
        return f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
    if choice == "env":
        url = os.environ.get("TEST_DATABASE_URL", "")
        if not url:
            raise SystemExit("--database-url env needs TEST_DATABASE_URL")
        return url
    return choice


def backend(url: str) -> str:
    """'sqlite' or 'postgresql'."""
    return make_url(url).get_backend_name()


async def prepare_database(url: str) -> None:
    """Empty the database (PostgreSQL: drop and recreate schema public; SQLite: delete the
    file), then migrate to the latest schema."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        await asyncio.to_thread(Path(parsed.database).unlink, missing_ok=True)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    await upgrade(url)
