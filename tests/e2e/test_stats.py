"""/stats in the chat: today's numbers for the store's staff, the usual refusal for others."""

from tests.e2e.conftest import Cast, approve, place_order


async def test_staff_see_todays_orders_by_status_and_riders_online_with_stats(cast: Cast):
    customer, staff = cast.customer, cast.staff
    kept = await place_order(customer)
    dropped = await place_order(customer)
    await customer.send(f"/cancel {dropped}")
    await customer.wait_for(f"Order #{dropped} cancelled")
    await cast.rider.send("/online")
    await cast.rider.wait_for("online")
    await approve(staff, kept)

    await staff.send("/stats")
    stats = await staff.wait_for("Orders today")

    assert "Today (" in stats.text and "Orders today: 2" in stats.text
    assert "· approved: 1" in stats.text and "· cancelled: 1" in stats.text
    assert "Completed: 0" in stats.text and "Cancelled: 1" in stats.text
    assert "Average from order to delivery: none delivered yet" in stats.text
    assert "Riders online now: 1" in stats.text


async def test_a_customer_asking_for_stats_gets_the_staff_only_refusal(cast: Cast):
    await cast.customer.send("/stats")

    refused = await cast.customer.wait_for("Only the store's staff can do that.")

    assert "Orders today" not in refused.text
