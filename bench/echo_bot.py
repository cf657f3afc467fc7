"""The ceiling the project is measured against: a bare python-telegram-bot echo bot.

    python -m bench.echo_bot TOKEN BASE_URL

No database and no logic. It answers every message with one message (its text, or "ok"),
carrying one inline button so the load can press something, and every button press with
answerCallbackQuery. It polls like the project does (long polling, `poll_interval=0`) and
runs updates concurrently with the same limit, so the difference in a benchmark is what the
project adds, not how updates are fetched.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

CONCURRENT_UPDATES = 64  # the project's PerChatUpdateProcessor default
BUTTON = InlineKeyboardMarkup([[InlineKeyboardButton("again", callback_data="again")]])


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    await message.reply_text(message.text or "ok", reply_markup=BUTTON)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer()


async def run(token: str, base_url: str) -> None:
    app = (Application.builder().token(token).base_url(base_url)
           .concurrent_updates(CONCURRENT_UPDATES).build())
    app.add_handler(MessageHandler(filters.ALL, echo))
    app.add_handler(CallbackQueryHandler(answer))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10,
                                        allowed_updates=Update.ALL_TYPES)
        print("echo bot is running", file=sys.stderr, flush=True)
        await stop.wait()
        await app.updater.stop()
        await app.stop()


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2]))
