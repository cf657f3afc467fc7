"""Which outbox row goes next, and claims that keep senders from sending one row twice."""

import asyncio
from datetime import timedelta

import pytest

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Delivery, OutboxMessage, Priority
from domain.broadcasts.model import Audience, Broadcast
from domain.dispatch.riders import Rider
from domain.people.model import Person, User
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Rules, Services
from tests.fakes import FakeClock

STAFF = Person(100, "Desk")


@pytest.fixture
async def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def uow(engine):
    sessions = session_factory(engine)
    return lambda: SqlUnitOfWork(sessions)


async def queue(uow, clock, *rows):
    """Rows as (chat, kind) or (chat, kind, priority)."""
    async with uow() as unit:
        made = []
        for chat, kind, *rest in rows:
            priority = rest[0] if rest else Priority.ALERT
            made.append(OutboxMessage(chat, kind, clock.now(), priority=priority,
                                      broadcast_id=1 if priority else None))
        for row in made:
            await unit.outbox.add(row)
        await unit.commit()
    return made


async def due_kinds(uow, now, max_priority=Priority.BROADCAST) -> list[str]:
    """What would go next, chat after chat: the first due row of every chat, in send order."""
    found, skip = [], []
    async with uow() as unit:
        while (row := await unit.outbox.next_due(now, max_priority=max_priority,
                                                 skip_chats=skip)) is not None:
            found.append(row.kind)
            skip.append(row.chat_id)
    return found


async def test_each_chats_alerts_go_in_order_and_a_retry_holds_back_the_later_ones(uow, clock):
    a, _, _ = await queue(uow, clock, (1, "placed"), (1, "approved"), (2, "preparing"))
    assert await due_kinds(uow, clock.now()) == ["placed", "preparing"]
    async with uow() as unit:
        first = await unit.outbox.get(a.id)
        first.retry_later("flaky", clock.now(), timedelta(seconds=30), timedelta(hours=24))
        await unit.commit()
    assert await due_kinds(uow, clock.now()) == ["preparing"]
    clock.advance(seconds=31)
    async with uow() as unit:
        (await unit.outbox.get(a.id)).mark_sent(clock.now())
        await unit.commit()
    assert await due_kinds(uow, clock.now()) == ["approved", "preparing"]
    async with uow() as unit:
        sent = await unit.outbox.get(a.id)
        assert sent.state is Delivery.SENT and sent.attempts == 2


async def test_alerts_go_before_broadcasts_and_are_not_held_back_by_them(uow, clock):
    await queue(uow, clock, (1, "broadcast", Priority.BROADCAST),
                (2, "broadcast_report", Priority.BROADCAST), (1, "approved"), (3, "placed"))
    assert await due_kinds(uow, clock.now()) == ["approved", "placed", "broadcast_report"]
    assert await due_kinds(uow, clock.now(), max_priority=Priority.ALERT) == ["approved",
                                                                               "placed"]


async def test_a_claimed_row_is_not_handed_out_again_until_its_lease_lapses(uow, clock):
    await queue(uow, clock, (1, "placed"), (1, "approved"))
    async with uow() as unit:
        row = await unit.outbox.next_due(clock.now(), max_priority=Priority.ALERT)
        row.claim(clock.now() + timedelta(seconds=60))
        await unit.commit()
    assert await due_kinds(uow, clock.now()) == []  # approved waits behind the claimed placed
    clock.advance(seconds=61)  # the claiming process died: the lease lapses
    assert await due_kinds(uow, clock.now()) == ["placed"]


async def test_two_senders_claiming_at_once_get_different_rows(uow, clock, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serialises transactions; only PostgreSQL has SKIP LOCKED")
    await queue(uow, clock, (1, "placed"), (2, "approved"))
    first_holds = asyncio.Event()
    release = asyncio.Event()

    async def claim(wait: bool) -> str:
        async with uow() as unit:
            row = await unit.outbox.next_due(clock.now(), max_priority=Priority.ALERT)
            if wait:
                first_holds.set()
                await release.wait()
            return row.kind

    first = asyncio.create_task(claim(True))
    await first_holds.wait()
    second = await claim(False)  # does not wait for the first: skips its locked row
    release.set()
    assert {await first, second} == {"placed", "approved"}


async def test_a_broadcast_fans_out_to_its_audience_less_muted_customers(engine, uow, clock):
    async with uow() as unit:
        for user_id, muted in [(1, False), (2, True), (3, False), (200, False)]:
            await unit.users.add(User(user_id, f"U{user_id}", clock.now(),
                                      muted_at=clock.now() if muted else None))
        await unit.riders.add(Rider.from_list(200, "Hyun", clock.now()))
        await unit.riders.add(Rider.from_list(201, "Bora", clock.now()))
        await unit.commit()
    services = Services(uow, clock, Rules(admin_ids=frozenset({STAFF.user_id})))
    counts = {}
    for audience in Audience:
        draft, counts[audience] = await services.broadcasts.prepare(STAFF, audience, "Hi")
    assert counts == {Audience.CUSTOMERS: 2, Audience.RIDERS: 2, Audience.ALL: 4}
    draft, _ = await services.broadcasts.prepare(STAFF, Audience.ALL, "Closed on Monday")
    view = await services.broadcasts.confirm(STAFF, draft.id, 100, 55)
    assert view.broadcast.total == 4 and view.counts.pending == 4
    async with uow() as unit:
        rows = []
        while (row := await unit.outbox.next_due(clock.now(), max_priority=Priority.BROADCAST,
                                                 skip_chats=[r.chat_id for r in rows])):
            rows.append(row)
    assert sorted(r.chat_id for r in rows) == [1, 3, 200, 201]
    assert {(r.kind, r.broadcast_id, r.priority) for r in rows} == {
        (AlertKind.BROADCAST, draft.id, Priority.BROADCAST)}


async def test_cancelling_a_broadcast_stops_what_is_not_sent(uow, clock):
    async with uow() as unit:
        for user_id in (1, 2, 3):
            await unit.users.add(User(user_id, f"U{user_id}", clock.now()))
        await unit.commit()
    services = Services(uow, clock, Rules(admin_ids=frozenset({STAFF.user_id})))
    draft, _ = await services.broadcasts.prepare(STAFF, Audience.CUSTOMERS, "Sale")
    await services.broadcasts.confirm(STAFF, draft.id, 100, 55)
    async with uow() as unit:
        row = await unit.outbox.next_due(clock.now(), max_priority=Priority.BROADCAST)
        row.mark_sent(clock.now())
        await unit.commit()
    view = await services.broadcasts.cancel(STAFF, draft.id)
    assert (view.counts.sent, view.counts.cancelled, view.counts.pending) == (1, 2, 0)
    assert await due_kinds(uow, clock.now()) == []


async def test_a_scheduled_broadcast_starts_once_when_due(uow, clock):
    async with uow() as unit:
        await unit.users.add(User(1, "U1", clock.now()))
        await unit.commit()
    services = Services(uow, clock, Rules(admin_ids=frozenset({STAFF.user_id})))
    draft, _ = await services.broadcasts.prepare(
        STAFF, Audience.CUSTOMERS, "Tomorrow", clock.now() + timedelta(hours=1))
    view = await services.broadcasts.confirm(STAFF, draft.id, 100, 55)
    assert view.broadcast.state == "scheduled" and view.counts.total == 0
    assert await services.broadcasts.start_due() == []
    clock.advance(hours=1)
    started = await asyncio.gather(services.broadcasts.start_due(),
                                   services.broadcasts.start_due(), return_exceptions=True)
    assert sum(len(s) for s in started if isinstance(s, list)) == 1
    async with uow() as unit:
        assert (await unit.outbox.counts(draft.id)).pending == 1
        stored = await unit.broadcasts.get(draft.id)
        assert stored.state == "sending" and stored.total == 1


async def test_broadcast_draft_keeps_text_and_refuses_bad_ones(uow, clock):
    from domain.shared.errors import InvalidAnswer

    with pytest.raises(InvalidAnswer):
        Broadcast.draft(Audience.ALL, "   ", 100, clock.now())
    with pytest.raises(InvalidAnswer):
        Broadcast.draft(Audience.ALL, "x" * 4001, 100, clock.now())
    with pytest.raises(InvalidAnswer):
        Broadcast.draft(Audience.ALL, "late", 100, clock.now(), clock.now() - timedelta(1))
