"""Live locations the bot sends: moving them, stopping them, and the clock that ends them."""

import time

import pytest

from emulator import BotApiEmulator, FloodLimits, LiveLocation, Person
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


CANT_EDIT = (400, "Bad Request: message can't be edited")
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
WRONG_PERIOD = (400, "Bad Request: wrong live period specified")
SEOUL = {"latitude": 37.5665, "longitude": 126.978}
GANGNAM = {"latitude": 37.4979, "longitude": 127.0276}
TRACK = {"inline_keyboard": [[{"text": "Track", "callback_data": "track"}]]}


async def error(api: RawApi, method: str, **params) -> tuple[int, str]:
    status, body = await api.call(method, **params)
    assert body["ok"] is False and body["error_code"] == status
    return status, body["description"]


async def live(api: RawApi, period: int = 900, **params) -> int:
    """A live location the bot sends to Alice; its message id."""
    sent = await api.result("sendLocation", chat_id=1001, live_period=period, **SEOUL, **params)
    return sent["message_id"]


async def move(api: RawApi, message_id: int, **params) -> tuple[int, dict]:
    return await api.call("editMessageLiveLocation", chat_id=1001, message_id=message_id,
                          **(GANGNAM | params))


async def test_an_edit_moves_the_location_and_the_person_sees_it(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    message_id = await live(api)
    alice.catch_up()
    edited = await api.result("editMessageLiveLocation", chat_id=1001, message_id=message_id,
                              **GANGNAM, reply_markup=TRACK)
    assert edited["location"] == GANGNAM | {"live_period": 900}
    assert isinstance(edited["edit_date"], int) and edited["reply_markup"] == TRACK
    [shown] = alice.unread
    assert (shown.message_id, shown.edited) == (message_id, True)
    assert shown.location == edited["location"]
    assert alice.last is not None and alice.last.buttons == ["Track"]
    assert emu.transcript[-1].kind == "edited" and "37.4979, 127.0276" in emu.transcript[-1].text
    assert emu.live_location(1001, message_id) == LiveLocation(
        latitude=37.4979, longitude=127.0276, live_period=900, stopped=False, edits=1, active=True)


async def test_extras_are_those_of_the_edit_and_left_out_ones_go(api: RawApi, alice: Person):
    message_id = await live(api, heading=90, proximity_alert_radius=200)
    status, body = await move(api, message_id, horizontal_accuracy=15.5, heading=180)
    assert status == 200, body
    assert body["result"]["location"] == GANGNAM | {
        "live_period": 900, "horizontal_accuracy": 15.5, "heading": 180}


async def test_the_same_position_is_not_modified(api: RawApi, emu: BotApiEmulator, alice: Person):
    message_id = await live(api, reply_markup=TRACK)
    same = {"chat_id": 1001, "message_id": message_id, "reply_markup": TRACK} | SEOUL
    assert await error(api, "editMessageLiveLocation", **same) == (400, NOT_MODIFIED)
    assert await error(api, "editMessageLiveLocation", live_period=900, **same) == (
        400, NOT_MODIFIED)
    status, _ = await api.call("editMessageLiveLocation", heading=45, **same)
    assert status == 200
    status, _ = await api.call("editMessageLiveLocation", **(same | {"reply_markup": None}))
    assert status == 200  # the heading and the keyboard go: a change
    assert emu.live_location(1001, message_id).edits == 2


async def test_only_a_live_location_of_the_bot_can_be_edited(api: RawApi, alice: Person):
    text = await api.result("sendMessage", chat_id=1001, text="Hi")
    still = await api.result("sendLocation", chat_id=1001, **SEOUL)
    venue = await api.result("sendVenue", chat_id=1001, title="Station", address="Gangnam",
                             **SEOUL)
    shared = await alice.share_location(37.5, 127.0, live_period=900)
    for message in (text, still, venue, shared):
        assert await move(api, message["message_id"]) == (400, {
            "ok": False, "error_code": 400, "description": CANT_EDIT[1]})
        assert await error(api, "stopMessageLiveLocation", chat_id=1001,
                           message_id=message["message_id"]) == CANT_EDIT


async def test_an_unknown_message_or_an_inline_one_is_refused(api: RawApi, alice: Person):
    for method in ("editMessageLiveLocation", "stopMessageLiveLocation"):
        assert await error(api, method, chat_id=1001, message_id=42, **GANGNAM) == (
            400, "Bad Request: message to edit not found")
        assert await error(api, method, inline_message_id="AgAAAB", **GANGNAM) == (
            400, "Bad Request: MESSAGE_ID_INVALID")
    message_id = await live(api)
    await api.result("deleteMessage", chat_id=1001, message_id=message_id)
    status, body = await move(api, message_id)
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")


async def test_the_position_is_checked_as_when_sending(api: RawApi, alice: Person):
    message_id = await live(api)
    status, body = await move(api, message_id, latitude=91)
    assert (status, body["description"]) == (400, "Bad Request: wrong location specified")
    status, body = await move(api, message_id, longitude=-180.5)
    assert (status, body["description"]) == (400, "Bad Request: wrong location specified")
    assert await error(api, "editMessageLiveLocation", chat_id=1001, message_id=message_id) == (
        400, "Bad Request: latitude and longitude must be specified")


async def test_a_live_location_can_no_longer_move_once_its_period_is_over(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    message_id = await live(api, period=60)
    emu.advance(59)
    status, _ = await move(api, message_id)
    assert status == 200
    emu.advance(2)
    assert not emu.live_location(1001, message_id).active
    status, body = await move(api, message_id, **SEOUL)
    assert (status, body["description"]) == CANT_EDIT
    assert await error(api, "stopMessageLiveLocation", chat_id=1001,
                       message_id=message_id) == CANT_EDIT
    assert alice.last is not None and alice.last.location == GANGNAM | {"live_period": 60}


async def test_an_endless_live_location_never_ends(api: RawApi, emu: BotApiEmulator, alice: Person):
    message_id = await live(api, period=0x7FFFFFFF)
    emu.advance(10 * 365 * 86400)
    status, body = await move(api, message_id)
    assert status == 200 and body["result"]["location"]["live_period"] == 0x7FFFFFFF


async def test_an_edit_may_extend_the_period_by_up_to_a_day_or_make_it_endless(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    message_id = await live(api, period=900)
    for shorter_or_too_long in (60, 899, 900 + 86401, 0, -5):
        status, body = await move(api, message_id, live_period=shorter_or_too_long)
        assert (status, body["description"]) == WRONG_PERIOD
    status, body = await move(api, message_id, live_period=900 + 86400)
    assert status == 200 and body["result"]["location"]["live_period"] == 87300
    status, body = await move(api, message_id, live_period=0x7FFFFFFF, **SEOUL)
    assert status == 200 and body["result"]["location"]["live_period"] == 0x7FFFFFFF
    status, body = await move(api, message_id, live_period=3600)
    assert (status, body["description"]) == WRONG_PERIOD  # endless cannot end again
    status, body = await move(api, message_id)  # left out: the period stays
    assert status == 200 and body["result"]["location"]["live_period"] == 0x7FFFFFFF
    assert emu.live_location(1001, message_id).edits == 3


async def test_an_extended_period_must_end_within_90_days(api: RawApi, alice: Person):
    message_id = await live(api, period=86400)
    for days in range(2, 91):
        status, body = await move(api, message_id, live_period=days * 86400)
        assert status == 200, (days, body)
    status, body = await move(api, message_id, live_period=91 * 86400)
    assert (status, body["description"]) == WRONG_PERIOD


async def test_a_stopped_live_location_can_be_neither_edited_nor_stopped_again(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    message_id = await live(api, reply_markup=TRACK)
    await move(api, message_id)
    alice.catch_up()
    stopped = await api.result("stopMessageLiveLocation", chat_id=1001, message_id=message_id,
                               reply_markup=TRACK)
    assert stopped["location"] == GANGNAM | {"live_period": 900}
    assert "edit_date" in stopped and stopped["reply_markup"] == TRACK
    assert "stopped" not in str(stopped)  # Telegram's message has no field for it
    [shown] = alice.unread
    assert shown.edited and shown.location == stopped["location"]
    assert emu.live_location(1001, message_id) == LiveLocation(
        latitude=37.4979, longitude=127.0276, live_period=900, stopped=True, edits=1, active=False)
    status, body = await move(api, message_id, **SEOUL)
    assert (status, body["description"]) == CANT_EDIT
    assert await error(api, "stopMessageLiveLocation", chat_id=1001,
                       message_id=message_id) == CANT_EDIT
    assert emu.render_transcript().splitlines()[-1] == (
        "Bot → Alice (live location stopped): ⌖ 37.4979, 127.0276  [Track]")


async def test_stopping_without_reply_markup_removes_the_keyboard(api: RawApi, alice: Person):
    message_id = await live(api, reply_markup=TRACK)
    stopped = await api.result("stopMessageLiveLocation", chat_id=1001, message_id=message_id)
    assert "reply_markup" not in stopped
    assert alice.last is not None and alice.last.buttons == []


async def test_moving_and_stopping_count_against_flood_limits(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    message_id = await live(api)
    emu.set_flood_limits(FloodLimits(global_per_second=1, private_burst=None,
                                     group_per_minute=None))
    await move(api, message_id)
    status, _ = await move(api, message_id, **SEOUL)
    stop = await api.call("stopMessageLiveLocation", chat_id=1001, message_id=message_id)
    assert (status, stop[0]) == (429, 429)
    assert emu.live_location(1001, message_id).edits == 1
    assert not emu.live_location(1001, message_id).stopped


async def test_only_the_bots_live_locations_can_be_looked_up(
    api: RawApi, emu: BotApiEmulator, alice: Person
):
    with pytest.raises(LookupError, match="no message #7 in chat 1001"):
        emu.live_location(1001, 7)
    with pytest.raises(LookupError):
        emu.live_location(5, 1)
    still = await api.result("sendLocation", chat_id=1001, **SEOUL)
    with pytest.raises(ValueError, match="not a live location"):
        emu.live_location(1001, still["message_id"])
    shared = await alice.share_location(37.5, 127.0, live_period=900)
    with pytest.raises(LookupError):
        emu.live_location(1001, shared["message_id"])
