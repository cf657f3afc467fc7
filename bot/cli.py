"""The `ppalli` command: run, webhook, worker, migrate, demo."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys

from pydantic import ValidationError

from bot.logs import configure_logging, redact_output
from bot.settings import BotMode, Settings

log = logging.getLogger("ppalli")


def main(argv: list[str] | None = None) -> int:
    # Before anything can print: the token as the environment gives it never reaches the
    # terminal or the logs (the settings' own secrets, .env's included, are added below).
    redact_output([os.environ.get("TELEGRAM_BOT_TOKEN")])
    parser = argparse.ArgumentParser(prog="ppalli", description="Telegram delivery bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling, or BOT_MODE=webhook)")
    webhook = commands.add_parser(
        "webhook", help="run the bot as a webhook server (BOT_MODE=webhook); replicas may share "
                        "one PostgreSQL database")
    for command in (run, webhook):
        command.add_argument("--no-migrate", action="store_true",
                             help="do not bring the database schema up to date first")
        command.add_argument("--no-set-webhook", action="store_true",
                             help="webhook mode: do not register WEBHOOK_URL with Telegram")
    worker = commands.add_parser(
        "worker", help="send alerts and broadcasts and run the scheduler, without taking updates")
    worker.add_argument("--no-migrate", action="store_true",
                        help="do not bring the database schema up to date first")
    commands.add_parser("migrate", help="bring the database schema to the latest migration")
    demo = commands.add_parser(
        "demo", help="a full order, offline, against the built-in Bot API emulator")
    demo.add_argument("--menu", action="store_true",
                      help="the example coffee shop: a latte paid in Telegram Stars")
    demo.add_argument("--lang", choices=("en", "ko"), default="en",
                      help="the language the demo's people speak (default: en)")
    args = parser.parse_args(argv)

    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(menu=args.menu, lang=args.lang))
    try:
        settings = Settings(bot_mode=BotMode.WEBHOOK) if args.command == "webhook" else Settings()
    except ValidationError as error:
        first = error.errors()[0]
        where = f"setting {str(first['loc'][0]).upper()}" if first["loc"] else "settings"
        print(f"error: {where}: {first['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return 2
    redact_output([settings.telegram_bot_token, settings.webhook_secret, settings.api_token,
                   settings.payment_provider_token])
    configure_logging(settings.log_level, settings.telegram_bot_token, settings.log_format,
                      (settings.webhook_secret, settings.api_token,
                       settings.payment_provider_token))
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
                            take_updates=args.command != "worker",
                            set_webhook=not getattr(args, "no_set_webhook", False)))


async def _run(settings: Settings, migrate: bool, take_updates: bool, set_webhook: bool) -> int:
    from bot.migrations import upgrade
    from bot.runtime import Runtime

    if migrate:
        await upgrade(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with Runtime(settings, take_updates=take_updates, set_webhook=set_webhook) as runtime:
        what = "worker" if not take_updates else f"bot ({settings.bot_mode.value})"
        where = f" on port {runtime.web.port}" if runtime.web is not None else ""
        log.info("ppalli %s is running%s; Ctrl+C or SIGTERM stops it", what, where)
        await stop.wait()
        log.info("stopping: finishing the updates in hand")
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
