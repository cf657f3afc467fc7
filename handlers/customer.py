"""Customers: the order wizard, their orders, cancelling and confirming receipt, their language
and announcements (/start and /help: handlers.start)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from domain.menu.carts import CartStep
from domain.orders.model import OrderKind, Size, Status
from domain.parcels.drafts import ParcelDraft, Step
from domain.shared.errors import InvalidAnswer, OutOfDate
from domain.shop.opening import ShopClosed
from handlers.addresses import address_handlers
from handlers.commands import command_menus, roles
from handlers.common import (
    Answer,
    ChatContext,
    buttons,
    done,
    finish_with,
    hint,
    is_private,
    order_button,
    order_command,
    order_number_arg,
    pressed,
    pressed_message,
    refusal_text,
    refused_above,
    reply,
    rest_args,
    show_instead,
    summary_becomes_card,
)
from handlers.menu import cart_location, cart_text, show_current_cart
from handlers.menu import question as cart_question
from handlers.payments import payment_question, send_invoice
from handlers.rider import shared_position
from views import orders as view
from views import requests as requests_view
from views.addresses import saved_buttons, with_saved_hint
from views.again import changes_text
from views.callbacks import encode, matches
from views.i18n import Html, t


async def language(update: Update, context: ChatContext) -> None:
    """/language [en|ko]: choose the bot's language."""
    if context.args:
        await reply(update, context, await _set_language(update, context,
                                                         context.args[0].lower()))
        return
    choices = buttons([("English", encode("lang", "en")), ("한국어", encode("lang", "ko"))])
    await reply(update, context, context.text("language.ask"), choices)


async def _set_language(update: Update, context: ChatContext, code: str) -> Html:
    """The person's language chosen (their command menu follows it in a private chat); what
    to answer, in that language even in the store's group, which keeps its own."""
    user = await context.services.people.choose_language(context.asker(), code)
    context.own_lang = user.language
    if is_private(update):
        await command_menus(context).on_language(context.asker(), await roles(update, context),
                                                 user.language)
    return t(user.language, "language.set")


async def order(update: Update, context: ChatContext) -> None:
    """/order: start the wizard, or continue the unfinished one (in a private chat only)."""
    if not context.services.rules.menu.takes_parcels:
        await reply(update, context, context.text("menu.menu_only"))
        return
    if update.effective_chat is not None and update.effective_chat.type != "private":
        await reply(update, context, context.text("order.private_only"))
        return
    draft, resumed = await context.services.parcels.start_draft(context.asker())
    if resumed:
        await reply(update, context, context.text("draft.resumed"))
    await ask(update, context, draft)


async def ask(update: Update, context: ChatContext, draft: ParcelDraft) -> None:
    """Ask the draft's next question (or show the summary to confirm)."""
    text, markup = await question(context, draft)
    await reply(update, context, text, markup)


async def question(context: ChatContext, draft: ParcelDraft
                   ) -> tuple[Html, InlineKeyboardMarkup | None]:
    step = draft.step
    if step in (Step.PICKUP, Step.DESTINATION):
        saved = [s for s in await context.services.addresses.mine(context.asker())
                 if step is Step.PICKUP or s.place != draft.pickup]
        text = with_saved_hint(context.lang, context.text(f"ask.{step.value}"), saved)
        rows = saved_buttons(context.lang, saved, context.tz, draft.version)
        return text, buttons(*rows) if rows else None
    if step is Step.SIZE:
        return context.text("ask.size"), buttons(
            [(context.text(f"size.{s.value}"), encode("size", s.value)) for s in Size]
        )
    if step is Step.PAYMENT:
        return payment_question(context, "pay")
    if step is Step.CONFIRM:
        asked = draft.asked
        if asked.writing is not None:
            text, rows = requests_view.writing_prompt(context.lang, asked, "dreq", draft.version)
            return text, buttons(*rows)
        summary = requests_view.under_summary(
            context.lang,
            view.draft_summary(context.lang, draft, context.services.parcels.quote(draft)),
            asked, draft.OFFERED)
        return summary, buttons(
            *requests_view.buttons(context.lang, "dreq", asked, draft.OFFERED, draft.version),
            [(context.text("button.confirm"), encode("dconfirm", draft.version)),
             (context.text("button.cancel"), encode("draft", "cancel"))])
    return context.text(f"ask.{step.value}"), None


async def wizard_text(update: Update, context: ChatContext) -> None:
    """Typed text: the answer to the wizard's question, or a hint when no order is open."""
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    await _answer(update, context, lambda: context.services.parcels.answer(context.asker(), text),
                  or_else=lambda: cart_text(update, context, text))


async def wizard_contact(update: Update, context: ChatContext) -> None:
    """A shared contact: its number answers the recipient's phone question, and only that."""
    message = update.effective_message
    assert message is not None and message.contact is not None
    phone = message.contact.phone_number
    me = context.asker()
    draft = await context.services.parcels.current_draft(me)
    if draft is not None and draft.step is Step.PHONE:
        await _answer(update, context, lambda: context.services.parcels.answer(me, phone))
        return
    cart = await context.services.menu.current_cart(me)
    if draft is None and cart is not None and cart.step is CartStep.PHONE:
        await cart_text(update, context, phone)
        return
    await reply(update, context, context.text("hint.contact"))


async def wizard_location(update: Update, context: ChatContext) -> None:
    """A shared location: the pickup or destination, when the wizard asks for one."""
    assert update.effective_message is not None and update.effective_message.location
    where = update.effective_message.location
    draft = await context.services.parcels.current_draft(context.asker())
    # Not an answer the wizard waits for: a menu order's address, a rider's position, or else
    # a hint.
    if draft is None or draft.step not in (Step.PICKUP, Step.DESTINATION):
        if await cart_location(update, context, where.latitude, where.longitude):
            return
        if await shared_position(update, context):
            return
        if draft is None:
            await reply(update, context, hint(context, "hint.location"))
            return
    await _answer(
        update,
        context,
        lambda: context.services.parcels.answer_location(
            context.asker(), where.latitude, where.longitude
        ),
        no_draft_hint="hint.location",
    )


async def _answer(update: Update, context: ChatContext, answer, no_draft_hint="hint.free_text",
                  or_else=None):
    try:
        draft = await answer()
    except InvalidAnswer as error:
        # A bad answer gets its reason and the same question again, in one message.
        reason = refusal_text(context.lang, error)
        draft = await context.services.parcels.current_draft(context.asker())
        if draft is None:
            await reply(update, context, reason)
            return
        text, markup = await question(context, draft)
        await reply(update, context, f"{reason}\n\n{text}", markup)
        return
    if draft is None:
        if or_else is None or not await or_else():
            await reply(update, context, hint(context, no_draft_hint))
        return
    await ask(update, context, draft)


async def wizard_button(update: Update, context: ChatContext) -> None:
    """Size and payment buttons answer the question they were shown with, and only that one."""
    data = pressed(update)
    assert data is not None
    step = Step.SIZE if data.action == "size" else Step.PAYMENT
    draft = await context.services.parcels.answer_button(context.asker(), step, data.args[0])
    if draft is None:
        await done(update, context, context.text("button.stale"))
        return
    await finish_with(update, context, *await question(context, draft))


async def saved_address_button(update: Update, context: ChatContext) -> None:
    """A saved address under an address question (the parcel's pickup or destination, the
    menu order's delivery): it answers that question, and only while the message shows the
    draft or cart as it is (else the message becomes the current question)."""
    data = pressed(update)
    assert data is not None
    me, address_id, seen = context.asker(), data.number(), data.number(1)
    try:
        draft = await context.services.parcels.answer_saved(me, address_id, seen)
    except OutOfDate:
        await show_current_draft(update, context)
        return
    if draft is not None:
        await finish_with(update, context, *await question(context, draft))
        return
    try:
        cart = await context.services.menu.answer_saved(me, address_id, seen)
    except OutOfDate:
        await show_current_cart(update, context)
        return
    if cart is None:
        await done(update, context, context.text("button.stale"))
        return
    await finish_with(update, context, *await cart_question(context, cart))


async def again_button(update: Update, context: ChatContext) -> None:
    """🔁 Order again (on a completed card, under /orders): the customer's order #N as a new
    draft or cart at today's prices and stock; what changed, then its next question, in a
    new message (the card or the list it was pressed on stays as it is)."""
    data = pressed(update)
    assert data is not None
    me, number, rules = context.asker(), data.number(), context.services.rules.menu
    order = await context.services.orders.view(number, me)
    if order.kind is OrderKind.MENU:
        if not rules.takes_menu_orders:
            await done(update, context, context.text("menu.parcel_only"), remove_buttons=False)
            return
        cart, changes = await context.services.menu.order_again(me, number)
        text, markup = await cart_question(context, cart)
    else:
        if not rules.takes_parcels:
            await done(update, context, context.text("menu.menu_only"), remove_buttons=False)
            return
        draft, changes = await context.services.parcels.order_again(me, number)
        text, markup = await question(context, draft)
    intro = changes_text(context.lang, number, changes)
    await finish_with(update, context, Html(f"{intro}\n\n{text}"), markup, in_place=False)


async def draft_button(update: Update, context: ChatContext) -> None:
    """Confirm or Cancel under the order summary. Confirm places exactly the draft its
    summary showed; under an older summary it shows the current one instead."""
    data = pressed(update)
    assert data is not None
    if data.action == "dconfirm" or data.args[0] == "confirm":
        seen = data.number() if data.action == "dconfirm" else None  # None: an old button
        try:
            placed = await context.services.parcels.place(context.asker(), seen,
                                                          pressed_message(update))
        except OutOfDate:
            await show_current_draft(update, context)
            return
        except ShopClosed as closed:
            await refused_above(update, context, closed, *await _current_question(context))
            return
        await summary_becomes_card(update, context, placed)
        if placed.status is Status.AWAITING_PAYMENT:
            await send_invoice(update, context, placed)
    elif data.args[0] == "cancel":
        await context.services.parcels.abandon(context.asker())
        await finish_with(update, context, context.text("draft.abandoned"))
    else:
        await done(update, context, context.text("button.stale"), remove_buttons=False)


async def request_button(update: Update, context: ChatContext) -> None:
    """A request under the parcel summary: an ask on or off, a note to write, or back; the
    summary shows the change (under an older summary: the current one instead)."""
    data = pressed(update)
    assert data is not None
    action, value = data.args[0], data.args[1]
    try:
        draft = await context.services.parcels.ask(context.asker(), action, value,
                                                   data.number(2))
    except OutOfDate:
        await show_current_draft(update, context)
        return
    if draft is None:
        await done(update, context, context.text("button.stale"))
        return
    await finish_with(update, context, *await question(context, draft))


async def _current_question(context: ChatContext) -> Answer:
    draft = await context.services.parcels.current_draft(context.asker())
    if draft is None:
        raise InvalidAnswer("no_draft")
    return await question(context, draft)


async def show_current_draft(update: Update, context: ChatContext) -> None:
    """A Confirm under an out-of-date summary: the message becomes the current one."""
    draft = await context.services.parcels.current_draft(context.asker())
    if draft is None:  # placed or cancelled meanwhile
        await done(update, context, context.text("error.no_draft"))
        return
    await show_instead(update, context, *await question(context, draft),
                       toast=context.toast("draft.changed"))


async def cancel(update: Update, context: ChatContext) -> None:
    """/cancel: drop the order being written. /cancel N [reason]: cancel order #N."""
    if not context.args:
        if await context.services.parcels.abandon(context.asker()):
            await reply(update, context, context.text("draft.abandoned"))
        elif await context.services.menu.abandon_cart(context.asker()):
            await reply(update, context, context.text("menu.abandoned"))
        else:
            await reply(update, context, context.text("draft.none"))
        return
    number = order_number_arg(context, "/cancel N")
    reason = rest_args(context, 1) or None
    cancelled = await context.services.orders.cancel(number, context.asker(), reason)
    await reply(update, context, context.text("cancelled.by_you", number=cancelled.number))


async def my_orders(update: Update, context: ChatContext) -> None:
    """/orders: the customer's orders, newest first."""
    found = await context.services.orders.mine(context.asker())
    if not found:
        await reply(update, context, context.text("orders.none"))
        return
    rows = view.orders_again_buttons(context.lang, found)  # none while all are on their way
    await reply(update, context, view.orders_list(context.lang, found),
                buttons(*rows) if rows else None)


async def status(update: Update, context: ChatContext) -> None:
    """/status N: the order with its timeline."""
    number = order_number_arg(context, "/status N")
    found = await context.services.orders.view(number, context.asker())
    mine = found.customer_id == context.asker().user_id
    await reply(update, context, view.order_card(context.lang, found, context.tz, mine))


async def _confirm_receipt(context: ChatContext, number: int) -> Answer:
    completed = await context.services.orders.confirm_receipt(number, context.asker())
    return context.text("received.thanks", number=completed.number), None


received = order_command("/received N", _confirm_receipt,
                         "/received N: the customer confirms the recipient got the parcel.")
received_button = order_button(_confirm_receipt, "The Confirm receipt button on the delivered "
                                                 "alert: checked exactly like /received.")


async def language_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    await finish_with(update, context, await _set_language(update, context, data.args[0]))


async def mute(update: Update, context: ChatContext) -> None:
    """/mute: no more announcements (order alerts still arrive)."""
    await context.services.broadcasts.set_muted(context.asker(), True)
    await reply(update, context, context.text("mute.on"))


async def unmute(update: Update, context: ChatContext) -> None:
    """/unmute: announcements again."""
    await context.services.broadcasts.set_muted(context.asker(), False)
    await reply(update, context, context.text("mute.off"))


def customer_handlers() -> list[BaseHandler]:
    """The customer's commands, wizard answers and buttons."""
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return [
        CommandHandler("language", language),
        CommandHandler("order", order),
        CommandHandler("cancel", cancel),
        CommandHandler("orders", my_orders),
        CommandHandler("status", status),
        CommandHandler("received", received),
        CommandHandler("mute", mute),
        CommandHandler("unmute", unmute),
        MessageHandler(private_text, wizard_text),
        MessageHandler(filters.LOCATION & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED,
                       wizard_location),
        MessageHandler(filters.CONTACT & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED,
                       wizard_contact),
        CallbackQueryHandler(wizard_button, pattern=matches("size", "pay")),
        CallbackQueryHandler(draft_button, pattern=matches("draft", "dconfirm")),
        CallbackQueryHandler(request_button, pattern=matches("dreq")),
        CallbackQueryHandler(received_button, pattern=matches("received")),
        CallbackQueryHandler(language_button, pattern=matches("lang")),
        CallbackQueryHandler(saved_address_button, pattern=matches("addr")),
        CallbackQueryHandler(again_button, pattern=matches("again")),
        *address_handlers(),
    ]
