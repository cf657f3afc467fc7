"""Broadcast benchmark: one announcement to thousands of emulated customers, under a flood limit.

    python -m bench.broadcast [--customers 5000] [--ceiling 30] [--rate 29]
                              [--alerts-every 0.25] [--alert-orders 20]
                              [--database-url URL|env] [--json]

The Bot API emulator refuses (429) anything over `--ceiling` messages in any trailing second;
the bot is configured to send `--rate` a second. Two runs, each on a fresh database:

- the broadcast alone: its rate as a share of the ceiling;
- the broadcast while placed orders are approved one by one: the time from each status change
  to the emulator receiving the customer's alert, and the rate again (the alerts, which go
  first, and their order cards take their share of the same ceiling).

Both report the 429 answers provoked, the busiest second and copies per customer.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from bench.databases import prepare_database, resolve_url
from bench.figures import percentile, report, rounded
from bot.logs import configure_logging
from bot.runtime import Runtime
from bot.settings import Settings
from domain.broadcasts.model import Audience
from domain.orders.alerts import alerts_for
from domain.orders.model import Actor, Order, Parcel, PaymentMethod, Place, Role, Size
from domain.people.model import Person, User
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.shared.clock import SystemClock
from emulator import ApiCall, BotApiEmulator, FloodLimits

TOKEN = "123456:BENCH-TOKEN"
ADMIN = Person(1, "Desk")
FIRST_CUSTOMER_ID = 10_001
USER_BATCH = 1000
PARCEL = Parcel(Size.SMALL, 1.5, Place("12 Sejong-daero"), Place("34 Teheran-ro"), "010-1234-5678")
ANNOUNCEMENT = "Benchmark announcement: we open an hour early tomorrow."
BROADCAST_MARK = "📢"  # how every rendered announcement starts (views: broadcast.message)
MESSAGE_METHODS = frozenset({"sendMessage", "editMessageText"})
POLL_S = 0.1
QUIET_S = 1.1  # lets the emulator's trailing windows empty before measuring

RATE_TARGET_PERCENT = 95.0
P50_TARGET_MS = 20.0
P99_TARGET_MS = 100.0


@dataclass(frozen=True)
class Options:
    """What to run: the load, the limits and where the data lives."""

    customers: int = 5000
    ceiling: int = 30
    rate: float = 29.0
    alerts_every: float = 0.25
    alert_orders: int = 20
    database_url: str | None = None  # None: a fresh SQLite file; "env": $TEST_DATABASE_URL


@dataclass(frozen=True)
class Change:
    """One order approved during the broadcast: whose it was and when its commit was done."""

    number: int
    customer_id: int
    at: float


@dataclass
class Report:
    """What one run measured."""

    customers: int
    ceiling: int
    rate: float
    database: str
    delivered: int
    duration_s: float
    achieved_rate: float
    total_rate: float
    rate_limited: int
    worst_second: int
    duplicates: int
    missing: int
    latencies_ms: list[float]
    peak_rss_mb: float
    settled: bool

    @property
    def share_of_ceiling(self) -> float:
        """The achieved broadcast rate as a percentage of the emulator's ceiling."""
        return 100.0 * self.achieved_rate / self.ceiling

    def latency(self, percent: float) -> float | None:
        """Nearest-rank percentile of the alert latencies, in ms (None without samples)."""
        return percentile(self.latencies_ms, percent)

    def summary(self) -> dict[str, object]:
        """Every figure, by name, in the order the table shows them."""
        return {
            "database": self.database,
            "customers": self.customers,
            "ceiling_per_s": self.ceiling,
            "configured_rate_per_s": self.rate,
            "broadcast_delivered": self.delivered,
            "broadcast_settled": self.settled,
            "duration_s": round(self.duration_s, 2),
            "achieved_rate_per_s": round(self.achieved_rate, 2),
            "share_of_ceiling_pct": round(self.share_of_ceiling, 1),
            "all_sends_rate_per_s": round(self.total_rate, 2),
            "all_sends_share_pct": round(100.0 * self.total_rate / self.ceiling, 1),
            "answers_429": self.rate_limited,
            "worst_second_messages": self.worst_second,
            "duplicates": self.duplicates,
            "missing": self.missing,
            "alert_samples": len(self.latencies_ms),
            **{f"alert_{name}_ms": rounded(self.latency(percent))
               for name, percent in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))},
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }



@dataclass(frozen=True)
class Results:
    """The two runs: the broadcast alone, and the broadcast while alerts are sent."""

    alone: Report
    with_alerts: Report

    def runs(self) -> dict[str, Report]:
        return {"broadcast alone": self.alone, "with alerts": self.with_alerts}

    def targets(self) -> dict[str, bool | None]:
        """Each target and whether it was met (None: does not apply to these runs)."""
        p50, p99 = self.with_alerts.latency(50), self.with_alerts.latency(99)
        both = self.runs().values()
        under_ceiling = self.alone.rate < self.alone.ceiling
        return {
            f"broadcast alone >= {RATE_TARGET_PERCENT:g}% of the ceiling":
                self.alone.share_of_ceiling >= RATE_TARGET_PERCENT,
            "no 429 answers while the configured rate is under the ceiling":
                all(run.rate_limited == 0 for run in both) if under_ceiling else None,
            f"alert latency p50 < {P50_TARGET_MS:g} ms": p50 is not None and p50 < P50_TARGET_MS,
            f"alert latency p99 < {P99_TARGET_MS:g} ms": p99 is not None and p99 < P99_TARGET_MS,
            "every customer got exactly one copy":
                all(run.duplicates == 0 and run.missing == 0 for run in both),
        }


async def seed(url: str, emu: BotApiEmulator, options: Options) -> dict[int, int]:
    """Customers in the database and the emulator, and placed orders for the first few of them;
    returns order number -> customer id."""
    clock = SystemClock()
    customer_ids = customer_range(options.customers)
    emu.user(ADMIN.user_id, ADMIN.name, started=True)
    for customer_id in customer_ids:
        emu.user(customer_id, f"Customer {customer_id}", started=True)
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        for start in range(0, len(customer_ids), USER_BATCH):
            async with SqlUnitOfWork(sessions) as uow:
                for customer_id in customer_ids[start:start + USER_BATCH]:
                    await uow.users.add(User(customer_id, f"Customer {customer_id}", clock.now()))
                await uow.commit()
        orders: dict[int, int] = {}
        async with SqlUnitOfWork(sessions) as uow:
            uow.route = partial(alerts_for, store_chat_ids=(ADMIN.user_id,))
            for customer_id in customer_ids[:options.alert_orders]:
                customer = Actor(Role.CUSTOMER, customer_id, f"Customer {customer_id}")
                number = await uow.orders.next_number()
                await uow.orders.add(Order.place(number, customer, PARCEL, PaymentMethod.CASH,
                                                 4000, clock.now()))
                orders[number] = customer_id
            await uow.commit()
    finally:
        await engine.dispose()
    return orders


def customer_range(count: int) -> range:
    """The customers' user ids."""
    return range(FIRST_CUSTOMER_ID, FIRST_CUSTOMER_ID + count)


async def wait_until_settled(runtime: Runtime, broadcast_id: int | None, within: float) -> bool:
    """Wait until no outbox row (of the broadcast, if given) is pending; False if `within`
    seconds pass first."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        async with runtime.new_uow() as uow:
            if (await uow.outbox.counts(broadcast_id)).pending == 0:
                return True
        await asyncio.sleep(POLL_S)
    return False


async def start_broadcast(runtime: Runtime) -> int:
    """Prepare and confirm an announcement to every customer, as the admin would; its id."""
    progress = await runtime.app.bot.send_message(ADMIN.user_id, "Broadcast benchmark")
    broadcasting = runtime.services.broadcasts
    broadcast, _ = await broadcasting.prepare(ADMIN, Audience.CUSTOMERS, ANNOUNCEMENT)
    assert broadcast.id is not None
    await broadcasting.confirm(ADMIN, broadcast.id, ADMIN.user_id, progress.message_id)
    return broadcast.id


async def approve_while_sending(
    runtime: Runtime, orders: dict[int, int], every: float, done: asyncio.Event
) -> list[Change]:
    """Every `every` seconds approve the next placed order, until none is left or it is done."""
    changes = []
    for number, customer_id in orders.items():
        try:
            await asyncio.wait_for(done.wait(), every)
            break
        except TimeoutError:
            pass
        await runtime.services.orders.approve(number, ADMIN)
        changes.append(Change(number, customer_id, time.monotonic()))
    return changes


def alert_latencies(
    calls: Sequence[ApiCall], changes: Sequence[Change], until: float
) -> list[float]:
    """Milliseconds from each change made before `until` to its alert reaching the emulator."""
    alerts = [call for call in calls
              if call.method == "sendMessage" and call.outcome == 200
              and " approved" in str(call.params.get("text", ""))]
    latencies = []
    for change in changes:
        if change.at > until:
            continue
        needle = f"#{change.number} approved"
        for call in alerts:
            if int(call.params["chat_id"]) == change.customer_id and needle in call.params["text"]:
                latencies.append((call.at - change.at) * 1000.0)
                break
    return latencies


def worst_second(times: Sequence[float]) -> int:
    """The most calls in any trailing one-second window (as the emulator counts them)."""
    ordered = sorted(times)
    worst, first = 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] <= at - 1.0:
            first += 1
        worst = max(worst, last - first + 1)
    return worst


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def analyse(
    emu: BotApiEmulator,
    options: Options,
    database: str,
    confirmed_at: float,
    changes: Sequence[Change],
    settled: bool,
) -> Report:
    """Turn the emulator's call log into the report."""
    calls = list(emu.calls)
    delivered = [call for call in calls if call.method in MESSAGE_METHODS and call.outcome == 200]
    customers = customer_range(options.customers)
    # The admin's final report starts with the same mark: only customers' chats count.
    copies = [call for call in delivered if call.method == "sendMessage"
              and int(call.params["chat_id"]) in customers
              and str(call.params.get("text", "")).startswith(BROADCAST_MARK)]
    per_customer = Counter(int(call.params["chat_id"]) for call in copies)
    first, last = (copies[0].at, copies[-1].at) if copies else (confirmed_at, confirmed_at)
    span = last - first
    return Report(
        customers=options.customers,
        ceiling=options.ceiling,
        rate=options.rate,
        database=database,
        delivered=len(copies),
        duration_s=last - confirmed_at,
        achieved_rate=(len(copies) - 1) / span if span > 0 else 0.0,
        total_rate=(sum(1 for call in delivered if first <= call.at <= last) - 1) / span
        if span > 0 else 0.0,
        rate_limited=emu.stats.rate_limited,
        worst_second=worst_second([call.at for call in delivered]),
        duplicates=sum(1 for count in per_customer.values() if count > 1),
        missing=sum(1 for customer_id in customers if customer_id not in per_customer),
        latencies_ms=alert_latencies(calls, changes, until=last),
        peak_rss_mb=peak_rss_mb(),
        settled=settled,
    )


async def run_benchmark(options: Options) -> Results:
    """The broadcast alone, then with alerts, each on a fresh database and emulator."""
    alone = await run_once(replace(options, alert_orders=0))
    return Results(alone, await run_once(options))


async def run_once(options: Options) -> Report:
    """Set up, broadcast while approving orders (if any), wait for the end, and measure."""
    with tempfile.TemporaryDirectory(prefix="ppalli-bench-") as folder:
        url = resolve_url(options.database_url, folder)
        await prepare_database(url)
        flood = FloodLimits(global_per_second=options.ceiling)
        async with BotApiEmulator(token=TOKEN, flood_limits=flood) as emu:
            orders = await seed(url, emu, options)
            settings = Settings(
                _env_file=None,
                telegram_bot_token=emu.token,
                telegram_api_url=emu.base_url,
                database_url=url,
                admin_ids=frozenset({ADMIN.user_id}),
                send_rate_per_second=options.rate,
                log_level="WARNING",
            )
            runtime = Runtime(settings, take_updates=False)
            await runtime.start()
            try:
                if not await wait_until_settled(runtime, None, options.alert_orders * 1.5 + 30):
                    raise RuntimeError("the alerts of the placed orders were never all sent")
                await asyncio.sleep(QUIET_S)
                confirmed_at = time.monotonic()
                broadcast_id = await start_broadcast(runtime)
                done = asyncio.Event()
                approving = asyncio.create_task(
                    approve_while_sending(runtime, orders, options.alerts_every, done))
                timeout = options.customers / options.rate * 2 + 30
                settled = await wait_until_settled(runtime, broadcast_id, timeout)
                done.set()
                changes = await approving
                await wait_until_settled(runtime, None, 10)  # the last alerts and the report
            finally:
                await runtime.stop()
            return analyse(emu, options, runtime.engine.dialect.name, confirmed_at, changes,
                           settled)


def render(results: Results, as_json: bool = False) -> str:
    """The figures, a column per run, then the targets (or one JSON object)."""
    return report({title: run.summary() for title, run in results.runs().items()},
                  results.targets(), as_json)


def parse_args(argv: Sequence[str] | None) -> tuple[Options, bool]:
    """The command line as Options, and whether to print JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--ceiling", type=int, default=30,
                        help="the emulator's global limit, messages per second")
    parser.add_argument("--rate", type=float, default=29.0,
                        help="the bot's SEND_RATE_PER_SECOND")
    parser.add_argument("--alerts-every", type=float, default=0.25,
                        help="seconds between status changes during the broadcast")
    parser.add_argument("--alert-orders", type=int, default=20,
                        help="placed orders to approve during the second run's broadcast "
                             "(one per customer)")
    parser.add_argument("--database-url", default=None,
                        help="emptied first; default: a fresh SQLite file; "
                             "'env': $TEST_DATABASE_URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.customers < 1 or not 0 <= args.alert_orders <= args.customers:
        parser.error("need at least one customer, and no more alert orders than customers")
    options = Options(customers=args.customers, ceiling=args.ceiling, rate=args.rate,
                      alerts_every=args.alerts_every, alert_orders=args.alert_orders,
                      database_url=args.database_url)
    return options, args.json


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; 0 even when a target is missed."""
    options, as_json = parse_args(argv)
    configure_logging("WARNING", TOKEN)
    results = asyncio.run(run_benchmark(options))
    print(render(results, as_json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
