"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

import asyncio
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from bot.migrations import alembic_config, upgrade
from domain.payments.model import PaymentRules
from domain.payments.use_cases import invoice_payload
from domain.people.model import Person
from domain.persistence.database import create_engine, session_factory
from domain.persistence.tables import metadata
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Rules, Services
from tests.fakes import FakeClock


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


# What the code of revision 0003 knows: a row with anything else it cannot read or render.
STATUSES_0003 = {"placed", "approved", "rejected", "assigned", "picked_up", "delivered",
                 "completed", "cancelled", "expired"}
DEADLINES_0003 = {"offer_timeout", "store_reminder", "store_expiry", "auto_complete"}
ALERTS_0003 = {"placed", "new_order", "order_card", "approved", "rejected", "assigned",
               "released", "expired", "expired_store", "code_locked", "code_waived",
               "picked_up", "delivered", "completed", "completed_auto", "cancelled",
               "cancelled_store", "cancelled_rider", "offer", "dispatch_failed",
               "store_reminder", "rider_request", "rider_approved", "rider_declined",
               "rider_suspended", "rider_reinstated", "rider_auto_offline", "delivery_failed",
               "broadcast_report", "broadcast"}
CUSTOMER, STAFF = Person(1, "Minji"), Person(100, "Desk")


async def place_parcel(services: Services, payment: str) -> int:
    await services.parcels.start_draft(CUSTOMER)
    for answer in ("small", "1", "Seoul Station", "City Hall", "010-1234-5678", payment):
        await services.parcels.answer(CUSTOMER, answer)
    draft = await services.parcels.current_draft(CUSTOMER)
    return (await services.parcels.place(CUSTOMER, draft.version)).number


async def card_shop_with_orders(url: str) -> Services:
    """A cash parcel; a card-prepaid one paid, one unpaid; and a charge matching no order, whose
    refund is still to settle."""
    engine = create_engine(url)
    services = Services(lambda: SqlUnitOfWork(session_factory(engine)),
                        FakeClock(), Rules(admin_ids=frozenset({STAFF.user_id}),
                                           store_chats=(STAFF.user_id,),
                                           payments=PaymentRules("KRW", "provider")))
    await place_parcel(services, "cash")
    paid = await place_parcel(services, "prepaid")
    order = await services.orders.view(paid, CUSTOMER)
    assert order.invoice is not None
    await services.payments.record_payment(invoice_payload(paid), "KRW", order.invoice.amount,
                                         "ch-1", None, CUSTOMER)
    await place_parcel(services, "prepaid")
    await services.payments.record_payment("order:999", "KRW", 5000, "ch-2", None, CUSTOMER)
    await engine.dispose()
    return services


async def rows(url: str, query: str) -> list:
    engine = create_engine(url)
    async with engine.connect() as conn:
        found = (await conn.execute(text(query))).all()
    await engine.dispose()
    return [tuple(row) for row in found]


async def test_downgrading_below_payments_is_refused_while_a_refund_is_owed(database_url):
    await card_shop_with_orders(database_url)
    try:
        with pytest.raises(RuntimeError, match="refund"):
            await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0003")
        # Still at 0004 or later (SQLite commits each migration alone, so 0005's went back).
        [(version,)] = await rows(database_url, "SELECT version_num FROM alembic_version")
        assert version >= "0004"
        assert len(await rows(database_url, "SELECT number FROM orders")) == 3
        assert await rows(database_url, "SELECT refund_state FROM payments WHERE id = 2") == [
            ("to_settle",)]
    finally:
        await upgrade(database_url)


async def test_downgrading_below_payments_leaves_only_rows_the_older_code_reads(database_url):
    services = await card_shop_with_orders(database_url)
    engine = create_engine(database_url)
    services.new_uow = lambda: SqlUnitOfWork(session_factory(engine))
    await services.payments.settle_refund(0, STAFF)  # nothing owed any more
    await engine.dispose()
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0003")
        assert await rows(database_url, "SELECT number, status FROM orders") == [(1, "placed")]
        timeline = await rows(database_url, "SELECT DISTINCT status FROM order_timeline")
        deadlines = await rows(database_url, "SELECT DISTINCT kind FROM deadlines")
        alerts = await rows(database_url,
                            "SELECT DISTINCT kind FROM outbox WHERE state = 'pending'")
        assert {status for (status,) in timeline} <= STATUSES_0003
        assert {kind for (kind,) in deadlines} <= DEADLINES_0003
        assert {kind for (kind,) in alerts} <= ALERTS_0003
        assert await rows(database_url, "SELECT DISTINCT order_number FROM outbox") == [(1,)]
    finally:
        await upgrade(database_url)


async def test_live_tracking_and_arrival_times_migrate_up_and_down_keeping_the_orders(
    tmp_path: Path,
):
    """0010 adds the arrival columns and the two tracking tables; going back drops them, and
    with them every rider position kept for a customer and the rows the older code cannot
    render, while the orders and their timelines stay."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'live.db'}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0009")
    engine = create_engine(url)  # foreign keys on, as the bot runs
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO orders (number, customer_id, customer_name, size, weight_kg,"
            " pickup_address, destination_lat, destination_lon, recipient_phone, payment,"
            " price, status, created_at, version, kind, fulfilment, code_failures,"
            " code_waived, rider_id, rider_name) VALUES (7, 1, 'Minji', 'small', 2, 'A',"
            " 37.4979, 127.0276, '010-1234-5678', 'cash', 4000, 'assigned',"
            " '2026-12-04 09:00:00', 3, 'parcel', 'delivery', 0, 0, 300, 'Hyun')"))
        await conn.execute(text(
            "INSERT INTO order_timeline (order_number, at, status, actor_role, actor_id,"
            " actor_name) VALUES (7, '2026-12-04 09:00:00', 'placed', 'customer', 1, 'Minji')"))
    await engine.dispose()

    await upgrade(url)
    assert await rows(url, "SELECT prep_minutes, eta_at, promised_at FROM orders") == [
        (None, None, None)]
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO trackings (order_number, customer_id, rider_id, started_at, lat, lon,"
            " shown_at, nearby_told) VALUES (7, 1, 300, '2026-12-04 09:05:00', 37.56, 126.97,"
            " '2026-12-04 09:05:00', 0)"))
        await conn.execute(text(
            "INSERT INTO live_maps (order_number, chat_id, message_id, stopped, updated_at)"
            " VALUES (7, 1, 42, 0, '2026-12-04 09:05:00')"))
        for kind in ("rider_location", "rider_nearby", "order_card"):
            await conn.execute(text(
                "INSERT INTO outbox (chat_id, kind, params, order_number, priority, state,"
                " attempts, created_at) VALUES (1, :kind, '{}', 7, 0, 'pending', 0,"
                " '2026-12-04 09:06:00')"), {"kind": kind})
        await conn.execute(text(
            "INSERT INTO deadlines (kind, order_number, due_at) VALUES"
            " ('late', 7, '2026-12-04 09:40:00'), ('auto_complete', 7, '2026-12-05 09:00:00')"))
    await engine.dispose()

    await asyncio.to_thread(command.downgrade, alembic_config(url), "0009")
    assert await rows(url, "SELECT number, status, rider_name FROM orders") == [
        (7, "assigned", "Hyun")]
    assert await rows(url, "SELECT count(*) FROM order_timeline") == [(1,)]
    assert await rows(url, "SELECT kind FROM outbox") == [("order_card",)]
    assert await rows(url, "SELECT kind FROM deadlines") == [("auto_complete",)]
    tables = await rows(url, "SELECT name FROM sqlite_master WHERE type = 'table'")
    assert not {"trackings", "live_maps"} & {name for (name,) in tables}


async def test_requests_migrate_up_and_down_keeping_the_orders(tmp_path: Path):
    """0013 adds the requests to drafts, carts and orders; going back drops only them."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'requests.db'}"
    before = ScriptDirectory.from_config(alembic_config(url)).get_revision("0013").down_revision
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0013")
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO orders (number, customer_id, customer_name, size, weight_kg,"
            " pickup_address, destination_address, recipient_phone, payment, price, status,"
            " created_at, version, kind, fulfilment, code_failures, code_waived, requests)"
            " VALUES (8, 1, 'Minji', 'small', 2, 'A', 'B', '010-1234-5678', 'cash', 4000,"
            " 'placed', '2026-12-04 09:00:00', 1, 'parcel', 'delivery', 0, 0,"
            " '{\"rider_note\": \"Blue gate\", \"rider_asks\": [\"door\"]}')"))
        await conn.execute(text(
            "INSERT INTO drafts (customer_id, started_at, version, requests) VALUES"
            " (2, '2026-12-04 09:00:00', 5, '{\"store_note\": \"Fragile\"}')"))
    await engine.dispose()
    assert await rows(url, "SELECT requests FROM drafts") == [('{"store_note": "Fragile"}',)]

    await asyncio.to_thread(command.downgrade, alembic_config(url), before)
    assert await rows(url, "SELECT number, status FROM orders") == [(8, "placed")]
    assert await rows(url, "SELECT customer_id, version FROM drafts") == [(2, 5)]
    await upgrade(url)
    assert await rows(url, "SELECT requests FROM orders") == [(None,)]


async def test_saved_addresses_migrate_up_and_down_keeping_the_orders(tmp_path: Path):
    """0012a adds the saved addresses; going back drops them (the older code keeps none),
    while the orders stay as they were."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'addresses.db'}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0010")
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO orders (number, customer_id, customer_name, size, weight_kg,"
            " pickup_address, destination_lat, destination_lon, recipient_phone, payment,"
            " price, status, created_at, version, kind, fulfilment, code_failures,"
            " code_waived) VALUES (7, 1, 'Minji', 'small', 2, 'A', 37.4979, 127.0276,"
            " '010-1234-5678', 'cash', 4000, 'completed', '2026-12-04 09:00:00', 3, 'parcel',"
            " 'delivery', 0, 0)"))
    await engine.dispose()

    await upgrade(url)
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO saved_addresses (customer_id, address, lat, lon, last_used_at) VALUES"
            " (1, 'A', NULL, NULL, '2026-12-04 09:00:00'),"
            " (1, NULL, 37.4979, 127.0276, '2026-12-04 09:00:00')"))
    await engine.dispose()
    assert await rows(url, "SELECT customer_id, address FROM saved_addresses ORDER BY id") == [
        (1, "A"), (1, None)]

    await asyncio.to_thread(command.downgrade, alembic_config(url), "0010")
    assert await rows(url, "SELECT number, status FROM orders") == [(7, "completed")]
    tables = await rows(url, "SELECT name FROM sqlite_master WHERE type = 'table'")
    assert "saved_addresses" not in {name for (name,) in tables}
    await upgrade(url)  # and up again, empty
    assert await rows(url, "SELECT count(*) FROM saved_addresses") == [(0,)]


async def test_shop_hours_and_pause_migrate_up_and_down_keeping_the_orders(tmp_path: Path):
    """0014 adds the shop_state row staff write with /hours and /pause; going back drops it
    (the older code has neither: the shop is open again), while the orders stay."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0010")
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO orders (number, customer_id, customer_name, size, weight_kg,"
            " pickup_address, destination_address, recipient_phone, payment, price, status,"
            " created_at, version, kind, fulfilment, code_failures, code_waived) VALUES"
            " (7, 1, 'Minji', 'small', 2, 'A', 'B', '010-1234-5678', 'cash', 4000, 'placed',"
            " '2026-12-04 09:00:00', 1, 'parcel', 'delivery', 0, 0)"))
    await engine.dispose()

    await upgrade(url)
    assert await schema_differences(url) == []
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(
            "INSERT INTO shop_state (id, hours, paused_since, paused_until) VALUES"
            " (1, 'mon-fri 09:00-21:00', '2026-12-04 09:00:00', NULL)"))
    services = Services(lambda: SqlUnitOfWork(session_factory(engine)), FakeClock(), Rules())
    opening = await services.shop_hours.opening()
    assert (opening.door.value, opening.opens_at) == ("paused", None)
    await engine.dispose()

    await asyncio.to_thread(command.downgrade, alembic_config(url), "0010")
    assert await rows(url, "SELECT number, status FROM orders") == [(7, "placed")]
    tables = await rows(url, "SELECT name FROM sqlite_master WHERE type = 'table'")
    assert "shop_state" not in {name for (name,) in tables}
