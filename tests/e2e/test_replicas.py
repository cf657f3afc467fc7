"""Two `ppalli webhook` processes on one PostgreSQL database behind a "load balancer": the
emulator posts every update to either at random, retries what is not acknowledged and
re-sends some that were. Orders go from placed to completed, each update is handled once,
each customer's alerts come once and in order, the rider race has one winner, and a replica
stopped with SIGTERM mid-run loses nothing."""

from __future__ import annotations

import asyncio
import json
import os
import re
import time

import aiohttp
import pytest
from sqlalchemy import select

from domain.orders.model import Status
from domain.persistence.database import create_engine
from domain.persistence.tables import inbox, orders
from emulator import BotApiEmulator, Person
from tests.e2e.conftest import RIDER_IDS, STAFF_ID, TOKEN, place_order
from tests.processes import BotProcess, free_port

SECRET = "replicas-secret"
CUSTOMERS = [1101, 1102, 1103, 1104, 1105, 1106]
STEPS = ["placed", "approved", "rider", "picked up", "delivered", "completed"]

pytestmark = pytest.mark.postgres


async def ready(port: int, within_s: float = 30) -> None:
    deadline = time.monotonic() + within_s
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/readyz") as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            assert time.monotonic() < deadline, f"the replica on {port} never got ready"
            await asyncio.sleep(0.2)


async def deliver_order(customer: Person, staff: Person, rider: Person,
                        racers: list[Person] | None = None) -> int:
    """One order from the wizard to confirmed receipt; `racers` all try to take it.

    Several of these run at once and share the staff (and the racing riders), so they read
    those chats through views of their own: on one shared cursor, a wait that matched a later
    message would move the cursor past a message another wait still needs."""
    number = await place_order(customer)
    desk = staff.second_view()  # from the chat's start: these texts name this order
    await desk.wait_for(f"New order #{number}", timeout=20)
    await staff.send(f"/approve {number}")
    await desk.wait_for(f"Order #{number} approved.", timeout=20)
    if racers:
        views = [racer.second_view() for racer in racers]
        for view in views:
            view.catch_up()  # only the answers to this race
        await asyncio.gather(*(r.send(f"/accept {number}") for r in racers))
        answers = await asyncio.gather(*(v.wait_for(f"#{number}", timeout=20) for v in views))
        winners = [r for r, a in zip(racers, answers, strict=True) if "is yours" in a.text]
        assert len(winners) == 1, [a.text for a in answers]
        rider = winners[0]
        job = rider.second_view()  # the winner may be delivering another order meanwhile
    else:
        job = rider.second_view()
        await rider.send(f"/accept {number}")
        await job.wait_for(f"Order #{number} is yours", timeout=20)
    assigned = await customer.wait_for("Delivery code:", timeout=20)
    code = re.search(r"Delivery code: (\d{4})", assigned.text).group(1)
    await rider.send(f"/pickup {number}")
    await job.wait_for(f"Order #{number} picked up", timeout=20)
    await rider.send(f"/deliver {number} {code}")
    await job.wait_for(f"Order #{number} delivered", timeout=20)
    delivered = await customer.wait_for("Please confirm", timeout=20)
    await customer.press("✅ Confirm receipt", message=delivered)
    await customer.wait_for(f"Order #{number} is completed", timeout=20)
    return number


async def test_two_replicas_share_the_work_and_lose_nothing_when_one_stops(
        database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("several replicas share one database only on PostgreSQL")
    async with BotApiEmulator(token=TOKEN, bot_username="ppalli_bot") as emu:
        ports = [free_port(), free_port()]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK", "BOT_"))}
        env |= {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": database_url, "ADMIN_IDS": str(STAFF_ID),
            "RIDER_IDS": ",".join(map(str, RIDER_IDS)), "HTTP_HOST": "127.0.0.1",
            "WEBHOOK_URL": "https://bot.example.com/telegram", "WEBHOOK_SECRET": SECRET,
            "LOG_LEVEL": "INFO", "LOG_FORMAT": "json",
        }
        replicas = [BotProcess(f"r{i}", env | {"HTTP_PORT": str(port)}, "webhook",
                               "--no-migrate") for i, port in enumerate(ports)]
        for replica in replicas:
            await replica.start()
        try:
            try:
                await asyncio.gather(*(ready(port) for port in ports))
            except AssertionError as error:
                raise AssertionError(f"{error}: {[r.lines[-8:] for r in replicas]}") from None
            emu.route_webhook([f"http://127.0.0.1:{port}/telegram" for port in ports],
                              duplicate_share=0.2, seed=7)
            staff = emu.user(STAFF_ID, "Jisoo")
            riders = [emu.user(rider_id, f"Rider{i}") for i, rider_id in enumerate(RIDER_IDS)]
            customers = [emu.user(c, f"Customer{c}") for c in CUSTOMERS]
            for person in [staff, *riders, *customers]:
                await person.send("/start")
            await asyncio.gather(*(p.wait_for("Hello", timeout=20)
                                   for p in [staff, *riders, *customers]))

            first = asyncio.gather(
                deliver_order(customers[0], staff, riders[0], racers=riders),
                *(deliver_order(c, staff, riders[i + 1]) for i, c in enumerate(customers[1:3])))
            await asyncio.sleep(1.0)
            # Mid-run, one replica is told to stop: it finishes what it holds and exits 0.
            assert await replicas[0].terminate(within_s=30) == 0
            # Its readiness failed first; the load balancer now takes it out of the rotation.
            emu.route_webhook([f"http://127.0.0.1:{ports[1]}/telegram"], duplicate_share=0.2,
                              seed=8)
            numbers = list(await first)
            numbers += await asyncio.gather(
                *(deliver_order(c, staff, riders[i + 4]) for i, c in enumerate(customers[3:])))
        finally:
            codes = [await replica.terminate(within_s=30) for replica in replicas]
        assert codes == [0, 0], [r.lines[-5:] for r in replicas]
        # LOG_FORMAT=json: every line an object, never the token; order events name the update.
        logged = [json.loads(line) for replica in replicas for line in replica.lines]
        assert not any(TOKEN in json.dumps(line) for line in logged)
        assert any("order" in line and "update_id" in line for line in logged)

        engine = create_engine(database_url)
        async with engine.connect() as conn:
            statuses = dict((await conn.execute(select(orders.c.number, orders.c.status))).all())
            stored = (await conn.execute(
                select(inbox.c.update_id, inbox.c.attempts, inbox.c.done_at))).all()
        await engine.dispose()
        assert sorted(statuses) == sorted(numbers)
        assert set(statuses.values()) == {Status.COMPLETED}

        # Each update Telegram sent is stored once and was handled exactly once.
        acknowledged = {a.update_id for a in emu.webhook_attempts if a.status == 200}
        assert {row.update_id for row in stored} == acknowledged
        assert all(row.done_at is not None and row.attempts == 1 for row in stored)
        assert any(a.repeat for a in emu.webhook_attempts)  # repeats did happen
        posted_to = {a.target for a in emu.webhook_attempts if a.status == 200}
        assert len(posted_to) == 2  # both replicas took a share

        for customer, number in zip(customers, numbers, strict=True):
            alerts = [m.text for m in customer.inbox if f"#{number}" in m.text]
            seen = [next(i for i, t in enumerate(alerts) if word in t) for word in STEPS]
            assert seen == sorted(seen), alerts
            assert sum(f"Order #{number} approved" in t for t in alerts) == 1, alerts
