"""Failures a test plans: fail_next and going offline."""

import pytest

from emulator import BotApiEmulator
from tests.emulator.raw_api import RawApi


async def test_a_planned_429_carries_retry_after_and_has_no_effect(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)

    status, body = await api.call("sendMessage", chat_id=1001, text="first")
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    await api.result("sendMessage", chat_id=1001, text="second")
    assert [message.text for message in alice.inbox] == ["second"]
    assert [call.params["text"] for call in emu.calls_to("sendMessage")] == ["first", "second"]


async def test_faults_can_repeat_and_target_one_chat(api: RawApi, emu: BotApiEmulator):
    emu.user(1001, "Alice", started=True)
    emu.user(1002, "Bob", started=True)
    emu.fail_next("SENDMESSAGE", 500, "Internal Server Error", times=2, chat_id=1002)

    await api.result("sendMessage", chat_id=1001, text="to Alice")
    for _ in range(2):
        status, body = await api.call("sendMessage", chat_id="1002", text="to Bob")
        assert (status, body["description"]) == (500, "Internal Server Error")
    await api.result("sendMessage", chat_id=1002, text="to Bob")


async def test_descriptions_default_by_code(api: RawApi, emu: BotApiEmulator):
    emu.fail_next("getMe", 429, retry_after=5)
    emu.fail_next("getMe", 400)
    assert (await api.call("getMe"))[1]["description"] == "Too Many Requests: retry after 5"
    assert (await api.call("getMe"))[1]["description"] == "Bad Request"


def test_only_emulated_methods_can_be_failed(emu: BotApiEmulator):
    with pytest.raises(ValueError, match="sendTelepathy"):
        emu.fail_next("sendTelepathy", 500)


async def test_an_offline_server_answers_bad_gateway(api: RawApi, emu: BotApiEmulator):
    emu.set_offline(True)
    status, body = await api.call("getMe")
    assert (status, body) == (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    emu.set_offline(False)
    await api.result("getMe")
