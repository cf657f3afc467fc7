"""Updates of shapes the bot cannot read, as Telegram may send them (a newer Bot API, a
field it never saw): each is kept, set aside once with its raw text in the log, and the
updates after it flow. Polling here; the webhook's case is in test_webhook.py."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.runtime import Runtime
from domain.persistence.tables import inbox
from emulator import BotApiEmulator

UNREADABLE = {"message_id": 5, "text": "a message with no chat and no date"}


async def inbox_row(runtime: Runtime, update_id: int):
    async with runtime.engine.connect() as conn:
        return (await conn.execute(select(inbox).where(inbox.c.update_id == update_id))).one()


async def test_an_update_the_bot_cannot_read_is_set_aside_once_and_later_ones_flow(
    emu: BotApiEmulator, bot: Runtime, caplog
):
    customer = emu.user(1001, "Minji")
    odd = emu.push_update("message", UNREADABLE)
    assert odd is not None
    with caplog.at_level(logging.ERROR, logger="bot.inbox_worker"):
        await customer.send("/help")
        await customer.wait_for("/order")
    row = await inbox_row(bot, odd["update_id"])
    assert row.done_at is not None and row.attempts == 1  # read once, not retried
    assert any("no chat and no date" in record.getMessage() for record in caplog.records)
