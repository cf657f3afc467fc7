"""Customers ordering from the menu: categories, items, options, quantity, the cart (edited
line by line), and checkout (delivery or pickup, payment, confirm)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.menu.carts import Cart, CartStep
from domain.menu.catalog import Shop
from domain.orders.model import Fulfilment, PaymentMethod, Status
from domain.shared.errors import DomainError, InvalidAnswer, OutOfDate
from domain.shop.opening import ShopClosed
from handlers.common import (
    Answer,
    ChatContext,
    answer_press,
    as_toast,
    buttons,
    done,
    finish_with,
    pressed,
    pressed_message,
    refusal_text,
    refused_above,
    reply,
    show_instead,
    summary_becomes_card,
)
from handlers.payments import payment_question, send_invoice
from views import menu as view
from views import requests as requests_view
from views.addresses import saved_buttons, with_saved_hint
from views.callbacks import encode, matches
from views.i18n import Html
from views.words import price


async def menu_command(update: Update, context: ChatContext) -> None:
    """/menu: start a menu order, or continue the unfinished one (in a private chat only)."""
    rules = context.services.rules.menu
    if not rules.takes_menu_orders:
        await reply(update, context, context.text("menu.parcel_only"))
        return
    if update.effective_chat is not None and update.effective_chat.type != "private":
        await reply(update, context, context.text("menu.private_only"))
        return
    cart, resumed = await context.services.menu.start_cart(context.asker())
    if resumed:
        await reply(update, context, context.text("menu.resumed"))
    await show(update, context, cart)


async def show(update: Update, context: ChatContext, cart: Cart, prefix: str = "") -> None:
    """Ask the cart's next question (or show the summary to confirm)."""
    text, markup = await question(context, cart)
    await reply(update, context, f"{prefix}\n\n{text}" if prefix else text, markup)


async def question(context: ChatContext, cart: Cart) -> tuple[Html, InlineKeyboardMarkup | None]:
    lang, shop = context.lang, context.services.rules.menu.shop
    step = cart.step
    if step is CartStep.CATEGORY:
        rows = [[(c.name, encode("mcat", c.key))] for c in context.services.rules.menu.categories]
        if cart.lines:
            rows.append([(context.text("menu.cart_button"), encode("mcart", "cart")),
                         (context.text("menu.checkout"), encode("mcart", "checkout"))])
        return view.categories_text(lang, shop, cart), buttons(*rows)
    if step is CartStep.ITEM:
        category = next(c for c in context.services.rules.menu.categories
                        if c.key == cart.category)
        items = await context.services.menu.items(category.key)
        rows = [[(view.item_label(lang, item), encode("mitem", item.key))]
                for item in items if view.orderable(item)]
        rows.append([(context.text("menu.back"), encode("mcart", "back"))])
        return view.items_text(lang, category, items), buttons(*rows)
    if step is CartStep.OPTION:
        text, choices = view.option_text(lang, cart)
        assert cart.item is not None
        group_index = cart.item["options"].index(cart.next_option())
        rows = [[(label, encode("mopt", group_index, index, cart.version))]
                for label, index in choices]
        rows.append([(context.text("menu.back"), encode("mcart", "back"))])
        return text, buttons(*rows)
    if step is CartStep.QUANTITY:
        assert cart.item is not None
        item = await context.services.menu.item(cart.item["key"])
        most = cart.most_to_add(item) if item is not None else 0
        return view.quantity_text(lang, cart, most), buttons(
            view.quantity_buttons(cart, most),
            [(context.text("menu.back"), encode("mcart", "back"))])
    if step is CartStep.FULFILMENT:
        delivery = delivery_button(context, shop)
        row = [(delivery, encode("mful", "delivery"))]
        if shop.pickup:
            row.append((context.text("menu.pickup_button"), encode("mful", "pickup")))
        return view.fulfilment_text(lang, cart), buttons(
            row, [(context.text("menu.cart_button"), encode("mcart", "cart")),
                  (context.text("menu.more"), encode("mcart", "back"))])
    if step is CartStep.ADDRESS:
        saved = await context.services.addresses.mine(context.asker())
        rows = saved_buttons(lang, saved, context.tz, cart.version)
        return (with_saved_hint(lang, context.text("menu.ask_address"), saved),
                buttons(*rows) if rows else None)
    if step is CartStep.PHONE:
        return context.text("menu.ask_phone"), None
    if step is CartStep.PAYMENT:
        fulfilment = (cart.fulfilment or Fulfilment.DELIVERY).value
        return payment_question(context, "mpay", f"payment.cash_{fulfilment}")
    total = cart.total(shop)
    charge = None
    if cart.payment is PaymentMethod.PREPAID:
        invoice = context.services.rules.payments.invoice_for(total)
        charge = view.money(lang, invoice.amount, invoice.currency)
    asked = cart.asked
    if asked.writing is not None:
        text, rows = requests_view.writing_prompt(lang, asked, "mreq", cart.version)
        return text, buttons(*rows)
    summary = requests_view.under_summary(lang, view.summary(lang, cart, shop, total, charge),
                                          asked, cart.offered)
    return summary, buttons(
        *requests_view.buttons(lang, "mreq", asked, cart.offered, cart.version),
        [(context.text("button.confirm"), encode("mconfirm", cart.version)),
         (context.text("button.cancel"), encode("mcart", "cancel"))],
        [(context.text("menu.cart_button"), encode("mcart", "cart"))])


def cart_view(context: ChatContext, cart: Cart) -> Answer:
    """🛒 The cart with a row of minus, plus and 🗑 under each line."""
    return view.cart_view(context.lang, cart), buttons(*view.cart_buttons(context.lang, cart))


def delivery_button(context: ChatContext, shop: Shop) -> str:
    """"Delivery (+₩3,000)"; "(from ₩3,000)" where the fee goes by distance."""
    fee = price(context.lang, shop.base_fee)
    if shop.zone.bands:
        return context.text("menu.delivery_from_button", fee=fee)
    return (context.text("menu.delivery_fee_button", fee=fee) if shop.base_fee
            else context.text("menu.delivery_button"))


async def cart_button(update: Update, context: ChatContext) -> None:
    """Every menu wizard button: it answers only the question it was shown with (Confirm,
    a quantity, an option and a line's buttons carry the cart's version; under an
    out-of-date message they show the cart as it is now instead)."""
    try:
        await _cart_button(update, context)
    except OutOfDate:
        data = pressed(update)
        await show_current_cart(update, context, editing=data is not None
                                and data.action == "mline")


async def line_button(update: Update, context: ChatContext) -> None:
    """Minus, plus or 🗑 under a line of the cart: the cart is shown again, edited, in the same
    message; a refused plus (no more in stock) is answered with a toast only."""
    data = pressed(update)
    assert data is not None
    try:
        cart = await context.services.menu.edit_line(context.asker(), data.number(0),
                                                     int(data.args[1]), data.args[2])
    except InvalidAnswer as error:
        query = update.callback_query
        assert query is not None
        await answer_press(query, as_toast(refusal_text(context.own_lang, error)))
        return
    if cart is None:
        await done(update, context, context.text("button.stale"))
        return
    await finish_with(update, context, *cart_view(context, cart))


async def _cart_button(update: Update, context: ChatContext) -> None:
    data = pressed(update)
    assert data is not None
    me, shop = context.asker(), context.services.menu
    action, args = data.action, data.args
    if action == "mconfirm" or (action == "mcart" and args[0] == "confirm"):
        seen = data.number() if action == "mconfirm" else None  # None: an old button
        await confirm(update, context, seen)
        return
    if action == "mcart" and args[0] == "cancel":
        await shop.abandon_cart(me)
        await finish_with(update, context, context.text("menu.abandoned"))
        return
    if action == "mline":
        await line_button(update, context)
        return
    if action == "mcart" and args[0] == "cart":
        current = await shop.current_cart(me)
        if current is None:
            await done(update, context, context.text("button.stale"))
            return
        await finish_with(update, context, *cart_view(context, current))
        return
    changes = {
        "mcat": lambda: shop.open_category(me, args[0]),
        "mitem": lambda: shop.pick_item(me, args[0]),
        "mopt": lambda: shop.change_shown_cart(
            me, int(args[2]), lambda c: c.pick_option(int(args[0]), int(args[1]))),
        "mqty": lambda: shop.choose_quantity(me, int(args[1]), args[0]),
        "mful": lambda: shop.choose_fulfilment(me, args[0]),
        "mpay": lambda: shop.change_cart(me, lambda c: c.choose_payment(args[0])),
        "mreq": lambda: shop.change_cart(me, lambda c: c.ask(args[0], args[1], data.number(2))),
    }
    if action == "mcart" and args[0] == "checkout":
        try:
            cart = await shop.check_out(me)
        except InvalidAnswer as error:  # below the minimum order: said above the cart
            await refused_above(update, context, error, *await _current_question(context))
            return
    elif action == "mcart":
        if args[0] != "back":
            await done(update, context, context.text("button.stale"), remove_buttons=False)
            return
        cart = await shop.change_cart(me, Cart.back)
    else:
        cart = await changes[action]()
    if cart is None:
        await done(update, context, context.text("button.stale"))
        return
    text, markup = await question(context, cart)
    if action == "mqty":
        text = Html(f"{context.text('menu.added')}\n\n{text}")
    await finish_with(update, context, text, markup)  # one message for the whole browsing


async def confirm(update: Update, context: ChatContext, seen: int | None) -> None:
    """Place the order the summary of version `seen` showed: stock is taken now; a prepaid
    order gets its invoice. Refused (someone else took the stock meanwhile): the summary
    becomes the cart, under what is left, to change and check out again."""
    try:
        order = await context.services.menu.place_menu_order(context.asker(), seen,
                                                             pressed_message(update))
    except OutOfDate:
        raise
    except ShopClosed as closed:  # the summary stays, under the reason, for later
        await refused_above(update, context, closed, *await _current_question(context))
        return
    except DomainError as error:
        reason = refusal_text(context.lang, error)
        cart = await context.services.menu.current_cart(context.asker())
        if cart is None:
            raise
        text, markup = cart_view(context, cart)
        await finish_with(update, context, Html(f"{reason}\n\n{text}"), markup,
                          toast=as_toast(refusal_text(context.own_lang, error)))
        return
    await summary_becomes_card(update, context, order)
    if order.status is Status.AWAITING_PAYMENT:
        await send_invoice(update, context, order)


async def _current_question(context: ChatContext) -> tuple[Html, InlineKeyboardMarkup | None]:
    cart = await context.services.menu.current_cart(context.asker())
    if cart is None:
        raise InvalidAnswer("no_draft")
    return await question(context, cart)


async def show_current_cart(update: Update, context: ChatContext, editing: bool = False) -> None:
    """A button under an out-of-date message: the message becomes the cart as it is now (its
    current question, or the 🛒 cart for a line's button: `editing`)."""
    cart = await context.services.menu.current_cart(context.asker())
    if cart is None:  # placed or emptied meanwhile
        await done(update, context, context.text("error.no_draft"))
        return
    shown = cart_view(context, cart) if editing else await question(context, cart)
    await show_instead(update, context, *shown, toast=context.toast("menu.changed"))


async def cart_text(update: Update, context: ChatContext, text: str) -> bool:
    """Typed text for an open cart (a quantity, the address, the phone); False if no cart."""
    return await _answer(update, context,
                         lambda: context.services.menu.answer_cart(context.asker(), text))


async def cart_location(update: Update, context: ChatContext, lat: float, lon: float) -> bool:
    """A shared location as the delivery address; False if no cart asks for one."""
    cart = await context.services.menu.current_cart(context.asker())
    if cart is None or cart.step is not CartStep.ADDRESS:
        return False
    return await _answer(update, context,
                         lambda: context.services.menu.answer_location(context.asker(), lat, lon))


async def _answer(update: Update, context: ChatContext, answer) -> bool:
    try:
        cart = await answer()
    except InvalidAnswer as error:
        cart = await context.services.menu.current_cart(context.asker())
        if cart is None:
            raise
        await show(update, context, cart, refusal_text(context.lang, error))
        return True
    if cart is None:
        return False
    await show(update, context, cart)
    return True


def menu_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("menu", menu_command),
        CallbackQueryHandler(cart_button,
                             pattern=matches("mcat", "mitem", "mopt", "mqty", "mcart", "mful",
                                             "mpay", "mconfirm", "mreq", "mline")),
    ]
