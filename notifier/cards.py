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
    """Edit the card in place; send a new one when there is none yet or it was deleted.
    Returns the id of the message that now shows the card."""
    if message_id is not None:
        try:
            await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                        parse_mode=ParseMode.HTML, reply_markup=markup)
            return message_id
        except BadRequest as error:
            reason = error.message.lower()
            if "not modified" in reason:
                return message_id
            if not any(gone in reason for gone in GONE):
                raise
            log.info("order card in chat %s is gone; sending a new one", chat_id)
    sent = await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return sent.message_id


async def edit_card(bot: Bot, chat_id: int, text: str, message_id: int,
                    markup: InlineKeyboardMarkup | None) -> None:
    """Edit the store's card in place; one deleted meanwhile stays gone (the store's chat
    gets no new message for a move it did not need to act on)."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                    parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        reason = error.message.lower()
        if "not modified" not in reason and not any(gone in reason for gone in GONE):
            raise
        log.info("the store's card %s in chat %s was not edited: %s", message_id, chat_id,
                 error.message)
