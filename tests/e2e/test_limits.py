"""Limits against abuse, end to end: one customer's burst of orders does not starve the store's
chat of other customers' new orders."""

import time

from emulator import FloodLimits
from tests.e2e.conftest import place_order

DESK_ID = -1001234567890
GROUP_PER_MINUTE = 19  # notifier.pacing.PaceLimits: what the sender lets go to one group


async def test_one_customers_burst_of_orders_does_not_starve_another_customers_new_order(
    emu, settings, start_bot
):
    """The desk is a group, which Telegram lets the bot write to about 20 times a minute. A
    customer ordering as fast as they can gets MAX_OPEN_ORDERS orders through and is refused
    the rest, so at most that many of their alerts can be ahead of anyone else's: another
    customer's new order reaches the desk within that many group intervals (60/19 s each)."""
    # Telegram's limit for a group (20 a minute); the test's customers type faster than anyone,
    # so the other limits would only slow it down.
    emu.set_flood_limits(FloodLimits(global_per_second=None, private_burst=None))
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    desk = emu.group(DESK_ID, "Dispatch desk")
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
    bound = settings.max_open_orders * 60 / GROUP_PER_MINUTE + 2.0  # 2 s for the handling
    alert = await desk.wait_for(f"New order #{number} from Seojun", timeout=bound)
    delay = time.monotonic() - placed_at
    print(f"the second customer's alert reached the desk {delay:.1f} s after the order")
    assert "Seojun" in alert.text
    before = [m.text for m in desk.inbox if "New order" in m.text]
    assert f"New order #{number} " in before[-1]
    assert len(before) <= len(burst) + 1
    assert emu.stats.rate_limited == 0  # the desk was written to at Telegram's pace
