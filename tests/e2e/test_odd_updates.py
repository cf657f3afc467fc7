"""Updates of every shape Telegram sends (tests/payloads/), through polling and through the
webhook: the bot says nothing where silence is right (it answers only the customer, Minji,
whose own private messages some payloads are), remembers no one else, logs no error, and
answers the next message as usual. One it cannot read at all is kept, set aside
once with its raw text in the log, and the updates after it flow."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from bot.settings import BotMode, Settings
from domain.persistence.tables import inbox, users
from emulator import BotApiEmulator
from tests.processes import free_port

PAYLOADS = sorted((Path(__file__).parent.parent / "payloads").glob("*.json"))
SECRET = "odd-updates-secret"
UNREADABLE = {"message_id": 5, "text": "a message with no chat and no date"}
SENDING = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendInvoice",
           "sendChatAction", "setMessageReaction")  # calls that show something in a chat


@pytest.fixture(params=["polling", "webhook"])
async def running(request, emu: BotApiEmulator, start_bot, settings: Settings) -> Runtime:
    if request.param == "polling":
        return await start_bot()
    port = free_port()
    emu.route_webhook([f"http://127.0.0.1:{port}/telegram"])
    return await start_bot(settings.model_copy(update={
        "bot_mode": BotMode.WEBHOOK, "http_host": "127.0.0.1", "http_port": port,
        "webhook_url": "https://bot.example.com/telegram", "webhook_secret": SECRET}))


def update_of(path: Path) -> tuple[str, dict]:
    data = json.loads(path.read_text())
    [kind] = [key for key in data if key != "update_id"]
    return kind, data[kind]


async def remembered(runtime: Runtime) -> set[int]:
    async with runtime.engine.connect() as conn:
        return set((await conn.execute(select(users.c.user_id))).scalars())


def test_there_is_a_payload_for_every_kind_of_update_the_bot_leaves_alone():
    from telegram import Update

    from handlers.gate import HEARD

    kinds = {update_of(path)[0] for path in PAYLOADS}
    assert set(Update.ALL_TYPES) - set(HEARD) - {"guest_message", "managed_bot"} <= kinds


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda path: path.stem)
async def test_the_bot_keeps_quiet_and_carries_on(
    emu: BotApiEmulator, running: Runtime, payload: Path, caplog
):
    customer = emu.user(1001, "Minji", started=True)
    kind, body = update_of(payload)
    calls_before = len(emu.calls)
    with caplog.at_level(logging.WARNING):
        pushed = emu.push_update(kind, copy.deepcopy(body))
        assert pushed is not None, f"{kind} not asked for"
        await customer.send("/help")
        await customer.wait_for("place a delivery order")  # the answer to /help, in English
    answered = {str(call.params.get("chat_id")) for call in emu.calls[calls_before:]
                if call.method in SENDING}
    assert answered == {str(customer.id)}, f"the bot spoke in {answered} after {payload.stem}"
    assert await remembered(running) == {customer.id}  # no one else became a customer
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], payload.stem


async def test_an_update_the_bot_cannot_read_is_set_aside_once_and_later_ones_flow(
    emu: BotApiEmulator, running: Runtime, caplog
):
    customer = emu.user(1001, "Minji")
    odd = emu.push_update("message", UNREADABLE)
    assert odd is not None
    with caplog.at_level(logging.ERROR, logger="bot.inbox_worker"):
        await customer.send("/help")
        await customer.wait_for("/order")
    # Its lane is not the customer's, so it may finish a moment after the answer to /help.
    for _ in range(100):
        async with running.engine.connect() as conn:
            row = (await conn.execute(
                select(inbox).where(inbox.c.update_id == odd["update_id"]))).one()
        if row.done_at is not None:
            break
        await asyncio.sleep(0.05)
    assert row.done_at is not None and row.attempts == 1  # read once, not retried
    assert any("no chat and no date" in record.getMessage() for record in caplog.records)
    tried = [a.status for a in emu.webhook_attempts if a.update_id == odd["update_id"]]
    assert tried in ([], [200])  # by webhook: acknowledged, not refused for a retry
