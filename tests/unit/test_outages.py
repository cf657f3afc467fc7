"""When the admins hear of an outage: once when failing has gone on for a while with no send
succeeding, once when a send succeeds again; never for failures far apart."""

from datetime import timedelta

from domain.alerts.kinds import AlertKind
from domain.alerts.outages import note_failure, note_success
from domain.alerts.outbox import OutboxMessage
from tests.fakes import FakeClock, FakeOutbox, FakeStore

ADMINS = frozenset({7, 8})
AFTER = timedelta(seconds=30)


def make():
    store = FakeStore()
    return store, FakeOutbox(store), FakeClock()


async def fail_for(outbox, clock, seconds: int, every: int = 5) -> list[OutboxMessage]:
    told = []
    for _ in range(seconds // every + 1):
        told += await note_failure(outbox, ADMINS, clock.now(), AFTER)
        clock.advance(seconds=every)
    return told


async def test_failing_for_half_a_minute_tells_each_admin_once_and_a_success_ends_it():
    store, outbox, clock = make()
    await outbox.add(OutboxMessage(1001, "approved", clock.now()))
    told = await fail_for(outbox, clock, 120)
    started = AlertKind.OUTAGE_STARTED
    assert [(m.chat_id, m.kind) for m in told] == [(7, started), (8, started)]
    assert told[0].params == {"since": "2026-11-20T09:00:00+00:00"}
    ended = await note_success(outbox, ADMINS, clock.now())
    over = AlertKind.OUTAGE_ENDED
    assert [(m.chat_id, m.kind) for m in ended] == [(7, over), (8, over)]
    assert ended[0].params["held"] == 1
    assert store.notices == {}
    assert await note_success(outbox, ADMINS, clock.now()) == []


async def test_a_short_trouble_is_no_outage():
    store, outbox, clock = make()
    assert await fail_for(outbox, clock, 25) == []
    assert await note_success(outbox, ADMINS, clock.now()) == []
    assert store.notices == {}


async def test_failures_far_apart_are_separate_troubles_not_one_long_outage():
    _, outbox, clock = make()
    assert await note_failure(outbox, ADMINS, clock.now(), AFTER) == []
    clock.advance(hours=3)  # a quiet night: nothing sent, nothing failed
    assert await note_failure(outbox, ADMINS, clock.now(), AFTER) == []
    clock.advance(seconds=10)
    assert await note_failure(outbox, ADMINS, clock.now(), AFTER) == []
