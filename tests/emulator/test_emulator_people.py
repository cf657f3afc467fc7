"""The people tests play: cursors, waiting, pressing, blocking, groups and locations."""

import asyncio

import pytest

from emulator import BotApiEmulator, Person
from tests.emulator.raw_api import RawApi

YES_NO = {
    "inline_keyboard": [
        [{"text": "Yes", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}]
    ]
}


@pytest.fixture
def alice(emu: BotApiEmulator) -> Person:
    return emu.user(1001, "Alice", started=True)


async def say(api: RawApi, text: str, chat_id: int = 1001, **params) -> dict:
    return await api.result("sendMessage", chat_id=chat_id, text=text, **params)


async def test_wait_for_returns_the_first_match_and_moves_the_cursor(api: RawApi, alice: Person):
    for text in ["one", "two", "three"]:
        await say(api, text)
    assert (await alice.wait_for("two")).text == "two"
    with pytest.raises(AssertionError) as failure:
        await alice.wait_for("one", timeout=0.1)
    assert "'one'" in str(failure.value) and "'three'" in str(failure.value)
    assert (await alice.wait_for()).text == "three"


async def test_wait_for_waits_for_a_message_yet_to_come(api: RawApi, alice: Person):
    waiting = asyncio.create_task(alice.wait_for("late"))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    await say(api, "a late reply")
    assert (await waiting).text == "a late reply"


async def test_edits_are_events_matched_on_the_text_they_showed(api: RawApi, alice: Person):
    await say(api, "Order #1: pending")
    await api.result("editMessageText", chat_id=1001, message_id=1, text="Order #1: accepted")
    pending = await alice.wait_for("pending")
    accepted = await alice.wait_for("accepted")
    assert (pending.edited, accepted.edited) == (False, True)
    assert pending.message_id == accepted.message_id
    assert [message.text for message in alice.inbox] == ["Order #1: accepted"]


async def test_acting_does_not_move_the_cursor(api: RawApi, alice: Person):
    await say(api, "before")
    await alice.send("hello")
    assert (await alice.wait_for()).text == "before"


async def test_expect_nothing_passes_in_silence_and_lists_what_came(api: RawApi, alice: Person):
    await alice.expect_nothing(within=0.05)
    await say(api, "surprise", reply_markup=YES_NO)
    with pytest.raises(AssertionError, match=r"#1: 'surprise' \[Yes\] \[No\]"):
        await alice.expect_nothing(within=0.05)
    alice.catch_up()
    await alice.expect_nothing(within=0.05)


async def test_press_uses_the_newest_message_with_that_button(api: RawApi, alice: Person):
    await say(api, "old", reply_markup=YES_NO)
    await say(api, "new", reply_markup=YES_NO)
    await say(api, "no buttons")
    press = asyncio.create_task(alice.press("No"))
    [update] = await api.result("getUpdates", timeout=1)
    query = update["callback_query"]
    assert (query["message"]["text"], query["data"]) == ("new", "no")
    await api.result("answerCallbackQuery", callback_query_id=query["id"])
    assert (await press).text is None


async def test_press_names_the_buttons_there_are_when_one_is_missing(api: RawApi, alice: Person):
    await say(api, "Sure?", reply_markup=YES_NO)
    with pytest.raises(LookupError, match=r"no button \[Maybe\].*#1 \[Yes\] \[No\]"):
        await alice.press("Maybe")


async def test_press_times_out_when_the_bot_never_answers(api: RawApi, alice: Person):
    await say(api, "Sure?", reply_markup=YES_NO)
    with pytest.raises(TimeoutError, match=r"did not answer Alice's press of \[Yes\]"):
        await alice.press("Yes", timeout=0.1)


async def test_press_data_sends_whatever_data_it_is_given(api: RawApi, alice: Person):
    sent = await say(api, "Sure?", reply_markup=YES_NO)
    message = alice.inbox[0]
    assert message.message_id == sent["message_id"]
    press = asyncio.create_task(alice.press_data(message, "forged:data"))
    [update] = await api.result("getUpdates", timeout=1)
    assert update["callback_query"]["data"] == "forged:data"
    await api.result(
        "answerCallbackQuery", callback_query_id=update["callback_query"]["id"], text="Nope"
    )
    assert (await press).text == "Nope"


async def test_blocking_and_unblocking_send_my_chat_member(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    alice.block_bot()
    with pytest.raises(RuntimeError, match="blocked the bot"):
        await alice.send("hi")
    alice.unblock_bot()
    updates = await api.result("getUpdates")
    changes = [
        (
            u["my_chat_member"]["old_chat_member"]["status"],
            u["my_chat_member"]["new_chat_member"]["status"],
        )
        for u in updates
    ]
    assert changes == [("member", "kicked"), ("kicked", "member")]
    assert updates[0]["my_chat_member"]["new_chat_member"]["user"]["id"] == 123456


async def test_in_privacy_mode_the_bot_only_hears_commands_for_it_in_groups(
    api: RawApi, emu: BotApiEmulator
):
    staff = emu.group(-100500, "Dispatch desk")
    alice = emu.user(1001, "Alice")
    for text in [
        "hello",
        "/accept@ppalli_bot 1",
        "/accept@other_bot 2",
        "/status",
        "hi @ppalli_bot",
    ]:
        await alice.send_to(staff, text)
    updates = await api.result("getUpdates")
    assert [u["message"]["text"] for u in updates] == [
        "/accept@ppalli_bot 1",
        "/status",
        "hi @ppalli_bot",
    ]
    message = updates[0]["message"]
    assert message["chat"] == {"id": -100500, "type": "supergroup", "title": "Dispatch desk"}
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 18}]


async def test_without_privacy_mode_the_bot_hears_everything():
    async with BotApiEmulator(privacy_mode=False) as emu:
        staff = emu.group(-42, "Kitchen")
        await emu.user(1001, "Alice").send_to(staff, "hello")
        assert emu.state.updates.pending_count == 1
        assert staff.id == -42 and emu.state.chats[-42].type == "group"


async def test_group_messages_are_seen_by_the_group(api: RawApi, emu: BotApiEmulator):
    staff = emu.group(-100500, "Dispatch desk")
    await say(api, "New order #1", chat_id=-100500, reply_markup=YES_NO)
    message = await staff.wait_for("New order")
    assert message.buttons == ["Yes", "No"]
    alice = emu.user(1001, "Alice")
    press = asyncio.create_task(alice.press("Yes", in_chat=staff))
    [update] = await api.result("getUpdates", timeout=1)
    assert update["callback_query"]["message"]["chat"]["id"] == -100500
    await api.result("answerCallbackQuery", callback_query_id=update["callback_query"]["id"])
    await press


async def test_live_locations_move_as_edited_messages(api: RawApi, alice: Person):
    shared = await alice.share_location(37.5665, 126.978, live_period=900)
    await alice.move_live_location(shared, 37.57, 126.98)
    first, moved = await api.result("getUpdates")
    assert first["message"]["location"]["live_period"] == 900
    edited = moved["edited_message"]
    assert edited["message_id"] == shared["message_id"] and "edit_date" in edited
    assert (edited["location"]["latitude"], edited["location"]["longitude"]) == (37.57, 126.98)


async def test_a_shared_contact_arrives_as_a_message_with_the_card(api: RawApi, alice: Person):
    await alice.share_contact("+82 10-1234-5678", "Bora")
    [update] = await api.result("getUpdates")
    assert update["message"]["contact"] == {"phone_number": "+82 10-1234-5678",
                                            "first_name": "Bora"}
    assert update["message"]["from"]["id"] == alice.id and "text" not in update["message"]


async def test_replying_to_a_bot_message(api: RawApi, alice: Person):
    await say(api, "What is your name?", reply_markup={"force_reply": True})
    await alice.send("Alice", reply_to=alice.last)
    [update] = await api.result("getUpdates")
    assert update["message"]["reply_to_message"]["text"] == "What is your name?"


async def test_a_group_upgraded_to_a_supergroup_answers_with_its_new_id(api: RawApi,
                                                                       emu: BotApiEmulator):
    staff = emu.group(-4242, "Kitchen")
    alice = emu.user(1001, "Alice")
    staff.add_member(alice)
    upgraded = emu.migrate_group(staff, -1004242, by=alice)
    status, body = await api.call("sendMessage", chat_id=-4242, text="New order #1")
    assert (status, body["description"], body["parameters"]) == (
        400, "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": -1004242})
    [left, arrived] = await api.result("getUpdates")
    assert left["message"]["chat"]["id"] == -4242
    assert left["message"]["migrate_to_chat_id"] == -1004242
    assert arrived["message"]["chat"] == {"id": -1004242, "type": "supergroup",
                                          "title": "Kitchen"}
    assert arrived["message"]["migrate_from_chat_id"] == -4242
    await say(api, "New order #1", chat_id=-1004242)
    assert (await upgraded.wait_for("New order")).text == "New order #1"
