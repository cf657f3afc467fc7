"""The bot's own standing in groups, as Telegram keeps it: removed, kicked, without the right
to send, added back; and forums, where messages live in topics."""

from emulator import BotApiEmulator
from tests.emulator.raw_api import RawApi

DESK = -1001234567890


async def bot_membership_changes(api: RawApi) -> list[tuple[str, str, int]]:
    updates = await api.result("getUpdates")
    return [(u["my_chat_member"]["old_chat_member"]["status"],
             u["my_chat_member"]["new_chat_member"]["status"],
             u["my_chat_member"]["chat"]["id"]) for u in updates if "my_chat_member" in u]


async def test_a_bot_kicked_from_a_supergroup_is_told_so_and_refused_there(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(DESK, "Dispatch desk")
    boss = emu.user(2001, "Jisoo")
    emu.remove_bot(desk, by=boss)
    assert await bot_membership_changes(api) == [("member", "kicked", DESK)]

    status, body = await api.call("sendMessage", chat_id=DESK, text="New order #1")
    assert (status, body["description"]) == (
        403, "Forbidden: bot was kicked from the supergroup chat")
    status, body = await api.call("getChatMember", chat_id=DESK, user_id=123456)
    assert (status, body["description"]) == (
        403, "Forbidden: bot was kicked from the supergroup chat")  # it may not look either

    await boss.send_to(desk, "/pending@ppalli_bot")  # a bot that is not there hears nothing
    assert await api.result("getUpdates", offset=2) == []  # only the my_chat_member (1)


async def test_a_bot_removed_from_a_plain_group_is_not_a_member_there(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(-4242, "Dispatch desk")
    emu.remove_bot(desk, by=emu.user(2001, "Jisoo"), status="left")
    assert await bot_membership_changes(api) == [("member", "left", -4242)]
    status, body = await api.call("sendMessage", chat_id=-4242, text="hello")
    assert (status, body["description"]) == (
        403, "Forbidden: bot is not a member of the group chat")


async def test_a_bot_without_the_right_to_send_gets_bad_request_until_it_is_given_back(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(DESK, "Dispatch desk")
    boss = emu.user(2001, "Jisoo")
    emu.restrict_bot(desk, by=boss)
    status, body = await api.call("sendMessage", chat_id=DESK, text="New order #1")
    assert (status, body["description"]) == (
        400, "Bad Request: not enough rights to send text messages to the chat")
    await boss.send_to(desk, "/pending@ppalli_bot")  # it still hears its commands

    emu.add_bot(desk, by=boss, status="administrator")
    updates = await api.result("getUpdates")
    restricted = updates[0]["my_chat_member"]["new_chat_member"]
    assert restricted["status"] == "restricted" and restricted["can_send_messages"] is False
    assert updates[1]["message"]["text"] == "/pending@ppalli_bot"
    back = updates[2]["my_chat_member"]
    assert (back["old_chat_member"]["status"], back["new_chat_member"]["status"]) == (
        "restricted", "administrator")
    await api.result("sendMessage", chat_id=DESK, text="New order #1")


async def test_a_bot_added_back_hears_and_writes_again(api: RawApi, emu: BotApiEmulator):
    desk = emu.group(DESK, "Dispatch desk")
    boss = emu.user(2001, "Jisoo")
    emu.remove_bot(desk, by=boss)
    emu.add_bot(desk, by=boss)
    assert await bot_membership_changes(api) == [("member", "kicked", DESK),
                                                 ("kicked", "member", DESK)]
    await api.result("sendMessage", chat_id=DESK, text="hello again")
    assert (await desk.wait_for("hello again")).chat_id == DESK


async def test_in_a_forum_messages_go_to_the_topic_named_and_unknown_topics_are_refused(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(DESK, "Shop", forum=True)
    boss = emu.user(2001, "Jisoo")
    orders = emu.create_topic(desk, "Orders", by=boss)

    sent = await api.result("sendMessage", chat_id=DESK, text="New order #1",
                            message_thread_id=orders)
    assert (sent["message_thread_id"], sent["is_topic_message"]) == (orders, True)
    assert sent["chat"]["is_forum"] is True
    general = await api.result("sendMessage", chat_id=DESK, text="Hello, General")
    assert "message_thread_id" not in general
    assert (await desk.wait_for("New order #1")).thread_id == orders

    status, body = await api.call("sendMessage", chat_id=DESK, text="x", message_thread_id=999)
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")


async def test_a_message_typed_in_a_topic_carries_the_topic(api: RawApi, emu: BotApiEmulator):
    desk = emu.group(DESK, "Shop", forum=True)
    boss = emu.user(2001, "Jisoo")
    orders = emu.create_topic(desk, "Orders", by=boss)
    await boss.send_to(desk, "/pending", topic=orders)
    updates = await api.result("getUpdates")
    opened, typed = (u["message"] for u in updates)
    assert opened["forum_topic_created"]["name"] == "Orders"
    assert (typed["message_thread_id"], typed["is_topic_message"]) == (orders, True)
    assert typed["reply_to_message"]["message_id"] == orders


async def test_a_group_that_lets_no_member_send_refuses_the_bot_too_and_says_nothing(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(DESK, "Dispatch desk")
    emu.set_members_may_send(desk, False)
    status, body = await api.call("sendMessage", chat_id=DESK, text="New order #1")
    assert (status, body["description"]) == (
        400, "Bad Request: not enough rights to send text messages to the chat")
    assert await api.result("getUpdates") == []  # no my_chat_member: the bot's own standing
    member = await api.result("getChatMember", chat_id=DESK, user_id=123456)
    assert member["status"] == "member"
    chat = await api.result("getChat", chat_id=DESK)
    assert chat["permissions"]["can_send_messages"] is False

    emu.add_bot(desk, by=emu.user(2001, "Jisoo"), status="administrator")
    await api.result("sendMessage", chat_id=DESK, text="admins may")  # defaults bind members


async def test_what_an_anonymous_admin_does_comes_from_group_anonymous_bot(
    api: RawApi, emu: BotApiEmulator
):
    desk = emu.group(DESK, "Dispatch desk")
    emu.remove_bot(desk, by=None)
    [update] = await api.result("getUpdates")
    sender = update["my_chat_member"]["from"]
    assert (sender["username"], sender["is_bot"]) == ("GroupAnonymousBot", True)


async def test_a_closed_topic_takes_messages_from_admins_only(api: RawApi, emu: BotApiEmulator):
    desk = emu.group(DESK, "Shop", forum=True)
    boss = emu.user(2001, "Jisoo")
    orders = emu.create_topic(desk, "Orders", by=boss)
    emu.close_topic(desk, orders)
    status, body = await api.call("sendMessage", chat_id=DESK, text="x", message_thread_id=orders)
    assert (status, body["description"]) == (400, "Bad Request: TOPIC_CLOSED")
    emu.add_bot(desk, by=boss, status="administrator")
    await api.result("sendMessage", chat_id=DESK, text="x", message_thread_id=orders)
    emu.add_bot(desk, by=boss)  # a plain member again, and the topic opened
    emu.close_topic(desk, orders, closed=False)
    await api.result("sendMessage", chat_id=DESK, text="y", message_thread_id=orders)
