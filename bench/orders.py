"""Order benchmark: the whole chat path of the project against a bare echo bot's ceiling.

    python -m bench.orders [--customers 200] [--riders 20] [--small 1000] [--large 100000]
                           [--large-customers 10000] [--large-open 2000] [--rounds 1]
                           [--no-postgres] [--json]

Every bot runs in its own process against the Bot API emulator, which runs here with the
simulated people (bench/load.py). In one go:

1. the bare python-telegram-bot echo bot, as fast as it answers: the ceiling;
2. the project on SQLite with `--small` orders stored: the same customers each through the
   whole parcel wizard, approved, delivered and confirmed, as fast as the bot answers;
3. the same again, updates paced at half of the rate step 2 reached: reply latency there;
4. the project with `--large` orders stored (`--large-customers` customers, `--large-open`
   of the orders still open): cost per update against step 2, and peak memory;

then steps 2 to 4 on PostgreSQL when TEST_DATABASE_URL names one (unless --no-postgres).
With `--rounds N`, steps 1 and 2 run N times each and the run with the median updates per
second is reported (this machine is noisy: a run of 600 updates lasts a few seconds).

The bot sends alerts as fast as it can here (SEND_RATE_PER_SECOND and SEND_CHAT_RATE_PER_SECOND
at 1000; the emulator has no flood limits): the benchmark measures the machine, not Telegram's
limits of about 30 messages a second overall and one a second per chat.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.bot_process import BotProcess, own_cpu_seconds
from bench.databases import backend, prepare_database
from bench.figures import percentile, report, rounded
from bench.load import (
    STAFF_ID,
    STEPS_PER_ORDER,
    WIZARD_STEPS,
    Crowd,
    EchoCrowd,
    OrderCrowd,
    Pace,
    Sample,
    people,
    play,
)
from bench.seed import History, seed
from emulator import BotApiEmulator

TOKEN = "123456:BENCH-ORDERS"
# Of the echo bot's updates per second, at full speed.
THROUGHPUT_TARGETS = {"sqlite": 0.5, "postgresql": 0.6}
P99_TARGET_MS = 150.0  # reply latency at half the measured maximum rate
ALERT_P99_TARGET_MS = 250.0  # alert latency at the same rate
RSS_TARGET_MB = 200.0  # with the large history stored
FLAT_TARGET = 0.2  # CPU per update, large history against small
# The calls an order costs, by method (the echo bot's are its own: sendMessage and the answers).
PER_ORDER_METHODS = ("sendMessage", "editMessageText", "answerCallbackQuery", "sendLocation",
                     "editMessageLiveLocation", "stopMessageLiveLocation")


@dataclass(frozen=True)
class Options:
    customers: int = 200
    riders: int = 20
    small: int = 1_000
    large: int = 100_000
    large_customers: int = 10_000
    large_open: int = 2_000
    postgres_url: str | None = None
    rounds: int = 1


@dataclass(frozen=True)
class Run:
    """What one run measured."""

    title: str
    database: str
    stored_orders: int
    updates: int
    completed: int
    seconds: float
    samples: list[Sample]
    bot_cpu_s: float
    bot_peak_rss_mb: float
    driver_cpu_s: float
    api_calls: int  # the bot's Bot API calls during the run, getUpdates left out
    paced_at: float | None = None
    calls_by_method: dict[str, int] = field(default_factory=dict)  # the same, by method

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000.0 * self.bot_cpu_s / self.updates

    def latency_ms(self, kind: str, percent: float, wizard: bool | None = None) -> float | None:
        """A percentile of one kind of sample; of the wizard's steps only (True), or of the
        steps that move an order only (False)."""
        seconds = percentile([s.seconds for s in self.samples if s.kind == kind and (
            wizard is None or (s.step in WIZARD_STEPS) == wizard)], percent)
        return None if seconds is None else 1000.0 * seconds

    def summary(self) -> dict[str, object]:
        return {
            "database": self.database,
            "orders stored before": self.stored_orders,
            "paced at updates/s": rounded(self.paced_at),
            "updates": self.updates,
            "orders completed": self.completed,
            "seconds": rounded(self.seconds, 2),
            "updates/s": rounded(self.updates_per_s),
            "orders/s": rounded(self.completed / self.seconds, 2),
            **{f"reply p{p} ms": rounded(self.latency_ms("reply", p)) for p in (50, 95, 99)},
            "reply p99 ms, wizard steps": rounded(self.latency_ms("reply", 99, wizard=True)),
            "reply p99 ms, order moves": rounded(self.latency_ms("reply", 99, wizard=False)),
            **{f"alert p{p} ms": rounded(self.latency_ms("alert", p)) for p in (50, 95, 99)},
            "Bot API calls/update": rounded(self.api_calls / self.updates, 2),
            **{f"{method} per order": rounded(self.calls_by_method.get(method, 0)
                                              / max(self.completed, 1), 2)
               for method in PER_ORDER_METHODS},
            "bot CPU ms/update": rounded(self.cpu_ms_per_update, 2),
            "bot CPU % (of one core, whole run)": rounded(100.0 * self.bot_cpu_s / self.seconds),
            "bot peak RSS MB": rounded(self.bot_peak_rss_mb),
            "emulator+people CPU %": rounded(100.0 * self.driver_cpu_s / self.seconds),
        }


@dataclass(frozen=True)
class DatabaseRuns:
    fastest: Run
    paced: Run
    large: Run


@dataclass(frozen=True)
class Results:
    echo: Run
    databases: list[DatabaseRuns]

    def runs(self) -> dict[str, Run]:
        found = {"echo bot": self.echo}
        for runs in self.databases:
            for run in (runs.fastest, runs.paced, runs.large):
                found[run.title] = run
        return found

    def targets(self) -> dict[str, bool | None]:
        met: dict[str, bool | None] = {}
        for runs in self.databases:
            name = runs.fastest.database
            share = runs.fastest.updates_per_s / self.echo.updates_per_s
            target = THROUGHPUT_TARGETS[name]
            met[f"{name}: throughput {share:.0%} of the echo bot's "
                f"(target >= {target:.0%})"] = share >= target
            p99 = runs.paced.latency_ms("reply", 99)
            met[f"{name}: reply p99 {p99:.0f} ms at half the maximum rate "
                f"(target < {P99_TARGET_MS:g} ms)"] = p99 is not None and p99 < P99_TARGET_MS
            alert_p99 = runs.paced.latency_ms("alert", 99)
            met[f"{name}: alert p99 {alert_p99:.0f} ms at half the maximum rate "
                f"(target < {ALERT_P99_TARGET_MS:g} ms)"] = (
                    alert_p99 is not None and alert_p99 < ALERT_P99_TARGET_MS)
            rss = runs.large.bot_peak_rss_mb
            met[f"{name}: peak RSS {rss:.0f} MB with {runs.large.stored_orders} orders stored "
                f"(target < {RSS_TARGET_MB:g} MB)"] = rss < RSS_TARGET_MB
            growth = runs.large.cpu_ms_per_update / runs.fastest.cpu_ms_per_update - 1
            met[f"{name}: CPU per update {growth:+.0%} from {runs.fastest.stored_orders} to "
                f"{runs.large.stored_orders} orders stored (target within "
                f"{FLAT_TARGET:.0%})"] = abs(growth) <= FLAT_TARGET
        return met


RUNS = itertools.count()


def project_env(url: str, emu: BotApiEmulator, riders: Sequence[int]) -> dict[str, str]:
    """The project's settings for a run; nothing from the caller's own configuration."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return keep | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.base_url, "DATABASE_URL": url,
        "ADMIN_IDS": str(STAFF_ID), "RIDER_IDS": ",".join(map(str, riders)),
        "SEND_RATE_PER_SECOND": "1000", "SEND_CHAT_RATE_PER_SECOND": "1000",
        "LOG_LEVEL": "WARNING", "SHOP_MODE": "parcel",
        # Each rider takes one job after another as fast as the bot answers.
        "MAX_UPDATES_PER_MINUTE": "1000000",
    }


async def measure(title: str, database: str, stored: int, crowd_type: type[Crowd],
                  options: Options, bot_args: tuple[str, ...], url: str | None = None,
                  pace: float | None = None) -> Run:
    """One run: a fresh emulator and bot process, the people set up, then every order."""
    # Update ids go on from run to run, as Telegram's do: the inbox keeps those it handled.
    first_update_id = 1 + 10_000_000 * next(RUNS)
    async with BotApiEmulator(token=TOKEN, bot_username="bench_bot",
                              first_update_id=first_update_id) as emu:
        customers, staff, riders = people(emu, options.customers, options.riders)
        if url is None:
            env = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
            bot = BotProcess(*bot_args, TOKEN, emu.base_url, env=env)
        else:
            bot = BotProcess(*bot_args, env=project_env(url, emu, [r.id for r in riders]))
        await bot.start(emu)
        crowd = crowd_type(customers, staff, riders, Pace(pace))
        try:
            await crowd.setup()
            bot_cpu, own_cpu = bot.cpu_seconds(), own_cpu_seconds()
            first_call = len(emu.calls)
            seconds = await play(crowd)
            by_method = Counter(call.method for call in emu.calls[first_call:]
                                if call.method.lower() != "getupdates")
            api_calls = sum(by_method.values())
            bot_cpu, own_cpu = bot.cpu_seconds() - bot_cpu, own_cpu_seconds() - own_cpu
            rss = bot.peak_rss_mb()
        finally:
            crowd.close()
            await bot.stop()
    if crowd.updates != STEPS_PER_ORDER * options.customers:
        raise RuntimeError(f"{title}: {crowd.updates} updates for {options.customers} orders")
    return Run(title, database, stored, crowd.updates, crowd.completed, seconds, crowd.samples,
               bot_cpu, rss, own_cpu, api_calls, pace, dict(by_method))


async def median_run(rounds: int, title: str, database: str, stored: int,
                     crowd_type: type[Crowd], options: Options, bot_args: tuple[str, ...],
                     url: str | None = None) -> Run:
    """The run with the median updates per second of `rounds` runs (the lower of the middle
    two for an even number). Each run of the project leaves its orders stored."""
    runs = [await measure(title, database, stored + round_ * options.customers, crowd_type,
                          options, bot_args, url) for round_ in range(rounds)]
    return sorted(runs, key=lambda run: run.updates_per_s)[(rounds - 1) // 2]


async def database_runs(url: str, options: Options) -> DatabaseRuns:
    name = backend(url)
    project = ("bot.cli", "run", "--no-migrate")
    await prepare_database(url)
    await seed(url, History(customers=options.small, completed=options.small, open=0))
    fastest = await median_run(options.rounds, f"{name} {options.small:,} stored", name,
                               options.small, OrderCrowd, options, project, url)
    half = fastest.updates_per_s / 2
    paced = await measure(f"{name} at half rate", name,
                          options.small + options.rounds * options.customers,
                          OrderCrowd, options, project, url, pace=half)
    await prepare_database(url)
    await seed(url, History(customers=options.large_customers,
                            completed=options.large - options.large_open, open=options.large_open))
    large = await measure(f"{name} {options.large:,} stored", name, options.large, OrderCrowd,
                          options, project, url)
    return DatabaseRuns(fastest, paced, large)


async def run_benchmark(options: Options) -> Results:
    echo = await median_run(options.rounds, "echo bot", "-", 0, EchoCrowd, options,
                            ("bench.echo_bot",))
    with tempfile.TemporaryDirectory() as folder:
        urls = [f"sqlite+aiosqlite:///{folder}/bench.db"]
        if options.postgres_url:
            urls.append(options.postgres_url)
        databases = [await database_runs(url, options) for url in urls]
    return Results(echo, databases)


def render(results: Results, as_json: bool = False) -> str:
    """The figures, a column per run, then the targets (or one JSON object)."""
    return report({title: run.summary() for title, run in results.runs().items()},
                  results.targets(), as_json)


def parse_args(argv: Sequence[str] | None) -> tuple[Options, bool]:
    parser = argparse.ArgumentParser(prog="python -m bench.orders", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = Options()
    parser.add_argument("--customers", type=int, default=defaults.customers,
                        help="customers ordering at once, one order each")
    parser.add_argument("--riders", type=int, default=defaults.riders)
    parser.add_argument("--small", type=int, default=defaults.small,
                        help="orders stored before the first runs (all completed)")
    parser.add_argument("--large", type=int, default=defaults.large,
                        help="orders stored before the last run")
    parser.add_argument("--large-customers", type=int, default=defaults.large_customers)
    parser.add_argument("--large-open", type=int, default=defaults.large_open,
                        help="of the large history, orders still waiting for the store")
    parser.add_argument("--rounds", type=int, default=defaults.rounds,
                        help="runs of the echo bot and of each database at full speed; the "
                             "median is reported")
    parser.add_argument("--no-postgres", action="store_true",
                        help="SQLite only, even when TEST_DATABASE_URL is set")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.customers < 1 or args.riders < 1 or not 0 <= args.large_open <= args.large:
        parser.error("need a customer and a rider, and no more open orders than stored ones")
    if args.rounds < 1:
        parser.error("--rounds needs at least 1")
    postgres = None if args.no_postgres else os.environ.get("TEST_DATABASE_URL") or None
    if postgres and backend(postgres) != "postgresql":
        postgres = None
    options = Options(args.customers, args.riders, args.small, args.large, args.large_customers,
                      args.large_open, postgres, args.rounds)
    return options, args.json


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 even when a target is missed (the table says which)."""
    options, as_json = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    results = asyncio.run(run_benchmark(options))
    print(render(results, as_json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
