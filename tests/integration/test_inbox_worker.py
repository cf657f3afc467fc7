"""The inbox worker on a real database: a handler slower than the lease keeps its update and
its chat, and a stop that comes during a claim leaves nothing started or held."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Update

from bot.inbox_worker import InboxWorker
from bot.metrics import Metrics
from bot.storage.inbox import Inbox, InboxUpdate
from bot.updates import update_lane
from domain.persistence.database import create_engine
from domain.persistence.tables import inbox as inbox_table
from domain.shared.clock import SystemClock

CHAT = 10


def message(update_id: int) -> str:
    return json.dumps({"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "chat": {"id": CHAT, "type": "private"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "Minji"}, "text": "hi"}})


class SlowApp:
    """Stands for the Application: records when each update's handling starts and ends."""

    def __init__(self, seconds: float) -> None:
        self.bot = None
        self.seconds = seconds
        self.events: list[tuple[str, int]] = []
        self.ended: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def process_update(self, update) -> None:
        self.events.append(("start", update.update_id))
        await asyncio.sleep(self.seconds)
        self.events.append(("end", update.update_id))
        self.ended[update.update_id].set()


class SlowClaims(Inbox):
    """A claim whose round trip takes a moment, long enough for a SIGTERM to come."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claiming = asyncio.Event()

    async def claim(self, now: datetime, limit: int, skip=()) -> list[InboxUpdate]:
        self.claiming.set()
        claimed = await super().claim(now, limit, skip)
        await asyncio.sleep(0.2)
        return claimed


@pytest.fixture
async def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def rows(engine):
    async with engine.connect() as conn:
        return (await conn.execute(
            select(inbox_table.c.update_id, inbox_table.c.attempts, inbox_table.c.leased_by,
                   inbox_table.c.done_at).order_by(inbox_table.c.update_id))).all()


async def test_a_handler_slower_than_the_lease_runs_once_and_its_chat_waits_for_it(engine):
    clock = SystemClock()
    app = SlowApp(seconds=1.0)
    lease = timedelta(seconds=0.3)  # stands for the minute of INBOX_LEASE
    workers = [InboxWorker(app, Inbox(engine, name, lease), clock, Metrics(), poll_s=0.05)
               for name in ("replica-a", "replica-b")]
    for update_id in (1, 2):
        await workers[0].inbox.add(update_id, CHAT, message(update_id), clock.now())
    runs = [asyncio.create_task(worker.run()) for worker in workers]
    await asyncio.wait_for(app.ended[2].wait(), 10)
    for worker in workers:
        await worker.stop(5)
    await asyncio.gather(*runs)

    assert app.events == [("start", 1), ("end", 1), ("start", 2), ("end", 2)]
    assert [(row.update_id, row.attempts, row.done_at is not None)
            for row in await rows(engine)] == [(1, 1, True), (2, 1, True)]


async def test_a_stop_during_a_claim_starts_nothing_and_gives_the_update_back(engine):
    clock = SystemClock()
    app = SlowApp(seconds=0.5)
    inbox = SlowClaims(engine, "replica-a", timedelta(seconds=60))
    worker = InboxWorker(app, inbox, clock, Metrics(), poll_s=0.05)
    run = asyncio.create_task(worker.run())
    await asyncio.sleep(0.1)
    inbox.claiming.clear()
    await inbox.add(1, CHAT, message(1), clock.now())
    worker.wake()
    await inbox.claiming.wait()

    await worker.stop(5)  # SIGTERM: Runtime.stop drains, then awaits the worker's task
    await run
    await asyncio.sleep(0.1)

    assert worker.in_flight == 0 and app.events == []
    [row] = await rows(engine)
    # given back as never claimed: the replica that takes it makes the first attempt
    assert (row.attempts, row.leased_by, row.done_at) == (0, None, None)


class HeldApp(SlowApp):
    """Stands for the Application: the updates in `held` wait for `release`; the others end
    at once."""

    def __init__(self, held: set[int]) -> None:
        super().__init__(seconds=0)
        self.held = held
        self.release = asyncio.Event()
        self.started: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def process_update(self, update) -> None:
        self.events.append(("start", update.update_id))
        self.started[update.update_id].set()
        if update.update_id in self.held:
            await self.release.wait()
        self.events.append(("end", update.update_id))
        self.ended[update.update_id].set()


def staff_press(update_id: int, data: str) -> str:
    return json.dumps({"update_id": update_id, "callback_query": {
        "id": str(update_id), "chat_instance": "c", "data": data,
        "from": {"id": 7, "is_bot": False, "first_name": "Jisoo"},
        "message": {"message_id": 1, "date": 0, "text": "card",
                    "chat": {"id": -100123, "type": "supergroup"}}}})


async def test_decisions_on_different_orders_run_side_by_side_and_one_lane_stays_in_order(engine):
    clock = SystemClock()
    app = HeldApp(held={1})  # the first press on order 7 is slow
    inbox = Inbox(engine, "replica-a", timedelta(seconds=8))
    worker = InboxWorker(app, inbox, clock, Metrics(), poll_s=0.05)
    for update_id, data in [(1, "approve:7"), (2, "approve:7"), (3, "approve:8")]:
        payload = staff_press(update_id, data)
        lane = update_lane(Update.de_json(json.loads(payload), None))
        await inbox.add(update_id, lane, payload, clock.now())
    run = asyncio.create_task(worker.run())

    await asyncio.wait_for(app.ended[3].wait(), 5)  # order 8 went ahead of the held press
    assert ("start", 2) not in app.events  # the second press on order 7 waits in its lane
    app.release.set()
    await asyncio.wait_for(app.ended[2].wait(), 5)
    await worker.stop(5)
    await run
    assert app.events.index(("end", 1)) < app.events.index(("start", 2))


class CountedClaims(Inbox):
    """Counts claiming rounds."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rounds = 0

    async def claim(self, now: datetime, limit: int, skip=()) -> list[InboxUpdate]:
        self.rounds += 1
        return await super().claim(now, limit, skip)


async def test_a_claiming_round_that_found_all_there_was_is_not_repeated_until_a_wake(engine):
    clock = SystemClock()
    app = HeldApp(held={1})
    inbox = CountedClaims(engine, "replica-a", timedelta(seconds=60))
    await inbox.add(1, CHAT, message(1), clock.now())
    worker = InboxWorker(app, inbox, clock, Metrics(), poll_s=60)
    run = asyncio.create_task(worker.run())
    await asyncio.wait_for(app.started[1].wait(), 10)
    await asyncio.sleep(0.2)
    assert inbox.rounds == 1  # one update, room for 32: nothing more to find until a wake

    await inbox.add(2, CHAT, message(2), clock.now())
    worker.wake()  # as the poller does once it stored an update
    await asyncio.sleep(0.2)
    assert inbox.rounds == 2 and ("start", 2) not in app.events  # chat 10 is still in hand
    app.release.set()
    await asyncio.wait_for(app.ended[2].wait(), 10)  # the finish of 1 woke a round for 2
    await worker.stop(5)
    await run


async def test_an_update_parsed_on_its_way_in_is_not_parsed_again(engine):
    clock = SystemClock()
    app = SlowApp(seconds=0)
    inbox = Inbox(engine, "replica-a", timedelta(seconds=60))
    worker = InboxWorker(app, inbox, clock, Metrics(), poll_s=0.05)
    kept = Update.de_json(json.loads(message(1)), None)
    worker.parsed.keep(kept)
    # What is stored is the same update; the worker hands on the object already made.
    await inbox.add(1, CHAT, message(1), clock.now())
    seen: list[Update] = []
    original = app.process_update

    async def record(update) -> None:
        seen.append(update)
        await original(update)

    app.process_update = record
    run = asyncio.create_task(worker.run())
    await asyncio.wait_for(app.ended[1].wait(), 10)
    # A second update, never kept (stored by another replica, say), is parsed from its text.
    await inbox.add(2, CHAT, message(2), clock.now())
    worker.wake()
    await asyncio.wait_for(app.ended[2].wait(), 10)
    await worker.stop(5)
    await run

    assert seen[0] is kept
    assert seen[1].update_id == 2 and seen[1].message.text == "hi"
    assert worker.parsed.take(1) is None  # taken once, not kept for ever
