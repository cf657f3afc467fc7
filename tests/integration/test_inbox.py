"""The webhook inbox on a real database: repeats dropped, one chat at a time in update_id
order, leases that run out, two replicas claiming at once, pruning."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.storage.inbox import Inbox
from domain.persistence.database import create_engine

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


@pytest.fixture
async def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


def inbox_of(engine, owner: str = "replica-a") -> Inbox:
    return Inbox(engine, owner, LEASE)


async def store(inbox: Inbox, *updates: tuple[int, int]) -> None:
    for update_id, chat in updates:
        assert await inbox.add(update_id, chat, f'{{"update_id": {update_id}}}', NOW)


async def test_an_update_stored_twice_is_kept_once(engine):
    inbox = inbox_of(engine)
    assert await inbox.add(1, 10, "{}", NOW)
    assert not await inbox.add(1, 10, "{}", NOW)
    assert [u.update_id for u in await inbox.claim(NOW, 10)] == [1]


async def test_only_the_oldest_unfinished_update_of_each_chat_is_claimed(engine):
    inbox = inbox_of(engine)
    await store(inbox, (3, 10), (1, 10), (2, 10), (4, 20), (5, 20))
    first = await inbox.claim(NOW, 10)
    assert [(u.update_id, u.chat_key) for u in first] == [(1, 10), (4, 20)]
    assert await inbox.claim(NOW, 10) == []  # both chats are in hand
    await inbox.finish(first[0], NOW)
    second = await inbox.claim(NOW, 10)
    assert [u.update_id for u in second] == [2]
    await inbox.finish(second[0], NOW)
    await inbox.finish(first[1], NOW)
    assert [u.update_id for u in await inbox.claim(NOW, 10)] == [3, 5]


async def test_what_telegram_waits_on_is_claimed_before_other_chats_but_never_out_of_its_chat(
    engine
):
    """A checkout (answered within 10 s, or the payment fails) and a press are taken before
    older messages of other chats; in their own chat they still wait their turn."""
    inbox = inbox_of(engine)
    await store(inbox, (1, 10), (2, 20), (3, 30))
    checkout = '{"update_id": 4, "pre_checkout_query": {"id": "q"}}'
    press = '{"update_id": 5, "callback_query": {"id": "c", "data": "x"}}'
    typed = json.dumps({"update_id": 6, "message": {"text": '"pre_checkout_query": {}'}})
    assert await inbox.add(4, 40, checkout, NOW)
    assert await inbox.add(5, 50, press, NOW)
    assert await inbox.add(6, 60, typed, NOW)  # only looks like one
    assert await inbox.add(7, 10, '{"update_id": 7, "pre_checkout_query": {}}', NOW)
    assert [u.update_id for u in await inbox.claim(NOW, 2)] == [4, 5]
    assert [u.update_id for u in await inbox.claim(NOW, 10)] == [1, 2, 3, 6]


async def test_a_lease_that_runs_out_lets_another_replica_take_the_update(engine):
    dead, alive = inbox_of(engine, "dead"), inbox_of(engine, "alive")
    await store(dead, (1, 10), (2, 10))
    taken = await dead.claim(NOW, 10)
    assert [u.update_id for u in taken] == [1]
    assert await alive.claim(NOW + LEASE - timedelta(seconds=1), 10) == []
    again = await alive.claim(NOW + LEASE + timedelta(seconds=1), 10)
    assert [(u.update_id, u.attempts) for u in again] == [(1, 2)]
    assert not await dead.finish(taken[0], NOW + LEASE)  # too late: not its own any more
    assert await alive.claim(NOW + LEASE + timedelta(seconds=2), 10) == []
    assert await alive.finish(again[0], NOW + LEASE + timedelta(seconds=2))
    assert [u.update_id for u in await alive.claim(NOW + LEASE, 10)] == [2]


async def test_a_holder_whose_lease_ran_out_cannot_finish_what_was_claimed_again(engine):
    inbox = inbox_of(engine)  # the same replica: its handler outlived the lease
    await store(inbox, (1, 10), (2, 10))
    [stale] = await inbox.claim(NOW, 10)
    [fresh] = await inbox.claim(NOW + LEASE + timedelta(seconds=1), 10)
    assert (fresh.update_id, fresh.attempts) == (1, 2)
    assert not await inbox.finish(stale, NOW + LEASE + timedelta(seconds=2))
    await inbox.release([stale], started=True)
    assert await inbox_of(engine, "other").claim(NOW + LEASE + timedelta(seconds=2), 10) == []
    assert await inbox.finish(fresh, NOW + LEASE + timedelta(seconds=3))
    assert [u.update_id for u in await inbox.claim(NOW + LEASE, 10)] == [2]


async def test_a_renewed_lease_keeps_a_slow_update_from_other_replicas(engine):
    slow, other, third = (inbox_of(engine, name) for name in ("slow", "other", "third"))
    await store(slow, (1, 10))
    held = await slow.claim(NOW, 10)
    await slow.renew(held, NOW + LEASE - timedelta(seconds=1))
    assert await other.claim(NOW + LEASE + timedelta(seconds=1), 10) == []
    assert [u.update_id for u in await other.claim(NOW + LEASE * 2, 10)] == [1]
    await slow.renew(held, NOW + LEASE * 2 + timedelta(seconds=30))  # no longer its own
    assert [u.update_id for u in await third.claim(NOW + LEASE * 3 + timedelta(seconds=1),
                                                   10)] == [1]


async def test_a_claim_skips_the_updates_this_process_is_still_handling(engine):
    inbox = inbox_of(engine)
    await store(inbox, (1, 10), (2, 10), (3, 20))
    await inbox.claim(NOW, 10)
    later = NOW + LEASE + timedelta(seconds=1)  # say the renewals failed meanwhile
    assert [u.update_id for u in await inbox.claim(later, 10, skip=[1])] == [3]


async def test_released_leases_go_back_at_once(engine):
    leaving, staying = inbox_of(engine, "leaving"), inbox_of(engine, "staying")
    await store(leaving, (1, 10), (2, 20))
    first, second = await leaving.claim(NOW, 10)
    await leaving.release([first], started=True)  # a handler began on it: that counted
    await leaving.release([second], started=False)  # claimed while stopping, never begun
    assert [(u.update_id, u.attempts) for u in await staying.claim(NOW, 10)] == [(1, 2), (2, 1)]


async def test_two_replicas_claiming_at_once_never_share_a_chat(database_url):
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        replicas = [inbox_of(e, f"replica-{i}") for i, e in enumerate(engines)]
        await store(replicas[0], *[(i, i % 5) for i in range(1, 41)])  # 5 chats, 8 each
        handled: list[tuple[int, int]] = []
        in_hand: set[int] = set()

        async def work(inbox: Inbox) -> None:
            idle = 0
            while idle < 3:
                claimed = await inbox.claim(NOW, 3)
                idle = 0 if claimed else idle + 1
                for update in claimed:
                    assert update.chat_key not in in_hand, "two replicas hold one chat"
                    in_hand.add(update.chat_key)
                for update in claimed:
                    await asyncio.sleep(0.001)
                    handled.append((update.chat_key, update.update_id))
                    in_hand.discard(update.chat_key)
                    await inbox.finish(update, NOW)
                await asyncio.sleep(0.005)

        await asyncio.gather(*(work(inbox) for inbox in replicas))
        assert sorted(uid for _, uid in handled) == list(range(1, 41))  # each exactly once
        for chat in range(5):
            ids = [uid for c, uid in handled if c == chat]
            assert ids == sorted(ids)
    finally:
        for engine in engines:
            await engine.dispose()


async def test_finished_updates_are_forgotten_after_a_day_and_unfinished_ones_kept(engine):
    inbox = inbox_of(engine)
    await store(inbox, (1, 10), (2, 20))
    await inbox.finish((await inbox.claim(NOW, 10))[0], NOW)
    assert await inbox.prune(NOW - timedelta(hours=1)) == 0
    assert await inbox.prune(NOW + timedelta(days=1)) == 1
    assert [u.update_id for u in await inbox.claim(NOW + LEASE * 2, 10)] == [2]
    assert await inbox.add(1, 10, "{}", NOW)  # forgotten: a day later it counts as new


async def test_a_handled_live_location_is_kept_without_the_point(engine):
    """The day an update's row is kept must not be a day's trail of where a rider rode."""
    inbox = inbox_of(engine)
    moved = {"update_id": 1, "edited_message": {
        "message_id": 5, "chat": {"id": 10, "type": "private"},
        "location": {"latitude": 37.5665, "longitude": 126.978, "live_period": 3600}}}
    typed = {"update_id": 2, "message": {"message_id": 6, "chat": {"id": 10}, "text": "hi"}}
    assert await inbox.add(1, 10, json.dumps(moved), NOW)
    assert await inbox.add(2, 10, json.dumps(typed), NOW)
    [held] = await inbox.claim(NOW, 10)
    assert json.loads(held.payload) == moved  # the handler reads the point
    await inbox.finish(held, NOW)
    [nxt] = await inbox.claim(NOW, 10)
    await inbox.finish(nxt, NOW)
    async with engine.connect() as conn:
        kept = dict((await conn.execute(text("SELECT update_id, payload FROM inbox"))).all())
    assert json.loads(kept[1])["edited_message"]["location"] == {"forgotten": True}
    assert "37.5665" not in kept[1]
    assert json.loads(kept[2]) == typed
