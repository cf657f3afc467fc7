"""Where the bot keeps quiet: updates it must not answer stop here, before anyone is
identified or remembered. It listens to people, in private and in the store's chats; in any
other group only to commands addressed to it by name."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from handlers.common import ChatContext

TELEGRAM_SERVICE = 777000  # posts a channel forwards into its discussion group
# The kinds of update the bot acts on; every other kind (channel posts, business and guest
# messages, reactions, polls, join requests, inline queries...) is left alone.
HEARD = ("message", "edited_message", "callback_query", "pre_checkout_query", "my_chat_member")


async def keep_quiet(update: object, context: ChatContext) -> None:
    """Stop the updates the bot has nothing to say to (see the module docstring)."""
    if isinstance(update, Update) and not heard(update, context.bot.username,
                                               await store_chats(update, context)):
        raise ApplicationHandlerStop


async def store_chats(update: Update, context: ChatContext) -> frozenset[int]:
    """The store's chats as configured, and the ids they have now (a staff group upgraded
    to a supergroup gets a new one); looked up again for a group the bot does not know."""
    known: frozenset[int] = context.bot_data.get("store_chats") or frozenset(
        context.services.rules.store_chats)
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE and chat.id not in known:
        configured = context.services.rules.store_chats
        known = frozenset(configured) | frozenset(await context.services.chats.now_at(configured))
    context.bot_data["store_chats"] = known
    return known


def heard(update: Update, bot_username: str, store_chats: frozenset[int]) -> bool:
    if not any(getattr(update, kind) is not None for kind in HEARD):
        return False
    user = update.effective_user
    if user is None or user.is_bot or user.id == TELEGRAM_SERVICE:
        return False  # other bots, anonymous group admins, Telegram's own forwards
    message = update.message or update.edited_message
    if message is None:
        return True
    if message.is_automatic_forward:
        return False
    addressee = command_addressee(message)
    if addressee is not None and addressee.lower() != bot_username.lower():
        return False  # a command for another bot
    chat = message.chat
    if chat.type == ChatType.PRIVATE or chat.id in store_chats:
        return True
    return addressee is not None  # another group: only a command named for this bot


def command_addressee(message: Message) -> str | None:
    """The bot a command at the start of the message names (/start@SomeBot), if any."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            _, _, name = text[: entity.length].partition("@")
            return name or None
    return None
