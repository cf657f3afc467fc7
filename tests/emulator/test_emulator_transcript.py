"""The transcript: what gets recorded and how it reads."""

import asyncio

from emulator import BotApiEmulator, Entry, render_transcript
from tests.emulator.raw_api import RawApi

SIZES = {
    "inline_keyboard": [
        [
            {"text": "Small", "callback_data": "s"},
            {"text": "Medium", "callback_data": "m"},
            {"text": "Large", "callback_data": "l"},
        ]
    ]
}


def test_render_lines_up_people_and_indents_long_bot_messages():
    entries = [
        Entry("typed", 1001, "Alice", text="/order", actor_id=1001, actor_name="Alice"),
        Entry("sent", 1001, "Alice", text="What size is the parcel?", buttons=("Small", "Large")),
        Entry("pressed", 1001, "Alice", text="Small", actor_id=1001, actor_name="Alice"),
        Entry("answered", 1001, "Alice", text="Saved"),
        Entry("edited", 1001, "Alice", text="Size: Small"),
        Entry(
            "sent",
            -100500,
            "Dispatch desk",
            text="New order #1\nSmall parcel",
            buttons=("Approve",),
        ),
        Entry(
            "typed", -100500, "Dispatch desk", text="/approve 1", actor_id=2001, actor_name="Jisoo"
        ),
        Entry(
            "location", 1001, "Alice", text="37.5665, 126.978", actor_id=1001, actor_name="Alice"
        ),
    ]
    assert render_transcript(entries) == "\n".join(
        [
            "Alice                  › /order",
            "Bot → Alice: What size is the parcel?  [Small] [Large]",
            "Alice                  ⦿ pressed [Small]",
            "Bot → Alice (answer): Saved",
            "Bot → Alice (edited): Size: Small",
            "Bot → Dispatch desk: New order #1",
            "                     Small parcel",
            "                     [Approve]",
            "Jisoo @ Dispatch desk  › /approve 1",
            "Alice                  ⌖ shared location 37.5665, 126.978",
        ]
    )


def test_names_override_the_recorded_ones():
    entries = [Entry("typed", 1001, "Alice", text="hi", actor_id=1001, actor_name="Alice")]
    assert render_transcript(entries, {1001: "Customer"}) == "Customer  › hi"


async def test_the_emulator_records_a_conversation(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    await alice.send("/order")
    await api.result(
        "sendMessage", chat_id=1001, text="What size is the parcel?", reply_markup=SIZES
    )
    press = asyncio.create_task(alice.press("Small"))
    [_, update] = await api.result("getUpdates", timeout=1)
    await api.result(
        "answerCallbackQuery", callback_query_id=update["callback_query"]["id"], text="Saved"
    )
    await press
    await api.result("editMessageText", chat_id=1001, message_id=2, text="Size: Small")
    await api.result("deleteMessage", chat_id=1001, message_id=2)

    assert emu.render_transcript() == "\n".join(
        [
            "Alice  › /order",
            "Bot → Alice: What size is the parcel?  [Small] [Medium] [Large]",
            "Alice  ⦿ pressed [Small]",
            "Bot → Alice (answer): Saved",
            "Bot → Alice (edited): Size: Small",
            "Bot → Alice (deleted): Size: Small",
        ]
    )
