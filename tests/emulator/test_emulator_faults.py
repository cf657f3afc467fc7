"""Failures a test plans: fail_next, random faults and going offline."""

import asyncio
import time

import aiohttp
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


async def test_an_outage_fails_every_method_and_keeps_updates_until_it_is_lifted(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    sent = await api.result("sendMessage", chat_id=1001, text="before")
    emu.set_offline(True, code=504)
    await alice.send("are you there?")  # Telegram keeps it for the bot
    gateway_timeout = {"ok": False, "error_code": 504, "description": "Gateway Timeout"}
    for method, params in [("sendMessage", {"chat_id": 1001, "text": "during"}),
                           ("editMessageText", {"chat_id": 1001, "text": "edited",
                                                "message_id": sent["message_id"]}),
                           ("getUpdates", {"timeout": 0}), ("getMe", {})]:
        assert await api.call(method, **params) == (504, gateway_timeout), method
    assert [message.text for message in alice.inbox] == ["before"]

    emu.set_offline(False)
    updates = await api.result("getUpdates", timeout=0)
    assert [update["message"]["text"] for update in updates] == ["are you there?"]
    await api.result("sendMessage", chat_id=1001, text="after")
    assert [message.text for message in alice.inbox] == ["before", "after"]
    assert [call.outcome for call in emu.calls_to("sendMessage")] == [200, 504, 200]


def test_an_outage_answers_only_server_errors(emu: BotApiEmulator):
    with pytest.raises(ValueError, match="502"):
        emu.set_offline(True, code=429)


async def test_random_faults_with_share_one_deliver_nothing(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(1.0, codes=(500, 502, 503), seed=3)

    answers = [await api.call("sendMessage", chat_id=1001, text=f"m{n}") for n in range(12)]

    descriptions = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    for status, body in answers:
        assert body == {"ok": False, "error_code": status, "description": descriptions[status]}
    assert len({status for status, _ in answers}) > 1
    assert alice.inbox == []
    assert [call.outcome for call in emu.calls_to("sendMessage")] == [s for s, _ in answers]
    assert emu.stats.faults_injected == 12
    assert emu.stats.rate_limited == 0


async def test_random_faults_fail_some_calls_and_exactly_the_others_are_delivered(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(0.5, seed=42)

    statuses = [(await api.call("sendMessage", chat_id=1001, text=f"m{n}"))[0] for n in range(30)]

    assert set(statuses) >= {200} and set(statuses) - {200}
    assert set(statuses) <= {200, 500, 502}
    sent = [f"m{n}" for n, status in enumerate(statuses) if status == 200]
    assert [message.text for message in alice.inbox] == sent
    ok = [call.params["text"] for call in emu.calls_to("sendMessage") if call.outcome == 200]
    assert ok == sent
    assert emu.stats.faults_injected == statuses.count(500) + statuses.count(502)


async def test_the_same_seed_fails_the_same_calls(api: RawApi, emu: BotApiEmulator):
    emu.user(1001, "Alice", started=True)

    async def run() -> list[int]:
        emu.inject_faults(0.5, seed=7)
        return [(await api.call("sendMessage", chat_id=1001, text="x"))[0] for _ in range(10)]

    assert await run() == await run()


async def test_random_faults_hit_only_the_listed_methods(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(1.0, codes=(500,), methods=("EDITMESSAGETEXT",))

    sent = await api.result("sendMessage", chat_id=1001, text="hello")
    await api.result("getMe")
    status, _ = await api.call(
        "editMessageText", chat_id=1001, message_id=sent["message_id"], text="changed"
    )

    assert status == 500
    assert [(message.text, message.edited) for message in alice.inbox] == [("hello", False)]


async def test_a_hung_call_times_out_the_client_and_delivers_nothing(emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(0.0, timeout_share=1.0, hang_s=0.3)
    url = f"http://127.0.0.1:{emu.port}/bot{emu.token}/sendMessage"

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.1)) as session:
        with pytest.raises(asyncio.TimeoutError):
            await session.post(url, json={"chat_id": 1001, "text": "lost"})
    await asyncio.sleep(0.35)

    assert alice.inbox == []
    assert [call.outcome for call in emu.calls_to("sendMessage")] == [504]
    assert emu.stats.faults_injected == 1


async def test_a_patient_client_gets_gateway_timeout_after_the_hang(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(0.0, timeout_share=1.0, hang_s=0.2)

    started = time.monotonic()
    status, body = await api.call("sendMessage", chat_id=1001, text="late")

    assert time.monotonic() - started >= 0.2
    assert (status, body) == (
        504,
        {"ok": False, "error_code": 504, "description": "Gateway Timeout"},
    )
    assert alice.inbox == []


async def test_clear_faults_stops_random_faults_but_keeps_planned_ones(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.inject_faults(1.0, codes=(500,))
    emu.fail_next("sendMessage", 403, "Forbidden: planned")

    assert (await api.call("sendMessage", chat_id=1001, text="a"))[0] == 403
    assert (await api.call("sendMessage", chat_id=1001, text="b"))[0] == 500
    emu.fail_next("sendMessage", 400, "Bad Request: planned too")
    emu.clear_faults()
    assert (await api.call("sendMessage", chat_id=1001, text="c"))[0] == 400
    await api.result("sendMessage", chat_id=1001, text="d")

    assert [message.text for message in alice.inbox] == ["d"]
    assert emu.stats.faults_injected == 1


def test_random_faults_are_checked_when_asked_for(emu: BotApiEmulator):
    with pytest.raises(ValueError, match="sendTelepathy"):
        emu.inject_faults(0.5, methods=("sendTelepathy",))
    for share, timeout_share in ((1.5, 0.0), (-0.1, 0.0), (0.6, 0.6)):
        with pytest.raises(ValueError):
            emu.inject_faults(share, timeout_share=timeout_share)
    with pytest.raises(ValueError):
        emu.inject_faults(0.5, codes=())


async def test_a_fault_after_the_work_does_the_work_and_answers_the_error(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    sent = await api.result("sendMessage", chat_id=1001, text="draft")
    emu.fail_next("editMessageText", 504, chat_id=1001, after_work=True)

    status, body = await api.call(
        "editMessageText", chat_id=1001, message_id=sent["message_id"], text="final"
    )
    again = await api.call(
        "editMessageText", chat_id=1001, message_id=sent["message_id"], text="final"
    )

    assert (status, body) == (
        504,
        {"ok": False, "error_code": 504, "description": "Gateway Timeout"},
    )
    assert [(message.text, message.edited) for message in alice.inbox] == [("final", True)]
    assert again[0] == 400 and "message is not modified" in again[1]["description"]
    assert [call.outcome for call in emu.calls_to("editMessageText")] == [504, 400]


async def test_a_fault_after_the_work_waits_for_a_call_that_succeeds(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.fail_next("sendMessage", 502, after_work=True)

    assert (await api.call("sendMessage", chat_id=1001, text=""))[0] == 400  # refused itself
    assert (await api.call("sendMessage", chat_id=1001, text="made"))[0] == 502  # made, lost
    await api.result("sendMessage", chat_id=1001, text="then answered")

    assert [message.text for message in alice.inbox] == ["made", "then answered"]


async def test_planned_failures_not_yet_made_can_be_cancelled(api: RawApi, emu: BotApiEmulator):
    emu.fail_next("getMe", 502, times=100)
    assert (await api.call("getMe"))[0] == 502
    emu.cancel_planned_failures()
    assert (await api.call("getMe"))[0] == 200
