"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

import asyncio
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


async def test_upgrading_a_database_with_orders_keeps_their_timelines_and_riders(
    tmp_path: Path,
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0002")
    engine = create_engine(url)  # foreign keys on, as the bot runs
    async with engine.begin() as conn:
        for number, status in ((1, "placed"), (2, "delivered")):
            await conn.execute(text(
                "INSERT INTO orders (number, customer_id, customer_name, size, weight_kg,"
                " pickup_address, destination_address, recipient_phone, payment, price, status,"
                " created_at, version) VALUES (:n, 1, 'Minji', 'small', 2, 'A', 'B',"
                " '010-1234-5678', 'cash', 4000, :s, '2026-11-20 09:00:00', 1)"),
                {"n": number, "s": status})
            await conn.execute(text(
                "INSERT INTO order_timeline (order_number, at, status, actor_role, actor_id,"
                " actor_name) VALUES (:n, '2026-11-20 09:00:00', 'placed', 'customer', 1,"
                " 'Minji')"), {"n": number})
        await conn.execute(text("INSERT INTO riders (user_id, name, approved_at)"
                                " VALUES (200, 'Hyun', '2026-11-20 08:00:00')"))
    await engine.dispose()

    await upgrade(url)
    engine = create_engine(url)
    async with engine.connect() as conn:
        timeline = (await conn.execute(text("SELECT count(*) FROM order_timeline"))).scalar()
        rider = (await conn.execute(text(
            "SELECT state, listed, online, applied_at FROM riders"))).one()
        deadlines = (await conn.execute(text(
            "SELECT order_number, kind FROM deadlines ORDER BY order_number"))).all()
        codes = (await conn.execute(text("SELECT code_failures, code_waived FROM orders"))).all()
    await engine.dispose()
    assert timeline == 2
    assert tuple(rider) == ("active", 1, 0, "2026-11-20 08:00:00")
    assert [tuple(d) for d in deadlines] == [(1, "store_expiry"), (2, "auto_complete")]
    assert [tuple(c) for c in codes] == [(0, 0), (0, 0)]

    await asyncio.to_thread(command.downgrade, alembic_config(url), "0002")
    engine = create_engine(url)
    async with engine.connect() as conn:
        timeline = (await conn.execute(text("SELECT count(*) FROM order_timeline"))).scalar()
        riders = (await conn.execute(text("SELECT user_id FROM riders"))).scalars().all()
    await engine.dispose()
    assert timeline == 2 and riders == [200]
