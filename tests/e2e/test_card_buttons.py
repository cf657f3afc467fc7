"""What used to need a typed order number is a button on the card the person is looking at:
the customer cancels under their card, the rider gives a job back under the job card, the
store cancels with a reason under its card. Each press is a toast and an edit, not a new
message."""

from tests.e2e.conftest import Cast, approve, place_order
from tests.e2e.test_dispatch import CITY_HALL, GANGNAM, go_online_at


async def test_the_customer_cancels_under_the_card_after_being_asked_once_more(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    card = customer.last
    assert card is not None and card.buttons == ["✖ Cancel order"]

    asked = await customer.press("✖ Cancel order", message=card)
    assert f"Cancel order #{number}?" in asked.text
    shown = await customer.wait_for(f"Order #{number} — waiting")  # the card, its buttons new
    assert shown.buttons == [f"✖ Yes, cancel order #{number}", "↩ No, keep it"]
    kept = await customer.press("↩ No, keep it", message=card)
    assert "stays as it is" in kept.text
    shown = await customer.wait_for(f"Order #{number} — waiting")
    assert shown.buttons == ["✖ Cancel order"]

    await customer.press("✖ Cancel order", message=card)
    await customer.wait_for(f"Order #{number} — waiting")
    done = await customer.press(f"✖ Yes, cancel order #{number}", message=card)
    assert done.text == f"Order #{number} cancelled."
    await customer.wait_for(f"Order #{number} — cancelled")  # the card, edited
    assert customer.last.buttons == []
    await staff.wait_for(f"Order #{number} cancelled by the customer")  # the store must know
    await customer.expect_nothing(within=0.3)  # no message echoing the customer's own press
    assert [m for m in customer.inbox if "cancelled" in m.text] == [customer.last]


async def test_the_rider_gives_a_job_back_under_the_job_card(cast: Cast):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await go_online_at(rider, 1.0)
    number = await place_order(customer, pickup=CITY_HALL, destination=GANGNAM)
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")
    taken = await rider.press(f"🛵 Accept #{number}", message=offer)
    assert taken.text == f"Order #{number} is yours."
    job = await rider.wait_for(f"Order #{number} is yours.")  # the offer, edited
    assert job.message_id == offer.message_id
    assert job.button_rows[0] == ["📦 Picked up", "↩ Give it back"]  # maps below (test_rider_maps)

    given = await rider.press("↩ Give it back", message=job)
    assert "given back" in given.text
    await rider.wait_for(f"Order #{number} given back")
    await rider.send("/myjobs")
    await rider.wait_for("no jobs")


async def test_the_store_cancels_under_its_card_with_a_reason_the_customer_reads(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    alert = await staff.wait_for(f"New order #{number} from Minji")
    await staff.press("✅ Approve", message=alert)
    card = await staff.wait_for(f"🧾 Order #{number} from Minji — approved")
    assert card.message_id == alert.message_id and "✖ Cancel order" in card.buttons

    await staff.press("✖ Cancel order", message=card)
    reasons = await staff.wait_for(f"Why cancel order #{number}?")
    assert reasons.buttons == ["We are closing early today", "No rider can take it right now",
                               "You asked us to cancel it"]  # a parcel has no menu item
    done = await staff.press("We are closing early today", message=card)
    assert done.text == f"Order #{number} cancelled."
    await staff.wait_for(f"🧾 Order #{number} from Minji — cancelled")
    told = await customer.wait_for(f"Order #{number} cancelled by the store")
    assert "We are closing early today" in told.text
    # Their own cancel is not echoed back to the store: its card says it.
    assert [m for m in staff.inbox if "cancelled by the store" in m.text] == []


async def test_the_rider_taps_the_code_in_on_the_job_card(cast: Cast):
    """No typing on a motorbike: Delivered turns the job card into a keypad; a wrong code is
    a toast and a cleared keypad, the right one hands the order over on the same card."""
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await go_online_at(rider, 1.0)
    number = await place_order(customer, pickup=CITY_HALL, destination=GANGNAM)
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")
    await rider.press(f"🛵 Accept #{number}", message=offer)
    await rider.wait_for(f"Order #{number} is yours.")  # each press waits for the card's edit
    told = await customer.wait_for(f"Order #{number}: rider Rider0")
    code = told.text.split("Delivery code: ")[1][:4]
    await rider.press("📦 Picked up", message=offer)
    await rider.wait_for(f"Order #{number} picked up.")
    await rider.press("✅ Delivered", message=offer)
    card = await rider.wait_for("🔢 Code: _ _ _ _")
    assert card.button_rows[:4] == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["⌫", "0"]]

    async def tap(digits: str) -> None:
        """Tap each key once the card shows the digits tapped before it."""
        for i, digit in enumerate(digits):
            await rider.press(digit, message=card)
            await rider.wait_for("🔢 Code: " + " ".join(digits[:i + 1].ljust(4, "_")))

    wrong = "1111" if code != "1111" else "2222"
    await tap(wrong[0])
    await rider.press("⌫", message=card)
    await rider.wait_for("🔢 Code: _ _ _ _")
    await tap(wrong[:3])
    refused = await rider.press(wrong[3], message=card)
    assert refused.text == f"That code is wrong for order #{number}. 4 tries left."
    await rider.wait_for("🔢 Code: _ _ _ _")  # cleared for another try

    await tap(code[:3])
    handed = await rider.press(code[3], message=card)
    assert handed.text.startswith(f"Order #{number} delivered.")
    done = await rider.wait_for(f"Order #{number} delivered.")
    assert done.message_id == offer.message_id  # still the one card
    assert len(done.buttons) == 1 and done.buttons[0].startswith("💵 Cash collected")
    await customer.wait_for(f"Order #{number} delivered. Please confirm")
    assert [m for m in rider.inbox if not m.location and m.message_id != offer.message_id
            and f"#{number}" in m.text] == []  # no new message about the job but its pin
