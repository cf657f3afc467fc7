"""Telegram takes answers to queries for a while only: a pre-checkout query not answered
within 10 s is dropped with its checkout, a callback query answered after about 15 s is too
old. Here the emulator's deadlines are shortened so that nothing sleeps for real seconds."""

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from emulator import CHECKOUT_TIMED_OUT, BotApiEmulator, Person, PreCheckoutAnswer
from emulator.errors import QUERY_TOO_OLD
from tests.emulator.raw_api import TOKEN, RawApi

DEADLINE_S = 0.3
YES = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token=TOKEN, callback_deadline_s=DEADLINE_S,
                              pre_checkout_deadline_s=DEADLINE_S) as running:
        yield running


@pytest.fixture
async def api(emu: BotApiEmulator) -> AsyncIterator[RawApi]:
    async with aiohttp.ClientSession() as session:
        yield RawApi(session, emu)


@pytest.fixture
def alice(emu: BotApiEmulator) -> Person:
    return emu.user(1001, "Alice", started=True)


async def invoice(api: RawApi) -> None:
    await api.result("sendInvoice", chat_id=1001, title="Delivery", description="Order #1",
                     payload="order-1", currency="XTR", prices=[{"label": "Order", "amount": 5}])


async def next_update(api: RawApi) -> dict[str, Any]:
    """The one pending update, confirmed so that the next call sees only newer ones."""
    [update] = await api.result("getUpdates", timeout=1)
    await api.result("getUpdates", offset=update["update_id"] + 1)
    return update


async def answer_checkout(api: RawApi, query_id: str) -> tuple[int, dict[str, Any]]:
    return await api.call("answerPreCheckoutQuery", pre_checkout_query_id=query_id, ok=True)


async def test_the_real_deadlines_are_the_defaults():
    emu = BotApiEmulator()
    assert (emu.state.pre_checkout_deadline_s, emu.state.callback_deadline_s) == (10.0, 15.0)
    with pytest.raises(ValueError, match="more than 0"):
        BotApiEmulator(pre_checkout_deadline_s=0)


async def test_a_checkout_answered_within_the_deadline_is_charged(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    await invoice(api)
    paying = asyncio.create_task(alice.pay(timeout=5))
    query = (await next_update(api))["pre_checkout_query"]
    assert await answer_checkout(api, query["id"]) == (200, {"ok": True, "result": True})
    assert await paying == PreCheckoutAnswer(ok=True)
    assert "successful_payment" in (await next_update(api))["message"]
    assert [payment.total_amount for payment in emu.payments] == [5]


async def test_a_checkout_not_answered_in_time_fails_and_a_late_answer_is_refused(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    await invoice(api)
    started = time.monotonic()
    paying = asyncio.create_task(alice.pay(timeout=5))
    query = (await next_update(api))["pre_checkout_query"]

    answer = await paying  # the person's 5 s wait is cut short by Telegram's deadline
    assert time.monotonic() - started < 2
    assert answer == PreCheckoutAnswer(ok=False, error_message=CHECKOUT_TIMED_OUT)
    assert answer.timed_out
    status, body = await answer_checkout(api, query["id"])
    assert (status, body["description"]) == (400, "Bad Request: QUERY_ID_INVALID")
    assert emu.payments == []
    assert await api.result("getUpdates", timeout=0) == []  # no successful_payment
    assert (await api.result("getStarTransactions"))["transactions"] == []
    assert emu.render_transcript().endswith("Alice  ¤ checkout timed out: Delivery")


async def test_a_checkout_nobody_waits_for_any_more_still_expires(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    await invoice(api)
    paying = asyncio.create_task(alice.pay(timeout=0.05))
    query = (await next_update(api))["pre_checkout_query"]
    with pytest.raises(TimeoutError, match="did not answer the checkout of 'Delivery' within"):
        await paying
    await asyncio.sleep(DEADLINE_S)
    status, body = await answer_checkout(api, query["id"])
    assert (status, body["description"]) == (400, "Bad Request: QUERY_ID_INVALID")
    assert emu.payments == []


async def test_a_press_answered_within_the_deadline_gets_its_answer(
    api: RawApi, alice: Person
):
    await api.result("sendMessage", chat_id=1001, text="Sure?", reply_markup=YES)
    pressing = asyncio.create_task(alice.press("Yes", timeout=5))
    query = (await next_update(api))["callback_query"]
    await api.result("answerCallbackQuery", callback_query_id=query["id"], text="Done")
    assert (await pressing).text == "Done"


async def test_a_late_answer_to_a_press_is_refused_as_too_old(api: RawApi, alice: Person):
    await api.result("sendMessage", chat_id=1001, text="Sure?", reply_markup=YES)
    started = time.monotonic()
    pressing = asyncio.create_task(alice.press("Yes", timeout=5))
    query = (await next_update(api))["callback_query"]

    with pytest.raises(TimeoutError, match=r"Telegram stopped waiting .* press of \[Yes\]"):
        await pressing
    assert time.monotonic() - started < 2
    status, body = await api.call("answerCallbackQuery", callback_query_id=query["id"],
                                  text="Done")
    assert (status, body["description"]) == (400, f"Bad Request: {QUERY_TOO_OLD}")


async def test_a_press_the_person_gave_up_on_is_answerable_until_the_deadline(
    api: RawApi, alice: Person
):
    await api.result("sendMessage", chat_id=1001, text="Sure?", reply_markup=YES)
    await api.result("sendMessage", chat_id=1001, text="Again?", reply_markup=YES)
    pressing = asyncio.create_task(alice.press("Yes", timeout=0.05))
    first = (await next_update(api))["callback_query"]
    with pytest.raises(TimeoutError, match=r"did not answer Alice's press of \[Yes\] within"):
        await pressing
    assert await api.result("answerCallbackQuery", callback_query_id=first["id"]) is True

    pressing = asyncio.create_task(alice.press("Yes", timeout=0.05))
    second = (await next_update(api))["callback_query"]
    with pytest.raises(TimeoutError):
        await pressing
    await asyncio.sleep(DEADLINE_S)
    status, body = await api.call("answerCallbackQuery", callback_query_id=second["id"])
    assert (status, body["description"]) == (400, f"Bad Request: {QUERY_TOO_OLD}")
