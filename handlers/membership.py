"""The bot's own standing in a chat. In a private chat the person blocked or unblocked the
bot; in a store chat the bot was removed, restricted or (re)added, and the store's alerts go
to the admins privately, or back to the chat (see domain.alerts.chats). Telegram tells of
the bot's own changes (my_chat_member), not of a group's default permissions, so the store's
chats are also asked about at start and, while one is lost, every few minutes."""

from __future__ import annotations

import logging

from telegram import Bot, ChatMember, ChatMemberRestricted, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import BaseHandler, ChatMemberHandler

from domain.alerts.chats import Lost, refused_for
from domain.services import Services
from handlers.common import ChatContext
from handlers.gate import store_chats

log = logging.getLogger(__name__)


async def standing(update: Update, context: ChatContext) -> None:
    """my_chat_member: the bot's standing in this chat changed."""
    change = update.my_chat_member
    assert change is not None
    if change.chat.type == ChatType.PRIVATE:
        blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
        await context.services.people.set_reachable(context.asker(), not blocked)
        if blocked:  # a rider on duty no longer takes offers
            await context.services.fleet.lost_touch(context.asker())
        return
    if change.chat.id not in await store_chats(update, context):
        return  # a group the store does not use: nothing to do there
    lost = cannot_post(change.new_chat_member)
    if lost is None and change.new_chat_member.status == ChatMemberStatus.MEMBER:
        lost = await muted_by_default(context.bot, change.chat.id)
    if lost is None:
        await context.services.chats.back(change.chat.id)
    else:
        await context.services.chats.lost(change.chat.id, lost)


def cannot_post(member: ChatMember) -> Lost | None:
    """Why the bot, with this standing in a group, cannot post there (None: it can, unless
    the group's default permissions bind it: see `muted_by_default`)."""
    if member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        return Lost.REMOVED
    if isinstance(member, ChatMemberRestricted):
        if not member.is_member:
            return Lost.REMOVED
        if not member.can_send_messages:
            return Lost.NO_RIGHTS
    return None


async def muted_by_default(bot: Bot, chat_id: int) -> Lost | None:
    """A plain member may send only what the group lets every member send."""
    try:
        chat = await bot.get_chat(chat_id)
    except TelegramError as error:  # the next send will tell
        log.warning("cannot read the permissions of store chat %s: %s", chat_id, error)
        return None
    if chat.permissions is not None and chat.permissions.can_send_messages is False:
        return Lost.NO_RIGHTS
    return None


async def standing_in(bot: Bot, chat_id: int) -> Lost | None:
    """Ask Telegram why the bot cannot post in a group (None: it can). Raises what Telegram
    answered when that says nothing of the bot's standing (an outage, a group that moved)."""
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except (Forbidden, BadRequest) as error:
        lost = refused_for(isinstance(error, Forbidden), error.message)
        if lost is None:
            raise
        return lost
    lost = cannot_post(member)
    if lost is None and member.status == ChatMemberStatus.MEMBER:
        return await muted_by_default(bot, chat_id)
    return lost


async def check_store_chats(bot: Bot, services: Services, *, only_lost: bool = False) -> None:
    """Ask Telegram how the bot stands in each store group (`only_lost`: in those it could
    not post in when last heard of), and record what changed."""
    chat_ids = await services.chats.now_at(services.rules.store_chats)
    groups = [chat_id for chat_id in chat_ids if chat_id < 0]  # not the admins' own chats
    if only_lost:
        groups = sorted(await services.chats.lost_among(groups))
    for chat_id in groups:
        try:
            lost = await standing_in(bot, chat_id)
        except ChatMigrated as moved:
            await services.chats.record(chat_id, int(moved.new_chat_id))
            continue  # the new chat is asked about next time
        except TelegramError as error:
            log.warning("cannot check the store chat %s: %s", chat_id, error)
            continue
        if lost is None:
            await services.chats.back(chat_id)
        else:
            await services.chats.lost(chat_id, lost)


def membership_handlers() -> list[BaseHandler]:
    return [ChatMemberHandler(standing, ChatMemberHandler.MY_CHAT_MEMBER)]
