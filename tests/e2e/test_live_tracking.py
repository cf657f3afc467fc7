"""The rider on the customer's map (issue 21, points 1, 2 and 4): from the rider's accept
until delivery the customer has one live location that follows the rider's own shared live
location (at most every TRACK_EVERY_SECONDS, and only after TRACK_MIN_METERS of movement),
hears once when the rider is near, and sees the map stop when the job ends; a restart keeps
moving the same message."""

from __future__ import annotations

import asyncio

import pytest

from bot.demo import map_stopped
from bot.runtime import Runtime
from emulator import BotApiEmulator, BotMessage, Person
from tests.e2e.conftest import Cast, approve, place_order
from tests.fakes import AheadClock

CITY_HALL = (37.5665, 126.9780)
GANGNAM = (37.4979, 127.0276)
NEARBY = "Your rider is almost there"


def metres_north(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres / 111_195, point[1]


async def rider_live_at(rider: Person, point: tuple[float, float]) -> dict:
    """The rider goes online sharing a live location (as riders on the road do)."""
    await rider.send("/online")
    online = await rider.wait_for("You are online")
    assert "its customer sees your position on a map, until it is delivered" in online.text
    shared = await rider.share_location(*point, live_period=3600)
    await rider.wait_for("Position updated")
    return shared


async def next_map(customer: Person) -> BotMessage:
    """The next live location the customer's chat shows (sent or moved)."""
    while True:
        message = await customer.wait_for()
        if message.location is not None:
            return message


async def taken(cast: Cast, destination=GANGNAM) -> tuple[int, BotMessage, str]:
    """An order placed, approved and accepted: its number, the rider's job card and the
    customer's delivery code."""
    customer, rider = cast.customer, cast.rider
    number = await place_order(customer, pickup=CITY_HALL, destination=destination)
    await approve(cast.staff, number)
    offer = await rider.wait_for(f"New job #{number}")
    await rider.press(f"🛵 Accept #{number}", message=offer)
    await rider.wait_for(f"Order #{number} is yours.")
    told = await customer.wait_for(f"Order #{number}: rider Rider0")
    return number, offer, told.text.split("Delivery code: ")[1][:4]


async def test_the_customers_map_follows_the_rider_then_stops_at_delivery(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock, bot: Runtime, start_bot
):
    customer, rider = cast.customer, cast.rider
    live = await rider_live_at(rider, CITY_HALL)
    number, job, code = await taken(cast)

    shown = await next_map(customer)  # the rider's position was fresh: shown at once
    assert shown.location["live_period"] == 12 * 3600  # ends by itself if ever left behind
    assert (shown.location["latitude"], shown.location["longitude"]) == CITY_HALL
    sent = [c for c in emu.calls_to("sendLocation") if str(c.params["chat_id"]) == str(customer.id)]
    assert [c.params.get("disable_notification") for c in sent] == [True]  # no second buzz

    # Within the throttle nothing moves; after it, a move of 200 m does.
    await rider.move_live_location(live, *metres_north(CITY_HALL, 200))
    await customer.expect_nothing(within=0.5)
    clock.advance(seconds=11)
    await rider.move_live_location(live, *metres_north(CITY_HALL, 400))
    moved = await next_map(customer)
    assert moved.message_id == shown.message_id and moved.edited
    assert moved.location["latitude"] == pytest.approx(metres_north(CITY_HALL, 400)[0])
    # Ten metres more is not worth an edit, however long after.
    clock.advance(seconds=11)
    await rider.move_live_location(live, *metres_north(CITY_HALL, 410))
    await customer.expect_nothing(within=0.5)

    # A restart mid-route moves the same message.
    await bot.stop()
    await start_bot(clock=clock)
    clock.advance(seconds=11)
    await rider.press("📦 Picked up", message=job)
    await rider.wait_for(f"Order #{number} picked up.")
    await customer.wait_for(f"Order #{number} picked up")
    near = metres_north(GANGNAM, 250)
    await rider.move_live_location(live, *near)
    moved = await next_map(customer)
    assert moved.message_id == shown.message_id
    assert emu.live_location(customer.id, shown.message_id).edits == 2

    # Within NEARBY_METERS of the destination: told once.
    await customer.wait_for(f"{NEARBY} with order #{number}.")
    clock.advance(seconds=11)
    await rider.move_live_location(live, *metres_north(GANGNAM, 100))
    await next_map(customer)
    await customer.expect_nothing(within=0.5)
    assert sum(NEARBY in m.text for m in customer.inbox) == 1

    await rider.send(f"/deliver {number} {code}")
    await rider.wait_for(f"Order #{number} delivered.")
    await customer.wait_for(f"Order #{number} delivered.")
    await customer.wait_for(f"Order #{number} — delivered")  # the card
    await map_stopped(emu, customer)
    assert emu.live_location(customer.id, shown.message_id).stopped
    assert (await next_map(customer)).message_id == shown.message_id  # the stop, an edit
    # The rider keeps sharing: the customer's map no longer follows, and nothing is kept.
    clock.advance(seconds=11)
    await rider.move_live_location(live, *GANGNAM)
    await customer.expect_nothing(within=0.5)
    async with bot.services.uow() as uow:
        kept = (await uow.trackings.many([number]))[number]
    assert (kept.lat, kept.lon) == (None, None)


@pytest.mark.parametrize("ending", ["given back", "cancelled", "suspended"])
async def test_the_map_stops_when_the_job_ends_before_delivery(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock, ending: str
):
    customer, rider, staff = cast.customer, cast.rider, cast.staff
    live = await rider_live_at(rider, CITY_HALL)
    number, job, _ = await taken(cast)
    shown = await next_map(customer)
    if ending == "given back":
        await rider.press("↩ Give it back", message=job)
    elif ending == "cancelled":
        await customer.send(f"/cancel {number}")
    else:
        await staff.send(f"/suspend {rider.id}")
    await map_stopped(emu, customer)
    assert emu.live_location(customer.id, shown.message_id).stopped
    # The rider moves on: the customer's map stays where it stopped.
    clock.advance(seconds=11)
    await rider.move_live_location(live, *metres_north(CITY_HALL, 500))
    await asyncio.sleep(0.5)
    where = emu.live_location(customer.id, shown.message_id)
    assert (where.latitude, where.longitude, where.stopped) == (*CITY_HALL, True)
