"""Live locations the bot sends: moving them, stopping them, and the clock that ends them."""

import time

import pytest

from emulator import BotApiEmulator, Person
from tests.emulator.raw_api import RawApi


@pytest.fixture
def alice(emu: BotApiEmulator) -> Person:
    return emu.user(1001, "Alice", started=True)


async def test_advancing_the_clock_moves_message_dates_on(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    before = await api.result("sendMessage", chat_id=1001, text="now")
    assert abs(before["date"] - time.time()) < 5 and abs(emu.now - time.time()) < 5
    emu.advance(3600)
    after = await api.result("sendMessage", chat_id=1001, text="an hour later")
    assert after["date"] - before["date"] in (3600, 3601)
    typed = await alice.send("me too")
    assert typed["date"] >= after["date"]
    edited = await api.result("editMessageText", chat_id=1001, message_id=1, text="then")
    assert edited["edit_date"] - before["date"] in (3600, 3601)
    with pytest.raises(ValueError, match="never back"):
        emu.advance(-1)
