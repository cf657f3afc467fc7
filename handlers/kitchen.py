"""The shop's kitchen and stock (staff in ADMIN_IDS): preparing, ready, handed over, the
menu's stock and sold-out items, card refunds to settle, and the day's report."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.orders.model import Fulfilment, Order
from domain.shared.errors import InvalidAnswer
from handlers.common import (
    Answer,
    ChatContext,
    OrderMove,
    as_toast,
    order_command,
    order_number_arg,
    pressed,
    reply,
    reply_lines,
)
from handlers.store_cards import next_step_button, pressed_on_card, show_store_card
from views import menu as menu_view
from views.callbacks import matches
from views.i18n import Html
from views.words import price

UNLIMITED = {"unlimited", "none", "-", "무제한"}


async def kitchen_button(update: Update, context: ChatContext) -> None:
    """Start preparing / Ready / Handed over: the same checks as the commands, answered on
    the order's card."""
    data = pressed(update)
    assert data is not None
    pressed_on_card(update, data.number())
    order = await _kitchen_move(context, data.action, data.number())
    toast = _said(context, data.action, order, toast=True)  # the presser's own language
    await show_store_card(update, context, order, as_toast(toast))


async def _kitchen_move(context: ChatContext, action: str, number: int) -> Order:
    menu = context.services.menu
    move = {"prep": menu.start_preparing, "ready": menu.mark_ready,
            "handed": menu.hand_over}[action]
    return await move(number, context.asker())


def _said(context: ChatContext, action: str, order: Order, *, toast: bool = False) -> Html:
    """What the staff member is told of their move (in the chat, or in a toast)."""
    if action == "ready":
        key = ("kitchen.ready_pickup" if order.fulfilment is Fulfilment.PICKUP
               else "kitchen.ready_delivery")
    else:
        key = {"prep": "kitchen.preparing", "handed": "kitchen.handed"}[action]
    return (context.toast if toast else context.text)(key, number=order.number)


def _kitchen_command(action: str) -> OrderMove:
    async def move(context: ChatContext, number: int) -> Answer:
        order = await _kitchen_move(context, action, number)
        return _said(context, action, order), next_step_button(context, order)
    return move


_preparing, _ready, _handed = (_kitchen_command(a) for a in ("prep", "ready", "handed"))


preparing = order_command("/preparing N", _preparing, "/preparing N: the kitchen starts on "
                          "order #N (the customer can no longer cancel).")
ready = order_command("/ready N", _ready, "/ready N: order #N is made.")
handed = order_command("/handed N", _handed, "/handed N: the customer collected pickup order #N.")


async def items(update: Update, context: ChatContext) -> None:
    """/items: the menu with each item's key and stock."""
    context.services.people.check_staff(context.asker())
    everything = await context.services.menu.items()
    await reply_lines(update, context, menu_view.stock_lines(context.lang, everything))


async def stock(update: Update, context: ChatContext) -> None:
    """/stock ITEM N|unlimited: set how many may still be sold."""
    args = context.args or []
    if len(args) != 2:
        raise InvalidAnswer("usage", usage="/stock ITEM N")
    count = None if args[1].lower() in UNLIMITED else _count(args[1])
    item = await context.services.menu.set_stock(args[0], count, context.asker())
    await reply(update, context, context.text("stock.set", item=item.name,
                                              stock=menu_view.stock_word(context.lang, item.stock)))


async def sold_out(update: Update, context: ChatContext) -> None:
    """/soldout ITEM: nobody can order it; unmade orders holding it are cancelled."""
    key = _item_arg(context, "/soldout ITEM")
    item, cancelled = await context.services.menu.sell_out(key, context.asker())
    await reply(update, context, menu_view.sold_out_text(context.lang, item.name, cancelled))


async def available(update: Update, context: ChatContext) -> None:
    """/available ITEM: back on the menu."""
    key = _item_arg(context, "/available ITEM")
    item = await context.services.menu.make_available(key, context.asker())
    await reply(update, context, context.text("stock.available", item=item.name,
                                              stock=menu_view.stock_word(context.lang, item.stock)))


async def refunded(update: Update, context: ChatContext) -> None:
    """/refunded N: the shop paid a card payment back itself."""
    number = order_number_arg(context, "/refunded N")
    await context.services.payments.settle_refund(number, context.asker())
    await reply(update, context, context.text("refund.settled", number=number))


async def report(update: Update, context: ChatContext) -> None:
    """/report: today's orders, cash and payments."""
    day = await context.services.reading.daily_report(context.asker(), context.tz)
    await reply(update, context, Html(
        context.text("report.title", day=day.day.isoformat()) + "\n" + context.text(
            "report.body", placed=day.placed, completed=day.completed, ended=day.ended,
            cash=price(context.lang, day.cash), cash_orders=day.cash_orders,
            cash_open=price(context.lang, day.cash_open), cash_open_orders=day.cash_open_orders,
            prepaid=price(context.lang, day.prepaid), prepaid_orders=day.prepaid_orders,
            refunds=day.refunds)))


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 7:
        raise InvalidAnswer("stock_count")
    return int(text)


def _item_arg(context: ChatContext, usage: str) -> str:
    if not context.args or len(context.args) != 1:
        raise InvalidAnswer("usage", usage=usage)
    return context.args[0]


def kitchen_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("preparing", preparing),
        CommandHandler("ready", ready),
        CommandHandler("handed", handed),
        CommandHandler("items", items),
        CommandHandler("stock", stock),
        CommandHandler("soldout", sold_out),
        CommandHandler("available", available),
        CommandHandler("refunded", refunded),
        CommandHandler("report", report),
        CallbackQueryHandler(kitchen_button, pattern=matches("prep", "ready", "handed")),
    ]
