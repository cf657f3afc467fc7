"""Every command a menu offers is one the bot handles, described in English and in Korean
within Telegram's limits."""

from __future__ import annotations

import re

import pytest
from telegram.ext import CommandHandler

from handlers.admin import admin_handlers
from handlers.customer import customer_handlers
from handlers.kitchen import kitchen_handlers
from handlers.menu import menu_handlers
from handlers.opening import opening_handlers
from handlers.rider import rider_handlers
from handlers.start import start_handlers
from handlers.store import store_handlers
from views.commands import Audience, command_menu, command_names

SHOPS = [(True, False), (False, True), (True, True)]  # parcels, menu


def handled_commands() -> set[str]:
    handlers = (start_handlers() + customer_handlers() + menu_handlers() + store_handlers()
                + opening_handlers() + kitchen_handlers() + rider_handlers() + admin_handlers())
    return {name for h in handlers if isinstance(h, CommandHandler) for name in h.commands}


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("parcels, menu", SHOPS)
def test_every_command_in_a_menu_is_handled_and_described_in_both_languages(
    audience: Audience, parcels: bool, menu: bool
):
    names = command_names(audience, parcels, menu)
    assert names and len(names) == len(set(names)) <= 100
    assert set(names) <= handled_commands()
    english = command_menu("en", audience, parcels, menu)
    korean = command_menu("ko", audience, parcels, menu)
    for (name, text), (_, korean_text) in zip(english, korean, strict=True):
        assert re.fullmatch(r"[a-z0-9_]{1,32}", name)
        assert 1 <= len(text) <= 256 and 1 <= len(korean_text) <= 256
        assert name == "language" or any("\uac00" <= ch <= "\ud7a3" for ch in korean_text)


def test_the_menus_offer_only_what_the_shop_takes():
    assert "order" not in command_names(Audience.CUSTOMER, parcels=False, menu=True)
    assert "menu" not in command_names(Audience.CUSTOMER, parcels=True, menu=False)
    assert "preparing" not in command_names(Audience.STAFF, parcels=True, menu=False)
    assert "preparing" in command_names(Audience.STAFF, parcels=True, menu=True)
