"""Paying in Telegram: the invoice after Confirm, the pre-checkout answer, the confirmed
payment, and the way out when payments are down (cash instead, or cancel)."""

from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass, field

from telegram import InlineKeyboardMarkup, LabeledPrice, Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, PreCheckoutQueryHandler
from telegram.ext import filters as tg_filters

from domain.orders.model import Order, OrderKind, PaymentMethod
from domain.payments.use_cases import invoice_payload
from handlers.common import (
    ChatContext,
    as_toast,
    buttons,
    customer_card,
    finish_with,
    pressed,
    refusal_text,
    reply,
)
from views.callbacks import encode, matches
from views.i18n import Html
from views.words import payment_word

log = logging.getLogger(__name__)


@dataclass
class InvoiceBreaker:
    """After `threshold` sendInvoice calls in a row failed for an outage (not for a refusal
    of that one invoice), prepaid is not offered for `pause_s` seconds. Kept per process:
    each replica judges Telegram by its own calls."""

    threshold: int = 3
    pause_s: float = 300.0
    failures: int = 0
    open_until: float = 0.0
    clock: object = field(default=time.monotonic, repr=False)

    @property
    def is_open(self) -> bool:
        return self._now() < self.open_until

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.threshold:
            self.open_until = self._now() + self.pause_s
            self.failures = 0
            log.warning("sendInvoice failed %s times: prepaid paused for %ss",
                        self.threshold, self.pause_s)

    def succeeded(self) -> None:
        self.failures = 0

    def _now(self) -> float:
        return self.clock()  # type: ignore[operator]


def breaker(context: ChatContext) -> InvoiceBreaker:
    return context.bot_data["breaker"]


def payment_question(context: ChatContext, action: str, cash: str = "payment.cash"
                     ) -> tuple[Html, InlineKeyboardMarkup]:
    """Cash (`cash` names its label: 착불 for a parcel, 만나서 결제 for a meal), or pay now in
    Telegram unless paying in Telegram is paused; the buttons carry `action` with "cash" or
    "prepaid" (the parcel wizard and the cart each have their own)."""
    rows = [[(context.text(cash), encode(action, PaymentMethod.CASH.value))]]
    text = context.text("ask.payment")
    if breaker(context).is_open:
        text = Html(text + context.text("payment.paused"))
    else:
        label = ("payment.prepaid_card" if context.services.rules.payments.by_card
                 else "payment.prepaid_stars")
        rows.append([(context.text(label), encode(action, PaymentMethod.PREPAID.value))])
    return text, buttons(*rows)


def _is_outage(error: TelegramError) -> bool:
    """Telegram or the network failing (time-outs, flood waits, 5xx), which the breaker
    counts; not a refusal of this one invoice (BadRequest: amount out of range...)."""
    return isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)


async def send_invoice(update: Update, context: ChatContext, order: Order) -> None:
    """The invoice for an order waiting for its payment; if Telegram refuses, or prepaid was
    paused since the customer chose it, they may pay cash instead or cancel (and the breaker
    counts an outage)."""
    invoice = order.invoice
    assert invoice is not None and update.effective_chat is not None
    if breaker(context).is_open:
        await _cash_or_cancel(update, context, order)
        return
    rules = context.services.rules.payments
    minutes = round(rules.pay_within.total_seconds() / 60)
    shop = context.services.rules.menu.shop.name
    try:
        await context.bot.send_invoice(
            chat_id=update.effective_chat.id,
            title=_plain(context, "invoice.title", number=order.number),
            description=_plain(context, "invoice.description", shop=shop, number=order.number,
                               minutes=minutes),
            payload=invoice_payload(order.number),
            currency=invoice.currency,
            prices=[LabeledPrice(_plain(context, "invoice.label", number=order.number),
                                 invoice.amount)],
            # A token left in the settings of a Stars shop would get the invoice refused.
            provider_token=rules.provider_token if rules.by_card else None,
        )
    except TelegramError as error:
        log.warning("sendInvoice for order %s failed: %s", order.number, error)
        if _is_outage(error):
            breaker(context).failed()
        await _cash_or_cancel(update, context, order)
        return
    breaker(context).succeeded()  # the card above says it waits for the payment


async def _cash_or_cancel(update: Update, context: ChatContext, order: Order) -> None:
    await reply(update, context, context.text("invoice.failed", number=order.number),
                buttons([(context.text("button.pay_cash"), encode("paycash", order.number)),
                         (context.text("button.cancel_order"), encode("ocancel", order.number))]))


def _plain(context: ChatContext, key: str, **params: object) -> str:
    """A text for an invoice field, which Telegram shows as plain text (no HTML escapes)."""
    return html.unescape(context.text(key, **params))


async def pre_checkout(update: Update, context: ChatContext) -> None:
    """Telegram asks before charging (it waits 10 s at most): yes, or why not."""
    query = update.pre_checkout_query
    assert query is not None
    refusal = await context.services.payments.checkout_refusal(
        query.invoice_payload, query.currency, query.total_amount, query.from_user.id)
    if refusal is None:
        await query.answer(ok=True)
    else:
        await query.answer(ok=False,
                           error_message=as_toast(refusal_text(context.own_lang, refusal)))


async def successful_payment(update: Update, context: ChatContext) -> None:
    """Telegram took the money: the order is placed (the alert tells the customer)."""
    assert update.effective_message is not None
    paid = update.effective_message.successful_payment
    assert paid is not None
    try:
        outcome = await context.services.payments.record_payment(
            paid.invoice_payload, paid.currency, paid.total_amount,
            paid.telegram_payment_charge_id, paid.provider_payment_charge_id, context.asker())
    except Exception:  # Telegram does not send it again: say which charge to see to by hand
        log.error("payment %s (%s %s, payload %r, user %s) could not be recorded",
                  paid.telegram_payment_charge_id, paid.total_amount, paid.currency,
                  paid.invoice_payload, context.asker().user_id)
        raise
    if outcome.order is None:
        log.error("payment %s matches no order (payload %r): it is refunded",
                  paid.telegram_payment_charge_id, paid.invoice_payload)
        await reply(update, context, context.text("payment.unmatched"))


async def pay_cash_button(update: Update, context: ChatContext) -> None:
    """Pay cash instead: the unpaid order is placed as cash on delivery."""
    data = pressed(update)
    assert data is not None
    order = await context.services.payments.pay_cash_instead(data.number(), context.asker())
    how = order.fulfilment.value if order.kind is OrderKind.MENU else None
    await finish_with(update, context, context.text(
        "cash_instead.done", number=order.number,
        payment=payment_word(context.lang, PaymentMethod.CASH.value, how)))


async def cancel_order_button(update: Update, context: ChatContext) -> None:
    """Cancel order (under the card, once asked again; or when paying failed): the same
    checks as /cancel N. The pressed message becomes the card of the cancelled order."""
    data = pressed(update)
    assert data is not None
    order = await context.services.orders.cancel(data.number(), context.asker())
    await finish_with(update, context, *customer_card(context, order),
                      toast=context.toast("cancelled.by_you", number=order.number))


async def ask_cancel_button(update: Update, context: ChatContext) -> None:
    """Cancel under the card: asked again, on the card itself."""
    data = pressed(update)
    assert data is not None
    number = data.number()
    order = await context.services.orders.view(number, context.asker())
    text, _ = customer_card(context, order)
    sure = buttons([(context.text("button.cancel_yes", number=number), encode("ocancel", number)),
                    (context.text("button.keep_order"), encode("okeep", number))])
    await finish_with(update, context, text, sure,
                      toast=context.toast("cancel.ask", number=number))


async def keep_order_button(update: Update, context: ChatContext) -> None:
    """No, keep it: the card as it is now, with its buttons."""
    data = pressed(update)
    assert data is not None
    order = await context.services.orders.view(data.number(), context.asker())
    await finish_with(update, context, *customer_card(context, order),
                      toast=context.toast("cancel.kept", number=order.number))


def payment_handlers() -> list[BaseHandler]:
    return [
        PreCheckoutQueryHandler(pre_checkout),
        MessageHandler(tg_filters.SUCCESSFUL_PAYMENT, successful_payment),
        CallbackQueryHandler(pay_cash_button, pattern=matches("paycash")),
        CallbackQueryHandler(cancel_order_button, pattern=matches("ocancel")),
        CallbackQueryHandler(ask_cancel_button, pattern=matches("ocancelask")),
        CallbackQueryHandler(keep_order_button, pattern=matches("okeep")),
    ]
