"""Where the bot keeps quiet: updates it must not answer stop here, before anyone is
identified or remembered. It listens to people, in private and in the store's chats; in any
other group only to commands addressed to it by name, and (`private_only`, once the person is
identified) there only to those that show nobody's orders.

Then the limit on updates per person (MAX_UPDATES_PER_MINUTE, counted in handlers.throttle):
beyond it the person is told once to slow down (a pressed button gets it as its answer), then
hears nothing until the minute has room again; a press is still answered, empty, so no
spinner hangs. Never limited, nor counted: paying (the pre-checkout question, the payment and
its refund: money is at stake), the store's staff and the store's chats (they work in bursts, and
are who the limit protects), a member update (blocking or unblocking the bot: nothing to
answer, and it must be recorded) and an edited message (a live location moving is sent by the
app, not typed; other edits are dropped by handlers.common.identify anyway).
"""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from handlers.common import (
    ChatContext,
    answer_press,
    identify_again,
    in_store_group,
    is_private,
    reply,
)
from handlers.throttle import UpdateLimit, Verdict
from views.callbacks import decode

log = logging.getLogger(__name__)

TELEGRAM_SERVICE = 777000  # posts a channel forwards into its discussion group
# The kinds of update the bot acts on; every other kind (channel posts, business and guest
# messages, reactions, polls, join requests, inline queries...) is left alone.
HEARD = ("message", "edited_message", "callback_query", "pre_checkout_query", "my_chat_member")
# What the bot answers in a group that is not the store's: nothing that shows someone's orders,
# addresses, phone numbers or delivery codes to the group, nor acts on them.
OPEN_COMMANDS = frozenset({"start", "help", "order", "menu", "language"})
OPEN_PRESSES = frozenset({("menu", "help"), ("menu", "order"), ("menu", "shop")})


async def keep_quiet(update: object, context: ChatContext) -> None:
    """Stop the updates the bot has nothing to say to, and those over a person's limit (see
    the module docstring)."""
    if not isinstance(update, Update):
        return
    chats = await store_chats(update, context)
    if not heard(update, context.bot.username, chats):
        raise ApplicationHandlerStop
    if not limited(update, context.services.rules.admin_ids, chats):
        return
    limit: UpdateLimit = context.bot_data["update_limit"]
    assert update.effective_user is not None  # heard() lets no update from nobody through
    verdict = limit.check(update.effective_user.id)
    if verdict is Verdict.SERVE:
        return
    try:
        await slow_down(update, context, warn=verdict is Verdict.WARN)
    except Exception:  # the update stays stopped whatever the reply met
        log.warning("the slow-down reply to %s failed", update.effective_user.id, exc_info=True)
    raise ApplicationHandlerStop


def limited(update: Update, admin_ids: frozenset[int], store_chats: frozenset[int]) -> bool:
    """Whether the update counts towards its sender's limit (see the module docstring)."""
    if update.pre_checkout_query is not None or update.my_chat_member is not None:
        return False
    if update.edited_message is not None:
        return False
    message = update.message
    if message is not None and (message.successful_payment is not None
                                or message.refunded_payment is not None):
        return False
    user, chat = update.effective_user, update.effective_chat
    if user is not None and user.id in admin_ids:
        return False
    return not (chat is not None and chat.id in store_chats)


async def slow_down(update: Update, context: ChatContext, *, warn: bool) -> None:
    """Answer an update over the limit: the first time "slow down", later nothing but the
    answer a press needs."""
    query = update.callback_query
    if warn:
        await identify_again(update, context)  # read only: nobody over the limit is remembered
    if query is not None:
        await answer_press(query, context.toast("limit.slow_down") if warn else None)
    elif warn:
        await reply(update, context, context.text("limit.slow_down"))


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
    if update.my_chat_member is not None:
        return True  # the bot's own standing, whoever changed it (an anonymous admin, a bot)
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
    if message.migrate_from_chat_id in store_chats:
        # The store group's new id: its first update. The old group's message telling of the
        # move is in another chat, handled in parallel, so it may come too late for the
        # commands that follow this one here.
        return True
    return addressee is not None  # another group: only a command named for this bot


def command_addressee(message: Message) -> str | None:
    """The bot a command at the start of the message names (/start@SomeBot), if any."""
    command = _leading_command(message)
    return (command.partition("@")[2] or None) if command is not None else None


def command_name(message: Message) -> str | None:
    """The command a message starts with ("status" for /status@SomeBot 3), if any."""
    command = _leading_command(message)
    return command[1:].partition("@")[0].lower() if command is not None else None


def _leading_command(message: Message) -> str | None:
    """The command entity the message starts with ("/status@SomeBot"), if any."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            return text[: entity.length]
    return None


async def private_only(update: object, context: ChatContext) -> None:
    """In a group that is not the store's, a command or press that would show or change
    someone's orders is answered with "message me privately" (see OPEN_COMMANDS)."""
    if not isinstance(update, Update) or update.effective_chat is None or is_private(update) \
            or in_store_group(update, context):
        return
    query = update.callback_query
    if query is not None:
        data = decode(query.data)
        if data is not None and (data.action, data.args[0] if data.args else None) in OPEN_PRESSES:
            return
        await answer_press(query, context.toast("private.only"), show_alert=True)
        raise ApplicationHandlerStop
    message = update.message
    command = command_name(message) if message is not None else None
    if command is None or command in OPEN_COMMANDS:
        return
    await reply(update, context, context.text("private.only"))
    raise ApplicationHandlerStop

