"""The shop's kitchen and stock (staff in ADMIN_IDS): preparing, ready, handed over, the
menu's stock and sold-out items, card refunds to settle, and the day's report."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.orders.model import Fulfilment, Order, OrderKind, Status
from domain.shared.errors import InvalidAnswer
from handlers.common import (
    Answer,
    ChatContext,
    buttons,
    finish_with,
    order_command,
    order_number_arg,
    pressed,
    reply,
    reply_lines,
)
from views import menu as menu_view
from views.callbacks import encode, matches
from views.i18n import Html
from views.words import price

UNLIMITED = {"unlimited", "none", "-", "무제한"}


def next_step_button(context: ChatContext, order: Order) -> InlineKeyboardMarkup | None:
    """The kitchen's next move for a menu order, as a button under the staff's reply."""
    if order.kind is not OrderKind.MENU:
        return None
    if order.status is Status.APPROVED:
        return buttons([(context.text("button.preparing"), encode("prep", order.number))])
    if order.status is Status.PREPARING:
        return buttons([(context.text("button.ready"), encode("ready", order.number))])
    if order.status is Status.READY and order.fulfilment is Fulfilment.PICKUP:
        return buttons([(context.text("button.handed"), encode("handed", order.number))])
    return None


async def kitchen_button(update: Update, context: ChatContext) -> None:
    """Start preparing / Ready / Handed over: the same checks as the commands."""
    data = pressed(update)
    assert data is not None
    moves = {"prep": _preparing, "ready": _ready, "handed": _handed}
    text, markup = await moves[data.action](context, data.number())
    await finish_with(update, context, text, markup, below=True)


async def _preparing(context: ChatContext, number: int) -> Answer:
    order = await context.services.menu.start_preparing(number, context.asker())
    return (context.text("kitchen.preparing", number=order.number),
            next_step_button(context, order))


async def _ready(context: ChatContext, number: int) -> Answer:
    order = await context.services.menu.mark_ready(number, context.asker())
    key = ("kitchen.ready_pickup" if order.fulfilment is Fulfilment.PICKUP
           else "kitchen.ready_delivery")
    return context.text(key, number=order.number), next_step_button(context, order)


async def _handed(context: ChatContext, number: int) -> Answer:
    order = await context.services.menu.hand_over(number, context.asker())
    return context.text("kitchen.handed", number=order.number), None


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
