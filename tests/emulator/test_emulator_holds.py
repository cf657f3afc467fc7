"""Held answers: the call does its work, the client hears nothing until the hold is released."""

import asyncio

USER = 501


async def test_a_held_send_is_delivered_but_not_answered_until_released(emu, api):
    person = emu.user(USER, "Minji")
    await person.send("/start")  # a bot may write only to people who started it
    hold = emu.hold_answer("sendMessage", chat_id=USER)
    sending = asyncio.create_task(api.call("sendMessage", chat_id=USER, text="hi"))
    await asyncio.wait_for(hold.reached.wait(), 5)
    assert [m.text for m in person.inbox] == ["hi"]  # Telegram did the work
    await asyncio.sleep(0.1)
    assert not sending.done()  # the bot has not heard back
    hold.release()
    status, answer = await asyncio.wait_for(sending, 5)
    assert (status, answer["ok"]) == (200, True)


async def test_only_the_matching_call_is_held(emu, api):
    await emu.user(USER, "Minji").send("/start")
    hold = emu.hold_answer("sendMessage", chat_id=USER, text_contains="second")
    status, _ = await api.call("sendMessage", chat_id=USER, text="first")
    assert status == 200 and not hold.reached.is_set()
    sending = asyncio.create_task(api.call("sendMessage", chat_id=USER, text="second"))
    await asyncio.wait_for(hold.reached.wait(), 5)
    hold.release()
    assert (await sending)[0] == 200


async def test_a_batch_of_updates_is_seen_as_answered_with_its_size(emu, api):
    person = emu.user(USER, "Minji")
    await person.send("/start")
    await api.call("getUpdates", timeout=0)
    answered = await emu.wait_for_call(lambda c: c.method == "getUpdates")
    assert answered.result_count == 1
