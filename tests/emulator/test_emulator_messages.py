"""sendMessage, edits and deletions: results and the errors Telegram gives."""

import pytest

from emulator import BotApiEmulator, Person
from tests.emulator.raw_api import RawApi

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
YES = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


def button(data: str) -> dict:
    return {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]}


@pytest.fixture
def alice(emu: BotApiEmulator) -> Person:
    return emu.user(1001, "Alice", started=True)


async def error(api: RawApi, method: str, **params) -> tuple[int, str]:
    status, body = await api.call(method, **params)
    assert body["ok"] is False and body["error_code"] == status
    return status, body["description"]


async def test_send_message_returns_a_message_from_the_bot(api: RawApi, alice: Person):
    message = await api.result("sendMessage", chat_id=1001, text="Hi", reply_markup=YES)
    assert message["from"] == {
        "id": 123456,
        "is_bot": True,
        "first_name": "Ppalli",
        "username": "ppalli_bot",
    }
    assert message["chat"] == {"id": 1001, "type": "private", "first_name": "Alice"}
    assert (message["message_id"], message["text"]) == (1, "Hi")
    assert isinstance(message["date"], int)
    assert message["reply_markup"] == YES
    assert "entities" not in message


async def test_4096_characters_are_accepted_and_4097_are_too_long(api: RawApi, alice: Person):
    await api.result("sendMessage", chat_id=1001, text="a" * 4096)
    assert await error(api, "sendMessage", chat_id=1001, text="a" * 4097) == (
        400,
        "Bad Request: message is too long",
    )


async def test_length_is_counted_after_parsing_entities(api: RawApi, alice: Person):
    await api.result("sendMessage", chat_id=1001, text=f"<b>{'a' * 4096}</b>", parse_mode="HTML")


@pytest.mark.parametrize("text", ["", "  \n ", None])
async def test_empty_text_is_rejected(api: RawApi, alice: Person, text: str | None):
    params = {"chat_id": 1001} | ({} if text is None else {"text": text})
    assert await error(api, "sendMessage", **params) == (400, "Bad Request: message text is empty")


async def test_surrounding_whitespace_is_trimmed(api: RawApi, alice: Person):
    message = await api.result(
        "sendMessage", chat_id=1001, text="\n  <b>Hi</b> there \n", parse_mode="HTML"
    )
    assert message["text"] == "Hi there"
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 2}]


async def test_callback_data_of_65_bytes_is_button_data_invalid(api: RawApi, alice: Person):
    status, description = await error(
        api, "sendMessage", chat_id=1001, text="Hi", reply_markup=button("x" * 65)
    )
    assert (status, description) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_callback_data_limit_counts_utf8_bytes(api: RawApi, alice: Person):
    sixty_four_bytes = "가" * 21 + "a"
    await api.result("sendMessage", chat_id=1001, text="Hi", reply_markup=button(sixty_four_bytes))
    status, description = await error(
        api, "sendMessage", chat_id=1001, text="Hi", reply_markup=button("가" * 22)
    )
    assert (status, description) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_inline_button_without_an_action_is_rejected(api: RawApi, alice: Person):
    markup = {"inline_keyboard": [[{"text": "Just text"}]]}
    assert await error(api, "sendMessage", chat_id=1001, text="Hi", reply_markup=markup) == (
        400,
        "Bad Request: text buttons are unallowed in the inline keyboard",
    )


async def test_reply_keyboards_are_stored_and_removed(api: RawApi, alice: Person):
    keyboard = {"keyboard": [["Menu", {"text": "Help"}]], "resize_keyboard": True}
    message = await api.result("sendMessage", chat_id=1001, text="Pick", reply_markup=keyboard)
    assert "reply_markup" not in message
    assert alice.keyboard == ["Menu", "Help"]
    await api.result(
        "sendMessage", chat_id=1001, text="Done", reply_markup={"remove_keyboard": True}
    )
    assert alice.keyboard == []


async def test_unknown_chat_is_not_found(api: RawApi):
    assert await error(api, "sendMessage", chat_id=999, text="Hi") == (
        400,
        "Bad Request: chat not found",
    )


async def test_a_user_who_blocked_the_bot_cannot_be_written_to(api: RawApi, alice: Person):
    alice.block_bot()
    assert await error(api, "sendMessage", chat_id=1001, text="Hi") == (
        403,
        "Forbidden: bot was blocked by the user",
    )
    alice.unblock_bot()
    await api.result("sendMessage", chat_id=1001, text="Hi")


async def test_the_bot_cannot_write_first(api: RawApi, emu: BotApiEmulator):
    bob = emu.user(1002, "Bob")
    assert await error(api, "sendMessage", chat_id=1002, text="Hi") == (
        403,
        "Forbidden: bot can't initiate conversation with a user",
    )
    await bob.send("/start")
    await api.result("sendMessage", chat_id=1002, text="Hi")


async def test_html_becomes_plain_text_with_entities(api: RawApi, alice: Person):
    message = await api.result(
        "sendMessage",
        chat_id=1001,
        parse_mode="HTML",
        text='<b>Order #1</b> &amp; <a href="https://x.io/?a=1&b=2">track</a> &#9749;',
    )
    assert message["text"] == "Order #1 & track ☕"
    assert message["entities"] == [
        {"type": "bold", "offset": 0, "length": 8},
        {"type": "text_link", "offset": 11, "length": 5, "url": "https://x.io/?a=1&b=2"},
    ]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<blink>x</blink>", 'Unsupported start tag "blink" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("fish & chips", 'Character "&" must be escaped as "&amp;" at byte offset 5'),
    ],
)
async def test_bad_html_cannot_be_parsed(api: RawApi, alice: Person, text: str, detail: str):
    assert await error(api, "sendMessage", chat_id=1001, text=text, parse_mode="HTML") == (
        400,
        f"Bad Request: can't parse entities: {detail}",
    )


async def test_markdown_v2_reserved_characters_must_be_escaped(api: RawApi, alice: Person):
    status, description = await error(
        api, "sendMessage", chat_id=1001, text="Total: 5.00", parse_mode="MarkdownV2"
    )
    assert (status, description) == (
        400,
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped "
        "with the preceding '\\'",
    )
    message = await api.result(
        "sendMessage", chat_id=1001, text="Total: 5\\.00 *KRW*", parse_mode="MarkdownV2"
    )
    assert message["text"] == "Total: 5.00 KRW"
    assert message["entities"] == [{"type": "bold", "offset": 12, "length": 3}]


async def test_unknown_parse_mode_is_rejected(api: RawApi, alice: Person):
    assert await error(api, "sendMessage", chat_id=1001, text="Hi", parse_mode="BBCode") == (
        400,
        "Bad Request: unsupported parse_mode",
    )


async def test_editing_to_the_same_content_is_not_modified(api: RawApi, alice: Person):
    sent = await api.result("sendMessage", chat_id=1001, text="Hi", reply_markup=YES)
    same = {"chat_id": 1001, "message_id": sent["message_id"], "reply_markup": YES}
    assert await error(api, "editMessageText", text="Hi", **same) == (400, NOT_MODIFIED)
    assert await error(api, "editMessageReplyMarkup", **same) == (400, NOT_MODIFIED)

    # Without reply_markup the keyboard goes, so that is a change.
    edited = await api.result("editMessageText", chat_id=1001, message_id=1, text="Hi")
    assert "reply_markup" not in edited and "edit_date" in edited
    assert alice.inbox[0].edited and alice.inbox[0].buttons == []


async def test_editing_changes_what_the_person_sees(api: RawApi, alice: Person):
    await api.result("sendMessage", chat_id=1001, text="Waiting", reply_markup=YES)
    await api.result(
        "editMessageText", chat_id=1001, message_id=1, text="<i>Done</i>", parse_mode="HTML"
    )
    [message] = alice.inbox
    assert (message.text, message.entities) == (
        "Done",
        [{"type": "italic", "offset": 0, "length": 4}],
    )
    await api.result("editMessageReplyMarkup", chat_id=1001, message_id=1, reply_markup=YES)
    assert alice.inbox[0].buttons == ["Yes"]


async def test_editing_a_missing_message_fails(api: RawApi, alice: Person):
    assert await error(api, "editMessageText", chat_id=1001, message_id=42, text="x") == (
        400,
        "Bad Request: message to edit not found",
    )


async def test_the_bot_cannot_edit_what_a_person_wrote(api: RawApi, alice: Person):
    mine = await alice.send("my words")
    params = {"chat_id": 1001, "message_id": mine["message_id"], "text": "x"}
    assert await error(api, "editMessageText", **params) == (
        400,
        "Bad Request: message can't be edited",
    )


async def test_deleted_messages_are_marked_and_gone_for_the_api(api: RawApi, alice: Person):
    await api.result("sendMessage", chat_id=1001, text="Oops")
    assert await api.result("deleteMessage", chat_id=1001, message_id=1) is True
    assert alice.inbox[0].deleted and alice.last is None
    assert await error(api, "deleteMessage", chat_id=1001, message_id=1) == (
        400,
        "Bad Request: message to delete not found",
    )
    assert await error(api, "editMessageText", chat_id=1001, message_id=1, text="x") == (
        400,
        "Bad Request: message to edit not found",
    )


async def test_replies_carry_the_original_message(api: RawApi, alice: Person):
    original = await alice.send("question")
    reply = await api.result(
        "sendMessage",
        chat_id=1001,
        text="answer",
        reply_parameters={"message_id": original["message_id"]},
    )
    assert reply["reply_to_message"]["text"] == "question"
    assert await error(
        api, "sendMessage", chat_id=1001, text="x", reply_parameters={"message_id": 99}
    ) == (400, "Bad Request: message to be replied not found")


async def test_send_location_stores_a_location_message(api: RawApi, alice: Person):
    message = await api.result(
        "sendLocation", chat_id=1001, latitude=37.5665, longitude=126.978, live_period=900
    )
    assert message["location"] == {"latitude": 37.5665, "longitude": 126.978, "live_period": 900}
    assert alice.last is not None and alice.last.location == message["location"]


async def test_chat_action_must_be_a_known_action(api: RawApi, alice: Person):
    assert await api.result("sendChatAction", chat_id=1001, action="typing") is True
    assert await error(api, "sendChatAction", chat_id=1001, action="dancing") == (
        400,
        "Bad Request: wrong parameter action in request",
    )


async def test_send_venue_stores_the_place_as_a_venue_and_a_location(api: RawApi, alice: Person):
    form = {"chat_id": "1001", "latitude": "37.4979", "longitude": "127.0276",
            "title": "강남역", "address": "서울 강남구 강남대로 396"}
    status, body = await api.call("sendVenue", form=form)  # form-encoded, as clients send it
    assert (status, body["ok"]) == (200, True), body
    message = body["result"]
    assert message["location"] == {"latitude": 37.4979, "longitude": 127.0276}
    assert message["venue"] == {"location": message["location"], "title": "강남역",
                                "address": "서울 강남구 강남대로 396"}
    assert alice.last is not None and alice.last.venue == message["venue"]
    assert await error(api, "sendVenue", chat_id=1001, latitude=37.5, longitude=127.0,
                       address="somewhere") == (400, "Bad Request: title is empty")
    assert await error(api, "sendVenue", chat_id=1001, latitude=91, longitude=127.0,
                       title="x", address="y") == (400, "Bad Request: wrong location specified")


async def test_an_inline_button_opens_a_link_or_sends_data_never_both(api: RawApi, alice: Person):
    link = {"text": "Map", "url": "https://map.kakao.com/link/search/%EA%B0%95%EB%82%A8"}
    sent = await api.result("sendMessage", chat_id=1001, text="Go",
                            reply_markup={"inline_keyboard": [[link]]})
    assert alice.last is not None and alice.last.url_buttons == {"Map": link["url"]}
    assert sent["reply_markup"]["inline_keyboard"] == [[link]]
    both = {"inline_keyboard": [[link | {"callback_data": "go"}]]}
    assert await error(api, "sendMessage", chat_id=1001, text="x", reply_markup=both) == (
        400, "Bad Request: can't parse inline keyboard button: exactly one of the optional "
        "fields must be used")
    for bad in ("map.kakao.com/link/search/x", "javascript:alert(1)", "ftp://x.io/a"):
        markup = {"inline_keyboard": [[{"text": "Map", "url": bad}]]}
        assert await error(api, "sendMessage", chat_id=1001, text="x", reply_markup=markup) == (
            400, f"Bad Request: inline keyboard button URL '{bad}' is invalid")
    edit = {"inline_keyboard": [[{"text": "Map", "url": "nope"}]]}
    assert await error(api, "editMessageReplyMarkup", chat_id=1001,
                       message_id=sent["message_id"], reply_markup=edit) == (
        400, "Bad Request: inline keyboard button URL 'nope' is invalid")


async def test_a_location_button_of_a_reply_keyboard_sends_the_phones_position(
    api: RawApi, alice: Person
):
    share = {"text": "📍 Send my location", "request_location": True}
    keyboard = {"keyboard": [[share]], "one_time_keyboard": True, "resize_keyboard": True}
    await api.result("sendMessage", chat_id=1001, text="Where are you?", reply_markup=keyboard)
    assert alice.keyboard == ["📍 Send my location"]
    with pytest.raises(ValueError, match="asks for a location"):
        await alice.tap_keyboard("📍 Send my location")
    sent = await alice.tap_keyboard("📍 Send my location", location=(37.5665, 126.978))
    assert sent["location"] == {"latitude": 37.5665, "longitude": 126.978}
    assert "text" not in sent
    assert alice.keyboard == []  # a one-time keyboard hides once used
    twice = {"keyboard": [[share | {"request_contact": True}]]}
    assert await error(api, "sendMessage", chat_id=1001, text="x", reply_markup=twice) == (
        400, "Bad Request: can't parse keyboard button: exactly one of the optional fields "
        "must be used")
