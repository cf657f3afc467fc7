"""The broadcast lifecycle and its use cases, on the fake unit of work."""

from datetime import timedelta

import pytest

from domain.alerts.outbox import Delivery
from domain.broadcasts.model import Audience, Broadcast, BroadcastState
from domain.dispatch.riders import Rider
from domain.people.model import Person, User
from domain.services import Rules, Services
from domain.shared.errors import InvalidAnswer, InvalidTransition, NotAllowed
from tests.fakes import FakeClock, FakeStore, FakeUnitOfWork

ADMIN = Person(100, "Desk")
CUSTOMER = Person(1, "Minji")


@pytest.fixture
def store():
    return FakeStore()


@pytest.fixture
def services(store):
    clock = FakeClock()
    for user_id in (1, 2, 3):
        store.users[user_id] = User(user_id, f"U{user_id}", clock.now())
    store.riders[3] = Rider.from_list(3, "Hyun", clock.now())
    return Services(lambda: FakeUnitOfWork(store), clock,
                    Rules(admin_ids=frozenset({ADMIN.user_id})))


def test_a_broadcast_moves_from_draft_through_sending_to_finished():
    now = FakeClock().now()
    broadcast = Broadcast.draft(Audience.ALL, "  Hello  ", 100, now)
    assert broadcast.text == "Hello" and broadcast.state is BroadcastState.DRAFT
    assert broadcast.confirm(now, 100, 5) is True
    broadcast.start(now, total=3)
    assert broadcast.needs_report
    broadcast.finish(now)
    assert broadcast.state is BroadcastState.FINISHED
    with pytest.raises(InvalidTransition):
        broadcast.cancel(now)


def test_a_scheduled_broadcast_waits_for_its_time():
    now = FakeClock().now()
    broadcast = Broadcast.draft(Audience.RIDERS, "Tomorrow", 100, now, now + timedelta(hours=1))
    assert broadcast.confirm(now, 100, 5) is False
    assert broadcast.state is BroadcastState.SCHEDULED
    assert not broadcast.is_due(now + timedelta(minutes=59))
    assert broadcast.is_due(now + timedelta(hours=1))


async def test_only_staff_prepare_broadcasts(services):
    with pytest.raises(NotAllowed):
        await services.broadcasts.prepare(CUSTOMER, Audience.CUSTOMERS, "Hi")


async def test_sending_queues_one_message_per_recipient_behind_alerts(services, store):
    draft, recipients = await services.broadcasts.prepare(ADMIN, Audience.CUSTOMERS, "Hi")
    assert recipients == 2  # users 1 and 2; user 3 is a rider
    view = await services.broadcasts.confirm(ADMIN, draft.id, 100, 5)
    assert view.broadcast.state is BroadcastState.SENDING and view.broadcast.total == 2
    assert [(m.chat_id, m.priority) for m in store.outbox] == [(1, 1), (2, 1)]


async def test_muted_customers_are_left_out_but_riders_always_hear(services, store):
    await services.broadcasts.set_muted(CUSTOMER, True)
    _, customers = await services.broadcasts.prepare(ADMIN, Audience.CUSTOMERS, "Hi")
    _, everyone = await services.broadcasts.prepare(ADMIN, Audience.ALL, "Hi")
    assert (customers, everyone) == (1, 2)
    await services.broadcasts.set_muted(CUSTOMER, False)
    _, customers = await services.broadcasts.prepare(ADMIN, Audience.CUSTOMERS, "Hi")
    assert customers == 2


async def test_conclude_waits_for_the_last_message_then_reports_once(services, store):
    draft, _ = await services.broadcasts.prepare(ADMIN, Audience.CUSTOMERS, "Hi")
    await services.broadcasts.confirm(ADMIN, draft.id, 100, 5)
    assert await services.broadcasts.conclude(draft.id) is None  # two still pending
    store.outbox[0].mark_sent(services.clock.now())
    store.outbox[1].mark_unreachable("blocked")
    concluded = await services.broadcasts.conclude(draft.id)
    assert concluded is not None and concluded.broadcast.state is BroadcastState.FINISHED
    report = store.outbox[-1]
    assert (report.chat_id, report.kind) == (100, "broadcast_report")
    assert (report.params["sent"], report.params["unreachable"]) == (1, 1)
    assert await services.broadcasts.conclude(draft.id) is None  # reported once


async def test_cancelling_while_sending_cancels_only_what_is_pending(services, store):
    draft, _ = await services.broadcasts.prepare(ADMIN, Audience.CUSTOMERS, "Hi")
    await services.broadcasts.confirm(ADMIN, draft.id, 100, 5)
    store.outbox[0].mark_sent(services.clock.now())
    view = await services.broadcasts.cancel(ADMIN, draft.id)
    assert [m.state for m in store.outbox] == [Delivery.SENT, Delivery.CANCELLED]
    assert (view.counts.sent, view.counts.cancelled) == (1, 1)


async def test_a_blocked_person_writing_again_is_reachable_again(services, store):
    await services.people.set_reachable(CUSTOMER, False)
    assert not store.users[1].reachable
    await services.people.remember_user(CUSTOMER, None)
    assert store.users[1].reachable


def test_a_broadcast_needs_text_that_fits_a_message():
    now = FakeClock().now()
    for blank in ("", "\u200b\u200b", "\u2800 \u3164"):  # nothing that shows
        with pytest.raises(InvalidAnswer) as refused:
            Broadcast.draft(Audience.ALL, blank, 100, now)
        assert refused.value.code == "broadcast_empty"
    Broadcast.draft(Audience.ALL, "x" * 4000, 100, now)
    kept = Broadcast.draft(Audience.ALL, " Open today\n\nuntil 9 ", 100, now)
    assert kept.text == "Open today\n\nuntil 9"  # its lines as written
