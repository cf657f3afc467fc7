"""The real python-telegram-bot Application talking to the emulator over HTTP."""

import datetime as dtm
import html
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from emulator import BotApiEmulator


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Small", callback_data="size:small"),
                InlineKeyboardButton("Large", callback_data="size:large"),
            ],
            [InlineKeyboardButton("Website", url="https://example.com")],
        ]
    )
    await context.bot.send_message(
        update.effective_chat.id, "What size is the parcel?", reply_markup=keyboard
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    said = html.escape(update.message.text)
    await update.message.reply_text(f"<b>You said:</b> {said}", parse_mode="HTML", do_quote=True)


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer(f"Saved {query.data}")
    await query.edit_message_text(f"Size chosen: {query.data.removeprefix('size:')}")


@pytest.fixture
async def app(emu: BotApiEmulator) -> AsyncIterator[Application]:
    application = ApplicationBuilder().token(emu.token).base_url(emu.base_url).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(CallbackQueryHandler(choose))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_command_message_and_button_round_trip(emu: BotApiEmulator, app: Application):
    alice = emu.user(1001, "Alice", language_code="en")

    await alice.send("/start")
    question = await alice.wait_for("What size")
    assert question.button_rows == [["Small", "Large"], ["Website"]]
    assert question.button("Small") == {"text": "Small", "callback_data": "size:small"}

    answer = await alice.press("Large")
    assert answer.text == "Saved size:large"
    assert not answer.show_alert
    edited = await alice.wait_for("Size chosen: large")
    assert edited.edited and edited.message_id == question.message_id
    assert edited.buttons == []

    await alice.send("hello <there>")
    reply = await alice.wait_for("You said")
    assert reply.text == "You said: hello <there>"
    assert reply.entities == [{"type": "bold", "offset": 0, "length": 9}]
    assert reply.raw["reply_to_message"]["text"] == "hello <there>"


async def test_bot_sees_the_emulator_bot_identity(emu: BotApiEmulator, app: Application):
    assert app.bot.username == "ppalli_bot"
    assert app.bot.id == 123456
    assert [call.method for call in emu.calls[:2]] == ["getMe", "deleteWebhook"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_http_errors_surface_as_telegram_errors(emu: BotApiEmulator, app: Application):
    alice = emu.user(1001, "Alice", started=True)
    emu.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as raised:
        await app.bot.send_message(alice.id, "hi")
    assert raised.value.retry_after in (7, dtm.timedelta(seconds=7))

    with pytest.raises(BadRequest, match="Chat not found"):
        await app.bot.send_message(424242, "hi")

    alice.block_bot()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await app.bot.send_message(alice.id, "hi")


async def test_the_bot_moves_and_stops_a_live_location(emu: BotApiEmulator, app: Application):
    alice = emu.user(1001, "Alice", started=True)
    sent = await app.bot.send_location(alice.id, 37.5665, 126.978, live_period=900)
    track = InlineKeyboardMarkup([[InlineKeyboardButton("Track", callback_data="track")]])
    moved = await app.bot.edit_message_live_location(
        alice.id, sent.message_id, latitude=37.4979, longitude=127.0276, heading=120,
        live_period=1800, reply_markup=track)
    assert isinstance(moved, Message) and moved.location is not None
    assert (moved.location.latitude, moved.location.longitude) == (37.4979, 127.0276)
    assert moved.location.heading == 120 and moved.edit_date is not None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await app.bot.edit_message_live_location(
            alice.id, sent.message_id, latitude=37.4979, longitude=127.0276, heading=120,
            reply_markup=track)

    stopped = await app.bot.stop_message_live_location(alice.id, sent.message_id)
    assert isinstance(stopped, Message) and stopped.reply_markup is None
    live = emu.live_location(alice.id, sent.message_id)
    assert (live.stopped, live.edits, live.live_period) == (True, 1, 1800)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await app.bot.edit_message_live_location(alice.id, sent.message_id,
                                                 latitude=37.5, longitude=127.0)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await app.bot.stop_message_live_location(alice.id, sent.message_id)
    assert alice.last is not None and alice.last.edited and alice.last.buttons == []
