"""my_chat_member: the bot's own standing in a chat changed. In a private chat the person
blocked or unblocked the bot; in a store chat the bot was removed, restricted or (re)added,
and the store's alerts go to the admins privately, or back to the chat."""

from __future__ import annotations

from telegram import ChatMember, ChatMemberRestricted, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import BaseHandler, ChatMemberHandler

from domain.alerts.chats import Lost
from handlers.common import ChatContext
from handlers.gate import store_chats


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


def membership_handlers() -> list[BaseHandler]:
    return [ChatMemberHandler(standing, ChatMemberHandler.MY_CHAT_MEMBER)]
