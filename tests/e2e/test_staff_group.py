"""A staff group as the store's desk: new orders arrive there, staff decide there."""

import asyncio

from emulator import Person
from tests.e2e.conftest import STAFF_ID, place_order

DESK_ID = -1001234567890


async def staff_and_customer(emu) -> tuple[Person, Person]:
    """The admin Jisoo and the customer Minji, who have both started the bot."""
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    for person in (staff, customer):
        await person.send("/start")
        await person.wait_for("Hello")
    return staff, customer


def refused_sends(emu, chat_id: int) -> list:
    return [call for call in emu.calls_to("sendMessage")
            if str(call.params.get("chat_id")) == str(chat_id) and call.outcome != 200]


async def test_new_orders_go_to_the_staff_group_where_only_staff_may_decide(emu, settings,
                                                                          start_bot):
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
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
    approved = await staff.press("✅ Approve", message=alert)
    assert approved.text == f"Order #{number} approved."  # a toast for the presser
    card = await desk.second_view().wait_for(f"Order #{number} from Minji — approved")
    assert card.message_id == alert.message_id  # the alert, edited
    assert card.buttons == ["✖ Cancel order"]
    assert "approved (store Jisoo)" in card.text  # who decided, for the others in the group
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
    desk = emu.group(old_id, "Dispatch desk", supergroup=False)
    await start_bot(settings.model_copy(update={"store_chat_id": old_id}))
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
    assert len(refused_sends(emu, old_id)) <= 1  # at most the one send that learnt of the move


async def test_a_bot_removed_from_the_staff_group_tells_the_admins_and_brings_them_the_alerts(
    emu, settings, start_bot
):
    """Removed from the desk, the bot can still reach the admins: they hear why, privately,
    and get the store's alerts (with their buttons) until it is added back."""
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    for person in (staff, customer):
        emu.add_member(desk, person)
        await person.send("/start")
        await person.wait_for("Hello")

    emu.remove_bot(desk, by=staff)
    lost = await staff.wait_for("I can't post in the store's group")
    assert "removed" in lost.text

    number = await place_order(customer)
    alert = await staff.wait_for(f"New order #{number} from Minji")
    await staff.press("✅ Approve", message=alert)
    await customer.wait_for(f"Order #{number} approved")

    emu.add_bot(desk, by=staff)
    await staff.wait_for("I can post in the store's group again")
    second = await place_order(customer, pickup="1 Jong-ro")
    await desk.wait_for(f"New order #{second}", timeout=10)
    await staff.expect_nothing(within=0.3)
    assert refused_sends(emu, DESK_ID) == []  # told by my_chat_member, never wrote into the void


async def test_a_staff_group_the_bot_may_not_write_in_sends_its_alerts_to_the_admins(
    emu, settings, start_bot
):
    """The bot learns it lost its rights from the refused send (the update that said so was
    lost): that alert, and the store's later ones, reach the admins privately, with the
    reason."""
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    staff, customer = await staff_and_customer(emu)
    desk._chat.bot_status = "restricted"  # with no my_chat_member

    first = await place_order(customer)
    lost = await staff.wait_for("I can't post in the store's group")
    assert "not allowed to send" in lost.text
    await staff.wait_for(f"New order #{first}")
    second = await place_order(customer, pickup="1 Jong-ro")
    await staff.wait_for(f"New order #{second}")
    assert len(refused_sends(emu, DESK_ID)) == 1  # the one send that learnt of it


async def test_a_store_chat_id_telegram_does_not_know_is_reported_and_alerts_still_arrive(
    emu, settings, start_bot
):
    """A typo in STORE_CHAT_ID: the admins hear at start, and get the store's alerts."""
    staff = emu.user(STAFF_ID, "Jisoo", started=True)
    await start_bot(settings.model_copy(update={"store_chat_id": -100999}))
    lost = await staff.wait_for("I can't post in the store's group")
    assert "STORE_CHAT_ID" in lost.text
    customer = emu.user(1001, "Minji")
    for person in (staff, customer):  # Telegram's word on the staff's chat: they wrote in it
        await person.send("/start")
        await person.wait_for("Hello")
    number = await place_order(customer)
    await staff.wait_for(f"New order #{number}")
    assert refused_sends(emu, -100999) == []


async def test_a_forum_topic_as_the_stores_desk_gets_every_store_message(emu, settings,
                                                                        start_bot):
    desk = emu.group(DESK_ID, "Shop", forum=True)
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    orders_topic = emu.create_topic(desk, "Orders", by=staff)
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID,
                                                "store_thread_id": orders_topic}))
    await customer.send("/start")
    await customer.wait_for("Hello")

    number = await place_order(customer)
    alert = await desk.wait_for(f"New order #{number}")
    assert alert.thread_id == orders_topic
    await staff.send_to(desk, "/pending", topic=orders_topic)
    listed = await desk.wait_for(f"#{number}")
    assert listed.thread_id == orders_topic  # the answer stays in the topic it was asked in
    await staff.press("✅ Approve", message=alert)
    cancelled = desk.second_view()
    await customer.send(f"/cancel {number}")
    told = await cancelled.wait_for(f"Order #{number} cancelled by the customer", timeout=10)
    assert told.thread_id == orders_topic
    sent_to_desk = [call for call in emu.calls_to("sendMessage")
                    if str(call.params.get("chat_id")) == str(DESK_ID)]
    assert all(str(call.params.get("message_thread_id")) == str(orders_topic)
               for call in sent_to_desk)


async def test_the_bot_muted_in_the_staff_group_hears_it_and_tells_the_admins_in_korean(
    emu, settings, start_bot
):
    desk = emu.group(DESK_ID, "배달 데스크")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    staff = emu.user(STAFF_ID, "지수", language_code="ko")
    await staff.send("/start")
    await staff.wait_for("안녕")
    emu.restrict_bot(desk, by=staff)
    await staff.wait_for("그룹에서 메시지를 보낼 권한이 없어요")
    emu.add_bot(desk, by=staff, status="administrator")
    await staff.wait_for("가게 그룹에 다시 메시지를 보낼 수 있어요")


async def test_at_start_the_bot_asks_how_it_stands_in_the_staff_group(emu, settings, start_bot):
    """Removed while no process ran (the update long gone): the admins hear at start, not at
    the next order; added back while it was down: they hear at the next start."""
    desk = emu.group(DESK_ID, "Dispatch desk")
    staff = emu.user(STAFF_ID, "Jisoo", started=True)
    desk._chat.bot_status = "kicked"
    with_desk = settings.model_copy(update={"store_chat_id": DESK_ID})
    bot = await start_bot(with_desk)
    lost = await staff.wait_for("I can't post in the store's group")
    assert "removed" in lost.text
    await bot.stop()

    desk._chat.bot_status = "administrator"
    await start_bot(with_desk)
    await staff.wait_for("I can post in the store's group again")
    await staff.expect_nothing(within=0.3)


async def test_a_group_that_mutes_its_members_is_asked_about_until_the_bot_may_post_again(
    emu, settings, start_bot
):
    """Muting every member (the group's default permissions) sends the bot no update: the
    refused send says it is lost, and asking Telegram every little while says it is back."""
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID,
                                                "store_chat_check_minutes": 0.01}))
    staff, customer = await staff_and_customer(emu)
    emu.set_members_may_send(desk, False)
    first = await place_order(customer)
    lost = await staff.wait_for("I can't post in the store's group")
    assert "not allowed to send" in lost.text
    await staff.wait_for(f"New order #{first}")
    await staff.expect_nothing(within=1.5)  # checked, and still lost: nothing more to say

    emu.set_members_may_send(desk, True)
    await staff.wait_for("I can post in the store's group again")
    second = await place_order(customer, pickup="1 Jong-ro")
    await desk.wait_for(f"New order #{second}", timeout=10)


async def test_an_anonymous_admin_adding_the_bot_back_is_heard(emu, settings, start_bot):
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    staff, _ = await staff_and_customer(emu)
    emu.remove_bot(desk, by=None)
    await staff.wait_for("I can't post in the store's group")
    emu.add_bot(desk, by=None)  # Telegram names GroupAnonymousBot, a bot, as who did it
    await staff.wait_for("I can post in the store's group again")


async def test_with_no_admin_to_write_to_the_stores_alerts_wait_rather_than_vanish(
    emu, settings, start_bot
):
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID}))
    customer = emu.user(1001, "Minji")
    await customer.send("/start")
    await customer.wait_for("Hello")
    emu.remove_bot(desk, by=customer)
    number = await place_order(customer)
    staff = emu.user(STAFF_ID, "Jisoo")  # the admin has never written to the bot
    await asyncio.sleep(1)
    await staff.send("/start")
    await staff.wait_for(f"New order #{number}", timeout=10)


async def test_a_closed_store_topic_sends_the_alerts_to_general_and_the_admins_hear_both_ways(
    emu, settings, start_bot
):
    desk = emu.group(DESK_ID, "Shop", forum=True)
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    orders_topic = emu.create_topic(desk, "Orders", by=staff)
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID,
                                                "store_thread_id": orders_topic}))
    for person in (staff, customer):
        await person.send("/start")
        await person.wait_for("Hello")
    emu.close_topic(desk, orders_topic)

    first = await place_order(customer)
    alert = await desk.wait_for(f"New order #{first}")
    assert alert.thread_id is None  # General: better than no alert at all
    gone = await staff.wait_for("I can't post in the store's topic")
    assert "STORE_THREAD_ID" in gone.text

    emu.close_topic(desk, orders_topic, closed=False)
    second = await place_order(customer, pickup="1 Jong-ro")
    alert = await desk.wait_for(f"New order #{second}", timeout=10)
    assert alert.thread_id == orders_topic
    await staff.wait_for("The store's topic is open again")
