"""getUpdates: confirming offsets, long polling, allowed_updates and webhooks."""

import asyncio
import time

from emulator import BotApiEmulator
from tests.emulator.raw_api import RawApi


def ids(updates: list[dict]) -> list[int]:
    return [update["update_id"] for update in updates]


async def test_updates_are_repeated_until_an_offset_confirms_them(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    await alice.send("one")
    await alice.send("two")

    first = await api.result("getUpdates")
    assert [u["message"]["text"] for u in first] == ["one", "two"]
    assert ids(first)[1] == ids(first)[0] + 1
    assert await api.result("getUpdates") == first

    assert ids(await api.result("getUpdates", offset=ids(first)[1])) == [ids(first)[1]]
    assert await api.result("getUpdates", offset=ids(first)[1] + 1) == []


async def test_negative_offset_keeps_only_the_newest_updates(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    for text in ["one", "two", "three"]:
        await alice.send(text)
    newest = await api.result("getUpdates", offset=-1)
    assert [u["message"]["text"] for u in newest] == ["three"]
    assert await api.result("getUpdates") == newest


async def test_limit_caps_the_number_of_updates(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    await alice.send("one")
    await alice.send("two")
    assert len(await api.result("getUpdates", limit=1)) == 1


async def test_long_poll_returns_as_soon_as_an_update_arrives(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    poll = asyncio.create_task(api.result("getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    assert not poll.done()

    began = time.monotonic()
    await alice.send("hi")
    updates = await poll
    assert time.monotonic() - began < 1
    assert updates[0]["message"]["text"] == "hi"


async def test_long_poll_times_out_with_an_empty_list(api: RawApi):
    began = time.monotonic()
    assert await api.result("getUpdates", timeout=0.3) == []
    assert 0.25 <= time.monotonic() - began < 2


async def test_a_newer_get_updates_terminates_an_older_long_poll(api: RawApi):
    older = asyncio.create_task(api.call("getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    assert await api.result("getUpdates") == []
    status, body = await older
    assert status == 409
    assert body["description"] == (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )


async def test_stop_releases_pending_long_polls(api: RawApi, emu: BotApiEmulator):
    poll = asyncio.create_task(api.call("getUpdates", timeout=30))
    await asyncio.sleep(0.1)
    await emu.stop()
    assert await poll == (200, {"ok": True, "result": []})


async def test_a_message_update_looks_like_telegrams(api: RawApi, emu: BotApiEmulator):
    emu.user(1001, "Alice", last_name="Kim", username="alice_k", language_code="ko")
    alice = emu.user(1001, "ignored: the same person is returned")
    await alice.send("/start@ppalli_bot now")

    [update] = await api.result("getUpdates")
    message = update["message"]
    assert message["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": "Alice",
        "last_name": "Kim",
        "username": "alice_k",
        "language_code": "ko",
    }
    assert message["chat"] == {
        "id": 1001,
        "type": "private",
        "first_name": "Alice",
        "last_name": "Kim",
        "username": "alice_k",
    }
    assert isinstance(message["date"], int) and message["message_id"] == 1
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 17}]


async def test_allowed_updates_filters_updates_created_afterwards(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    await api.result("getUpdates", allowed_updates=["callback_query"])
    await alice.send("not for the bot")
    assert await api.result("getUpdates") == []

    await api.result("getUpdates", allowed_updates=[])
    await alice.send("seen")
    assert [u["message"]["text"] for u in await api.result("getUpdates")] == ["seen"]


async def test_get_updates_conflicts_with_a_webhook(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice")
    await api.result("setWebhook", url="https://example.com/hook")
    status, body = await api.call("getUpdates")
    assert (status, body) == (
        409,
        {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        },
    )
    await alice.send("waiting")
    info = await api.result("getWebhookInfo")
    assert (info["url"], info["pending_update_count"]) == ("https://example.com/hook", 1)

    await api.result("deleteWebhook", drop_pending_updates=True)
    assert await api.result("getUpdates") == []


async def test_a_webhook_goes_only_to_the_ports_telegram_posts_to(api: RawApi):
    for url in ("https://bot.example:8080/hook", "https://bot.example:99999/hook"):
        status, body = await api.call("setWebhook", url=url)
        assert status == 400 and "ports 80, 88, 443 or 8443" in body["description"]
    for url in ("https://bot.example/hook", "https://bot.example:8443/hook"):
        assert await api.result("setWebhook", url=url) is True


async def test_webhook_must_be_https(api: RawApi):
    status, body = await api.call("setWebhook", url="http://example.com/hook")
    assert (status, body["description"]) == (
        400,
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    )


async def test_concurrent_people_are_queued_in_order(api: RawApi, emu: BotApiEmulator):
    riders = [emu.user(3000 + i, f"Rider{i}") for i in range(10)]
    await asyncio.gather(*(rider.send("/accept 1") for rider in riders))
    updates = await api.result("getUpdates")
    assert [u["message"]["from"]["id"] for u in updates] == [r.id for r in riders]
    assert ids(updates) == list(range(ids(updates)[0], ids(updates)[0] + 10))


async def test_an_update_of_any_shape_is_queued_as_given(api: RawApi, emu: BotApiEmulator):
    reaction = {"chat": {"id": 5, "type": "group"}, "new_reaction": []}
    assert emu.push_update("message_reaction", reaction) is None  # not asked for by default
    await api.result("getUpdates", allowed_updates='["message", "message_reaction"]')
    odd = emu.push_update("message_reaction", reaction)
    broken = emu.push_update("message", {"message_id": 9})  # no chat, no date
    assert odd is not None and broken is not None
    assert await api.result("getUpdates") == [odd, broken]


def test_a_webhook_update_of_an_odd_shape_belongs_to_no_chat():
    from emulator.webhook import update_chat

    assert update_chat({"update_id": 1, "message": {"message_id": 9}}) is None
    assert update_chat({"update_id": 2, "callback_query": {"from": "nobody"}}) is None
    assert update_chat({"update_id": 3, "message": {"chat": {"id": 7}}}) == 7
