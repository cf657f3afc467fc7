"""The bot's invoices keep Telegram's sendInvoice rules (which the emulator enforces): none
in Stars names a payment provider, and the longest texts a catalog allows fit the title's 32
and the description's 255 characters in both languages. Each is then paid, its checkout
answered within Telegram's 10 s even behind a burst of other updates."""

from __future__ import annotations

import time

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.catalog import MAX_SHOP_NAME_CHARS
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart
from views.i18n import t, utf16_length

CHEESECAKE = ("Bakery", "Basque cheesecake — ₩6,500 (6 left)")


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


async def test_the_longest_shop_name_still_fits_the_invoice_in_both_languages(
    emu: BotApiEmulator, cast: Cast, bot, start_bot, settings, tmp_path
):
    # Hangul, an emoji and an escaped character, as long as the catalog allows (in UTF-16
    # units, where the emoji counts two; the invoice's fields count it once).
    name = ""
    for char in "김밥 & 커피 🛵 " * 20:
        if utf16_length(name + char) > MAX_SHOP_NAME_CHARS - 1:
            break
        name += char
    name += "점"
    assert utf16_length(name) == MAX_SHOP_NAME_CHARS
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(EXAMPLE_CATALOG.read_text().replace(
        'name = "Ppalli Coffee"', f'name = "{name}"'))
    await bot.stop()
    await start_bot(settings.model_copy(update={"catalog_file": catalog}))
    minji, jimin = cast.customer, emu.user(1500, "지민")
    await jimin.send("/start")
    await jimin.wait_for("Hello")
    for customer, item, language in ((minji, CROISSANT, "en"), (jimin, CHEESECAKE, "ko")):
        await fill_cart(customer, *item)
        await check_out(customer, pickup=True, prepaid=True)
        if language == "ko":  # the order is written in English, the invoice comes in Korean
            await customer.send("/language ko")
            await customer.wait_for("한국어")
        await customer.press("✅ Confirm")
        invoice = (await emu.wait_for_call(
            lambda c, chat=customer.id: c.method == "sendInvoice" and c.params["chat_id"] == chat
        )).params
        number = int(invoice["payload"].removeprefix("order:"))
        assert invoice["title"] == t(language, "invoice.title", number=number)
        assert invoice["description"].startswith(f"{name}: ")
        assert len(invoice["title"]) <= 32 and len(invoice["description"]) <= 255
        assert (await customer.pay()).ok
        await customer.wait_for(t(language, "alert.paid_placed", number=number)[:20])
    assert [call.outcome for call in emu.calls_to("sendInvoice")] == [200, 200]
    assert len(emu.payments) == 2


# Each says two things just before the customer pays: 400 updates, which take this machine
# several seconds to handle. The inbox hands out the updates Telegram waits on (a checkout, a
# press) before other chats' older ones (tests/integration/test_inbox.py), so the checkout
# does not wait behind them all.
BURST_PEOPLE = 200


async def test_a_checkout_right_after_a_burst_of_updates_is_answered_within_telegrams_10_s(
    emu: BotApiEmulator, cast: Cast
):
    customer = cast.customer
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)
    number = await confirm(customer)
    crowd = [emu.user(5000 + i, f"Guest{i}") for i in range(BURST_PEOPLE)]
    for person in crowd:
        await person.send("/start")
        await person.send("/menu")
    started = time.monotonic()

    answer = await customer.pay(timeout=30)  # the emulator's deadline is Telegram's 10 s

    assert answer.ok, answer.error_message
    [call] = emu.calls_to("answerPreCheckoutQuery")
    assert call.at - started < 10
    # The receipt is an ordinary message: it waits its turn behind the burst.
    await customer.wait_for(f"Payment received. Order #{number} placed", timeout=30)
    for person in crowd:
        await person.wait_for("what would you like", timeout=30)
