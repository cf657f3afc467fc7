"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from bot.migrations import alembic_config, upgrade
from domain.persistence.database import create_engine
from domain.persistence.tables import metadata


async def schema_differences(url: str) -> list:
    engine = create_engine(url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), metadata)
        )
    await engine.dispose()
    return diff


async def test_migrated_database_matches_the_models(database_url):
    assert await schema_differences(database_url) == []


async def test_migration_seeds_the_order_counter(database_url):
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT name, value FROM counters"))).all()
    await engine.dispose()
    assert [tuple(r) for r in rows] == [("order_number", 0)]


async def test_upgrade_from_nothing_and_back(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    await upgrade(url)
    assert await schema_differences(url) == []
    command.downgrade(alembic_config(url), "base")
    engine = create_engine(url)
    async with engine.connect() as conn:
        names = (await conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")))
        assert set(names.scalars()) == {"alembic_version"}
    await engine.dispose()
