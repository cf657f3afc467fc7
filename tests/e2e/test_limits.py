"""Limits against abuse, end to end: updates per person per minute (one "slow down", then
silence, presses still answered, paying never held up), and one customer's burst of orders
does not starve the store's chat of other customers' new orders."""

import time

from bot.settings import EXAMPLE_CATALOG
from domain.menu.use_cases import ShopMode
from emulator import FloodLimits
from notifier.pacing import PaceLimits
from tests.e2e.conftest import STAFF_ID, place_order
from tests.e2e.test_menu import LATTE, check_out, confirm, fill_cart
from tests.fakes import AheadClock

DESK_ID = -1001234567890
SLOW_DOWN = "You're sending messages too fast"


async def test_a_person_sending_too_fast_is_told_once_then_not_answered_until_the_minute_has_room(
    emu, settings, start_bot
):
    clock = AheadClock()  # moved on a minute instead of waiting one
    await start_bot(settings.model_copy(update={"max_updates_per_minute": 5}), clock=clock)
    customer = emu.user(1001, "Minji")
    await customer.send("/start")  # 1
    await customer.wait_for("Hello")
    await customer.send("/order")  # 2
    question = await customer.wait_for("What size")

    for _ in range(6):  # 3 to 5 are answered, 6 is told to slow down, 7 and 8 get nothing
        await customer.send("hello")
    for _ in range(3):
        await customer.wait_for("Please choose Small, Medium or Large")
    warning = await customer.wait_for(SLOW_DOWN)
    assert warning.text == "You're sending messages too fast. Please wait a moment and try again."
    answer = await customer.press("Small")  # over the limit: answered all the same, silently
    assert not answer.text
    await customer.expect_nothing(within=0.5)  # nothing for 7, 8 (handled before the press)

    clock.advance(seconds=61)  # the minute has room again: served where they left off
    await customer.press("Small")  # 1
    await customer.wait_for("How much does it weigh")
    await customer.send("2.5")  # 2
    await customer.wait_for("pick it up")
    for _ in range(3):  # 3 to 5
        await customer.send("/help")
        await customer.wait_for("/order — place a delivery order")
    # Over again: a new episode, told again; a press first hears it as the press's answer.
    answer = await customer.press_data(question, "forged")
    assert answer.text is not None and answer.text.startswith(SLOW_DOWN)
    await customer.expect_nothing(within=0.3)

    clock.advance(seconds=61)
    await customer.send("Seoul Station")
    await customer.wait_for("Where should it go")


async def test_korean_is_told_in_korean_and_the_store_is_not_limited(emu, settings, start_bot):
    """The store's staff, anywhere, and anyone in the store's chat are never limited."""
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"max_updates_per_minute": 2,
                                                "store_chat_id": DESK_ID}))
    customer = emu.user(1001, "민지", language_code="ko")
    staff, helper = emu.user(STAFF_ID, "Jisoo"), emu.user(1004, "Hana")
    emu.add_member(desk, staff)
    emu.add_member(desk, helper)
    for _ in range(4):
        await customer.send("/help")
        await staff.send("/pending")  # privately: the staff are known by their id
        await helper.send_to(desk, "/order")  # not staff, but in the store's chat
    await customer.wait_for("메시지가 너무 빨라요. 잠시 후 다시 시도해 주세요.")
    for _ in range(4):
        await staff.wait_for("No orders are waiting")
        await desk.wait_for("message me privately")
    await customer.expect_nothing(within=0.3)


async def test_paying_is_never_held_up_by_the_limit(emu, settings, start_bot):
    """Over the limit with an invoice open: the pre-checkout question is still answered and the
    payment recorded (money is at stake)."""
    await start_bot(settings.model_copy(update={
        "shop_mode": ShopMode.BOTH, "catalog_file": EXAMPLE_CATALOG,
        "max_updates_per_minute": 20}))
    customer = emu.user(1001, "Minji")
    await customer.send("/start")
    await customer.wait_for("Hello")
    await fill_cart(customer, *LATTE, "Large (+₩500)", "Extra shot (+₩500)")
    await check_out(customer, prepaid=True)
    number = await confirm(customer)
    for _ in range(20):
        await customer.send("hello")
    await customer.wait_for(SLOW_DOWN)

    answer = await customer.pay()
    assert answer.ok
    await customer.wait_for(f"Payment received. Order #{number} placed")


async def test_one_customers_burst_of_orders_does_not_starve_another_customers_new_order(
    emu, settings, start_bot
):
    """The desk is a group, which Telegram lets the bot write to about 20 times a minute. A
    customer ordering as fast as they can gets MAX_OPEN_ORDERS orders through and is refused
    the rest, so at most that many of their alerts can be ahead of anyone else's: another
    customer's new order reaches the desk within that many group intervals (60/19 s each).
    (The burst, 27 updates, is within MAX_UPDATES_PER_MINUTE: the order limits stop it.)"""
    # Telegram's limit for a group (20 a minute); the test's customers type faster than anyone,
    # so the other limits would only slow it down.
    emu.set_flood_limits(FloodLimits(global_per_second=None, private_burst=None))
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    hasty, patient = emu.user(1001, "Minji"), emu.user(1003, "Seojun")
    for customer in (hasty, patient):
        await customer.send("/start")
        await customer.wait_for("Hello")

    burst = [await place_order(hasty) for _ in range(settings.max_open_orders)]
    for _ in range(2):  # more than the limits allow: refused, nothing reaches the desk
        await hasty.send("/order")
        await hasty.wait_for("orders on their way already")

    number = await place_order(patient, pickup="1 Jong-ro")
    placed_at = time.monotonic()
    interval = 60 / PaceLimits().group_per_minute  # the sender's pace for one group
    bound = settings.max_open_orders * interval + 2.0  # and 2 s for the handling
    alert = await desk.wait_for(f"New order #{number} from Seojun", timeout=bound)
    delay = time.monotonic() - placed_at
    print(f"the second customer's alert reached the desk {delay:.1f} s after the order")
    assert "Seojun" in alert.text
    before = [m.text for m in desk.inbox if "New order" in m.text]
    assert f"New order #{number} " in before[-1]
    assert len(before) <= len(burst) + 1
    assert emu.stats.rate_limited == 0  # the desk was written to at Telegram's pace
