"""Deadlines and offers on a real database: a restart loses or repeats none, and with two
processes on PostgreSQL each deadline fires once."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from domain.dispatch.offers import Offer, OfferState
from domain.orders.model import Status
from domain.orders.placing import OrderLimits
from domain.people.model import Person
from domain.persistence import tables
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Rules, Services
from tests.fakes import FakeClock

CUSTOMER = Person(1, "Minji")
STAFF = Person(100, "Desk")
NEAR, FAR = Person(201, "Near"), Person(202, "Far")
CITY_HALL = (37.5665, 126.9780)


def process(engine, clock: FakeClock) -> Services:
    """The services one bot process would run on this database."""
    sessions = session_factory(engine)
    return Services(lambda: SqlUnitOfWork(sessions), clock,
                    Rules(admin_ids=frozenset({STAFF.user_id}), store_chats=(STAFF.user_id,),
                          # one customer places dozens of orders here; limits have own tests
                          limits=OrderLimits(open_per_customer=100, per_customer_per_hour=100)),
                    codes=lambda: "4821")


async def order(services: Services, approve: bool = True) -> int:
    await services.parcels.start_draft(CUSTOMER)
    for answer in ["small", "2"]:
        await services.parcels.answer(CUSTOMER, answer)
    await services.parcels.answer_location(CUSTOMER, *CITY_HALL)
    for answer in ["152 Teheran-ro", "010-1234-5678", "cash"]:
        await services.parcels.answer(CUSTOMER, answer)
    draft = await services.parcels.current_draft(CUSTOMER)
    number = (await services.parcels.place(CUSTOMER, draft.version)).number
    if approve:
        await services.orders.approve(number, STAFF)
    return number


async def online_rider(services: Services, person: Person, lat: float) -> None:
    await services.fleet.apply(person)
    await services.fleet.choose_vehicle(person, "motorbike")
    await services.fleet.approve(person.user_id, STAFF)
    await services.fleet.move(person, lat, CITY_HALL[1])
    await services.fleet.go_online(person)


async def offers(engine, number: int) -> list[tuple[int, str]]:
    o = tables.offers.c
    async with engine.connect() as conn:
        rows = await conn.execute(select(o.rider_id, o.state).where(o.order_number == number)
                                  .order_by(o.id))
        return [(rider, state) for rider, state in rows]


async def outbox_kinds(engine, kind: str) -> int:
    box = tables.outbox.c
    async with engine.connect() as conn:
        query = select(func.count()).select_from(tables.outbox).where(box.kind == kind)
        return (await conn.execute(query)).scalar_one()


async def test_an_offer_timeout_survives_a_restart_and_fires_once(database_url):
    clock = FakeClock()
    before = create_engine(database_url)
    services = process(before, clock)
    await online_rider(services, NEAR, 37.5755)
    await online_rider(services, FAR, 37.6205)
    number = await order(services)
    await before.dispose()  # the process stops with the offer open

    clock.advance(seconds=61)
    after = create_engine(database_url)
    try:
        restarted = process(after, clock)
        assert await restarted.deadlines.fire_due() == 1
        assert await restarted.deadlines.fire_due() == 0
        assert await offers(after, number) == [(NEAR.user_id, OfferState.EXPIRED),
                                               (FAR.user_id, OfferState.PENDING)]
        assert await outbox_kinds(after, "offer") == 2
    finally:
        await after.dispose()


async def test_the_store_is_reminded_then_the_order_expires_and_the_customer_is_told(
    database_url,
):
    clock = FakeClock()
    engine = create_engine(database_url)
    try:
        services = process(engine, clock)
        number = await order(services, approve=False)
        clock.advance(minutes=5)
        assert await services.deadlines.fire_due() == 1
        assert await outbox_kinds(engine, "store_reminder") == 1
        clock.advance(minutes=5)
        assert await services.deadlines.fire_due() == 1
        assert (await services.orders.view(number, CUSTOMER)).status is Status.EXPIRED
        assert await outbox_kinds(engine, "expired") == 1
    finally:
        await engine.dispose()


async def test_a_delivered_order_nobody_confirms_completes_itself_after_a_day(database_url):
    clock = FakeClock()
    engine = create_engine(database_url)
    try:
        services = process(engine, clock)
        await online_rider(services, NEAR, 37.5755)
        number = await order(services)
        offer = (await offers(engine, number))[0]
        assert offer[0] == NEAR.user_id
        async with services.uow() as uow:
            [pending] = await uow.offers.pending()
        await services.jobs.accept_offer(pending.id, NEAR)
        await services.jobs.pick_up(number, NEAR)
        await services.jobs.deliver(number, NEAR, "4821")
        clock.advance(hours=23)
        await services.deadlines.fire_due()
        assert (await services.orders.view(number, CUSTOMER)).status is Status.DELIVERED
        clock.advance(hours=2)
        await services.deadlines.fire_due()
        assert (await services.orders.view(number, CUSTOMER)).status is Status.COMPLETED
        assert await outbox_kinds(engine, "completed_auto") == 1
    finally:
        await engine.dispose()


@pytest.fixture
async def two_processes(database_url) -> AsyncIterator[tuple[Services, Services, FakeClock]]:
    """Two bot processes on one PostgreSQL database, sharing a fake clock."""
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share one database only on PostgreSQL")
    clock = FakeClock()
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        first, second = (process(engine, clock) for engine in engines)
        yield first, second, clock
    finally:
        for engine in engines:
            await engine.dispose()


@pytest.mark.postgres
async def test_two_processes_sweeping_at_once_fire_each_deadline_once(two_processes, database_url):
    first, second, clock = two_processes
    numbers = [await order(first, approve=False) for _ in range(30)]
    clock.advance(minutes=11)  # every reminder and every expiry is due
    fired = await asyncio.gather(first.deadlines.fire_due(), second.deadlines.fire_due())
    assert sum(fired) == 60
    engine = create_engine(database_url)
    try:
        assert await outbox_kinds(engine, "store_reminder") == 30
        assert await outbox_kinds(engine, "expired") == 30
    finally:
        await engine.dispose()
    for number in numbers:
        assert (await first.orders.view(number, CUSTOMER)).status is Status.EXPIRED


async def test_the_database_allows_one_open_offer_per_order_and_per_rider(database_url):
    clock = FakeClock()
    engine = create_engine(database_url)
    try:
        sessions = session_factory(engine)
        later = clock.now() + timedelta(seconds=60)
        async with SqlUnitOfWork(sessions) as uow:
            assert await uow.offers.add(Offer(1, NEAR.user_id, clock.now(), later))
            assert not await uow.offers.add(Offer(1, FAR.user_id, clock.now(), later))
            assert not await uow.offers.add(Offer(2, NEAR.user_id, clock.now(), later))
            assert await uow.offers.add(Offer(2, FAR.user_id, clock.now(), later))
            await uow.commit()
        assert await offers(engine, 1) == [(NEAR.user_id, OfferState.PENDING)]
        assert await offers(engine, 2) == [(FAR.user_id, OfferState.PENDING)]
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_two_orders_approved_at_once_never_offer_one_rider_two_jobs(two_processes):
    first, second, _ = two_processes
    await online_rider(first, NEAR, 37.5755)
    numbers = [await order(first, approve=False) for _ in range(2)]
    await asyncio.gather(first.orders.approve(numbers[0], STAFF),
                         second.orders.approve(numbers[1], STAFF))
    async with first.uow() as uow:
        pending = [o for number in numbers for o in await uow.offers.for_order(number)
                   if o.is_pending]
    assert len(pending) == 1
