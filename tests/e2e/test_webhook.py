"""Webhook mode in one process: Telegram (the emulator) posts updates to the bot's aiohttp
server; the secret is checked, repeats are dropped, bad bodies refused, orders go through."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from bot.runtime import Runtime
from bot.settings import BotMode, Settings
from emulator import BotApiEmulator
from tests.e2e.conftest import STAFF_ID, approve, place_order
from tests.processes import free_port

SECRET = "s3cret-for_tests"
PUBLIC_URL = "https://bot.example.com/telegram"


@pytest.fixture
def webhook_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "bot_mode": BotMode.WEBHOOK, "http_host": "127.0.0.1", "http_port": 0,
        "webhook_url": PUBLIC_URL, "webhook_secret": SECRET})


@pytest.fixture
async def hooked(emu: BotApiEmulator, start_bot, webhook_settings) -> Runtime:
    runtime = await start_bot(webhook_settings)
    emu.route_webhook([url_of(runtime, "/telegram")])
    return runtime


def url_of(runtime: Runtime, path: str) -> str:
    assert runtime.web is not None
    return f"http://127.0.0.1:{runtime.web.port}{path}"


def text_update(update_id: int, user_id: int, text: str) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Poster"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "from": user, "text": text,
        "chat": {"id": user_id, "type": "private", "first_name": "Poster"}}}


async def post(runtime: Runtime, body: bytes | dict, secret: str | None = SECRET
               ) -> tuple[int, str]:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    async with aiohttp.ClientSession() as session, session.post(
            url_of(runtime, "/telegram"), data=data, headers=headers) as response:
        return response.status, await response.text()


async def test_the_bot_registers_its_webhook_with_the_secret(emu, hooked):
    assert emu.state.webhook_url == PUBLIC_URL
    assert emu.state.webhook_secret == SECRET
    assert not emu.calls_to("getUpdates")


async def test_an_order_is_placed_and_approved_through_the_webhook(emu, hooked):
    customer, staff = emu.user(1001, "Minji"), emu.user(STAFF_ID, "Jisoo")
    for person in (customer, staff):
        await person.send("/start")
        await person.wait_for("Hello")
    number = await place_order(customer)
    await staff.wait_for(f"New order #{number}")
    await approve(staff, number)
    await customer.wait_for(f"Order #{number} approved")
    posted = {a.update_id for a in emu.webhook_attempts if a.status == 200}
    assert len(posted) >= 10  # every step of the wizard came by webhook


async def test_a_post_without_the_right_secret_is_refused_and_not_handled(emu, hooked):
    stranger = emu.user(1009, "Poster", started=True)
    assert (await post(hooked, text_update(900_001, stranger.id, "/start"), None))[0] == 403
    assert (await post(hooked, text_update(900_002, stranger.id, "/start"), "wrong"))[0] \
        == 403
    await stranger.expect_nothing(within=1.0)
    assert stranger.inbox == []


async def test_an_update_delivered_twice_is_handled_once(emu, hooked):
    poster = emu.user(1010, "Poster", started=True)
    update = text_update(900_010, poster.id, "/help")
    first, second = await asyncio.gather(post(hooked, update), post(hooked, update))
    assert (first[0], second[0]) == (200, 200)
    await poster.wait_for("/order")
    await poster.expect_nothing(within=1.0)
    assert len(poster.inbox) == 1
    metrics = await get_text(hooked, "/metrics")
    assert 'ppalli_updates_total{kind="command",outcome="duplicate"} 1.0' in metrics


@pytest.mark.parametrize("body, status", [
    (b"not json at all", 400),
    (b"[1, 2, 3]", 400),
    (b'{"update_id": "seven"}', 400),
    (b"{" + b" " * (2 << 20) + b"}", 413),
    # An update, of fields it cannot read: kept and acknowledged (test_odd_updates.py), so
    # Telegram does not hold back the updates after it.
    (b'{"update_id": 5, "message": {"chat": "nonsense"}}', 200),
])
async def test_a_body_that_is_no_update_gets_a_4xx_and_the_server_carries_on(hooked, body,
                                                                             status):
    assert (await post(hooked, body))[0] == status
    assert await get_text(hooked, "/healthz")


async def get_text(runtime: Runtime, path: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(url_of(runtime, path)) as answer:
        assert answer.status == 200, await answer.text()
        return await answer.text()


async def test_telegrams_first_post_after_set_webhook_finds_the_server_listening(
    emu: BotApiEmulator, start_bot, webhook_settings
):
    """Telegram posts what is waiting as soon as setWebhook names the URL: the bot's server
    must be listening (and ready) by then, not refuse the connection."""
    port = free_port()
    emu.route_webhook([f"http://127.0.0.1:{port}/telegram"])  # the public URL, before the bot
    customer = emu.user(1001, "Minji")
    await customer.send("/help")  # waits at Telegram until a webhook is set
    await start_bot(webhook_settings.model_copy(update={"http_port": port}))
    await customer.wait_for("/order")
    assert [attempt.status for attempt in emu.webhook_attempts] == [200]
