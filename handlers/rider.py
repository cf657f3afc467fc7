"""Riders: the open jobs, accepting one (first wins), pickup and delivery."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.model import Order
from handlers.common import ChatContext, buttons, done, order_number_arg, pressed, reply
from views import orders as view
from views.callbacks import encode, matches


async def jobs(update: Update, context: ChatContext) -> None:
    """/jobs: approved orders nobody has taken, each with an Accept button."""
    waiting = await context.services.open_jobs(context.asker())
    if not waiting:
        await reply(update, context, context.text("jobs.none"))
        return
    lines = [context.text("jobs.title"), *(view.job_line(context.lang, o) for o in waiting)]
    accept_buttons = buttons(*[
        [(context.text("button.accept", number=o.number), encode("accept", o.number))]
        for o in waiting
    ])
    await reply(update, context, "\n".join(lines), accept_buttons)


async def my_jobs(update: Update, context: ChatContext) -> None:
    """/myjobs: the rider's orders not yet delivered."""
    mine = await context.services.my_jobs(context.asker())
    if not mine:
        await reply(update, context, context.text("myjobs.none"))
        return
    lines = [context.text("myjobs.title"), *(view.my_job_line(context.lang, o) for o in mine)]
    await reply(update, context, "\n".join(lines))


async def accept(update: Update, context: ChatContext) -> None:
    """/accept N: take the job, if nobody was faster."""
    await _accept(update, context, order_number_arg(context, "/accept N"))


async def accept_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    await _accept(update, context, data.number())
    await done(update, context, remove_buttons=False)


async def _accept(update: Update, context: ChatContext, number: int) -> None:
    taken = await context.services.accept_job(number, context.asker())
    text = context.text(
        "accepted.done",
        number=taken.number,
        details=view.details(context.lang, view.order_fields(taken)),
        customer=taken.customer_name,
    )
    await reply(update, context, text, _next_step_button(context, taken))


async def pickup(update: Update, context: ChatContext) -> None:
    """/pickup N: the rider has the parcel."""
    await _pickup(update, context, order_number_arg(context, "/pickup N"))


async def pickup_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    await _pickup(update, context, data.number())
    await done(update, context)


async def _pickup(update: Update, context: ChatContext, number: int) -> None:
    order = await context.services.pick_up(number, context.asker())
    text = context.text("picked_up.done", number=order.number,
                        destination=view.place(context.lang, order.destination))
    await reply(update, context, text, _next_step_button(context, order))


async def deliver(update: Update, context: ChatContext) -> None:
    """/deliver N: the parcel reached the recipient."""
    await _deliver(update, context, order_number_arg(context, "/deliver N"))


async def deliver_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    await _deliver(update, context, data.number())
    await done(update, context)


async def _deliver(update: Update, context: ChatContext, number: int) -> None:
    order = await context.services.deliver(number, context.asker())
    await reply(update, context, context.text("delivered.done", number=order.number))


def _next_step_button(context: ChatContext, order: Order):
    if order.status.value == "assigned":
        return buttons([(context.text("button.picked_up"), encode("pickup", order.number))])
    return buttons([(context.text("button.delivered"), encode("deliver", order.number))])


def rider_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("jobs", jobs),
        CommandHandler("myjobs", my_jobs),
        CommandHandler("accept", accept),
        CommandHandler("pickup", pickup),
        CommandHandler("deliver", deliver),
        CallbackQueryHandler(accept_button, pattern=matches("accept")),
        CallbackQueryHandler(pickup_button, pattern=matches("pickup")),
        CallbackQueryHandler(deliver_button, pattern=matches("deliver")),
    ]
