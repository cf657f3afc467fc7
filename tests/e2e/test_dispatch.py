"""Dispatch through the chat: riders on duty at known distances, offers nearest first, the
handover code, and how someone becomes a rider."""

import re

from emulator import Person
from tests.e2e.conftest import Cast, place_order

CITY_HALL = (37.5665, 126.9780)
GANGNAM = (37.4979, 127.0276)


def north_of_city_hall(km: float) -> tuple[float, float]:
    return CITY_HALL[0] + km / 111.2, CITY_HALL[1]


async def go_online_at(rider: Person, km: float) -> None:
    await rider.send("/online")
    await rider.wait_for("You are online")
    await rider.share_location(*north_of_city_hall(km))
    await rider.wait_for("Position updated")


async def test_the_nearest_rider_declines_the_next_accepts_and_delivers_with_the_code(cast: Cast):
    customer, staff = cast.customer, cast.staff
    middle, nearest, far = cast.riders[:3]
    await go_online_at(middle, 3.0)
    await go_online_at(far, 6.0)
    # The nearest shares a live location from far away, then moves closer: the edit counts.
    await nearest.send("/online")
    await nearest.wait_for("You are online")
    live = await nearest.share_location(*north_of_city_hall(10.0), live_period=900)
    await nearest.wait_for("Position updated")
    await nearest.move_live_location(live, *north_of_city_hall(1.0))

    number = await place_order(customer, pickup=CITY_HALL, destination=GANGNAM)
    await staff.send(f"/approve {number}")
    await staff.wait_for(f"Order #{number} approved.")

    offer = await nearest.wait_for(f"New job #{number}")
    assert "1.0 km from you" in offer.text and "010-1234-5678" not in offer.text
    assert offer.buttons == [f"🛵 Accept #{number}", "✖ Decline"]
    accept_data = offer.button(f"🛵 Accept #{number}")["callback_data"]
    await nearest.press("✖ Decline", message=offer)
    await nearest.wait_for(f"We will offer order #{number} to someone else")

    second = await middle.wait_for(f"New job #{number}")
    assert "3.0 km from you" in second.text
    await far.expect_nothing(within=0.3)
    await middle.press(f"🛵 Accept #{number}", message=second)
    accepted = await middle.wait_for(f"Order #{number} is yours.\n")
    assert "Recipient: 010-1234-5678" in accepted.text

    told = await customer.wait_for(f"Order #{number}: rider Rider0 is on the way")
    code = re.search(r"Delivery code: (\d{4})", told.text).group(1)

    # The declined offer's Accept, pressed anyway (an old client, say): it no longer works.
    stale = await nearest.press_data(offer, accept_data)
    assert "no longer available" in stale.text

    await middle.press("📦 Picked up", message=accepted)
    await middle.wait_for(f"Order #{number} picked up")
    asked = await middle.press("✅ Delivered")
    assert asked.text == f"Type the 4-digit code the recipient gives you for order #{number}."
    await middle.wait_for("🔢 Code: _ _ _ _")  # the keypad, on the job card; typing works too
    wrong = "0000" if code != "0000" else "1111"
    await middle.send(wrong)
    await middle.wait_for(f"That code is wrong for order #{number}. 4 tries left.")
    await middle.expect_nothing(within=0.3)  # and no wizard hint after it
    await middle.send(f"/deliver {number} {code}")
    await middle.wait_for(f"Order #{number} delivered. Thank you")
    await customer.wait_for(f"Order #{number} delivered. Please confirm")


async def test_someone_asks_to_ride_the_store_approves_then_suspends_them(cast: Cast):
    applicant, staff = cast.stranger, cast.staff
    await applicant.send("/rider Sam Park")
    ask = await applicant.wait_for("What will you ride?")
    assert ask.buttons == ["On foot", "Bicycle", "Motorbike", "Car"]
    await applicant.press("Car", message=ask)
    await applicant.wait_for("Your request (Car) went to the store")

    request = await staff.wait_for("Rider request: Sam Park (ID 1002), Car")
    assert request.buttons == ["✅ Approve", "✖ Reject"]
    refused = await applicant.press_data(request, "rapprove:1002")
    assert "Only the store's staff" in refused.text
    await staff.press("✅ Approve", message=request)
    await staff.wait_for("Sam Park is now a rider.")
    await applicant.wait_for("You are a rider now!")

    await staff.send("/riders")
    listing = await staff.wait_for("Riders")
    assert "Sam Park (ID 1002) — Car — active · offline" in listing.text
    await applicant.send("/online")
    await applicant.wait_for("You are online")

    await staff.send("/suspend 1002")
    await staff.wait_for("Sam Park is suspended.")
    await applicant.wait_for("The store suspended you as a rider")
    await applicant.send("/jobs")
    await applicant.wait_for("Only approved riders can do that")


async def test_the_store_decides_on_the_rider_request_it_saw_and_requests_come_at_a_pace(
    cast: Cast, clock
):
    applicant, staff = cast.stranger, cast.staff
    await applicant.send("/rider Kim Trusted")
    await applicant.press("On foot", message=await applicant.wait_for("What will you ride?"))
    first = await staff.wait_for("Rider request: Kim Trusted")
    await applicant.send("/rider Someone Else")  # at once: the store is not asked again
    await applicant.wait_for("Your request is with the store; they will answer you here.")
    clock.advance(minutes=10)
    await applicant.send("/rider Someone Else")
    await applicant.press("Car", message=await applicant.wait_for("What will you ride?"))
    second = await staff.wait_for("Rider request: Someone Else")

    refused = await staff.press("✅ Approve", message=first)  # the card of what it saw
    assert refused.text == "Someone Else has sent a newer request since; decide on that one."
    await staff.press("✖ Reject", message=second)
    await staff.wait_for("Someone Else's request was declined.")
    await applicant.wait_for("declined")
    await applicant.send("/rider Again")
    await applicant.wait_for("The store declined your request. You can ask again tomorrow.")
    await staff.expect_nothing(within=0.3)


async def test_a_customer_sharing_a_location_outside_an_order_gets_a_hint_not_a_position(
    cast: Cast,
):
    await cast.customer.share_location(*CITY_HALL)
    await cast.customer.wait_for("I only need a location while you write an order")


async def test_a_rider_who_blocks_the_bot_goes_off_duty_and_the_next_gets_the_offer_at_once(
    emu, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    nearest, next_one = cast.riders[:2]
    await go_online_at(nearest, 1.0)
    await go_online_at(next_one, 3.0)
    nearest.block_bot()
    await emu.wait_for_call(lambda c: c.method == "getUpdates" and c.result_count)
    number = await place_order(customer, pickup=CITY_HALL, destination=GANGNAM)
    await staff.send(f"/approve {number}")
    await staff.wait_for(f"Order #{number} approved.")
    offer = await next_one.wait_for(f"New job #{number}", timeout=3.0)  # not after a minute
    assert "3.0 km from you" in offer.text
    assert not [c for c in emu.calls_to("sendMessage")
                if str(c.params.get("chat_id")) == str(nearest.id) and c.outcome == 403]

    nearest.unblock_bot()
    await nearest.send("/online")  # back on duty only when they say so
    await nearest.wait_for("You are online")
