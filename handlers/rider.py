"""Riders: joining, duty and position, offers, the open jobs, pickup and handover."""

from __future__ import annotations

import re
from collections.abc import Awaitable
from typing import TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from domain.dispatch.riders import Vehicle
from domain.orders.model import Order, OrderKind, PaymentMethod, Place, Status
from domain.shared.errors import DomainError
from handlers.common import (
    Answer,
    ChatContext,
    as_toast,
    buttons,
    done,
    finish_with,
    order_button,
    order_command,
    order_number_arg,
    pressed,
    refusal_text,
    reply,
    rest_args,
)
from views import dispatch as dispatch_view
from views import maps
from views import orders as view
from views.callbacks import encode, matches
from views.i18n import Html, shortened
from views.words import price

T = TypeVar("T")
CODE = re.compile(r"^\s*(\d{4})\s*$")
CODE_LENGTH = 4
GONE = frozenset({"offer_gone", "offer_unknown", "already_taken", "invalid_transition"})


# --- joining -------------------------------------------------------------------------------

async def join(update: Update, context: ChatContext) -> None:
    """/rider [name]: ask to become a rider; the vehicle is asked with buttons."""
    rider = await context.services.fleet.apply(context.asker(), rest_args(context, 0))
    choices = buttons(
        [(context.text(f"vehicle.{v.value}"), encode("vehicle", v.value))
         for v in (Vehicle.FOOT, Vehicle.BICYCLE)],
        [(context.text(f"vehicle.{v.value}"), encode("vehicle", v.value))
         for v in (Vehicle.MOTORBIKE, Vehicle.CAR)],
    )
    # The weight rule is a parcel's: a shop that delivers only its menu does not mention it.
    ask = ("rider.ask_vehicle" if context.services.rules.menu.takes_parcels
           else "rider.ask_vehicle_menu")
    await reply(update, context, context.text(ask, name=rider.name), choices)


async def vehicle_button(update: Update, context: ChatContext) -> None:
    """The vehicle answer completes the request; the store gets Approve / Decline."""
    data = pressed(update)
    assert data is not None
    await context.services.fleet.choose_vehicle(context.asker(), data.args[0])
    await finish_with(update, context, context.text(
        "rider.applied", vehicle=dispatch_view.vehicle(context.lang, data.args[0])))


# --- duty and position ---------------------------------------------------------------------

async def online(update: Update, context: ChatContext) -> None:
    """/online: on duty; a waiting order is offered at once. The answer carries the one-tap
    button that shares the rider's position."""
    await reply(update, context, context.text(await change_duty(context, True)),
                location_keyboard(context))


async def offline(update: Update, context: ChatContext) -> None:
    """/offline: off duty; an offer still open goes to the next rider."""
    await reply(update, context, context.text(await change_duty(context, False)))


async def change_duty(context: ChatContext, on: bool) -> str:
    """On or off duty, as /online and /offline; the key of the text saying so."""
    if on:
        _, offered = await context.services.fleet.go_online(context.asker())
        return "online.offered" if offered else "online.done"
    await context.services.fleet.go_offline(context.asker())
    return "offline.done"


async def ask_position(update: Update, context: ChatContext) -> None:
    """A keyboard button that sends the rider's location (an inline button cannot)."""
    await reply(update, context, context.text("location.ask"), location_keyboard(context))


def location_keyboard(context: ChatContext) -> ReplyKeyboardMarkup:
    """📍 Send my location: one tap shares where the rider is; the keyboard then hides."""
    share = KeyboardButton(context.text("location.button"), request_location=True)
    return ReplyKeyboardMarkup([[share]], resize_keyboard=True, one_time_keyboard=True)


async def shared_position(update: Update, context: ChatContext) -> bool:
    """A location from a rider (not writing an order): their position. False if not a rider."""
    message = update.effective_message
    assert message is not None and message.location is not None
    where = message.location
    rider = await context.services.fleet.move(context.asker(), where.latitude, where.longitude)
    if rider is None:
        return False
    await reply(update, context, context.text("location.saved"))
    return True


async def live_position(update: Update, context: ChatContext) -> None:
    """A live location moved: keep the rider's position current, silently."""
    message = update.edited_message
    assert message is not None and message.location is not None
    await context.services.fleet.move(context.asker(), message.location.latitude,
                                      message.location.longitude)


# --- offers --------------------------------------------------------------------------------

async def accept_offer_button(update: Update, context: ChatContext) -> None:
    """Accept under an offer: the job is yours unless the offer lapsed meanwhile."""
    data = pressed(update)
    assert data is not None
    taken = await _answer_offer(update, context,
                                context.services.jobs.accept_offer(data.number(), context.asker()))
    if taken is not None:
        await finish_with(update, context, *_job_card(context, taken),
                          toast=context.toast("offer.taken", number=taken.number))


async def decline_offer_button(update: Update, context: ChatContext) -> None:
    """Decline under an offer: the next rider gets it."""
    data = pressed(update)
    assert data is not None
    declining = context.services.jobs.decline_offer(data.number(), context.asker())
    number = await _answer_offer(update, context, declining)
    if number is not None:
        await finish_with(update, context, context.text("offer.declined", number=number))


async def _answer_offer(update: Update, context: ChatContext, answer: Awaitable[T]) -> T | None:
    """The rider's answer to an offer; an offer no longer open says so and loses its buttons."""
    try:
        return await answer
    except DomainError as error:
        if error.code not in GONE:
            raise
        await done(update, context, refusal_text(context.own_lang, error))
        return None


# --- the job list and the job itself -------------------------------------------------------

async def jobs(update: Update, context: ChatContext) -> None:
    """/jobs: approved orders nobody has taken, each with an Accept button."""
    waiting = await context.services.jobs.open_jobs(context.asker())
    if not waiting:
        await reply(update, context, context.text("jobs.none"))
        return
    text, shown = dispatch_view.jobs_list(context.lang, waiting)
    accept_buttons = buttons(*[
        [(context.text("button.accept", number=o.number), encode("accept", o.number))]
        for o in shown
    ])
    await reply(update, context, text, accept_buttons)


async def my_jobs(update: Update, context: ChatContext) -> None:
    """/myjobs: the rider's orders not yet delivered."""
    mine = await context.services.jobs.my_jobs(context.asker())
    if not mine:
        await reply(update, context, context.text("myjobs.none"))
        return
    await reply(update, context, view.my_jobs_list(context.lang, mine))


async def accept(update: Update, context: ChatContext) -> None:
    """/accept N: take the job, if nobody was faster (judged by when the message was sent,
    which may be before a restart)."""
    number = order_number_arg(context, "/accept N")
    sent = update.effective_message.date if update.effective_message else None
    await reply(update, context, *_job_card(context, await context.services.jobs.accept_job(
        number, context.asker(), sent)))


async def accept_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    taken = await context.services.jobs.accept_job(data.number(), context.asker())
    await finish_with(update, context, *_job_card(context, taken), in_place=False)


def _job_card(context: ChatContext, order: Order, typed: str | None = None) -> Answer:
    """The rider's card of the job (the offer they accepted, edited as the job moves): the
    full addresses and the recipient's phone; once picked up, where it goes; while the code
    is asked for (`typed`: the digits tapped so far), the keypad."""
    tail = [_picked_up(context, order)] if order.status is Status.PICKED_UP else []
    if typed is None:
        return (dispatch_view.job_card(context.lang, order, tail),
                _next_step_button(context, order))
    shown = " ".join(typed.ljust(CODE_LENGTH, "_"))
    tail.append(context.text("code.keypad", code=shown))
    card = dispatch_view.job_card(context.lang, order, tail)
    keys = [[(d, encode("pin", order.number, typed + d)) for d in row]
            for row in ("123", "456", "789")]
    keys.append([("⌫", encode("pin", order.number, typed[:-1])),
                 ("0", encode("pin", order.number, typed + "0"))])
    return card, InlineKeyboardMarkup(
        [*buttons(*keys).inline_keyboard, *_map_row(context, order.destination)])


def _picked_up(context: ChatContext, order: Order) -> Html:
    """Picked up, and where it goes now."""
    return context.text("picked_up.done", number=order.number,
                        destination=view.place(context.lang, order.destination))


async def release(update: Update, context: ChatContext) -> None:
    """/release N: give the job back before pickup."""
    number = order_number_arg(context, "/release N")
    order = await context.services.jobs.release_job(number, context.asker())
    await reply(update, context, context.text("released.done", number=order.number))


async def release_button(update: Update, context: ChatContext) -> None:
    """Give it back, under the job card: the same checks as /release N; the card says so."""
    data = pressed(update)
    assert data is not None
    order = await context.services.jobs.release_job(data.number(), context.asker())
    done_text = context.text("released.done", number=order.number)
    await finish_with(update, context, done_text, toast=as_toast(done_text))


async def _pickup(context: ChatContext, number: int) -> Answer:
    order = await context.services.jobs.pick_up(number, context.asker())
    text = _picked_up(context, order)
    return text, _next_step_button(context, order)


pickup = order_command("/pickup N", _pickup, "/pickup N: the rider has the parcel.")


async def pickup_button(update: Update, context: ChatContext) -> None:
    """Picked up, under the job card: the same checks as /pickup N; the card now leads to
    the destination, and a destination given as a point comes as a pin to navigate by."""
    data = pressed(update)
    assert data is not None
    order = await context.services.jobs.pick_up(data.number(), context.asker())
    await finish_with(update, context, *_job_card(context, order),
                      toast=as_toast(_picked_up(context, order)))
    await _send_pin(update, context, order.destination)


async def _send_pin(update: Update, context: ChatContext, where: Place) -> None:
    """The place as Telegram's own pin (a venue when it has an address), which opens in any
    map app: the one new message a job may take besides its offer."""
    chat = update.effective_chat
    if chat is None or where.lat is None or where.lon is None:
        return
    if where.address:
        await context.bot.send_venue(chat.id, where.lat, where.lon,
                                     title=shortened(where.address, 64), address=where.address)
    else:
        await context.bot.send_location(chat.id, where.lat, where.lon)


async def deliver(update: Update, context: ChatContext) -> None:
    """/deliver N CODE: the parcel reached the recipient, who gave the code."""
    number = order_number_arg(context, "/deliver N CODE")
    args = context.args or []
    code = args[1] if len(args) > 1 else None
    await _deliver(update, context, number, code)


async def deliver_button(update: Update, context: ChatContext) -> None:
    """Delivered: ask for the recipient's code, tapped in on the job card's keypad (no
    typing on a motorbike), or typed: the rider's next 4-digit message is it."""
    data = pressed(update)
    assert data is not None
    order = await context.services.jobs.ask_code(data.number(), context.asker())
    ask = "code.ask_menu" if order.kind is OrderKind.MENU else "code.ask"
    await finish_with(update, context, *_job_card(context, order, typed=""),
                      toast=as_toast(context.toast(ask, number=order.number)))


async def keypad_button(update: Update, context: ChatContext) -> None:
    """A key of the code keypad. Each key carries the digits so far, so the keypad keeps no
    state of its own; the fourth digit hands the order over."""
    data = pressed(update)
    assert data is not None
    number, typed = data.number(), data.args[1]
    if len(typed) < CODE_LENGTH:
        order = await context.services.orders.view(number, context.asker())
        await finish_with(update, context, *_job_card(context, order, typed=typed))
        return
    try:
        order = await context.services.jobs.deliver(number, context.asker(), typed)
    except DomainError as error:  # a wrong code: said where the rider looks, keypad cleared
        order = await context.services.orders.view(number, context.asker())
        if order.status is not Status.PICKED_UP:  # locked, or no longer theirs
            raise
        await finish_with(update, context, *_job_card(context, order, typed=""),
                          toast=as_toast(refusal_text(context.own_lang, error)))
        return
    text, markup = _handed_over(context, order)
    await finish_with(update, context, text, markup, toast=as_toast(text))


async def typed_code(update: Update, context: ChatContext) -> None:
    """Four digits from a rider we asked for a code: the handover. Anything else goes on to
    the other handlers."""
    message = update.effective_message
    found = CODE.match(message.text or "") if message else None
    if found is None or context.person is None:
        return
    number = await context.services.jobs.awaited_code(context.asker())
    if number is None:
        return
    try:
        await _deliver(update, context, number, found.group(1))
    except DomainError as error:  # a wrong code, say: answered here, never a wizard answer
        await reply(update, context, refusal_text(context.lang, error))
    raise ApplicationHandlerStop


async def _deliver(update: Update, context: ChatContext, number: int, code: str | None) -> None:
    """One answer to a typed handover: done, and the cash to collect with its button."""
    order = await context.services.jobs.deliver(number, context.asker(), code)
    await reply(update, context, *_handed_over(context, order))


def _handed_over(context: ChatContext, order: Order) -> Answer:
    """Delivered; for cash, the amount to collect and the button that records it."""
    text = context.text("delivered.done", number=order.number)
    if order.payment is not PaymentMethod.CASH:
        return text, None
    amount = price(context.lang, order.price)
    collect = context.text("deliver.collect", amount=amount, number=order.number)
    return Html(f"{text}\n{collect}"), buttons([(context.text("button.collected", amount=amount),
                                                encode("collected", order.number))])


async def _collected(context: ChatContext, number: int) -> Answer:
    order = await context.services.jobs.collect_cash(number, context.asker())
    return context.text("collected.done", number=order.number,
                        amount=price(context.lang, order.price)), None


collected = order_command("/collected N", _collected,
                          "/collected N: the cash for order #N is in the rider's hand.")
collected_button = order_button(_collected, "Cash collected: the same checks as /collected N.")


def _next_step_button(context: ChatContext, order: Order) -> InlineKeyboardMarkup:
    """Under the job card: picked up (or give it back) before pickup, delivered after; below
    them the map apps, opening the place the rider heads to now."""
    if order.status is Status.ASSIGNED:
        steps = buttons([(context.text("button.picked_up"), encode("pickup", order.number)),
                         (context.text("button.release"), encode("release", order.number))])
    else:
        steps = buttons([(context.text("button.delivered"), encode("deliver", order.number))])
    heading = order.pickup if order.status is Status.ASSIGNED else order.destination
    return InlineKeyboardMarkup([*steps.inline_keyboard, *_map_row(context, heading)])


def _map_row(context: ChatContext, where: Place) -> list[list[InlineKeyboardButton]]:
    links = maps.map_links(context.lang, where)
    return [[InlineKeyboardButton(label, url=url) for label, url in links]] if links else []


def rider_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("rider", join),
        CommandHandler("online", online),
        CommandHandler("offline", offline),
        CommandHandler("jobs", jobs),
        CommandHandler("myjobs", my_jobs),
        CommandHandler("accept", accept),
        CommandHandler("release", release),
        CallbackQueryHandler(release_button, pattern=matches("release")),
        CallbackQueryHandler(keypad_button, pattern=matches("pin")),
        CommandHandler("pickup", pickup),
        CommandHandler("deliver", deliver),
        CommandHandler("collected", collected),
        CallbackQueryHandler(collected_button, pattern=matches("collected")),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.LOCATION, live_position),
        CallbackQueryHandler(vehicle_button, pattern=matches("vehicle")),
        CallbackQueryHandler(accept_offer_button, pattern=matches("oaccept")),
        CallbackQueryHandler(decline_offer_button, pattern=matches("odecline")),
        CallbackQueryHandler(accept_button, pattern=matches("accept")),
        CallbackQueryHandler(pickup_button, pattern=matches("pickup")),
        CallbackQueryHandler(deliver_button, pattern=matches("deliver")),
    ]


def code_handler() -> BaseHandler:
    """Runs before the other handlers, so a code is not read as a wizard answer."""
    return MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
                          & ~filters.UpdateType.EDITED, typed_code)
