"""Telegram's flood limits: 429 with retry_after, and a refused call delivers nothing."""

import asyncio
import datetime as dtm
import time

import aiohttp
import pytest
from telegram import Bot
from telegram.error import RetryAfter

from emulator import BotApiEmulator, FloodLimits
from tests.emulator.raw_api import TOKEN, RawApi

ONLY_GLOBAL = {"private_burst": None, "group_per_minute": None}


def delivered(emu: BotApiEmulator, method: str = "sendMessage") -> list[str]:
    return [call.params["text"] for call in emu.calls_to(method) if call.outcome == 200]


async def wait_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()) + 0.05)


def test_the_defaults_are_telegrams_published_limits():
    assert FloodLimits() == FloodLimits(
        global_per_second=30, private_burst=5, private_per_second=1.0, group_per_minute=20
    )
    for bad in ({"global_per_second": 0}, {"private_burst": -1}, {"private_per_second": 0}):
        with pytest.raises(ValueError):
            FloodLimits(**bad)


async def test_the_sixth_message_in_a_second_is_refused_and_not_delivered(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=5, **ONLY_GLOBAL))

    for n in range(5):
        await api.result("sendMessage", chat_id=1001, text=f"m{n}")
    status, body = await api.call("sendMessage", chat_id=1001, text="m5")

    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        },
    )
    assert [message.text for message in alice.inbox] == ["m0", "m1", "m2", "m3", "m4"]
    assert [call.outcome for call in emu.calls_to("sendMessage")] == [200] * 5 + [429]
    assert emu.stats.rate_limited == 1


async def test_after_the_window_passes_sends_are_accepted_again_and_refusals_never_count(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=2, **ONLY_GLOBAL))
    await api.result("sendMessage", chat_id=1001, text="a")
    await api.result("sendMessage", chat_id=1001, text="b")
    for _ in range(3):
        status, body = await api.call("sendMessage", chat_id=1001, text="refused")
        assert (status, body["parameters"]["retry_after"]) == (429, 1)

    await wait_until(emu.calls_to("sendMessage")[1].at + 1.0)
    # The refused calls took no slot: exactly two fit again.
    await api.result("sendMessage", chat_id=1001, text="c")
    await api.result("sendMessage", chat_id=1001, text="d")
    status, _ = await api.call("sendMessage", chat_id=1001, text="refused")

    assert status == 429
    assert [message.text for message in alice.inbox] == ["a", "b", "c", "d"]
    assert delivered(emu) == ["a", "b", "c", "d"]
    assert emu.stats.rate_limited == 4


async def test_a_concurrent_burst_delivers_exactly_the_limit(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=5, **ONLY_GLOBAL))

    sends = [api.call("sendMessage", chat_id=1001, text=f"m{n}") for n in range(20)]
    statuses = [status for status, _ in await asyncio.gather(*sends)]

    assert sorted(statuses) == [200] * 5 + [429] * 15
    assert sorted(message.text for message in alice.inbox) == sorted(delivered(emu))
    assert len(alice.inbox) == 5
    assert emu.stats.rate_limited == 15
    accepted = [call.at for call in emu.calls_to("sendMessage") if call.outcome == 200]
    assert accepted[-1] - accepted[0] < 1.0


async def test_a_private_chat_refuses_past_its_burst_while_another_chat_is_accepted(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    bob = emu.user(1002, "Bob", started=True)
    emu.set_flood_limits(
        FloodLimits(global_per_second=None, private_burst=2, group_per_minute=None)
    )

    await api.result("sendMessage", chat_id=1001, text="one")
    await api.result("sendMessage", chat_id=1001, text="two")
    status, body = await api.call("sendMessage", chat_id=1001, text="three")
    await api.result("sendMessage", chat_id=1002, text="hi Bob")

    assert (status, body["parameters"]) == (429, {"retry_after": 1})
    assert [message.text for message in alice.inbox] == ["one", "two"]
    assert [message.text for message in bob.inbox] == ["hi Bob"]


async def test_a_private_bucket_refills_at_its_rate(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(
        FloodLimits(
            global_per_second=None, private_burst=1, private_per_second=5.0, group_per_minute=None
        )
    )
    await api.result("sendMessage", chat_id=1001, text="one")
    assert (await api.call("sendMessage", chat_id=1001, text="too soon"))[0] == 429

    await wait_until(emu.calls_to("sendMessage")[0].at + 0.2)
    await api.result("sendMessage", chat_id=1001, text="two")
    assert (await api.call("sendMessage", chat_id=1001, text="too soon"))[0] == 429
    assert [message.text for message in alice.inbox] == ["one", "two"]


async def test_a_group_refuses_past_its_minute_limit_and_says_how_long_to_wait(
    api: RawApi, emu: BotApiEmulator
):
    team = emu.group(-1001, "Team")
    other = emu.group(-1002, "Other")
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(
        FloodLimits(global_per_second=None, private_burst=None, group_per_minute=2)
    )

    await api.result("sendMessage", chat_id=-1001, text="one")
    await api.result("sendMessage", chat_id=-1001, text="two")
    status, body = await api.call("sendMessage", chat_id=-1001, text="three")
    await api.result("sendMessage", chat_id=-1002, text="elsewhere")
    await api.result("sendMessage", chat_id=1001, text="private")

    assert status == 429
    retry_after = body["parameters"]["retry_after"]
    assert 59 <= retry_after <= 60
    assert body["description"] == f"Too Many Requests: retry after {retry_after}"
    assert [message.text for message in team.inbox] == ["one", "two"]
    assert [message.text for message in other.inbox] == ["elsewhere"]
    assert [message.text for message in alice.inbox] == ["private"]


async def test_a_group_named_by_username_is_counted_as_that_group(api: RawApi, emu: BotApiEmulator):
    team = emu.group(-1001, "Team", username="team_chat")
    emu.set_flood_limits(FloodLimits(global_per_second=None, group_per_minute=1))

    await api.result("sendMessage", chat_id="@team_chat", text="one")
    status, _ = await api.call("sendMessage", chat_id=-1001, text="two")

    assert status == 429
    assert [message.text for message in team.inbox] == ["one"]


async def test_edits_and_locations_count_but_other_methods_are_never_limited(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=1, **ONLY_GLOBAL))
    sent = await api.result("sendMessage", chat_id=1001, text="hello")

    await api.result("getMe")
    await api.result("sendChatAction", chat_id=1001, action="typing")
    await api.result("getUpdates", timeout=0)
    edit = await api.call(
        "editMessageText", chat_id=1001, message_id=sent["message_id"], text="changed"
    )
    location = await api.call("sendLocation", chat_id=1001, latitude=37.5, longitude=127.0)

    assert (edit[0], location[0]) == (429, 429)
    assert [(message.text, message.edited) for message in alice.inbox] == [("hello", False)]
    assert emu.stats.rate_limited == 2


async def test_a_call_refused_for_another_reason_takes_no_slot(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=1, **ONLY_GLOBAL))

    status, body = await api.call("sendMessage", chat_id=424242, text="nobody")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    await api.result("sendMessage", chat_id=1001, text="hello")

    assert [message.text for message in alice.inbox] == ["hello"]
    assert [call.outcome for call in emu.calls_to("sendMessage")] == [400, 200]


async def test_planned_and_random_failures_come_before_flood_limits(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(global_per_second=1, **ONLY_GLOBAL))
    await api.result("sendMessage", chat_id=1001, text="hello")

    emu.fail_next("sendMessage", 429, retry_after=9)
    status, body = await api.call("sendMessage", chat_id=1001, text="planned")
    assert (status, body["parameters"]) == (429, {"retry_after": 9})
    emu.inject_faults(1.0, codes=(503,), seed=1)
    status, body = await api.call("sendMessage", chat_id=1001, text="random")
    assert (status, body["description"]) == (503, "Service Unavailable")

    assert [message.text for message in alice.inbox] == ["hello"]
    assert emu.stats.rate_limited == 0
    assert emu.stats.faults_injected == 1


async def test_limits_come_from_the_constructor_and_can_be_turned_off():
    limits = FloodLimits(global_per_second=1, **ONLY_GLOBAL)
    async with (
        BotApiEmulator(token=TOKEN, flood_limits=limits) as emu,
        aiohttp.ClientSession() as session,
    ):
        api = RawApi(session, emu)
        alice = emu.user(1001, "Alice", started=True)
        assert emu.flood_limits == limits
        await api.result("sendMessage", chat_id=1001, text="one")
        assert (await api.call("sendMessage", chat_id=1001, text="refused"))[0] == 429

        emu.set_flood_limits(None)
        await api.result("sendMessage", chat_id=1001, text="two")
        await api.result("sendMessage", chat_id=1001, text="three")

        assert [message.text for message in alice.inbox] == ["one", "two", "three"]
        assert emu.stats.rate_limited == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_python_telegram_bot_sees_retry_after(emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    emu.set_flood_limits(FloodLimits(private_burst=1))
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        await bot.send_message(alice.id, "first")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(alice.id, "second")

    assert raised.value.retry_after in (1, dtm.timedelta(seconds=1))
    assert [message.text for message in alice.inbox] == ["first"]
