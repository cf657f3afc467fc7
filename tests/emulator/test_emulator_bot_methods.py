"""Commands, menu button, getChat, getChatMember, invoices and callback answers."""

import asyncio

import pytest

from emulator import BotApiEmulator, CallbackAnswer, PreCheckoutAnswer
from tests.emulator.raw_api import RawApi

QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
YES = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


async def test_commands_are_kept_per_scope_and_language(api: RawApi):
    commands = [{"command": "order", "description": "Place an order"}]
    await api.result("setMyCommands", commands=commands)
    await api.result(
        "setMyCommands",
        commands=[{"command": "order", "description": "주문하기"}],
        language_code="ko",
    )
    assert await api.result("getMyCommands") == commands
    assert await api.result("getMyCommands", scope={"type": "all_group_chats"}) == []
    await api.result("deleteMyCommands")
    assert await api.result("getMyCommands") == []
    assert len(await api.result("getMyCommands", language_code="ko")) == 1


async def test_a_chat_scope_needs_a_chat_the_bot_can_see(api: RawApi, emu: BotApiEmulator):
    commands = [{"command": "jobs", "description": "Jobs"}]
    emu.user(1001, "Alice")  # never started the bot
    emu.user(1002, "Bora", started=True)
    for chat_id in (1001, 4242):
        status, body = await api.call("setMyCommands", commands=commands,
                                      scope={"type": "chat", "chat_id": chat_id})
        assert (status, body["description"]) == (400, "Bad Request: chat not found")
    await api.result("setMyCommands", commands=commands, scope={"type": "chat", "chat_id": 1002})
    status, _ = await api.call("deleteMyCommands", scope={"type": "chat", "chat_id": 1001})
    assert status == 400


async def test_the_menu_a_person_sees_is_chosen_as_telegram_chooses(api: RawApi,
                                                                   emu: BotApiEmulator):
    emu.user(1002, "Bora", started=True)
    everyone = [{"command": "order", "description": "Order"}]
    in_korean = [{"command": "order", "description": "주문"},
                 {"command": "menu", "description": "메뉴"}]
    own = [{"command": "jobs", "description": "Jobs"}]
    await api.result("setMyCommands", commands=everyone)
    await api.result("setMyCommands", commands=in_korean, language_code="ko")
    assert emu.command_menu(1002) == ["order"]
    assert emu.command_menu(1002, "ko") == ["order", "menu"]
    await api.result("setMyCommands", commands=own, scope={"type": "chat", "chat_id": 1002})
    assert emu.command_menu(1002, "ko") == ["jobs"]  # the chat's own, in no language: first
    await api.result("deleteMyCommands", scope={"type": "chat", "chat_id": 1002})
    assert emu.command_menu(1002, "ko") == ["order", "menu"]


async def test_command_names_must_be_lowercase_words(api: RawApi):
    status, body = await api.call(
        "setMyCommands", commands=[{"command": "Order!", "description": "x"}]
    )
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")


async def test_menu_button_is_stored(api: RawApi, emu: BotApiEmulator):
    emu.user(1001, "Alice")
    await api.result("setChatMenuButton", menu_button={"type": "commands"})
    assert await api.result("getChatMenuButton") == {"type": "commands"}
    assert await api.result("getChatMenuButton", chat_id=1001) == {"type": "default"}


async def test_get_chat_returns_full_info(api: RawApi, emu: BotApiEmulator):
    emu.group(-100500, "Dispatch desk")
    chat = await api.result("getChat", chat_id=-100500)
    assert (chat["id"], chat["type"], chat["title"]) == (-100500, "supergroup", "Dispatch desk")
    assert chat["accent_color_id"] == 0


async def test_get_chat_member_reports_group_membership(api: RawApi, emu: BotApiEmulator):
    staff = emu.group(-100500, "Dispatch desk")
    alice = emu.user(1001, "Alice")
    emu.user(1002, "Bob")
    emu.add_member(staff, alice, "administrator")
    member = await api.result("getChatMember", chat_id=-100500, user_id=1001)
    assert member["status"] == "administrator" and member["user"]["id"] == 1001
    outsider = await api.result("getChatMember", chat_id=-100500, user_id=1002)
    assert outsider["status"] == "left"
    status, body = await api.call("getChatMember", chat_id=-100500, user_id=5)
    assert (status, body["description"]) == (400, "Bad Request: user not found")


async def test_callback_queries_are_answered_once(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    sent = await api.result("sendMessage", chat_id=1001, text="Sure?", reply_markup=YES)
    press = asyncio.create_task(alice.press("Yes"))

    [update] = await api.result("getUpdates", timeout=1)
    query = update["callback_query"]
    assert query["data"] == "yes" and query["from"]["id"] == 1001
    assert query["message"]["message_id"] == sent["message_id"]
    assert isinstance(query["chat_instance"], str) and isinstance(query["id"], str)

    await api.result(
        "answerCallbackQuery", callback_query_id=query["id"], text="Done", show_alert=True
    )
    assert await press == CallbackAnswer("Done", show_alert=True)
    for query_id in (query["id"], "12345"):
        status, body = await api.call("answerCallbackQuery", callback_query_id=query_id)
        assert (status, body["description"]) == (400, QUERY_TOO_OLD)


async def test_invoice_payment_goes_through_pre_checkout(api: RawApi, emu: BotApiEmulator):
    alice = emu.user(1001, "Alice", started=True)
    invoice = await api.result(
        "sendInvoice",
        chat_id=1001,
        title="Delivery",
        description="Order #1",
        payload="order-1",
        provider_token="TEST",
        currency="KRW",
        prices=[{"label": "Delivery", "amount": 4000}, {"label": "Tip", "amount": 1000}],
    )
    assert invoice["invoice"] == {
        "title": "Delivery",
        "description": "Order #1",
        "start_parameter": "",
        "currency": "KRW",
        "total_amount": 5000,
    }
    payment = asyncio.create_task(alice.pay())
    [update] = await api.result("getUpdates", timeout=1)
    query = update["pre_checkout_query"]
    assert (query["invoice_payload"], query["total_amount"]) == ("order-1", 5000)
    await api.result("answerPreCheckoutQuery", pre_checkout_query_id=query["id"], ok=True)
    assert await payment == PreCheckoutAnswer(ok=True)

    updates = await api.result("getUpdates", offset=update["update_id"] + 1)
    paid = updates[0]["message"]["successful_payment"]
    assert (paid["invoice_payload"], paid["currency"]) == ("order-1", "KRW")


@pytest.mark.parametrize(
    ("missing", "description"),
    [
        ("title", "Bad Request: title is empty"),
        ("prices", "Bad Request: can't parse prices JSON object"),
        ("provider_token", "Bad Request: PAYMENT_PROVIDER_INVALID"),
    ],
)
async def test_invoice_needs_its_fields(
    api: RawApi, emu: BotApiEmulator, missing: str, description: str
):
    emu.user(1001, "Alice", started=True)
    params = {
        "chat_id": 1001,
        "title": "Delivery",
        "description": "Order #1",
        "payload": "order-1",
        "provider_token": "TEST",
        "currency": "KRW",
        "prices": [{"label": "Delivery", "amount": 4000}],
    }
    del params[missing]
    status, body = await api.call("sendInvoice", **params)
    assert (status, body["description"]) == (400, description)
