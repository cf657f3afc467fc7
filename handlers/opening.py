"""The store opens, closes and pauses the shop in chat: /hours, /pause [minutes], /resume
(staff only, in private or in the store's group)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from domain.shared.errors import InvalidAnswer
from domain.shared.text import normalized
from handlers.common import ChatContext, reply, rest_args
from views.i18n import Html
from views.shop import hours_text, opening_line


async def hours(update: Update, context: ChatContext) -> None:
    """/hours: the opening hours and the state now; /hours TEXT changes them."""
    shop = context.services.shop_hours
    typed = rest_args(context, 0)
    if not typed:
        context.services.people.check_staff(context.asker())
        await reply(update, context, hours_text(context.lang, *await shop.hours()))
        return
    changed = hours_text(context.lang, *await shop.set_hours(typed, context.asker()))
    await reply(update, context, Html(f"{context.text('hours.changed')}\n\n{changed}"))


async def pause(update: Update, context: ChatContext) -> None:
    """/pause: no new orders until /resume; /pause 30: for 30 minutes."""
    minutes = _minutes(rest_args(context, 0))
    opening = await context.services.shop_hours.pause(minutes, context.asker())
    await reply(update, context, opening_line(context.lang, opening))


async def resume(update: Update, context: ChatContext) -> None:
    """/resume: orders again (the opening hours still apply)."""
    opening = await context.services.shop_hours.resume(context.asker())
    await reply(update, context,
                Html(f"{context.text('shop.resumed')}\n{opening_line(context.lang, opening)}"))


def _minutes(typed: str) -> int | None:
    """/pause's argument: whole minutes, or nothing (until /resume)."""
    value = normalized(typed).removesuffix("m").removesuffix("min").removesuffix("분").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        raise InvalidAnswer("usage", usage="/pause [minutes]")
    return int(value)


def opening_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("hours", hours),
        CommandHandler("pause", pause),
        CommandHandler("resume", resume),
    ]
