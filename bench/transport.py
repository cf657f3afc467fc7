"""Transport benchmark: the CPU one Bot API call costs the bot, over httpx or aiohttp.

    python -m bench.transport [--calls 3000] [--concurrency 16] [--rounds 3] [--json]

python-telegram-bot sends its requests through httpx unless told otherwise; the project
sends them through aiohttp (bot/transport.py). Here the Bot API emulator runs in a child
process, and this process sends `--calls` sendMessage calls, `--concurrency` at a time,
through each backend in turn, `--rounds` times. It prints the median CPU time per call and
calls per second of each, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import time
from collections.abc import Sequence

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

from bench.figures import report, rounded
from bot.transport import AiohttpRequest
from emulator import BotApiEmulator

TOKEN = "123456:BENCH-TRANSPORT"
CHAT = 1001
BACKENDS = {"httpx": HTTPXRequest, "aiohttp": AiohttpRequest}


def serve_emulator(ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """The emulator, in its own process, with one person who started the bot."""
    async def run() -> None:
        async with BotApiEmulator(token=TOKEN, bot_username="bench_bot") as emu:
            emu.user(CHAT, "Customer", started=True)
            ready.put(emu.base_url)
            await asyncio.to_thread(stop.wait)

    asyncio.run(run())


async def one_round(base_url: str, backend: type[BaseRequest], calls: int,
                    concurrency: int) -> tuple[float, float]:
    """CPU milliseconds per call and calls per second, for `calls` sendMessage calls."""
    bot = Bot(TOKEN, base_url=base_url, request=backend(connection_pool_size=256))
    async with bot:
        await bot.send_message(CHAT, "warming up")

        async def sender(count: int) -> None:
            for _ in range(count):
                await bot.send_message(CHAT, "Order <b>#12</b> was approved.",
                                       parse_mode="HTML")

        cpu, wall = time.process_time(), time.monotonic()
        share = calls // concurrency
        await asyncio.gather(*(sender(share) for _ in range(concurrency)))
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    sent = share * concurrency
    return 1000.0 * cpu / sent, sent / wall


def measure(calls: int, concurrency: int, rounds: int) -> dict[str, dict[str, object]]:
    ready: multiprocessing.Queue = multiprocessing.Queue()
    stop = multiprocessing.Event()
    emulator = multiprocessing.Process(target=serve_emulator, args=(ready, stop), daemon=True)
    emulator.start()
    try:
        base_url = ready.get(timeout=30)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in BACKENDS}
        for _ in range(rounds):  # alternating, so a slow spell of the machine hits both
            for name, backend in BACKENDS.items():
                results[name].append(asyncio.run(one_round(base_url, backend, calls,
                                                           concurrency)))
    finally:
        stop.set()
        emulator.join(10)
    columns = {name: {"CPU ms per call (median)": rounded(statistics.median(c for c, _ in runs), 2),
                      "calls per second (median)": rounded(statistics.median(r for _, r in runs)),
                      "rounds": len(runs)}
               for name, runs in results.items()}
    ratio = (statistics.median(c for c, _ in results["httpx"])
             / statistics.median(c for c, _ in results["aiohttp"]))
    columns["aiohttp"]["CPU per call, httpx / aiohttp"] = rounded(ratio, 2)
    return columns


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.transport", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    columns = measure(args.calls, args.concurrency, args.rounds)
    print(report(columns, {}, args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
