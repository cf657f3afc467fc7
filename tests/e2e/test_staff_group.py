"""A staff group as the store's desk: new orders arrive there, staff decide there."""

from tests.e2e.conftest import STAFF_ID, place_order

DESK_ID = -1001234567890


async def test_new_orders_go_to_the_staff_group_where_only_staff_may_decide(emu, settings,
                                                                          start_bot):
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    desk = emu.group(DESK_ID, "Dispatch desk")
    staff = emu.user(STAFF_ID, "Jisoo")
    customer = emu.user(1001, "Minji")
    for person in (staff, customer):
        emu.add_member(desk, person)
    await customer.send("/start")
    await customer.wait_for("Hello")

    number = await place_order(customer)
    alert = await desk.wait_for(f"New order #{number} from Minji")
    assert alert.buttons == ["✅ Approve", "✖ Reject"]
    await staff.expect_nothing(within=0.2)  # not also privately: the group is the desk

    refused = await customer.press("✅ Approve", message=alert)
    assert refused.show_alert and "Only the store's staff" in refused.text
    await staff.press("✅ Approve", message=alert)
    await desk.wait_for(f"Order #{number} approved.")
    await customer.wait_for(f"Order #{number} approved")

    # Nobody is online to take it: the desk hears so (groups get ~19 messages a minute, hence
    # the longer waits).
    await desk.wait_for(f"Order #{number}: no rider is available", timeout=10)
    await customer.send(f"/cancel {number}")
    await desk.wait_for(f"Order #{number} cancelled by the customer", timeout=10)

    await customer.send_to(desk, "/order")
    await desk.wait_for("message me privately")


async def test_a_staff_group_upgraded_to_a_supergroup_keeps_getting_the_stores_alerts(
    emu, settings, start_bot
):
    """Telegram moves a group that grows (or gets a public link) to a supergroup with a new
    id: what waited for the old id, and everything after, reaches the new one."""
    old_id = -4242  # a plain group, as a new staff group starts
    await start_bot(settings.model_copy(update={"store_chat_id": old_id}))
    desk = emu.group(old_id, "Dispatch desk", supergroup=False)
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    for person in (staff, customer):
        emu.add_member(desk, person)
    await customer.send("/start")
    await customer.wait_for("Hello")
    first = await place_order(customer)
    await desk.wait_for(f"New order #{first}")

    upgraded = emu.migrate_group(desk, -1004242, by=staff)
    await staff.send_to(upgraded, "/pending")
    await upgraded.wait_for(f"#{first}")  # staff commands work in the new chat

    second = await place_order(customer, pickup="1 Jong-ro")
    await upgraded.wait_for(f"New order #{second}", timeout=10)
    refused = [call for call in emu.calls_to("sendMessage")
               if str(call.params.get("chat_id")) == str(old_id) and call.outcome != 200]
    assert len(refused) <= 1  # at most the one send that learnt of the move
