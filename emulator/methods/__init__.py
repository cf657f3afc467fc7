"""The Bot API methods the emulator implements, by canonical name."""

from collections.abc import Awaitable, Callable
from typing import Any

from emulator.methods import bot, messages, payments, polling, queries
from emulator.params import Params
from emulator.state import State

Handler = Callable[[State, Params], Awaitable[Any]]

HANDLERS: dict[str, Handler] = {
    "getMe": bot.get_me,
    "logOut": bot.log_out,
    "close": bot.close,
    "getChat": bot.get_chat,
    "getChatMember": bot.get_chat_member,
    "setMyCommands": bot.set_my_commands,
    "getMyCommands": bot.get_my_commands,
    "deleteMyCommands": bot.delete_my_commands,
    "setChatMenuButton": bot.set_chat_menu_button,
    "getChatMenuButton": bot.get_chat_menu_button,
    "getUpdates": polling.get_updates,
    "setWebhook": polling.set_webhook,
    "deleteWebhook": polling.delete_webhook,
    "getWebhookInfo": polling.get_webhook_info,
    "sendMessage": messages.send_message,
    "editMessageText": messages.edit_message_text,
    "editMessageReplyMarkup": messages.edit_message_reply_markup,
    "deleteMessage": messages.delete_message,
    "sendChatAction": messages.send_chat_action,
    "sendLocation": messages.send_location,
    "sendVenue": messages.send_venue,
    "editMessageLiveLocation": messages.edit_message_live_location,
    "stopMessageLiveLocation": messages.stop_message_live_location,
    "answerCallbackQuery": queries.answer_callback_query,
    "sendInvoice": payments.send_invoice,
    "refundStarPayment": payments.refund_star_payment,
    "getStarTransactions": payments.get_star_transactions,
    "answerPreCheckoutQuery": queries.answer_pre_checkout_query,
}

_BY_LOWER_NAME = {name.lower(): name for name in HANDLERS}


def canonical_name(name: str) -> str | None:
    """Method names are case-insensitive on the Bot API."""
    return _BY_LOWER_NAME.get(name.lower())
