"""Routing, the JSON envelope and the ways parameters can arrive."""

import json

import aiohttp

from emulator import BotApiEmulator
from tests.emulator.raw_api import RawApi

BOT = {"id": 123456, "is_bot": True, "first_name": "Ppalli", "username": "ppalli_bot"}


async def test_get_me_returns_the_bot_in_an_ok_envelope(api: RawApi):
    status, body = await api.call("getMe")
    assert status == 200
    assert body == {
        "ok": True,
        "result": BOT
        | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        },
    }


async def test_method_names_are_case_insensitive_and_logged_canonically(
    api: RawApi, emu: BotApiEmulator
):
    assert (await api.call("GETME"))[0] == 200
    assert (await api.call("getme", http_method="GET"))[0] == 200
    assert [call.method for call in emu.calls] == ["getMe", "getMe"]


async def test_wrong_token_is_unauthorized_and_not_logged(api: RawApi, emu: BotApiEmulator):
    status, body = await api.call("getMe", token="123456:WRONG")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert emu.calls == []


async def test_unknown_method_is_not_found(api: RawApi):
    status, body = await api.call("sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_paths_outside_the_bot_api_are_not_found(api: RawApi, emu: BotApiEmulator):
    url = f"http://127.0.0.1:{emu.port}/elsewhere"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 404
        assert (await response.json())["description"] == "Not Found"


async def test_form_json_and_query_string_parameters_mean_the_same(
    api: RawApi, emu: BotApiEmulator
):
    alice = emu.user(1001, "Alice", started=True)
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}

    form = {"chat_id": "1001", "text": "123", "reply_markup": json.dumps(markup)}
    await api.result("sendMessage", form=form)
    await api.result("sendMessage", chat_id=1001, text="json", reply_markup=markup)
    await api.result("sendMessage", query={"chat_id": "1001", "text": "query"})

    assert [message.text for message in alice.inbox] == ["123", "json", "query"]
    assert alice.inbox[0].buttons == ["Yes"]
    # The call log holds decoded values whichever way they came.
    assert emu.calls[0].params == {"chat_id": 1001, "text": "123", "reply_markup": markup}
    assert emu.calls[2].params == {"chat_id": 1001, "text": "query"}


async def test_multipart_bodies_are_read_like_forms(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    form = aiohttp.FormData()
    form.add_field("chat_id", "1001")
    form.add_field("text", "with a file")
    form.add_field("document", b"hello", filename="note.txt")
    await api.result("sendMessage", form=form)
    assert alice.last is not None and alice.last.text == "with a file"
    assert emu.calls[0].params["document"] == {"file_name": "note.txt", "size": 5}


async def test_invalid_json_body_is_a_bad_request(api: RawApi):
    async with aiohttp.ClientSession() as session:
        url = api.url("sendMessage")
        headers = {"Content-Type": "application/json"}
        async with session.post(url, data=b"{nope", headers=headers) as response:
            assert response.status == 400
            assert (await response.json())["ok"] is False
