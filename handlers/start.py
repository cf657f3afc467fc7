"""/start and /help by the asker's roles (handlers.commands.roles), their work first: one
greeting with each role's common actions as buttons, and the commands each role may type."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.shop.opening import ShopClosed
from handlers.admin import stats
from handlers.commands import command_menus, roles
from handlers.common import (
    ChatContext,
    Handler,
    as_toast,
    buttons,
    done,
    finish_with,
    is_private,
    pressed,
    refusal_text,
    reply,
    show_instead,
)
from handlers.customer import my_orders, order
from handlers.menu import menu_command
from handlers.rider import ask_position, change_duty, my_jobs
from handlers.store import pending
from views.callbacks import encode, matches
from views.commands import Audience
from views.i18n import Html
from views.shop import opening_line

Roles = tuple[Audience, ...]


async def start(update: Update, context: ChatContext) -> None:
    """Greet by role, with each role's common actions as buttons."""
    mine = await roles(update, context)
    on_duty = await _on_duty(context, mine)
    await reply(update, context, await greeting(context, mine, on_duty),
                start_buttons(context, mine, on_duty))
    if is_private(update):
        await command_menus(context).on_start(context.asker(), mine, context.own_lang)


async def _on_duty(context: ChatContext, mine: Roles) -> bool:
    return Audience.RIDER in mine and await context.services.fleet.on_duty(context.asker())


async def greeting(context: ChatContext, mine: Roles, on_duty: bool) -> Html:
    """The customers' welcome (and, while the shop takes no orders, why and until when);
    for staff and riders a line for each role, work first, the store's with its state."""
    me = context.asker()
    rules = context.services.rules.menu
    opening = await context.services.shop_hours.opening()
    if mine == (Audience.CUSTOMER,):
        key = "start.greeting" if rules.takes_parcels else "start.greeting_shop"
        welcome = context.text(key, name=me.name, shop=rules.shop.name)
        if opening.is_open:
            return welcome
        return Html(f"{welcome}\n\n{refusal_text(context.lang, opening.refusal())}")
    lines = [context.text("start.hello", name=me.name)]
    if Audience.STAFF in mine:
        lines.append(context.text("start.staff"))
        lines.append(opening_line(context.lang, opening))
    if Audience.RIDER in mine:
        lines.append(context.text("start.on_duty" if on_duty else "start.off_duty"))
    if Audience.CUSTOMER in mine:
        lines.append(context.text("start.customer_too"))
    return Html("\n".join(lines))


def start_buttons(context: ChatContext, mine: Roles, on_duty: bool) -> InlineKeyboardMarkup:
    """Each role's buttons, work first, and Help."""
    rows = []
    if Audience.STAFF in mine:
        rows.append([(context.text("start.pending"), encode("menu", "pending")),
                     (context.text("start.stats"), encode("menu", "stats"))])
    if Audience.RIDER in mine:
        duty = "offline" if on_duty else "online"
        rows.append([(context.text(f"start.{duty}"), encode("menu", duty)),
                     (context.text("start.my_jobs"), encode("menu", "myjobs"))])
        rows.append([(context.text("start.location"), encode("menu", "location"))])
    help_button = (context.text("menu.help"), encode("menu", "help"))
    if Audience.CUSTOMER not in mine:
        return buttons(*rows, [help_button])
    rules = context.services.rules.menu
    ordering = []
    if rules.takes_parcels:
        ordering.append((context.text("menu.new_order"), encode("menu", "order")))
    if rules.takes_menu_orders:
        ordering.append((context.text("menu.menu_order"), encode("menu", "shop")))
    return buttons(*rows, ordering,
                   [(context.text("menu.my_orders"), encode("menu", "orders")), help_button])


async def help_command(update: Update, context: ChatContext) -> None:
    """List the commands of the asker's roles, their work first."""
    mine = await roles(update, context)
    menu = context.services.rules.menu
    sections = []
    if Audience.STAFF in mine:
        sections.append(context.text("help.store"))
        if menu.takes_menu_orders:
            sections.append(context.text("help.kitchen"))
    if Audience.RIDER in mine:
        sections.append(Html(context.text("help.rider") + "\n" + context.text("help.cash")))
    if Audience.CUSTOMER in mine:
        if menu.takes_parcels:
            sections.append(context.text("help.customer"))
        if menu.takes_menu_orders:
            sections.append(context.text("help.menu"))
        if Audience.RIDER not in mine:
            sections.append(context.text("help.join"))
    await reply(update, context, "\n\n".join(sections))


async def menu_button(update: Update, context: ChatContext) -> None:
    """The /start buttons do what their commands do; the press is answered once it is done,
    so that a refusal (a button of a role no longer held) still reaches the presser."""
    data = pressed(update)
    assert data is not None
    choice = data.args[0]
    if choice in ("online", "offline"):
        await duty_button(update, context, choice == "online")
        return
    try:
        await COMMANDS.get(choice, help_command)(update, context)
    except ShopClosed as closed:  # the greeting shows it, the toast says it
        mine = await roles(update, context)
        on_duty = await _on_duty(context, mine)
        await finish_with(update, context, await greeting(context, mine, on_duty),
                          start_buttons(context, mine, on_duty),
                          toast=as_toast(refusal_text(context.own_lang, closed)))
        return
    await done(update, context, remove_buttons=False)


async def duty_button(update: Update, context: ChatContext, on: bool) -> None:
    """Go online or offline: a toast says so, and the greeting shows the new state; going
    online also brings the one-tap button that shares the rider's position (a reply keyboard
    comes only with a new message, never an edit)."""
    said = await change_duty(context, on)
    mine = await roles(update, context)
    await show_instead(update, context, await greeting(context, mine, on),
                       start_buttons(context, mine, on), toast=context.toast(said))
    if on:
        await ask_position(update, context)


COMMANDS: dict[str, Handler] = {
    "order": order, "shop": menu_command, "orders": my_orders, "help": help_command,
    "pending": pending, "stats": stats, "myjobs": my_jobs, "location": ask_position,
}


def start_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("start", start),
        CommandHandler("help", help_command),
        CallbackQueryHandler(menu_button, pattern=matches("menu")),
    ]
