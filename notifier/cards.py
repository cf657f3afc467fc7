"""The order cards: one message per order in the customer's chat, and one in each of the
store's chats (its new-order alert), edited as the order moves."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest

log = logging.getLogger(__name__)

GONE = ("message to edit not found", "message can't be edited", "message_id_invalid")


async def show_card(bot: Bot, chat_id: int, text: str, message_id: int | None,
                    markup: InlineKeyboardMarkup | None = None) -> int:
    """Edit the customer's card in place; send a new one when there is none yet or it was
    deleted. Returns the id of the message that now shows the card."""
    if message_id is not None and await edit_card(bot, chat_id, text, message_id, markup):
        return message_id
    sent = await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return sent.message_id


async def edit_card(bot: Bot, chat_id: int, text: str, message_id: int,
                    markup: InlineKeyboardMarkup | None) -> bool:
    """Edit a card in place; False if the message is gone (deleted, or too old to edit).
    The store's card stays gone: its chat gets no new message for a move it need not act
    on."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                    parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        reason = error.message.lower()
        if "not modified" in reason:
            return True
        if not any(gone in reason for gone in GONE):
            raise
        log.info("card %s in chat %s is gone: %s", message_id, chat_id, error.message)
        return False
    return True
