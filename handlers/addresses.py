"""Customers' saved addresses: /addresses lists them, 🗑 deletes one (offering them at the
address questions is the wizards' part: handlers.customer and handlers.menu)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers.common import ChatContext, buttons, finish_with, pressed, reply
from views.addresses import addresses_list
from views.callbacks import matches


async def addresses(update: Update, context: ChatContext) -> None:
    """/addresses: the customer's saved addresses, a 🗑 button each."""
    saved = await context.services.addresses.mine(context.asker())
    text, rows = addresses_list(context.lang, saved, context.tz)
    await reply(update, context, text, buttons(*rows) if rows else None)


async def delete_button(update: Update, context: ChatContext) -> None:
    """🗑 under /addresses: that address is forgotten (only the customer's own), and the list
    is edited into what is left."""
    data = pressed(update)
    assert data is not None
    left = await context.services.addresses.delete(context.asker(), data.number())
    text, rows = addresses_list(context.lang, left, context.tz)
    await finish_with(update, context, text, buttons(*rows) if rows else None,
                      toast=context.toast("addresses.deleted"))


def address_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("addresses", addresses),
        CallbackQueryHandler(delete_button, pattern=matches("addrdel")),
    ]
