"""The `ppalli` command: run, migrate, demo."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from pydantic import ValidationError

from bot.logs import configure_logging
from bot.settings import Settings

log = logging.getLogger("ppalli")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ppalli", description="Telegram delivery bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling)")
    run.add_argument("--no-migrate", action="store_true",
                     help="do not bring the database schema up to date first")
    worker = commands.add_parser(
        "worker", help="send alerts and broadcasts and run the scheduler, without taking updates")
    worker.add_argument("--no-migrate", action="store_true",
                        help="do not bring the database schema up to date first")
    commands.add_parser("migrate", help="bring the database schema to the latest migration")
    demo = commands.add_parser(
        "demo", help="a full order, offline, against the built-in Bot API emulator")
    demo.add_argument("--menu", action="store_true",
                      help="the example coffee shop: a latte paid in Telegram Stars")
    args = parser.parse_args(argv)

    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(menu=args.menu))
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        where = f"setting {first['loc'][0]!s}" if first["loc"] else "settings"
        print(f"error: {where}: {first['msg']}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.telegram_bot_token)
    if args.command == "migrate":
        from bot.migrations import upgrade

        asyncio.run(upgrade(settings.database_url))
        print("database schema is up to date")
        return 0
    if not settings.telegram_bot_token:
        print("error: TELEGRAM_BOT_TOKEN is not set (see README); "
              "to try the bot without one, run `ppalli demo`", file=sys.stderr)
        return 2
    return asyncio.run(_run(settings, migrate=not args.no_migrate,
                            take_updates=args.command == "run"))


async def _run(settings: Settings, migrate: bool, take_updates: bool) -> int:
    from bot.migrations import upgrade
    from bot.runtime import Runtime

    if migrate:
        await upgrade(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with Runtime(settings, take_updates=take_updates):
        log.info("ppalli %s is running; Ctrl+C stops it", "bot" if take_updates else "worker")
        await stop.wait()
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
