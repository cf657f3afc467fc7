"""Whole orders through the chat: customer, store and rider, with the alerts each one gets."""

import asyncio
import re

from tests.e2e.conftest import Cast, approve, place_order


async def test_an_order_goes_from_first_message_to_confirmed_receipt(cast: Cast):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    number = await place_order(customer)
    assert number == 1
    [card] = [m for m in customer.inbox  # the summary became the card: no message of its own
              if m.text.startswith("Order #1 — waiting for approval")]

    alert = await staff.wait_for("New order #1 from Minji")
    assert "Pickup: 12 Sejong-daero" in alert.text and "₩4,500" in alert.text
    assert alert.buttons == ["✅ Approve", "✖ Reject"]
    approved = await staff.press("✅ Approve", message=alert)
    assert approved.text == "Order #1 approved."
    store_card = await staff.wait_for("Order #1 from Minji — approved")
    # The store may still cancel (with a reason) until a rider has it.
    assert store_card.message_id == alert.message_id and store_card.buttons == ["✖ Cancel order"]
    await customer.wait_for("👍 Order #1 approved")

    await rider.send("/jobs")
    jobs = await rider.wait_for("Open jobs")
    assert "#1 — Small, 2.5 kg" in jobs.text
    await rider.press("🛵 Accept #1")  # the list stays as it is: the job comes below it
    accepted = await rider.wait_for("Order #1 is yours")
    assert "Recipient: 010-1234-5678" in accepted.text
    on_the_way = await customer.wait_for("rider Rider0 is on the way")
    code = re.search(r"Delivery code: (\d{4})", on_the_way.text).group(1)

    picked = await rider.press("📦 Picked up")
    assert picked.text.startswith("Order #1 picked up. Deliver it to: Teheran-ro 152")
    job = await rider.wait_for("Order #1 picked up")
    assert job.edited and job.button_rows[0] == ["✅ Delivered"]  # the map apps below it
    await customer.wait_for("📦 Order #1 picked up and on its way")
    await rider.send("/myjobs")
    await rider.wait_for("#1 — picked up")
    asked = await rider.press("✅ Delivered")
    assert asked.text == "Type the 4-digit code the recipient gives you for order #1."
    keypad = await rider.wait_for("🔢 Code: _ _ _ _")
    assert keypad.edited  # on the job card, not a message of its own
    await rider.send(code)  # typed, here (the keypad has a test of its own)
    await rider.wait_for("Order #1 delivered. Thank you")

    delivered = await customer.wait_for("Order #1 delivered. Please confirm")
    assert delivered.buttons == ["✅ Confirm receipt"]
    thanks = await customer.press("✅ Confirm receipt", message=delivered)
    assert thanks.text == "Thank you! Order #1 is completed."
    answered = await customer.wait_for("Thank you! Order #1 is completed")
    assert answered.message_id == delivered.message_id and answered.buttons == []
    completed = await customer.wait_for("Order #1 — completed")  # the card, edited
    assert completed.message_id == card.message_id
    await customer.expect_nothing(within=0.3)  # their own confirmation: no "🎉 completed"
    assert not [m for m in customer.inbox if "🎉" in m.text]

    await customer.send("/status 1")
    card = await customer.wait_for("Order #1 — completed")
    timeline = card.text.split("Timeline")[1]
    for step in ["placed", "approved", "rider assigned", "picked up", "delivered", "completed"]:
        assert step in timeline
    await customer.send("/orders")
    listing = await customer.wait_for("Your orders")
    assert "#1 — completed — ₩4,500" in listing.text


async def test_customer_cancels_before_pickup_and_store_and_rider_are_told(cast: Cast):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    number = await place_order(customer)
    await approve(staff, number)
    await rider.send(f"/accept {number}")
    await rider.wait_for(f"Order #{number} is yours")

    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number} cancelled.")
    card = await customer.second_view().wait_for(f"Order #{number} — cancelled")  # edited
    assert card.edited and "cancelled (customer Minji)" in card.text
    await staff.wait_for(f"Order #{number} cancelled by the customer")
    await rider.wait_for(f"Order #{number}, your job, was cancelled by the customer")

    await rider.send(f"/pickup {number}")
    await rider.wait_for(f"Order #{number} is cancelled; that cannot be done now")
    assert not [m for m in customer.inbox  # their own cancellation is not pushed back
                if f"Order #{number} cancelled by the customer" in m.text]


async def test_customer_cannot_cancel_after_pickup_and_is_told_why(cast: Cast):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    number = await place_order(customer)
    await approve(staff, number)
    await rider.send(f"/accept {number}")
    await rider.wait_for("is yours")
    await rider.send(f"/pickup {number}")
    await rider.wait_for("picked up")

    await customer.send(f"/cancel {number}")
    await customer.wait_for("is picked up, so it can no longer be cancelled")
    await customer.send(f"/status {number}")
    await customer.wait_for(f"Order #{number} — picked up")


async def test_store_rejects_with_a_reason_the_customer_reads(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    alert = await staff.wait_for(f"New order #{number}")
    await staff.press("✖ Reject", message=alert)
    reasons = await staff.wait_for(f"Why reject order #{number}?")
    assert reasons.buttons == ["We are too busy right now", "Outside our delivery area",
                               "We cannot carry this parcel"]
    rejected = await staff.press("Outside our delivery area", message=reasons)
    assert rejected.text == f"Order #{number} rejected."
    card = await staff.wait_for(f"Order #{number} from Minji — rejected")  # the alert, edited
    assert card.message_id == alert.message_id and card.buttons == []
    assert "rejected (store Jisoo): Outside our delivery area" in card.text
    await customer.wait_for(f"Order #{number} was rejected: Outside our delivery area")


async def test_a_reason_picked_by_english_staff_reaches_a_korean_customer_in_korean(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    await customer.send("/language ko")
    await customer.wait_for("한국어")
    alert = await staff.wait_for(f"New order #{number}")
    await staff.press("✖ Reject", message=alert)
    reasons = await staff.wait_for(f"Why reject order #{number}?")
    await staff.press("We are too busy right now", message=reasons)
    card = await staff.wait_for(f"Order #{number} from Minji — rejected")
    assert "rejected (store Jisoo): We are too busy right now" in card.text
    told = await customer.wait_for(f"가게에서 {number}번 주문을 거절했어요.")
    assert told.text == f"😔 가게에서 {number}번 주문을 거절했어요. 사유: 지금은 주문이 너무 많아요"
    await customer.send(f"/status {number}")
    status = await customer.wait_for(f"주문 {number}번 — 주문 거절")
    assert "지금은 주문이 너무 많아요" in status.text and "too busy" not in status.text


async def test_store_cancels_by_command_only_with_a_reason(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    await staff.send(f"/cancel {number}")
    await staff.wait_for(f"Please give a reason: /cancel {number} your reason")
    await staff.send(f"/cancel {number} Storm warning <b>today</b>")
    await staff.wait_for(f"Order #{number} cancelled.")
    told = await customer.wait_for(f"Order #{number} cancelled by the store")
    assert "Reason: Storm warning <b>today</b>" in told.text  # shown as typed, not as markup


async def test_store_lists_pending_orders_and_rejects_by_command(cast: Cast):
    customer, staff = cast.customer, cast.staff
    first = await place_order(customer, pickup="First street")
    second = await place_order(customer, pickup="Second street")
    await staff.send("/pending")
    listing = await staff.wait_for("Waiting for approval")
    assert f"#{first} — Small, 2.5 kg — First street" in listing.text
    assert f"#{second} — Small, 2.5 kg — Second street" in listing.text
    assert listing.button_rows == [[f"✅ Approve #{first}", f"✖ Reject #{first}"],
                                   [f"✅ Approve #{second}", f"✖ Reject #{second}"]]
    await staff.press(f"✅ Approve #{first}", message=listing)
    await customer.wait_for(f"Order #{first} approved")
    await staff.send(f"/reject {second}")
    await staff.wait_for(f"Please give a reason: /reject {second} your reason")
    await staff.send(f"/reject {second} Duplicate order")
    await customer.wait_for(f"Order #{second} was rejected: Duplicate order")


async def test_ten_riders_accept_at_once_and_exactly_one_wins(cast: Cast):
    number = await place_order(cast.customer)
    await approve(cast.staff, number)
    await asyncio.gather(*(rider.send(f"/accept {number}") for rider in cast.riders))
    outcomes = await asyncio.gather(
        *(rider.wait_for(f"#{number}") for rider in cast.riders)
    )
    winners = [o for o in outcomes if "is yours" in o.text]
    losers = [o for o in outcomes if "was just taken by another rider" in o.text]
    assert (len(winners), len(losers)) == (1, 9)
    await cast.customer.wait_for(f"Order #{number}: rider")
    await cast.customer.send(f"/status {number}")
    card = await cast.customer.wait_for(f"Order #{number} — rider assigned")
    assert card.text.count("rider assigned") == 2  # the status line and one timeline entry


async def test_a_pressed_cards_buttons_are_gone_before_the_reply_is_sent(emu, cast: Cast):
    staff = cast.staff
    await place_order(cast.customer)
    alert = await staff.wait_for("New order #1 from Minji")

    # Telegram will not have the alert edited into the store's card (neither by the press
    # nor by the alert sender, whichever comes first): the answer then comes as a message of
    # its own, and only once the pressed alert's buttons are gone.
    emu.fail_next("editMessageText", 400, "Bad Request: message can't be edited",
                  chat_id=staff.id, times=2)
    approved = await staff.press("✅ Approve", message=alert)
    assert approved.text == "Order #1 approved."
    await staff.wait_for("Order #1 from Minji — approved")

    calls = [(c.method, c.params) for c in emu.calls if c.params.get("chat_id") in
             (staff.id, str(staff.id))]
    removed = next(i for i, (method, params) in enumerate(calls)
                   if method == "editMessageReplyMarkup"
                   and str(params.get("message_id")) == str(alert.message_id))
    replied = next(i for i, (method, params) in enumerate(calls)
                   if method == "sendMessage"
                   and "Order #1</b> from Minji — approved" in params.get("text", ""))
    assert removed < replied  # and only then the next message
    assert next(m for m in staff.inbox if m.message_id == alert.message_id).buttons == []
