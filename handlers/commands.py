"""Publishing the command menus (views/commands.py) to Telegram: the customers' as the
default, the staff's in each store chat, a rider's in their own chat; each in English and, for
people whose Telegram speaks Korean, in Korean. At start; for a rider when the store decides
on them; and when staff or a rider first starts the bot (until then Telegram knows no chat
of theirs to set a menu in)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable

from telegram import Bot, BotCommand, BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from domain.dispatch.riders import Rider
from domain.menu.use_cases import MenuRules
from domain.people.model import Person
from handlers.common import ChatContext
from views.commands import Audience, command_menu

log = logging.getLogger(__name__)

# Telegram picks the menu in the user's language_code, else the one without a language.
LANGUAGES = {"en": None, "ko": "ko"}


def command_menus(context: ChatContext) -> CommandMenus:
    return context.bot_data["menus"]


class CommandMenus:
    def __init__(self, bot: Bot, shop: MenuRules, store_chats: tuple[int, ...]) -> None:
        self.bot = bot
        self.shop = shop
        self.store_chats = store_chats

    async def publish_all(self, riders: Iterable[Rider]) -> None:
        """Every menu as things stand: a rider no longer active gets the customers' again."""
        await self._set(BotCommandScopeDefault(), Audience.CUSTOMER)
        for chat_id in self.store_chats:
            await self._set(BotCommandScopeChat(chat_id), Audience.STAFF)
        for rider in riders:
            await self.for_rider(rider)

    async def for_rider(self, rider: Rider) -> None:
        """The rider's own menu while they may ride; the customers' (their chat's own menu
        removed) otherwise. Staff who also ride keep the staff's."""
        if rider.user_id in self.store_chats:
            return
        scope = BotCommandScopeChat(rider.user_id)
        if rider.is_active:
            await self._set(scope, Audience.RIDER)
            return
        for code in LANGUAGES.values():
            await self._call(self.bot.delete_my_commands(scope=scope, language_code=code),
                             scope)

    async def on_start(self, person: Person, is_rider: bool) -> None:
        """/start from staff or a rider: their chat's menu, now that Telegram has the chat."""
        scope = BotCommandScopeChat(person.user_id)
        if person.user_id in self.store_chats:
            await self._set(scope, Audience.STAFF)
        elif is_rider:
            await self._set(scope, Audience.RIDER)

    async def _set(self, scope: BotCommandScope, audience: Audience) -> None:
        for lang, code in LANGUAGES.items():
            menu = command_menu(lang, audience, self.shop.takes_parcels,
                                self.shop.takes_menu_orders)
            commands = [BotCommand(name, text) for name, text in menu]
            await self._call(self.bot.set_my_commands(commands, scope=scope,
                                                      language_code=code), scope)

    @staticmethod
    async def _call(call: Awaitable[object], scope: BotCommandScope) -> None:
        """A menu Telegram refuses (a chat the bot cannot see yet, say) is logged; the bot
        goes on."""
        try:
            await call
        except TelegramError as error:
            log.warning("command menu for %s not published: %s", scope.to_dict(), error)
