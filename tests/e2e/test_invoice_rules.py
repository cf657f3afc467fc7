"""The bot's invoices keep Telegram's sendInvoice rules (which the emulator enforces): none
in Stars names a payment provider."""

from __future__ import annotations

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                       "catalog_file": EXAMPLE_CATALOG})


async def test_a_stars_shop_with_a_card_token_left_in_its_settings_still_gets_paid(
    emu: BotApiEmulator, cast: Cast, bot, start_bot, settings
):
    await bot.stop()  # XTR, with the token of a card provider it used once
    await start_bot(settings.model_copy(update={"payment_provider_token": "284685063:TEST"}))
    customer = cast.customer
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)
    number = await confirm(customer)
    [invoice] = emu.calls_to("sendInvoice")
    assert invoice.outcome == 200 and invoice.params["currency"] == "XTR"
    assert not invoice.params.get("provider_token")
    assert (await customer.pay()).ok
    await customer.wait_for(f"Payment received. Order #{number} placed")
