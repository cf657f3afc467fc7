"""sendInvoice's rules: an invoice in Telegram Stars has no payment provider, one price and
no tips; every invoice has a title of 1-32 and a description of 1-255 characters."""

from typing import Any

import pytest

from emulator import BotApiEmulator
from tests.emulator.raw_api import RawApi

STARS = {
    "chat_id": 1001,
    "title": "Delivery",
    "description": "Order #1",
    "payload": "order-1",
    "currency": "XTR",
    "prices": [{"label": "Order #1", "amount": 250}],
}
CARD = STARS | {"currency": "KRW", "provider_token": "TEST",
                "prices": [{"label": "Order", "amount": 4000}, {"label": "Tip", "amount": 500}]}


@pytest.fixture(autouse=True)
def alice(emu: BotApiEmulator) -> None:
    emu.user(1001, "Alice", started=True)


async def refused(api: RawApi, params: dict[str, Any]) -> str:
    """The description of the 400 the call gets; fails if it is taken."""
    status, body = await api.call("sendInvoice", **params)
    assert status == 400, body
    return body["description"]


async def test_a_valid_stars_invoice_is_sent(api: RawApi, emu: BotApiEmulator):
    sent = await api.result("sendInvoice", **STARS | {"provider_token": ""})
    assert sent["invoice"] == {"title": "Delivery", "description": "Order #1",
                               "start_parameter": "", "currency": "XTR", "total_amount": 250}
    [shown] = emu.user(1001, "Alice").inbox
    assert shown.invoice == sent["invoice"]


async def test_a_stars_invoice_names_no_payment_provider(api: RawApi, emu: BotApiEmulator):
    description = await refused(api, STARS | {"provider_token": "TEST"})
    assert description == "Bad Request: PAYMENT_PROVIDER_INVALID"
    assert emu.user(1001, "Alice").inbox == []


@pytest.mark.parametrize("prices", [
    [{"label": "Order", "amount": 200}, {"label": "Delivery", "amount": 50}],
    [{"label": "Order", "amount": 200}, {"label": "Discount", "amount": 0},
     {"label": "Delivery", "amount": 50}],
])
async def test_a_stars_invoice_has_exactly_one_price(api: RawApi, prices: list[Any]):
    description = await refused(api, STARS | {"prices": prices})
    assert description == "Bad Request: STARS_INVOICE_INVALID"


@pytest.mark.parametrize("tips", [{"max_tip_amount": 10},
                                  {"max_tip_amount": 10, "suggested_tip_amounts": [5, 10]},
                                  {"suggested_tip_amounts": [5]}])
async def test_a_stars_invoice_takes_no_tips(api: RawApi, tips: dict[str, Any]):
    description = await refused(api, STARS | tips)
    assert description == "Bad Request: STARS_INVOICE_INVALID"


async def test_a_card_invoice_may_have_several_prices_and_tips(api: RawApi):
    sent = await api.result("sendInvoice", **CARD | {"max_tip_amount": 1000,
                                                      "suggested_tip_amounts": [500, 1000]})
    assert (sent["invoice"]["currency"], sent["invoice"]["total_amount"]) == ("KRW", 4500)


@pytest.mark.parametrize("params", [STARS, CARD], ids=["stars", "card"])
@pytest.mark.parametrize("letter", ["a", "가", "🛵"])
async def test_a_title_has_at_most_32_characters(
    api: RawApi, params: dict[str, Any], letter: str
):
    sent = await api.result("sendInvoice", **params | {"title": letter * 32})
    assert sent["invoice"]["title"] == letter * 32
    description = await refused(api, params | {"title": letter * 33})
    assert description == "Bad Request: TITLE_INVALID"
    assert await refused(api, params | {"title": ""}) == "Bad Request: title is empty"


@pytest.mark.parametrize("params", [STARS, CARD], ids=["stars", "card"])
@pytest.mark.parametrize("letter", ["a", "가", "🛵"])
async def test_a_description_has_at_most_255_characters(
    api: RawApi, params: dict[str, Any], letter: str
):
    sent = await api.result("sendInvoice", **params | {"description": letter * 255})
    assert sent["invoice"]["description"] == letter * 255
    description = await refused(api, params | {"description": letter * 256})
    assert description == "Bad Request: DESCRIPTION_INVALID"
    description = await refused(api, params | {"description": ""})
    assert description == "Bad Request: description is empty"
