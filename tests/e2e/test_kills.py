"""`kill -9` at the worst moments, in polling and webhook mode, on SQLite and PostgreSQL: the
bot runs as its own process against the emulator, is killed, and is started again. Nothing
is lost, nothing is applied twice, and each chat gets at most one duplicate message."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from sqlalchemy import select

from domain.alerts.outbox import Delivery
from domain.persistence.database import create_engine
from domain.persistence.tables import drafts, inbox, orders, outbox, payments
from emulator import BotApiEmulator, Person
from tests.e2e.conftest import RIDER_IDS, STAFF_ID, TOKEN, place_order
from tests.e2e.test_replicas import ready
from tests.processes import BotProcess, free_port

SECRET = "kill-test-secret"
RECOVERY_S = 10.0  # the bound: held work moves on within this after a restart


@pytest.fixture(params=["polling", "webhook"])
def mode(request: pytest.FixtureRequest) -> str:
    return request.param


class KillableBot:
    """`ppalli run` (or `webhook`) as a process that a test kills with SIGKILL and starts
    again on the same database and port."""

    def __init__(self, emu: BotApiEmulator, database_url: str, mode: str) -> None:
        self.emu = emu
        self.mode = mode
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK", "BOT_"))}
        self.env = env | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": database_url, "ADMIN_IDS": str(STAFF_ID),
            "RIDER_IDS": ",".join(map(str, RIDER_IDS)), "LOG_LEVEL": "INFO",
        }
        if mode == "webhook":
            self.env |= {"HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(self.port),
                         "WEBHOOK_URL": "https://bot.example.com/telegram",
                         "WEBHOOK_SECRET": SECRET}
        self.process: BotProcess | None = None
        self.lives = 0

    async def start(self) -> float:
        """Start it and wait until it takes updates; the moment it did."""
        self.lives += 1
        since = time.monotonic()
        command = "webhook" if self.mode == "webhook" else "run"
        self.process = BotProcess(f"life{self.lives}", self.env, command, "--no-migrate")
        await self.process.start()
        if self.mode == "webhook":
            await ready(self.port)
            self.emu.route_webhook([f"http://127.0.0.1:{self.port}/telegram"])
        else:
            await self.emu.wait_for_call(
                lambda c: c.method == "getUpdates" and c.at > since, within_s=30)
        return time.monotonic()

    async def kill(self) -> None:
        assert self.process is not None
        self.process.process.kill()
        await self.process.process.wait()
        await self.process._reader

    async def stop(self) -> None:
        if self.process is not None and self.process.process.returncode is None:
            await self.process.terminate()

    def logs(self) -> str:
        return "".join(self.process.lines[-30:]) if self.process else ""


@pytest.fixture
async def killable(emu, database_url, mode):
    bot = KillableBot(emu, database_url, mode)
    await bot.start()
    yield bot
    await bot.stop()


async def rows(database_url: str, statement):
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(statement)).all()
    finally:
        await engine.dispose()


class Taking:
    """Tells when the bot has acknowledged updates sent from now on: the getUpdates call
    after the batch that brought them (its offset confirms the batch), or the 200 to the
    webhook post. Telegram forgets an update once it is acknowledged, so a process killed
    then must have stored it already."""

    def __init__(self, bot: KillableBot) -> None:
        self.bot = bot
        self.moment = time.monotonic()
        self.posts_before = len(bot.emu.webhook_attempts)

    async def taken(self) -> None:
        emu = self.bot.emu
        if self.bot.mode == "polling":
            batch = await emu.wait_for_call(lambda c: c.method == "getUpdates"
                                            and bool(c.result_count) and c.at > self.moment)
            await emu.wait_for_call(lambda c: c.method == "getUpdates" and c.at > batch.at,
                                    answered=False)
            return
        async with asyncio.timeout(10):
            # The pusher signals nothing; a millisecond's look is as near to "just taken".
            while not any(a.status == 200  # noqa: ASYNC110
                          for a in emu.webhook_attempts[self.posts_before:]):
                await asyncio.sleep(0.001)


async def up_to_payment(customer: Person) -> None:
    """/order, answered up to the payment question."""
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("2.5")
    for question, answer in [("pick it up", "12 Sejong-daero"), ("Where should it go",
                             "Teheran-ro 152"), ("phone number", "010-1234-5678")]:
        await customer.wait_for(question)
        await customer.send(answer)
    await customer.wait_for("How will it be paid")


def texts(person: Person, part: str) -> list[str]:
    return [m.text for m in person.inbox if part in m.text and not m.edited]


async def test_a_batch_taken_just_before_a_kill_is_answered_once_after_the_restart(
        killable: KillableBot, database_url):
    emu = killable.emu
    customers = [emu.user(5000 + i, f"Customer{i}") for i in range(30)]
    taking = Taking(killable)
    await asyncio.gather(*(c.send("/help") for c in customers))
    await taking.taken()
    await killable.kill()

    await killable.start()
    for customer in customers:
        await customer.wait_for("/order — place a delivery order", timeout=RECOVERY_S)
    await asyncio.sleep(0.5)  # a duplicate, if any, would have come by now
    counts = [len(texts(c, "/order — place a delivery order")) for c in customers]
    assert all(1 <= n <= 2 for n in counts), counts
    handled = await rows(database_url, select(inbox.c.done_at, inbox.c.attempts))
    assert len(handled) == 30 and all(row.done_at is not None for row in handled)


async def test_a_payment_taken_just_before_a_kill_places_the_order(
        killable: KillableBot, database_url):
    emu = killable.emu
    customer = emu.user(1001, "Minji")
    await up_to_payment(customer)
    await customer.press("⭐ Pay now in Telegram")
    await customer.wait_for("Confirm to place it")
    await customer.press("✅ Confirm")
    await emu.wait_for_call(lambda c: c.method == "sendInvoice" and c.outcome == 200)
    taking = Taking(killable)
    assert (await customer.pay()).ok  # the bot answered the checkout; Telegram charged
    await taking.taken()
    await killable.kill()

    await killable.start()
    await customer.wait_for("Payment received. Order #1 placed", timeout=RECOVERY_S)
    [order] = await rows(database_url, select(orders.c.number, orders.c.status))
    assert order.status.value == "placed"
    assert len(await rows(database_url, select(payments.c.charge_id))) == 1


async def test_a_wizard_answer_kept_just_before_a_kill_stays_in_its_place(
        killable: KillableBot, database_url):
    emu = killable.emu
    customer = emu.user(1001, "Minji")
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    # Telegram shows the next question, but the bot dies before it hears that it did.
    hold = emu.hold_answer("sendMessage", chat_id=customer.id, text_contains="pick it up")
    await customer.send("2.5")
    await asyncio.wait_for(hold.reached.wait(), 10)
    await killable.kill()

    await killable.start()
    await customer.wait_for("pick it up")  # the copy Telegram showed before the kill
    await customer.wait_for("pick it up", timeout=RECOVERY_S)  # asked once more
    await asyncio.sleep(0.5)
    assert len(texts(customer, "pick it up")) == 2, killable.logs()  # the one duplicate
    [draft] = await rows(database_url, select(drafts.c.weight_kg, drafts.c.pickup_address))
    assert (draft.weight_kg, draft.pickup_address) == (2.5, None)
    await customer.send("12 Sejong-daero")
    await customer.wait_for("Where should it go")
    [draft] = await rows(database_url, select(drafts.c.weight_kg, drafts.c.pickup_address))
    assert (draft.weight_kg, draft.pickup_address) == (2.5, "12 Sejong-daero")


async def test_an_alert_being_sent_at_a_kill_goes_out_within_seconds_of_the_restart(
        killable: KillableBot, database_url):
    emu = killable.emu
    customer, staff = emu.user(1001, "Minji"), emu.user(STAFF_ID, "Jisoo")
    await staff.send("/start")
    await staff.wait_for("Hello")
    number = await place_order(customer)
    hold = emu.hold_answer("sendMessage", chat_id=customer.id, text_contains="approved")
    await staff.send(f"/approve {number}")
    await asyncio.wait_for(hold.reached.wait(), 10)
    await killable.kill()

    restarted = await killable.start()
    async with asyncio.timeout(RECOVERY_S):
        while await rows(database_url, select(outbox.c.id).where(  # noqa: ASYNC110  (rows)
                outbox.c.chat_id == customer.id, outbox.c.state == Delivery.PENDING)):
            await asyncio.sleep(0.1)
    assert time.monotonic() - restarted < RECOVERY_S
    assert 1 <= len(texts(customer, f"Order #{number} approved")) <= 2


async def test_a_confirm_kept_just_before_a_kill_shows_the_order_it_placed(
        killable: KillableBot, database_url):
    emu = killable.emu
    customer = emu.user(1001, "Minji")
    await up_to_payment(customer)
    await customer.press("Cash on delivery")
    summary = await customer.wait_for("Confirm to place it")
    # The order is kept and the press answered, but the summary has not become the card yet
    # (Telegram fails the edit) when the bot dies.
    emu.fail_next("editMessageText", 502, chat_id=customer.id, times=3)
    hold = emu.hold_answer("answerCallbackQuery", text_contains="placed")
    confirming = asyncio.create_task(customer.press("✅ Confirm", message=summary, timeout=30))
    await asyncio.wait_for(hold.reached.wait(), 10)
    await killable.kill()
    emu.cancel_planned_failures()
    assert "Confirm to place it" in customer.inbox[-1].text  # not the card yet

    await killable.start()
    placed = await confirming  # Telegram showed the toast before the kill
    assert "Order #1 placed. The store will confirm" in placed.text
    card = await customer.wait_for("Order #1 — waiting for approval", timeout=RECOVERY_S)
    assert card.message_id == summary.message_id and card.edited  # the summary became it
    await asyncio.sleep(0.5)  # another message, if any, would have come by now
    assert customer.inbox[-1].message_id == summary.message_id  # no new message for it
    [order] = await rows(database_url, select(orders.c.number, orders.c.status))
    assert order.status.value == "placed"


async def test_a_prepaid_confirm_kept_before_its_invoice_went_out_sends_the_invoice_after(
        killable: KillableBot, database_url):
    emu = killable.emu
    customer = emu.user(1001, "Minji")
    await up_to_payment(customer)
    await customer.press("⭐ Pay now in Telegram")
    await customer.wait_for("Confirm to place it")
    summary = customer.inbox[-1]
    # The order is kept, the summary edited into its card; the bot dies before the invoice.
    hold = emu.hold_answer("editMessageText", chat_id=customer.id,
                           text_contains="— waiting for payment")
    confirming = asyncio.create_task(customer.press("✅ Confirm", timeout=30))
    await asyncio.wait_for(hold.reached.wait(), 10)
    await killable.kill()
    assert not emu.calls_to("sendInvoice")

    await killable.start()
    await confirming
    await emu.wait_for_call(lambda c: c.method == "sendInvoice" and c.outcome == 200,
                            within_s=RECOVERY_S)
    assert (await customer.pay(timeout=RECOVERY_S)).ok
    await customer.wait_for("Payment received. Order #1 placed", timeout=RECOVERY_S)
    card = next(m for m in customer.inbox if m.message_id == summary.message_id)
    assert card.text.startswith("Order #1 — ")  # the summary stayed the order's card
    assert not [m for m in customer.inbox if "already taken care of" in m.text]


async def test_an_order_again_kept_just_before_a_kill_asks_the_new_orders_question_after(
        killable: KillableBot):
    emu = killable.emu
    customer = emu.user(1001, "Minji")
    number = await place_order(customer)
    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number} cancelled.")
    await customer.send("/orders")
    listed = await customer.wait_for("Your orders")
    # The new draft is kept and the press answered, but its question has not gone out
    # (Telegram fails it) when the bot dies.
    emu.fail_next("sendMessage", 502, chat_id=customer.id, times=3)
    hold = emu.hold_answer("answerCallbackQuery")
    pressing = asyncio.create_task(customer.press(f"🔁 #{number}", message=listed, timeout=30))
    await asyncio.wait_for(hold.reached.wait(), 10)
    await killable.kill()
    emu.cancel_planned_failures()
    assert customer.inbox[-1].message_id == listed.message_id  # no question yet

    await killable.start()
    await pressing
    asked = await customer.wait_for("How will it be paid?", timeout=RECOVERY_S)
    assert "Confirm" not in asked.text and asked.message_id != listed.message_id
    await asyncio.sleep(0.5)  # another message, if any, would have come by now
    assert customer.inbox[-1].message_id == asked.message_id
    assert not [m for m in customer.inbox if f"Order #{number} — cancelled" in m.text
                and not m.edited and m.at > listed.at]  # not the old order's card
    await customer.press("Cash on delivery", message=asked)
    await customer.wait_for("Confirm to place it")
