"""The store's card of an order: its new-order alert, which the staff's presses and the
alert sender edit as the order moves (see views.orders.store_card)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from domain.orders.model import Order
from domain.shared.handling import update_in_hand
from handlers.common import ChatContext, answer_press, buttons, finish_with
from views import orders as order_view
from views.callbacks import decode


def next_step_button(context: ChatContext, order: Order) -> InlineKeyboardMarkup | None:
    """The store's next move on the order, as a button under the staff's answer."""
    steps = order_view.store_steps(context.lang, order)
    return buttons(steps) if steps else None


async def show_store_card(update: Update, context: ChatContext, order: Order,
                          toast: str) -> None:
    """A staff member's press answered with a toast, and the pressed message becomes the
    order's card as it is now, with the next step's button. Pressed in a list of orders
    (/pending), the list stays and only loses that order's buttons."""
    query = update.callback_query
    assert query is not None
    others = _other_orders_rows(query.message, order.number)
    if others is None:
        card = order_view.store_card(context.lang, order, context.tz)
        await finish_with(update, context, card, next_step_button(context, order), toast=toast)
        return
    await answer_press(query, toast)
    await query.edit_message_reply_markup(InlineKeyboardMarkup(others) if others else None)


def pressed_on_card(update: Update, number: int) -> bool:
    """Whether the press is on the order's card (not a list of orders). If so the update in
    hand is marked, so the move's refresh of that card is left to this press's edit."""
    query = update.callback_query
    message = query.message if query is not None else None
    if not isinstance(message, Message) or _other_orders_rows(message, number) is not None:
        return False
    in_hand = update_in_hand()
    if in_hand is not None:
        in_hand.store_card_shown_in = message.chat.id
    return True


def _other_orders_rows(message: object, number: int) -> list | None:
    """The pressed message's button rows about other orders, or None if it is about this
    order alone (a card)."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return None
    rows = message.reply_markup.inline_keyboard
    numbers = {_order_of(button.callback_data) for row in rows for button in row}
    if numbers <= {number}:
        return None
    return [list(row) for row in rows
            if all(_order_of(button.callback_data) != number for button in row)]


def _order_of(data: object) -> int | None:
    """The order number a button's data names, if it names one."""
    decoded = decode(data if isinstance(data, str) else None)
    if decoded is None or not decoded.args:
        return None
    try:
        return decoded.number()
    except ValueError:
        return None
