"""The store (staff in ADMIN_IDS): deciding on orders, handover codes, and the riders."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from domain.orders.model import Fulfilment, Order, OrderKind
from domain.shared.errors import InvalidAnswer
from handlers.commands import command_menus
from handlers.common import (
    Answer,
    ChatContext,
    as_toast,
    buttons,
    done,
    finish_with,
    order_command,
    order_number_arg,
    pressed,
    reply,
    rest_args,
)
from handlers.store_cards import next_step_button, pressed_on_card, show_store_card
from views import dispatch as dispatch_view
from views import orders as view
from views.callbacks import encode, matches
from views.i18n import Html
from views.words import reason_key

REJECT_REASONS = ("busy", "area", "parcel", "item")
CANCEL_REASONS = ("closing", "unavailable", "no_rider", "asked")
# Reasons that can be true only of some orders: of a parcel, of a meal, of a delivery.
PARCEL_ONLY, MENU_ONLY, DELIVERY_ONLY = {"parcel"}, {"item", "unavailable"}, {"area", "no_rider"}


def fitting(keys: tuple[str, ...], order: Order) -> tuple[str, ...]:
    """The reasons that can be true of this order: no parcel for a meal, no missing item
    for a parcel, no delivery area or rider for a pickup at the counter."""
    delivered = not (order.kind is OrderKind.MENU and order.fulfilment is Fulfilment.PICKUP)
    return tuple(key for key in keys
                 if not (key in PARCEL_ONLY and order.kind is not OrderKind.PARCEL)
                 and not (key in MENU_ONLY and order.kind is not OrderKind.MENU)
                 and not (key in DELIVERY_ONLY and not delivered))


async def pending(update: Update, context: ChatContext) -> None:
    """/pending: orders waiting for approval, each with Approve (a menu order: its
    preparation times) / Reject; then the orders running late."""
    found = await context.services.orders.pending(context.asker())
    if not found.waiting and not found.late:
        await reply(update, context, context.text("pending.none"))
        return
    # One message for the whole list: a staff group may receive only ~20 messages a minute.
    text, shown = view.pending_list(context.lang, found.waiting, found.total, found.late,
                                    context.tz)
    rows: list[list[tuple[str, str]]] = []
    for o in shown:
        reject = (context.text("button.reject_n", number=o.number), encode("reject", o.number))
        approving = view.approve_steps(context.lang, o.number, o.kind is OrderKind.MENU,
                                       listed=True)
        # A menu order's four times leave no room for Reject on their row.
        rows += [approving, [reject]] if len(approving) > 1 else [[*approving, reject]]
    await reply(update, context, text, buttons(*rows) if rows else None)


async def _approve(context: ChatContext, number: int) -> Answer:
    """Approve order #N; what to answer."""
    approved = await context.services.orders.approve(number, context.asker())
    return (context.text("approved.done", number=approved.number),
            next_step_button(context, approved))


approve = order_command("/approve N", _approve, "/approve N: the store accepts order #N.")


async def approve_button(update: Update, context: ChatContext) -> None:
    """Approve (a menu order: "20 min") under a new-order alert: the same checks as
    /approve, answered on its card."""
    data = pressed(update)
    assert data is not None
    pressed_on_card(update, data.number())
    prep = data.number(1) if data.action == "approvein" else None
    approved = await context.services.orders.approve(data.number(), context.asker(), prep)
    await show_store_card(update, context, approved,
                          as_toast(context.toast("approved.done", number=approved.number)))


async def reject(update: Update, context: ChatContext) -> None:
    """/reject N reason."""
    number = order_number_arg(context, "/reject N reason")
    reason = rest_args(context, 1)
    if not reason:
        raise InvalidAnswer("reject_reason_required", number=number)
    await reply(update, context, await _reject(context, number, reason))


@dataclass(frozen=True)
class ReasonChoice:
    """A store decision that needs a reason the customer reads, offered as buttons."""

    pick: str  # the action of the reason buttons
    texts: str  # the catalog prefix of the reasons' texts
    keys: tuple[str, ...]
    question: str  # the catalog key of the question above them
    said: str  # the catalog key of the toast once done


REJECTING = ReasonChoice("rejectwhy", "reject_reason", REJECT_REASONS, "reject.choose",
                         "rejected.done")
CANCELLING = ReasonChoice("scancelwhy", "store_cancel_reason", CANCEL_REASONS,
                          "store_cancel.choose", "cancelled.by_store")


async def reject_button(update: Update, context: ChatContext) -> None:
    """Reject under an alert: offer the usual reasons (typing /reject N reason also works)."""
    await _ask_reason(update, context, REJECTING)


async def store_cancel_button(update: Update, context: ChatContext) -> None:
    """Cancel under the store's card: offer the usual reasons (typing /cancel N reason also
    works)."""
    await _ask_reason(update, context, CANCELLING)


async def _ask_reason(update: Update, context: ChatContext, choice: ReasonChoice) -> None:
    data = pressed(update)
    assert data is not None
    number = data.number()
    context.services.people.check_staff(context.asker())
    order = await context.services.orders.view(number, context.asker())
    reasons = buttons(*[[(context.text(f"{choice.texts}.{key}"), encode(choice.pick, number, key))]
                        for key in fitting(choice.keys, order)])
    await finish_with(update, context, context.text(choice.question, number=number), reasons,
                      below=True)


async def reason_button(update: Update, context: ChatContext) -> None:
    """A reason picked: the order is rejected or cancelled with it, on its card."""
    data = pressed(update)
    assert data is not None
    choice = REJECTING if data.action == REJECTING.pick else CANCELLING
    number, key = data.number(), data.args[1]
    if key not in choice.keys:
        await done(update, context, context.text("button.stale"), remove_buttons=False)
        return
    reason = reason_key(choice.texts, key)  # each reader reads it in their own language
    pressed_on_card(update, number)
    orders = context.services.orders
    decide = orders.reject if choice is REJECTING else orders.cancel
    order = await decide(number, context.asker(), reason)
    await show_store_card(update, context, order,
                          as_toast(context.toast(choice.said, number=order.number)))


async def _reject(context: ChatContext, number: int, reason: str) -> Html:
    """Reject order #N; what to answer."""
    rejected = await context.services.orders.reject(number, context.asker(), reason)
    return context.text("rejected.done", number=rejected.number)


async def waive(update: Update, context: ChatContext) -> None:
    """/waive N: the rider may deliver order #N without the recipient's code."""
    number = order_number_arg(context, "/waive N")
    order = await context.services.orders.waive_code(number, context.asker())
    await reply(update, context, context.text("waived.done", number=order.number))


# --- riders --------------------------------------------------------------------------------

async def riders(update: Update, context: ChatContext) -> None:
    """/riders: every rider with vehicle, state and duty."""
    fleet = context.services.fleet
    everyone = await fleet.riders(context.asker())
    if not everyone:
        await reply(update, context, context.text("riders.none"))
        return
    busy = await fleet.busy_riders()
    for page in dispatch_view.riders_pages(context.lang, everyone, busy, context.tz):
        await reply(update, context, page)


async def suspend(update: Update, context: ChatContext) -> None:
    """/suspend ID."""
    rider = await context.services.fleet.suspend(_rider_id(context, "/suspend ID"),
                                                 context.asker())
    await reply(update, context, context.text("rider.suspended_done", name=rider.name))
    await command_menus(context).for_rider(rider)


async def reinstate(update: Update, context: ChatContext) -> None:
    """/reinstate ID."""
    rider = await context.services.fleet.reinstate(_rider_id(context, "/reinstate ID"),
                                                   context.asker())
    await reply(update, context, context.text("rider.reinstated_done", name=rider.name))
    await command_menus(context).for_rider(rider)


async def rider_decision_button(update: Update, context: ChatContext) -> None:
    """Approve / Decline under a rider request."""
    data = pressed(update)
    assert data is not None
    fleet = context.services.fleet
    seen = data.number(1) if len(data.args) > 1 else None  # the request the card showed
    if data.action in ("rapprove", "ryes"):
        rider = await fleet.approve(data.number(), context.asker(), seen)
        text = context.text("rider.approved_done", name=rider.name)
    else:
        rider = await fleet.decline(data.number(), context.asker(), seen)
        text = context.text("rider.declined_done", name=rider.name)
    await finish_with(update, context, text, below=True)
    await command_menus(context).for_rider(rider)


def _rider_id(context: ChatContext, usage: str) -> int:
    """A rider's Telegram user id from the command's first argument."""
    return order_number_arg(context, usage)


async def chat_moved(update: Update, context: ChatContext) -> None:
    """Telegram upgraded a group to a supergroup, with a new id: the store's alerts follow."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id:
        await context.services.chats.record(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await context.services.chats.record(message.migrate_from_chat_id, message.chat.id)
    context.bot_data.pop("store_chats", None)  # the gate looks them up again


def store_handlers() -> list[BaseHandler]:
    """The store's commands and buttons. (/cancel N reason is shared with customers.)"""
    return [
        MessageHandler(filters.StatusUpdate.MIGRATE, chat_moved),
        CommandHandler("pending", pending),
        CommandHandler("approve", approve),
        CommandHandler("reject", reject),
        CommandHandler("waive", waive),
        CommandHandler("riders", riders),
        CommandHandler("suspend", suspend),
        CommandHandler("reinstate", reinstate),
        CallbackQueryHandler(rider_decision_button, pattern=matches("rapprove", "rdecline", "ryes",
                                                                      "rno")),
        CallbackQueryHandler(approve_button, pattern=matches("approve", "approvein")),
        CallbackQueryHandler(reject_button, pattern=matches("reject")),
        CallbackQueryHandler(store_cancel_button, pattern=matches("scancel")),
        CallbackQueryHandler(reason_button, pattern=matches("rejectwhy", "scancelwhy")),
    ]
