"""Two `ppalli worker` processes on one PostgreSQL database; the one sending is killed with
SIGKILL mid-broadcast, in the middle of a send. The other takes over at once, without waiting
for the dead one's claim to lapse: everyone gets the message, at most one person twice (the
message in flight when the process died), and the pace stays under the ceiling."""

import asyncio
import os
import time
from collections import Counter

import pytest

from domain.broadcasts.model import Audience
from domain.people.model import Person, User
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Rules, Services
from emulator import BotApiEmulator, FloodLimits
from tests.fakes import FakeClock
from tests.processes import BotProcess

TOKEN = "123456:TWO-SENDERS"
ADMIN = Person(1, "Desk")
CUSTOMERS = range(100, 260)
CEILING = 20
RATE = 15
NOW_SENDER = "this process is now the sender"


def delivered(emu, text):
    return [c for c in emu.calls_to("sendMessage")
            if c.outcome == 200 and text in str(c.params.get("text", ""))]


async def test_a_killed_sender_is_replaced_without_doubles_beyond_the_in_flight_one(
        database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share one database only on PostgreSQL")
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    services = Services(lambda: SqlUnitOfWork(sessions), FakeClock(),
                        Rules(admin_ids=frozenset({ADMIN.user_id})))
    async with BotApiEmulator(token=TOKEN,
                              flood_limits=FloodLimits(global_per_second=CEILING)) as emu:
        for user_id in [ADMIN.user_id, *CUSTOMERS]:
            emu.user(user_id, f"U{user_id}", started=True)
        async with services.uow() as uow:
            for user_id in CUSTOMERS:
                await uow.users.add(User(user_id, f"U{user_id}", services.clock.now()))
            await uow.commit()
        env = os.environ | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": database_url, "ADMIN_IDS": str(ADMIN.user_id),
            "SEND_RATE_PER_SECOND": str(RATE), "SEND_LEASE_SECONDS": "60", "LOG_LEVEL": "INFO",
        }
        workers = [BotProcess(name, env, "worker", "--no-migrate") for name in "ab"]
        for worker in workers:
            await worker.start()
        try:
            draft, recipients = await services.broadcasts.prepare(
                ADMIN, Audience.CUSTOMERS, "Rainy day: free delivery")
            assert recipients == len(CUSTOMERS)
            await services.broadcasts.confirm(ADMIN, draft.id, ADMIN.user_id, 1)

            deadline = time.monotonic() + 30
            while len(delivered(emu, "Rainy day")) < 40:
                assert time.monotonic() < deadline, "the broadcast did not start"
                await asyncio.sleep(0.05)
            # The next send hangs: the leader is caught with its row claimed (for 60 s).
            emu.inject_faults(0.0, timeout_share=1.0, hang_s=30, seed=1)
            while not [c for c in emu.calls_to("sendMessage") if c.outcome == 504]:
                assert time.monotonic() < deadline, "no send hung"
                await asyncio.sleep(0.01)
            [leader] = [w for w in workers if w.said(NOW_SENDER)]
            leader.process.kill()  # SIGKILL: no goodbye, its database connection just drops
            await leader.process.wait()
            emu.clear_faults()
            killed_at = time.monotonic()
            [standby] = [w for w in workers if w is not leader]

            deadline = time.monotonic() + 20  # about 8 s of sending left, at the pace
            while True:
                async with services.uow() as uow:
                    if (await uow.outbox.counts(draft.id)).pending == 0:
                        break
                assert time.monotonic() < deadline, "the standby waited for the dead's claim"
                await asyncio.sleep(0.2)
            assert standby.said(NOW_SENDER)
        finally:
            for worker in workers:
                await worker.terminate()
        await engine.dispose()

        copies = Counter(int(c.params["chat_id"]) for c in delivered(emu, "Rainy day"))
        assert set(copies) == set(CUSTOMERS)  # everyone got it
        after_kill = [c for c in delivered(emu, "Rainy day") if c.at > killed_at]
        assert len(after_kill) >= len(CUSTOMERS) - 60  # the standby sent the rest
        assert sum(n - 1 for n in copies.values()) <= 1  # at most the one in flight, twice
        assert emu.stats.rate_limited == 0
        times = sorted(c.at for c in emu.calls if c.outcome == 200
                       and c.method in ("sendMessage", "editMessageText"))
        busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
        assert busiest <= CEILING
