"""Publishing the command menus (views/commands.py) to Telegram: the customers' as the
default, the staff's in each store chat, a rider's in their own chat; each in English and, for
people whose Telegram speaks Korean, in Korean; the store's chats in STORE_LANGUAGE, and a
person's own chat in the language they chose with /language. At start; for a rider when the
store decides on them; when staff or a rider first starts the bot (until then Telegram knows
no chat of theirs to set a menu in); and when someone chooses a language. And who is who: a
person's roles in a chat (`roles`), which /start and /help follow too."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Update,
)
from telegram.error import TelegramError

from domain.dispatch.riders import Rider
from domain.menu.use_cases import MenuRules
from domain.people.model import Person
from handlers.common import ChatContext, in_store_group, is_private
from views.commands import Audience, command_menu

log = logging.getLogger(__name__)

# Telegram picks the menu in the user's language_code, else the one without a language.
LANGUAGES = {"en": None, "ko": "ko"}


def command_menus(context: ChatContext) -> CommandMenus:
    return context.bot_data["menus"]


async def roles(update: Update, context: ChatContext) -> tuple[Audience, ...]:
    """The asker's roles in this chat, their work first: staff (ADMIN_IDS, or anyone in the
    store's group), a rider (approved and active; in private), and in private everyone is a
    customer too. Someone with no work outside a private chat is read as a customer."""
    me = context.asker()
    people = context.services.people
    private = is_private(update)
    found = []
    if people.is_staff(me) or in_store_group(update, context):
        found.append(Audience.STAFF)
    if private and await people.is_rider(me):
        found.append(Audience.RIDER)
    if private or not found:
        found.append(Audience.CUSTOMER)
    return tuple(found)


class CommandMenus:
    def __init__(self, bot: Bot, shop: MenuRules, store_chats: tuple[int, ...],
                 admin_ids: frozenset[int], store_language: str | None = None) -> None:
        self.bot = bot
        self.shop = shop
        self.store_chats = store_chats
        self.admin_ids = admin_ids
        self.store_language = store_language

    async def publish_all(self, riders: Iterable[Rider]) -> None:
        """Every menu as things stand: a rider no longer active gets the customers' again.
        The store's chats read STORE_LANGUAGE, whatever language each member's Telegram has."""
        await self._set(BotCommandScopeDefault(), Audience.CUSTOMER)
        for chat_id in self.store_chats:
            await self._set(BotCommandScopeChat(chat_id), Audience.STAFF, self.store_language)
        for rider in riders:
            await self.for_rider(rider)

    async def for_rider(self, rider: Rider) -> None:
        """The rider's own menu while they may ride; the customers' (their chat's own menu
        removed) otherwise. Staff who also ride keep the staff's."""
        if rider.user_id in self.admin_ids:
            return
        scope = BotCommandScopeChat(rider.user_id)
        if rider.is_active:
            await self._set(scope, Audience.RIDER)
            return
        for code in LANGUAGES.values():
            await self._call(self.bot.delete_my_commands(scope=scope, language_code=code),
                             scope)

    async def on_start(self, person: Person, roles: tuple[Audience, ...], lang: str) -> None:
        """/start in private from staff or a rider: the menu of their work (`roles`, work
        first) in their language, now that Telegram has the chat."""
        if roles[0] is not Audience.CUSTOMER:
            await self._set(BotCommandScopeChat(person.user_id), roles[0], lang)

    async def on_language(self, person: Person, roles: tuple[Audience, ...], lang: str) -> None:
        """A language chosen in private (/language): the chat's menu in it from now on, not
        in the language of their Telegram app."""
        await self._set(BotCommandScopeChat(person.user_id), roles[0], lang)

    async def _set(self, scope: BotCommandScope, audience: Audience,
                   only: str | None = None) -> None:
        """The menu under each language code Telegram may ask with: in that language, or in
        `only` under all of them."""
        for lang, code in LANGUAGES.items():
            menu = command_menu(only or lang, audience, self.shop.takes_parcels,
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
