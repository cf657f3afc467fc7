"""Buttons decide what they showed: a Confirm under an older summary places nothing and
shows the current one; an Accept pressed in time is honoured even when its countdown ran
out before the sweep got to it."""

import asyncio

import pytest

from bot.runtime import Runtime
from bot.settings import Settings
from emulator import BotMessage, Person
from tests.e2e.conftest import Cast, approve, place_order
from tests.fakes import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def bot(start_bot, settings: Settings, clock: FakeClock) -> Runtime:
    """Deadlines on a fake clock, swept once at start and then only when a test says so."""
    return await start_bot(settings.model_copy(update={"sweep_seconds": 3600}), clock=clock)


async def summary(customer: Person, size: str, weight: str, destination: str) -> BotMessage:
    """/order up to its summary, paid in cash; returns the summary message."""
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press(size)
    await customer.wait_for("How much does it weigh")
    await customer.send(weight)
    await customer.wait_for("pick it up")
    await customer.send("12 Sejong-daero")
    await customer.wait_for("Where should it go")
    await customer.send(destination)
    await customer.wait_for("phone number")
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    return await customer.wait_for("Confirm to place it")


async def test_a_confirm_under_an_older_summary_shows_the_current_one_and_places_nothing(
    cast: Cast,
):
    customer, staff = cast.customer, cast.staff
    older = await summary(customer, "Small", "2", "Destination A")
    assert "Parcel: Small, 2 kg" in older.text
    await customer.send("/cancel")  # the older summary keeps its buttons
    await customer.wait_for("Order discarded")
    current = await summary(customer, "Large", "20", "Destination B")

    toast = await customer.press("✅ Confirm", message=older)
    assert "changed since that summary, so nothing was placed" in toast.text
    shown = await customer.wait_for("Destination B")
    assert (shown.message_id, shown.edited) == (older.message_id, True)
    assert shown.text == current.text and "Parcel: Large, 20 kg" in shown.text
    assert shown.button_rows[-1] == ["✅ Confirm", "✖ Cancel"]  # requests above it
    assert shown.reply_markup == current.reply_markup  # the current summary's version
    await staff.expect_nothing(within=0.3)
    await customer.send("/orders")
    await customer.wait_for("You have no orders yet")

    # A Confirm from before buttons carried a version: also shown the current summary.
    toast = await customer.press_data(current, "draft:confirm")
    assert "nothing was placed" in toast.text
    await customer.wait_for("Destination B")
    await customer.send("/orders")
    await customer.wait_for("You have no orders yet")

    placed = await customer.press("✅ Confirm", message=shown)  # the summary as it is now
    assert "Order #1 placed." in placed.text
    card = await customer.wait_for("Order #1 — waiting for approval")
    assert card.message_id == shown.message_id and "Destination B" in card.text
    alert = await staff.wait_for("New order #1")
    assert "Parcel: Large, 20 kg" in alert.text and "Destination B" in alert.text


async def test_the_current_confirm_places_exactly_what_its_summary_showed(cast: Cast):
    customer = cast.customer
    shown = await summary(customer, "Medium", "5", "Destination C")
    placed = await customer.press("✅ Confirm", message=shown)
    assert "Order #1 placed." in placed.text
    edited = await customer.wait_for("Order #1 — waiting for approval")  # the summary, edited
    assert edited.message_id == shown.message_id
    await customer.send("/status 1")
    card = await customer.wait_for("Order #1 — waiting for approval")
    assert "Parcel: Medium, 5 kg" in card.text and "Destination C" in card.text
    price = shown.text.split("Price: ")[1].split("\n")[0]
    assert price in card.text


async def test_an_accept_pressed_after_the_countdown_but_before_the_sweep_is_honoured(
    cast: Cast, bot: Runtime, clock: FakeClock
):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await rider.send("/online")
    await rider.wait_for("You are online")
    number = await place_order(customer)
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")

    clock.advance(seconds=61)  # the bot was down, say: the countdown ran out unswept
    await rider.press(f"🛵 Accept #{number}", message=offer)
    await rider.wait_for(f"Order #{number} is yours.\n")
    await customer.wait_for(f"Order #{number}: rider Rider0 is on the way")

    await bot.services.deadlines.fire_due()  # the offer's timeout comes due after the accept
    await rider.expect_nothing(within=0.3)
    async with bot.new_uow() as uow:
        stored = await uow.riders.get(rider.id)
        order = await uow.orders.get(number)
    assert (stored.missed_offers, stored.online) == (0, True)
    assert (order.status.value, order.rider_id) == ("assigned", rider.id)


async def test_an_accept_pressed_while_the_bot_was_down_is_judged_before_the_offer_times_out(
    cast: Cast, bot: Runtime, clock: FakeClock, start_bot, settings: Settings
):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await rider.send("/online")
    await rider.wait_for("You are online")
    number = await place_order(customer)
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")

    await bot.stop()
    pressing = asyncio.create_task(
        rider.press(f"🛵 Accept #{number}", message=offer, timeout=30))
    await asyncio.sleep(0.2)  # the press waits at Telegram while the bot is down
    clock.advance(seconds=61)  # and the offer's countdown runs out meanwhile
    # The restart handles what came while it was down before its first sweep.
    restarted = await start_bot(settings.model_copy(update={"sweep_seconds": 3600}),
                                clock=clock)
    await pressing
    await rider.wait_for(f"Order #{number} is yours.\n")
    async with restarted.new_uow() as uow:
        stored = await uow.riders.get(rider.id)
        order = await uow.orders.get(number)
    assert (stored.missed_offers, stored.online) == (0, True)
    assert (order.status.value, order.rider_id) == ("assigned", rider.id)
