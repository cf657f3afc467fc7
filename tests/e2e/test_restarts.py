"""State lives in the database: restarts lose neither a half-written order nor an alert."""

from tests.e2e.conftest import Cast, approve, place_order


async def test_a_customer_continues_the_wizard_after_a_restart(cast: Cast, bot, start_bot):
    customer = cast.customer
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Medium")
    await customer.wait_for("How much does it weigh")
    await customer.send("3")
    await customer.wait_for("pick it up")

    await bot.stop()
    await start_bot()

    await customer.send("Seoul Station, exit 1")
    await customer.wait_for("Where should it go")
    await customer.send("Gangnam Station")
    await customer.wait_for("phone number")
    await customer.send("010-9999-0000")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    summary = await customer.wait_for("Confirm to place it")
    assert "Parcel: Medium, 3 kg" in summary.text
    assert "Pickup: Seoul Station, exit 1" in summary.text
    placed = await customer.press("✅ Confirm")
    assert placed.text.startswith("Order #1 placed.")  # a toast
    card = await customer.wait_for("Order #1 — waiting for approval")  # the summary, edited
    assert card.message_id == summary.message_id
    assert "Parcel: Medium, 3 kg" in card.text and "Pickup: Seoul Station, exit 1" in card.text


async def test_an_alert_committed_before_a_crash_arrives_after_restart(emu, cast: Cast, bot,
                                                                      start_bot):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    await staff.wait_for(f"New order #{number}")  # the placing's alerts went before the crash

    # This process commits status changes but dies before its sender sends anything.
    await bot.stop()
    crashed = await start_bot(send_alerts=False)
    await approve(staff, number)
    await customer.expect_nothing(within=0.5)
    await crashed.stop()

    await start_bot()
    await customer.wait_for(f"Order #{number} approved. We are finding a rider")
    sent = [c for c in emu.calls if c.method == "sendMessage"
            and "approved. We are finding" in str(c.params.get("text"))]
    assert len(sent) == 1
