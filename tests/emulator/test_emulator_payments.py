"""Payments: refundStarPayment, replayed successful_payment and planned payment errors.

python-telegram-bot turns "Bad Request: CHARGE_NOT_FOUND" into "Charge_not_found", hence the
case-insensitive matches; the raw API tests check the exact descriptions.
"""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from telegram import Bot, LabeledPrice, Message, TransactionPartnerUser, Update
from telegram.error import BadRequest

from emulator import BotApiEmulator, Payment, Person, PreCheckoutAnswer
from tests.emulator.raw_api import RawApi


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    async with Bot(emu.token, base_url=emu.base_url) as running:
        yield running


@pytest.fixture
def alice(emu: BotApiEmulator) -> Person:
    return emu.user(1001, "Alice", started=True)


async def take_updates(bot: Bot) -> list[Update]:
    """The pending updates, confirmed so that the next call sees only newer ones."""
    updates = await bot.get_updates(timeout=1)
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1)
    return list(updates)


async def invoice(bot: Bot, person: Person, currency: str = "XTR", amount: int = 50) -> None:
    token = None if currency == "XTR" else "TEST"
    prices = [LabeledPrice("Delivery", amount)]
    await bot.send_invoice(person.id, "Delivery", "Order #1", "order-1", currency, prices, token)


async def paid(bot: Bot, person: Person, currency: str = "XTR", amount: int = 50) -> Message:
    """Invoice the person, let them pay and approve the checkout; the successful_payment."""
    await invoice(bot, person, currency, amount)
    paying = asyncio.create_task(person.pay())
    [update] = await take_updates(bot)
    assert update.pre_checkout_query is not None
    await update.pre_checkout_query.answer(ok=True)
    assert await paying == PreCheckoutAnswer(ok=True)
    [update] = await take_updates(bot)
    assert update.message is not None and update.message.successful_payment is not None
    return update.message


async def pay(bot: Bot, person: Person, currency: str = "XTR", amount: int = 50) -> str:
    """The charge id of a payment made as ``paid`` makes it."""
    payment = (await paid(bot, person, currency, amount)).successful_payment
    assert payment is not None
    return payment.telegram_payment_charge_id


async def test_payments_are_remembered(emu: BotApiEmulator, bot: Bot, alice: Person):
    charge_id = await pay(bot, alice)
    [payment] = emu.payments
    assert replace(payment, provider_charge_id="") == Payment(
        charge_id=charge_id,
        user_id=1001,
        chat_id=1001,
        currency="XTR",
        total_amount=50,
        payload="order-1",
        provider_charge_id="",
    )


async def test_a_stars_payment_is_refunded_once(emu: BotApiEmulator, bot: Bot, alice: Person):
    charge_id = await pay(bot, alice)
    assert await bot.refund_star_payment(user_id=alice.id, telegram_payment_charge_id=charge_id)
    assert [payment.refunded for payment in emu.payments] == [True]

    with pytest.raises(BadRequest, match=r"(?i)CHARGE_ALREADY_REFUNDED"):
        await bot.refund_star_payment(user_id=alice.id, telegram_payment_charge_id=charge_id)
    assert [call.outcome for call in emu.calls_to("refundStarPayment")] == [200, 400]


async def test_the_refund_reaches_the_bot_as_a_service_message(
    emu: BotApiEmulator, bot: Bot, alice: Person
):
    charge_id = await pay(bot, alice)
    await bot.refund_star_payment(user_id=alice.id, telegram_payment_charge_id=charge_id)

    [update] = await take_updates(bot)
    assert update.message is not None and update.message.chat.id == alice.id
    refunded = update.message.refunded_payment
    assert refunded is not None
    assert (refunded.currency, refunded.total_amount) == ("XTR", 50)
    assert (refunded.invoice_payload, refunded.telegram_payment_charge_id) == ("order-1", charge_id)
    assert emu.render_transcript().splitlines()[-1] == "Bot → Alice (refunded): 50 XTR"


@pytest.mark.parametrize(
    ("charge", "user_id", "description"),
    [
        (None, 1001, "Bad Request: CHARGE_ID_EMPTY"),
        ("", 1001, "Bad Request: CHARGE_ID_EMPTY"),
        ("telegram-404", 1001, "Bad Request: CHARGE_NOT_FOUND"),
        ("paid", 1002, "Bad Request: CHARGE_NOT_FOUND"),
    ],
)
async def test_refunds_need_a_charge_of_that_user(
    api: RawApi,
    emu: BotApiEmulator,
    bot: Bot,
    alice: Person,
    charge: str | None,
    user_id: int,
    description: str,
):
    emu.user(1002, "Bob", started=True)
    charge_id = await pay(bot, alice)
    params: dict[str, object] = {"user_id": user_id}
    if charge is not None:
        params["telegram_payment_charge_id"] = charge_id if charge == "paid" else charge
    status, body = await api.call("refundStarPayment", **params)
    assert (status, body) == (400, {"ok": False, "error_code": 400, "description": description})
    assert not emu.payments[0].refunded


async def test_a_card_payment_is_not_a_star_payment(emu: BotApiEmulator, bot: Bot, alice: Person):
    charge_id = await pay(bot, alice, currency="KRW", amount=5000)
    with pytest.raises(BadRequest, match=r"(?i)CHARGE_NOT_FOUND"):
        await bot.refund_star_payment(user_id=alice.id, telegram_payment_charge_id=charge_id)
    assert not emu.payments[0].refunded


async def test_a_replayed_payment_arrives_again_as_a_new_message(
    emu: BotApiEmulator, bot: Bot, alice: Person
):
    first = await paid(bot, alice)
    await alice.resend_last_payment()

    [update] = await take_updates(bot)
    again = update.message
    assert again is not None and again.message_id > first.message_id
    assert again.successful_payment is not None and first.successful_payment is not None
    assert again.successful_payment.to_dict() == first.successful_payment.to_dict()
    assert len(emu.payments) == 1
    assert "Alice  ¤ payment delivered again 50 XTR" in emu.render_transcript()


async def test_nothing_to_replay_before_a_payment(alice: Person):
    with pytest.raises(LookupError, match="Alice has not paid"):
        await alice.resend_last_payment()


async def test_a_planned_send_invoice_error(emu: BotApiEmulator, bot: Bot, alice: Person):
    emu.fail_next("sendInvoice", 400, "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID")
    with pytest.raises(BadRequest, match=r"(?i)CURRENCY_TOTAL_AMOUNT_INVALID"):
        await invoice(bot, alice)
    assert alice.inbox == []
    await invoice(bot, alice)
    assert [message.invoice is not None for message in alice.inbox] == [True]


async def test_a_planned_refund_error_refunds_nothing(
    api: RawApi, emu: BotApiEmulator, bot: Bot, alice: Person
):
    charge_id = await pay(bot, alice)
    emu.fail_next("refundStarPayment", 500)
    params = {"user_id": alice.id, "telegram_payment_charge_id": charge_id}
    status, body = await api.call("refundStarPayment", **params)
    assert (status, body["description"]) == (500, "Internal Server Error")
    assert not emu.payments[0].refunded
    assert await api.result("refundStarPayment", **params) is True


# --- getStarTransactions ----------------------------------------------------------------------


async def test_a_stars_payment_is_listed_as_an_incoming_transaction_from_the_payer(
    bot: Bot, alice: Person
):
    charge_id = await pay(bot, alice)
    [transaction] = (await bot.get_star_transactions()).transactions
    assert (transaction.id, transaction.amount, transaction.receiver) == (charge_id, 50, None)
    source = transaction.source
    assert isinstance(source, TransactionPartnerUser)
    assert (source.transaction_type, source.user.id, source.invoice_payload) == (
        "invoice_payment", alice.id, "order-1")


async def test_a_refund_is_an_outgoing_transaction_with_the_payments_id(
    bot: Bot, alice: Person
):
    charge_id = await pay(bot, alice)
    await bot.refund_star_payment(user_id=alice.id, telegram_payment_charge_id=charge_id)
    paid, refunded = (await bot.get_star_transactions()).transactions
    assert (paid.id, paid.receiver) == (charge_id, None)
    assert (refunded.id, refunded.amount, refunded.source) == (charge_id, 50, None)
    assert isinstance(refunded.receiver, TransactionPartnerUser)
    assert refunded.receiver.user.id == alice.id


async def test_card_payments_are_no_star_transactions(bot: Bot, alice: Person):
    await pay(bot, alice, currency="KRW", amount=5000)
    assert (await bot.get_star_transactions()).transactions == ()


async def test_star_transactions_come_oldest_first_a_page_at_a_time(
    api: RawApi, bot: Bot, alice: Person
):
    charges = [await pay(bot, alice, amount=amount) for amount in (10, 20, 30)]
    page = await api.result("getStarTransactions", offset=1, limit=1)
    assert [t["id"] for t in page["transactions"]] == charges[1:2]
    everything = await api.result("getStarTransactions")
    assert [t["amount"] for t in everything["transactions"]] == [10, 20, 30]
    clamped = await api.result("getStarTransactions", offset=-5, limit=0)
    assert [t["id"] for t in clamped["transactions"]] == charges[:1]
    assert (await api.result("getStarTransactions", offset=3))["transactions"] == []


async def test_a_payment_whose_update_is_lost_is_charged_but_never_reaches_the_bot(
    emu: BotApiEmulator, bot: Bot, alice: Person
):
    await invoice(bot, alice)
    paying = asyncio.create_task(alice.pay(deliver_update=False))
    [update] = await take_updates(bot)
    assert update.pre_checkout_query is not None
    await update.pre_checkout_query.answer(ok=True)
    assert await paying == PreCheckoutAnswer(ok=True)
    assert await take_updates(bot) == []
    [payment] = emu.payments
    [transaction] = (await bot.get_star_transactions()).transactions
    assert transaction.id == payment.charge_id
    assert await bot.refund_star_payment(alice.id, payment.charge_id)
