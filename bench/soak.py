"""Soak under crashes: whole orders stream through the bot while it is killed with SIGKILL at
random moments and started again; then counts what was lost or done twice.

    python -m bench.soak                   # 20 kills, SQLite, polling
    python -m bench.soak --webhook         # the same through the webhook
    python -m bench.soak --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/soak

The bot runs as its own process (`ppalli run`, or `ppalli webhook`) against the emulator;
customers place parcel orders (cash) and coffee orders paid in Telegram Stars, the store
approves (and prepares), riders take the jobs from the list (DISPATCH_MODE=pool), pick up and
deliver with the code, and customers confirm receipt. After each restart the recovery time
is how long it took until every update and alert that was waiting at the restart had gone
through. Printed at the end:

- orders lost: orders begun that are not completed, or whose customer got stuck;
- updates lost: updates Telegram (the emulator) queued that the inbox never stored;
- effects applied twice: a status reached twice in an order's timeline, or a charge recorded
  twice;
- duplicate messages: a message about an order that a chat received twice, word for word;
- recovery p50/p99 over the kills: from the restarted bot taking updates until everything
  that was waiting went through, and from the kill itself (the process's start included).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp
from sqlalchemy import func, select

from bench.databases import prepare_database
from bench.figures import percentile, rounded
from bot.settings import EXAMPLE_CATALOG
from domain.alerts.outbox import Delivery
from domain.orders.model import OrderKind, Status
from domain.persistence.database import create_engine
from domain.persistence.tables import inbox, order_timeline, orders, outbox, payments
from emulator import BotApiEmulator, Person
from views.orders import status as status_label

TOKEN = "123456:BENCH-SOAK"
STAFF_ID = 2001
RIDER_IDS = (3001, 3002, 3003)
SECRET = "soak-secret"
WAIT_S = 60.0  # one step's answer may wait out a kill and a restart
RECOVERY_CAP_S = 60.0
REPLAYED = "already taken care of"
LATTE = ("Coffee", "Café latte — ₩4,500", "Large (+₩500)", "Extra shot (+₩500)")


@dataclass
class Options:
    kills: int = 20
    customers: int = 6
    database_url: str | None = None
    webhook: bool = False
    seed: int = 1


@dataclass
class Tally:
    begun: int = 0
    completed: list[int] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    recoveries: list[float] = field(default_factory=list)  # from the restarted bot taking updates
    outages: list[float] = field(default_factory=list)  # from the kill, the restart included


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Bot:
    """The bot under test: started, killed with SIGKILL, started again."""

    def __init__(self, emu: BotApiEmulator, url: str, webhook: bool) -> None:
        self.emu = emu
        self.webhook = webhook
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK", "BOT_"))}
        self.env = env | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": url, "ADMIN_IDS": str(STAFF_ID),
            "RIDER_IDS": ",".join(map(str, RIDER_IDS)), "DISPATCH_MODE": "pool",
            "SHOP_MODE": "both", "CATALOG_FILE": str(EXAMPLE_CATALOG), "SWEEP_SECONDS": "0.5",
            "LOG_LEVEL": "WARNING",
            # Alerts are not held to one a second per chat here, so a recovery time measures
            # the restart, not the pace.
            "SEND_CHAT_RATE_PER_SECOND": "1000",
            # Each customer places order after order for minutes on end.
            "MAX_ORDERS_PER_HOUR": "100000",
            "MAX_UPDATES_PER_MINUTE": "1000000",  # and types as fast as the bot answers
        }
        if webhook:
            self.env |= {"HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(self.port),
                         "WEBHOOK_URL": "https://soak.example.com/telegram",
                         "WEBHOOK_SECRET": SECRET}
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start it (the schema is migrated already) and wait until it takes updates."""
        since = time.monotonic()
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "webhook" if self.webhook else "run",
            "--no-migrate", env=self.env, stdout=asyncio.subprocess.DEVNULL)
        if self.webhook:
            await self._ready()
            self.emu.route_webhook([f"http://127.0.0.1:{self.port}/telegram"])
        else:
            await self.emu.wait_for_call(lambda c: c.method == "getUpdates" and c.at > since,
                                         within_s=60)

    async def _ready(self) -> None:
        async with asyncio.timeout(60), aiohttp.ClientSession() as session:
            while True:
                try:
                    async with session.get(f"http://127.0.0.1:{self.port}/readyz") as answer:
                        if answer.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)

    async def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.process.wait(), 30)


async def press_when_shown(person: Person, label: str) -> int:
    """Press the button in the next message that shows it; returns that message's id."""
    while True:
        message = await person.wait_for("", timeout=WAIT_S)
        if label in message.buttons:
            await person.press(label, message=message, timeout=WAIT_S)
            return message.message_id


# The statuses an order moves through in the soak, in order; a re-run's card counts as the
# answer to a step only once the order stands at that step or past it.
PROGRESS = (Status.APPROVED, Status.PREPARING, Status.READY, Status.ASSIGNED,
            Status.PICKED_UP, Status.DELIVERED, Status.COMPLETED)


def reached(card: str, number: int, step: Status) -> bool:
    """Whether a re-run's card shows order `number` at `step` or past it."""
    labels = {str(status_label("en", s, kind)): s for s in PROGRESS for kind in OrderKind}
    shown = re.search(rf"Order #{number} — ([^\n]+)", card)
    if shown is None or shown.group(1).strip() not in labels:
        return False
    return PROGRESS.index(labels[shown.group(1).strip()]) >= PROGRESS.index(step)


async def answered(chat: Person, text: str, number: int, step: Status) -> None:
    """The answer containing `text`, or after a kill the re-run's answer ("already taken care
    of", with the order as it stands) showing order `number` at `step` or past it. A re-run
    of the step before can answer late, after this step's command went out: its card shows
    the order short of this step, and is not this step's answer."""
    skipped: list[str] = []
    while True:
        try:
            message = await chat.wait_for("", timeout=WAIT_S)
        except AssertionError:
            raise AssertionError(
                f"{chat.name} never got {text!r}; the last that came: {skipped[-4:]}") from None
        if text in message.text or (REPLAYED in message.text
                                    and reached(message.text, number, step)):
            return
        skipped.append(message.text[:120])


async def parcel(customer: Person) -> int:
    await customer.send("/order")
    await press_when_shown(customer, "Small")
    await customer.wait_for("How much does it weigh", timeout=WAIT_S)
    await customer.send("2.5")
    for question, answer in (("pick it up", "12 Sejong-daero"),
                             ("Where should it go", "Teheran-ro 152"),
                             ("phone number", "010-1234-5678")):
        await customer.wait_for(question, timeout=WAIT_S)
        await customer.send(answer)
    await press_when_shown(customer, "Cash on delivery")
    summary = await press_when_shown(customer, "✅ Confirm")
    # The summary turns into the order's card (after a kill, the re-run turns it)
    while True:
        placed = await customer.wait_for("", timeout=WAIT_S)
        card = re.search(r"Order #(\d+) — ", placed.text)
        if card is not None and placed.message_id == summary:
            return int(card.group(1))


def invoices_in(customer: Person) -> int:
    return sum(1 for message in customer.inbox if message.invoice is not None)


async def coffee(customer: Person) -> int:
    await customer.send("/menu")
    for label in LATTE:
        await press_when_shown(customer, label)
    await press_when_shown(customer, "1")
    await press_when_shown(customer, "🧾 Check out")
    await press_when_shown(customer, "🛵 Delivery (+₩3,000)")
    await customer.wait_for("Where should we deliver it?", timeout=WAIT_S)
    await customer.share_location(37.5700, 126.9820)
    await customer.wait_for("Your phone number", timeout=WAIT_S)
    await customer.send("010-5555-1234")
    await press_when_shown(customer, "⭐ Pay now in Telegram")
    invoices = invoices_in(customer)
    await press_when_shown(customer, "✅ Confirm")
    # The invoice as the customer sees it (the bot may have died before hearing it went).
    async with asyncio.timeout(WAIT_S):
        while invoices_in(customer) <= invoices:
            await customer.wait_for("", timeout=WAIT_S)
    assert (await customer.pay(timeout=WAIT_S)).ok
    paid = await customer.wait_for("Payment received. Order #", timeout=WAIT_S)
    return int(re.search(r"#(\d+)", paid.text).group(1))


async def deliver(number: int, customer: Person, staff: Person, rider: Person,
                  menu: bool) -> None:
    desk = staff.second_view()
    await desk.wait_for(f"New order #{number}", timeout=WAIT_S)
    await staff.send(f"/approve {number}")
    await answered(desk, f"Order #{number} approved", number, Status.APPROVED)
    if menu:
        await staff.send(f"/preparing {number}")
        await answered(desk, f"Order #{number}: preparing", number, Status.PREPARING)
        await staff.send(f"/ready {number}")
        await answered(desk, f"Order #{number} is ready", number, Status.READY)
    job = rider.second_view()
    await rider.send(f"/accept {number}")
    await answered(job, f"Order #{number} is yours", number, Status.ASSIGNED)
    assigned = await customer.wait_for("Delivery code:", timeout=WAIT_S)
    code = re.search(r"Delivery code: (?:<b>)?(\d{4})", assigned.text).group(1)
    await rider.send(f"/pickup {number}")
    await answered(job, f"Order #{number} picked up", number, Status.PICKED_UP)
    await rider.send(f"/deliver {number} {code}")
    await answered(job, f"Order #{number} delivered", number, Status.DELIVERED)
    delivered = await customer.wait_for("Please confirm", timeout=WAIT_S)
    await customer.press("✅ Confirm receipt", message=delivered, timeout=WAIT_S)
    await answered(customer, f"Order #{number} is completed", number,
                   Status.COMPLETED)


async def customer_loop(index: int, customer: Person, staff: Person, rider: Person,
                        emu: BotApiEmulator, tally: Tally, stop: asyncio.Event) -> None:
    menu = index % 2 == 1
    while not stop.is_set():
        tally.begun += 1
        try:
            number = await (coffee(customer) if menu else parcel(customer))
            await deliver(number, customer, staff, rider, menu)
            tally.completed.append(number)
        except (AssertionError, TimeoutError) as error:
            lines = str(error).splitlines()
            tally.stuck.append(f"{customer.name}: {type(error).__name__}: "
                               + " | ".join(line[:200] for line in lines[:6]))
            return
        menu = not menu


async def recovered(engine, restarted: datetime) -> None:
    """Until nothing that was waiting at the restart still waits: updates stored before it
    unfinished, alerts queued before it unsent."""
    while True:
        async with engine.connect() as conn:
            updates = (await conn.execute(select(func.count()).select_from(inbox).where(
                inbox.c.done_at.is_(None), inbox.c.received_at <= restarted))).scalar_one()
            alerts = (await conn.execute(select(func.count()).select_from(outbox).where(
                outbox.c.state == Delivery.PENDING, outbox.c.created_at <= restarted))
            ).scalar_one()
        if not updates and not alerts:
            return
        await asyncio.sleep(0.05)


async def killer(bot: Bot, engine, options: Options, tally: Tally, rng: random.Random) -> None:
    for _ in range(options.kills):
        await asyncio.sleep(rng.uniform(1.0, 4.0))
        killed = time.monotonic()
        await bot.kill()
        await bot.start()
        restarted = datetime.now().astimezone()
        began = time.monotonic()
        with contextlib.suppress(TimeoutError):  # counted as the cap: still waiting
            await asyncio.wait_for(recovered(engine, restarted), RECOVERY_CAP_S)
        tally.recoveries.append(time.monotonic() - began)
        tally.outages.append(time.monotonic() - killed)


async def soak(options: Options) -> dict[str, object]:
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite+aiosqlite:///{folder}/soak.db"
        await prepare_database(url)
        async with BotApiEmulator(token=TOKEN, bot_username="soak_bot") as emu:
            bot = Bot(emu, url, options.webhook)
            await bot.start()
            staff = emu.user(STAFF_ID, "Jisoo")
            riders = [emu.user(rider_id, f"Rider{i}") for i, rider_id in enumerate(RIDER_IDS)]
            customers = [emu.user(1000 + i, f"Customer{i}") for i in range(options.customers)]
            first_update = emu.state.updates.last_update_id + 1
            for person in [staff, *riders, *customers]:
                await person.send("/start")
                await person.wait_for("", timeout=WAIT_S)
            engine = create_engine(url)
            tally = Tally()
            stop = asyncio.Event()
            loops = [asyncio.create_task(customer_loop(
                i, c, staff, riders[i % len(riders)], emu, tally, stop))
                for i, c in enumerate(customers)]
            started = time.monotonic()
            await killer(bot, engine, options, tally, rng)
            stop.set()
            await asyncio.gather(*loops)
            seconds = time.monotonic() - started
            await asyncio.sleep(2.0)  # the last alerts
            last_update = emu.state.updates.last_update_id
            people = [staff, *riders, *customers]
            figures = await count(engine, tally, first_update, last_update, people)
            await engine.dispose()
            await bot.stop()
    return {"kills": options.kills, "mode": "webhook" if options.webhook else "polling",
            "database": url.split(":")[0].split("+")[0], "seconds": round(seconds, 1),
            **figures}


async def count(engine, tally: Tally, first_update: int, last_update: int,
                people: Sequence[Person]) -> dict[str, object]:
    async with engine.connect() as conn:
        statuses = dict((await conn.execute(select(orders.c.number, orders.c.status))).all())
        stored = set((await conn.execute(select(inbox.c.update_id).where(
            inbox.c.update_id >= first_update))).scalars())
        timeline = (await conn.execute(select(order_timeline.c.order_number,
                                              order_timeline.c.status))).all()
        charges = (await conn.execute(select(payments.c.order_number))).scalars().all()
    completed = {n for n, status in statuses.items() if status.value == "completed"}
    tally.stuck = [f"{line} [orders not completed: " + ", ".join(
        f"#{n} {status.value}" for n, status in sorted(statuses.items())
        if n not in completed) + "]" for line in tally.stuck]
    lost_orders = len(tally.stuck) + len([n for n in tally.completed if n not in completed])
    twice = sum(n - 1 for n in Counter((o, s) for o, s in timeline).values() if n > 1)
    twice += sum(n - 1 for n in Counter(charges).values() if n > 1)
    duplicates = 0
    for person in people:
        seen = Counter(m.text for m in person.inbox
                       if not m.edited and re.search(r"#\d+", m.text))
        duplicates += sum(n - 1 for n in seen.values() if n > 1)
    recoveries = tally.recoveries
    return {
        "orders begun": tally.begun, "orders completed": len(tally.completed),
        "orders lost": lost_orders, "stuck": tally.stuck,
        "updates sent": last_update - first_update + 1,
        "updates lost": len(set(range(first_update, last_update + 1)) - stored),
        "effects applied twice": twice, "duplicate messages": duplicates,
        "recovery p50 s": rounded(percentile(recoveries, 50), 2),
        "recovery p99 s": rounded(percentile(recoveries, 99), 2),
        "recovery max s": rounded(max(recoveries, default=None), 2),
        "kill to recovered p50 s": rounded(percentile(tally.outages, 50), 2),
        "kill to recovered p99 s": rounded(percentile(tally.outages, 99), 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--customers", type=int, default=6)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--webhook", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    figures = asyncio.run(soak(Options(args.kills, args.customers, args.database_url,
                                       args.webhook, args.seed)))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0 if not figures["orders lost"] and not figures["updates lost"] \
        and not figures["effects applied twice"] else 1


if __name__ == "__main__":
    sys.exit(main())
