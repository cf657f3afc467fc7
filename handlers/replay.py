"""The answer to an update handled again after a crash (domain/shared/handling.py): its work was
already kept, so nothing is changed twice; the person gets the answer as things stand now.

What the first run would have said cannot be rebuilt (the state has moved on), so the reply
is what the person needs next: the question the open order asks now, or where the orders the
update touched stand, or a plain "done". A Confirm whose order was kept turns its summary into
the order's card, as its first run would have (and sends the invoice of a prepaid one)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest

from domain.orders.model import Order, Status
from domain.shared.errors import AlreadyApplied, DomainError
from handlers.common import (
    ChatContext,
    identify_again,
    is_rerun_answer,
    reply,
    summary_becomes_card,
)
from handlers.customer import ask
from handlers.menu import show
from handlers.payments import send_invoice
from views import orders as view
from views.callbacks import ABOUT_AN_ORDER, decode
from views.i18n import MAX_MESSAGE, utf16_length

log = logging.getLogger(__name__)


async def answer_again(update: object, context: ChatContext) -> None:
    """Error handler: work an earlier run already did (handlers.common.is_rerun_answer) is
    answered with the current state: the orders it touched (not for Order again, which made
    a draft or cart), else the open order's current question, else the person's newest
    order, else "done"."""
    error = context.error
    if not is_rerun_answer(error) or not isinstance(update, Update):
        return
    assert isinstance(error, DomainError)
    if not await identify_again(update, context):
        return
    if await _confirm_again(update, context):
        return
    query = update.callback_query
    if query is not None:
        try:
            await query.answer(context.toast("replay.done"))
        except BadRequest:  # too old by now, or answered before the crash
            log.debug("press of a re-run update could not be answered")
    if update.effective_chat is None:
        return
    person = context.asker()
    # Order again read the old order, but what it made is the open draft or cart.
    numbers = [] if _pressed(update, "again") else touched_orders(error, update)
    done = context.text("replay.done")
    shown = False
    for number in numbers:
        try:
            found = await context.services.orders.view(int(number), person)
        except DomainError:  # not theirs to see, or no such order
            continue
        await _show(update, context, found, done)
        shown = True
    if shown:
        return
    draft = await context.services.parcels.current_draft(person)
    if draft is not None:
        await ask(update, context, draft)
        return
    cart = await context.services.menu.current_cart(person)
    if cart is not None:
        await show(update, context, cart)
        return
    # Work that ended a draft or cart (a Confirm, say) names no order; the person's newest
    # order is what it was about.
    newest = await context.services.orders.mine(person)
    if newest:
        await _show(update, context, newest[0], done)
        return
    await reply(update, context, done)


# The Confirm buttons under an order's summary (parcel wizard, menu cart; old and new forms).
CONFIRMS = frozenset({("dconfirm", None), ("draft", "confirm"), ("mconfirm", None),
                      ("mcart", "confirm")})


async def _confirm_again(update: Update, context: ChatContext) -> bool:
    """A Confirm whose order an earlier run placed: its summary becomes the order's card, as
    the first run would have left it (that run may have died before the edit), and a
    prepaid order's invoice goes out. False if the update is no Confirm, or placed nothing."""
    query = update.callback_query
    data = decode(query.data) if query is not None else None
    if data is None or update.effective_chat is None:
        return False
    first = data.args[0] if data.args else None
    if (data.action, None) not in CONFIRMS and (data.action, first) not in CONFIRMS:
        return False
    # Confirm ended the draft or cart and names no order: the newest one is what it placed.
    newest = await context.services.orders.mine(context.asker())
    if not newest:
        return False
    order = newest[0]
    await summary_becomes_card(update, context, order)
    if order.status is Status.AWAITING_PAYMENT and order.invoice is not None:
        await send_invoice(update, context, order)
    return True


def _pressed(update: Update, action: str) -> bool:
    query = update.callback_query
    data = decode(query.data) if query is not None else None
    return data is not None and data.action == action


async def _show(update: Update, context: ChatContext, order: Order, done: str) -> None:
    """The order as it stands; to its customer, while it waits for the payment, its invoice
    again (the run that placed it may have died before sending it)."""
    mine = order.customer_id == context.asker().user_id
    room = MAX_MESSAGE - utf16_length(done) - 2  # the card goes under "Done" in one message
    card = view.order_card(context.lang, order, context.tz, mine, limit=room)
    await reply(update, context, f"{done}\n\n{card}")
    if mine and order.status is Status.AWAITING_PAYMENT and order.invoice is not None:
        await send_invoice(update, context, order)


def touched_orders(error: DomainError, update: Update) -> list[int]:
    """The orders the skipped work was about: the one the command or button names (`/accept
    7`, Approve on order 7: what the person asked about), else those the error names (the
    work may have read other orders too, a rider's other jobs, say)."""
    named = _order_named(update)
    if named is not None:
        return [named]
    if isinstance(error, AlreadyApplied):
        return list(error.params.get("orders") or [])  # type: ignore[call-overload]
    number = error.params.get("number")
    return [number] if isinstance(number, int) else []


# Typed commands whose first argument is an order number.
ORDER_COMMANDS = frozenset({
    "accept", "approve", "reject", "cancel", "pickup", "deliver", "received", "status",
    "waive", "release", "preparing", "ready", "handed", "collected", "refunded",
})


def _order_named(update: Update) -> int | None:
    message = update.effective_message
    argument = ""
    if update.callback_query is not None:
        data = decode(update.callback_query.data)
        if data is not None and data.action in ABOUT_AN_ORDER:
            argument = data.args[0]
    elif message is not None and (message.text or "").startswith("/"):
        words = (message.text or "").split()
        command = words[0][1:].split("@")[0].lower()
        if command in ORDER_COMMANDS and len(words) > 1:
            argument = words[1].removeprefix("#")
    return int(argument) if argument.isascii() and argument.isdigit() and len(argument) < 12 \
        else None
