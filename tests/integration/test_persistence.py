"""Repositories and the unit of work on real databases (SQLite, and PostgreSQL when set)."""

import asyncio
from datetime import UTC

import pytest
from sqlalchemy import func, select

from domain.alerts.outbox import OutboxMessage, StoreCard
from domain.dispatch.offers import DispatchMode, DispatchRules
from domain.orders.model import Actor, PaymentMethod, Place, Role, Size, Status
from domain.people.model import Person
from domain.persistence import tables
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Rules, Services
from domain.shared.errors import InvalidAnswer, InvalidTransition
from tests.fakes import FakeClock
from tests.unit.conftest import example_catalog

CUSTOMER = Person(1, "Minji")
STAFF = Person(100, "Desk")
RIDERS = [Person(200 + i, f"Rider {i}") for i in range(10)]


@pytest.fixture
async def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


def services_on(engine) -> Services:
    sessions = session_factory(engine)
    # The job list of the core lifecycle (no offers); dispatch has tests of its own.
    return Services(lambda: SqlUnitOfWork(sessions), FakeClock(),
                    Rules(admin_ids=frozenset({STAFF.user_id}), store_chats=(100,),
                          dispatch=DispatchRules(mode=DispatchMode.POOL)))


@pytest.fixture
def services(engine) -> Services:
    return services_on(engine)


async def place(services: Services, pickup: str = "Seoul Station", payment: str = "cash") -> int:
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "medium")
    await services.parcels.answer(CUSTOMER, "12.5")
    await services.parcels.answer(CUSTOMER, pickup)
    await services.parcels.answer_location(CUSTOMER, 37.4979, 127.0276)
    await services.parcels.answer(CUSTOMER, "010-1234-5678")
    await services.parcels.answer(CUSTOMER, payment)
    draft = await services.parcels.current_draft(CUSTOMER)
    return (await services.parcels.place(CUSTOMER, draft.version)).number


async def count(engine, table) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(table))).scalar_one()


async def test_an_order_round_trips_with_places_timeline_payment_and_zone(services):
    number = await place(services, payment="prepaid")
    unpaid = await services.orders.view(number, CUSTOMER)
    assert unpaid.status is Status.AWAITING_PAYMENT
    invoice = unpaid.invoice
    assert invoice is not None and invoice.currency == "XTR"
    await services.payments.record_payment(f"order:{number}", invoice.currency, invoice.amount,
                                         "charge-1", None, CUSTOMER)
    await services.orders.approve(number, STAFF)
    order = await services.orders.view(number, CUSTOMER)
    assert order.number == 1
    assert order.size is Size.MEDIUM and order.payment is PaymentMethod.PREPAID
    assert order.status is Status.APPROVED and order.paid_at is not None
    assert order.pickup == Place("Seoul Station", None, None)
    assert order.destination == Place(None, 37.4979, 127.0276)
    assert order.is_heavy
    assert [e.status for e in order.timeline] == [Status.AWAITING_PAYMENT, Status.PLACED,
                                                  Status.APPROVED]
    assert order.created_at.tzinfo is UTC and order.paid_at.tzinfo is UTC


async def test_a_draft_survives_between_transactions(services):
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "large")
    await services.parcels.answer(CUSTOMER, "4")
    draft = await services.parcels.current_draft(CUSTOMER)
    assert draft is not None and draft.step.value == "pickup"


async def test_status_change_and_its_alerts_commit_together(services, engine):
    number = await place(services)
    # The store's new-order alert, the customer's order card (Confirm was answered on the
    # spot: no "placed" message)
    assert await count(engine, tables.outbox) == 2
    await services.orders.approve(number, STAFF)
    async with engine.connect() as conn:
        kinds = (await conn.execute(select(tables.outbox.c.kind).order_by(tables.outbox.c.id)))
        assert list(kinds.scalars()) == ["new_order", "order_card", "approved", "order_card",
                                         "store_card"]


async def test_nothing_is_kept_without_commit(services, engine):
    number = await place(services)
    async with services.uow() as uow:
        order = await uow.orders.get_for_update(number)
        order.approve(Actor(Role.STORE, STAFF.user_id, STAFF.name), services.clock.now())
        await uow.outbox.add(OutboxMessage(1, "approved", services.clock.now()))
        await uow.store_cards.add(StoreCard(number, 100, 7, services.clock.now()))
        # no commit
    assert (await services.orders.view(number, STAFF)).status is Status.PLACED
    assert await count(engine, tables.outbox) == 2  # the placing's: new order, order card
    assert await count(engine, tables.order_timeline) == 1
    assert await count(engine, tables.store_cards) == 0


async def test_ten_riders_accept_at_once_and_exactly_one_wins(services, engine):
    await services.fleet.sync_listed({r.user_id: r.name for r in RIDERS})
    number = await place(services)
    await services.orders.approve(number, STAFF)

    async def try_accept(rider: Person) -> str:
        try:
            await services.jobs.accept_job(number, rider)
            return "won"
        except InvalidTransition as refused:
            return refused.code

    results = await asyncio.gather(*(try_accept(r) for r in RIDERS))
    assert sorted(results) == ["already_taken"] * 9 + ["won"]
    winner = RIDERS[results.index("won")]
    order = await services.orders.view(number, STAFF)
    assert order.rider_id == winner.user_id
    assert [e.status for e in order.timeline].count(Status.ASSIGNED) == 1
    async with engine.connect() as conn:
        assigned = select(func.count()).where(tables.outbox.c.kind == "assigned")
        assert (await conn.execute(assigned)).scalar_one() == 1


async def test_two_replicas_racing_on_one_database_still_give_one_winner(database_url):
    """Two engines (as two processes would have) accept the same job at the same time."""
    engines = [create_engine(database_url) for _ in range(2)]
    replicas = [services_on(e) for e in engines]
    try:
        await replicas[0].fleet.sync_listed({r.user_id: r.name for r in RIDERS})
        number = await place(replicas[0])
        await replicas[1].orders.approve(number, STAFF)

        async def try_accept(i: int, rider: Person) -> bool:
            try:
                await replicas[i % 2].jobs.accept_job(number, rider)
                return True
            except InvalidTransition:
                return False

        wins = await asyncio.gather(*(try_accept(i, r) for i, r in enumerate(RIDERS)))
        assert wins.count(True) == 1
    finally:
        for e in engines:
            await e.dispose()


async def test_riders_taken_off_rider_ids_lose_their_rights(services):
    await services.fleet.sync_listed({RIDERS[0].user_id: "A", RIDERS[1].user_id: "B"})
    assert await services.people.is_rider(RIDERS[1])
    await services.fleet.sync_listed({RIDERS[0].user_id: "A"})
    assert await services.people.is_rider(RIDERS[0])
    assert not await services.people.is_rider(RIDERS[1])


async def test_confirming_twice_on_two_replicas_places_one_order(database_url):
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        replicas = [services_on(e) for e in engines]
        await replicas[0].parcels.start_draft(CUSTOMER)
        for answer in ["small", "1", "a", "b", "010-0000-0000", "cash"]:
            await replicas[0].parcels.answer(CUSTOMER, answer)
        shown = await replicas[0].parcels.current_draft(CUSTOMER)  # the summary both presses saw

        async def confirm(replica: Services) -> str:
            try:
                return f"#{(await replica.parcels.place(CUSTOMER, shown.version)).number}"
            except InvalidAnswer as refused:
                return refused.code

        assert sorted(await asyncio.gather(*map(confirm, replicas))) == ["#1", "no_draft"]
        first_person_twice = await asyncio.gather(
            *(r.people.remember_user(Person(42, "New"), "en") for r in replicas)
        )
        assert [u.user_id for u in first_person_twice] == [42, 42]
    finally:
        for e in engines:
            await e.dispose()


async def test_order_numbers_are_unique_under_concurrent_placement(services):
    customers = [Person(500 + i, f"C{i}") for i in range(8)]

    async def order_for(person: Person) -> int:
        await services.parcels.start_draft(person)
        for answer in ["small", "1", "a", "b", "010-0000-0000", "cash"]:
            await services.parcels.answer(person, answer)
        draft = await services.parcels.current_draft(person)
        return (await services.parcels.place(person, draft.version)).number

    numbers = await asyncio.gather(*(order_for(p) for p in customers))
    assert sorted(numbers) == list(range(1, 9))


async def test_two_replicas_loading_the_catalog_at_once_both_start(database_url):
    """On PostgreSQL both insert the new items at once; the second finds them added."""
    catalog = example_catalog()
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        replicas = [services_on(e) for e in engines]
        await asyncio.gather(*(r.menu.load_catalog(catalog) for r in replicas))
        assert [i.key for i in await replicas[0].menu.items()] == [i.key for i in catalog.items]
    finally:
        for e in engines:
            await e.dispose()


async def test_two_replicas_syncing_the_listed_riders_at_once_both_start(database_url):
    """On PostgreSQL both add the new riders at once; the second finds them added."""
    listed = {rider.user_id: rider.name for rider in RIDERS}
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        replicas = [services_on(e) for e in engines]
        await asyncio.gather(*(r.fleet.sync_listed(listed) for r in replicas))
        async with replicas[0].uow() as uow:
            riders = await uow.riders.all()
        assert sorted((r.user_id, r.listed) for r in riders) == sorted(
            (user_id, True) for user_id in listed)
    finally:
        for e in engines:
            await e.dispose()


async def test_the_daily_report_counts_cash_recorded_today_for_yesterdays_order(services):
    await services.fleet.sync_listed({RIDERS[0].user_id: RIDERS[0].name})
    yesterday = await place(services)
    await services.orders.approve(yesterday, STAFF)
    await services.jobs.accept_job(yesterday, RIDERS[0])
    await services.jobs.pick_up(yesterday, RIDERS[0])
    code = (await services.orders.view(yesterday, STAFF)).delivery_code
    await services.jobs.deliver(yesterday, RIDERS[0], code)
    services.clock.advance(days=1)
    order = await services.jobs.collect_cash(yesterday, RIDERS[0])
    report = await services.reading.daily_report(STAFF, UTC)
    assert (report.placed, report.cash, report.cash_orders) == (0, order.price, 1)
