"""my_chat_member: the bot's own standing in a chat changed. In a private chat the person
blocked or unblocked the bot; in a store chat the bot was removed, restricted or (re)added,
and the store's alerts go to the admins privately, or back to the chat."""

from __future__ import annotations

import logging

from telegram import Bot, ChatMember, ChatMemberRestricted, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import BaseHandler, ChatMemberHandler

from domain.alerts.chats import Lost
from domain.services import Services
from handlers.common import ChatContext
from handlers.gate import store_chats

log = logging.getLogger(__name__)


async def standing(update: Update, context: ChatContext) -> None:
    change = update.my_chat_member
    assert change is not None
    if change.chat.type == ChatType.PRIVATE:
        blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
        await context.services.people.set_reachable(context.asker(), not blocked)
        return
    if change.chat.id not in await store_chats(update, context):
        return  # a group the store does not use: nothing to do there
    lost = cannot_post(change.new_chat_member)
    if lost is None:
        await context.services.chats.back(change.chat.id)
    else:
        await context.services.chats.lost(change.chat.id, lost)


def cannot_post(member: ChatMember) -> Lost | None:
    """Why the bot, with this standing in a group, cannot post there (None: it can)."""
    if member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        return Lost.REMOVED
    if isinstance(member, ChatMemberRestricted):
        if not member.is_member:
            return Lost.REMOVED
        if not member.can_send_messages:
            return Lost.NO_RIGHTS
    return None


async def check_store_chats(bot: Bot, services: Services) -> None:
    """At start, ask Telegram how the bot stands in each store group: a change while no
    process ran (its update gone, or never seen) is learnt now rather than at the next alert."""
    for chat_id in await services.chats.now_at(services.rules.store_chats):
        if chat_id > 0:
            continue  # an admin's private chat
        try:
            lost = cannot_post(await bot.get_chat_member(chat_id, bot.id))
        except Forbidden:
            lost = Lost.REMOVED
        except BadRequest as error:
            if "chat not found" not in error.message.lower():
                log.warning("cannot check the store chat %s: %s", chat_id, error.message)
                continue
            lost = Lost.UNKNOWN
        except TelegramError as error:  # Telegram unreachable: the sends will tell
            log.warning("cannot check the store chat %s: %s", chat_id, error)
            continue
        if lost is None:
            await services.chats.back(chat_id)
        else:
            await services.chats.lost(chat_id, lost)


def membership_handlers() -> list[BaseHandler]:
    return [ChatMemberHandler(standing, ChatMemberHandler.MY_CHAT_MEMBER)]
