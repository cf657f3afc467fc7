"""Telegram Payments for prepaid orders: the pre-checkout check, the confirmed payment, and
giving money back.

Each method is one use case and one transaction. The chat layer sends the invoice and calls
Telegram's refund; the decisions are all here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import store_alerts
from domain.orders.model import Actor, Invoice, Order, Role, Status
from domain.orders.placing import add_store_deadlines
from domain.payments.model import Payment, PaymentRules, RefundState
from domain.people.model import Person
from domain.shared.clock import Clock
from domain.shared.deadlines import DeadlineRules
from domain.shared.errors import DomainError, InvalidTransition, NotFound
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.opening import OpeningRules, check_open, decide

PAYLOAD_PREFIX = "order:"
REFUND_LEASE = timedelta(minutes=2)  # a refund call that takes longer is tried again
UNMATCHED = 0  # the order number a charge matching no order is kept under


def invoice_payload(number: int) -> str:
    return f"{PAYLOAD_PREFIX}{number}"


def order_number_in(payload: str) -> int | None:
    digits = payload.removeprefix(PAYLOAD_PREFIX)
    if not payload.startswith(PAYLOAD_PREFIX) or not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


@dataclass(frozen=True)
class PaymentOutcome:
    order: Order | None
    placed: bool  # this payment placed the order (False for a repeat, or a late payment)
    new: bool = True  # False: the same charge was recorded before, nothing changed


class Payments:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        rules: PaymentRules,
        deadlines: DeadlineRules,
        staff: Callable[[Person], Actor],
        store_chats: tuple[int, ...] = (),
        opening: OpeningRules | None = None,
    ) -> None:
        self.uow = uow
        self.opening = opening or OpeningRules()
        self.clock = clock
        self.rules = rules
        self.deadlines = deadlines
        self._staff = staff
        self.store_chats = store_chats

    async def checkout_refusal(
        self, payload: str, currency: str, amount: int, payer_id: int
    ) -> DomainError | None:
        """Telegram asks before charging: None to go ahead, else why not. Read-only and
        quick: Telegram waits at most 10 seconds for the answer. An order confirmed before
        the shop closed or paused is not charged after (the shop would only refund it): the
        refusal says when it can be paid, or, if it lapses before the shop opens, that it
        can be ordered again."""
        number = order_number_in(payload)
        async with self.uow() as uow:
            order = None if number is None else await uow.orders.get(number)
            if order is None or order.customer_id != payer_id:
                return DomainError("checkout_unknown")
            if order.is_paid or await uow.payments.for_order(order.number) is not None:
                return DomainError("checkout_paid")
            now = self.clock.now()
            if (order.status is not Status.AWAITING_PAYMENT
                    or now >= order.created_at + self.rules.pay_within):
                return DomainError("checkout_closed")
            invoice = order.invoice
            if invoice is None or (invoice.currency, invoice.amount) != (currency, amount):
                return DomainError("checkout_amount")
            opening = decide(now, self.opening, await uow.shop_state.get())
        if opening.is_open:
            return None
        lapses = order.created_at + self.rules.pay_within
        if opening.opens_at is not None and opening.opens_at < lapses:
            return opening.refusal()  # it can be paid then: "we take orders again at 3:10"
        # The order lapses before the shop opens: nothing to wait for but ordering again.
        if opening.opens_at is None:
            return DomainError("checkout_not_taking_for_now")
        return DomainError("checkout_not_taking", opens=opening.opens_at)

    async def record_payment(
        self,
        payload: str,
        currency: str,
        amount: int,
        charge_id: str,
        provider_charge_id: str | None,
        payer: Person,
    ) -> PaymentOutcome:
        """Telegram took the money (a successful_payment, or a payment found among the bot's
        Star transactions, see domain.payments.reconciling). The charge is stored once (a repeat
        changes nothing); the order is placed; a payment for an order that can no longer be
        made, or for another amount than its invoice, is refunded, and so is one that
        matches no order (kept under order number 0, which no order has)."""
        number = order_number_in(payload)
        async with self.uow() as uow:
            order = None if number is None else await uow.orders.get_for_update(number)
            now = self.clock.now()
            payment = Payment(order.number if order else UNMATCHED, payer.user_id, charge_id,
                              provider_charge_id, currency, amount, now)
            if not await uow.payments.add(payment):
                return PaymentOutcome(order, False, new=False)  # the same charge, again
            if order is None:
                await self._refund_unmatched(uow, payment, now)
                await uow.commit()
                return PaymentOutcome(None, False)
            invoiced = order.invoice == Invoice(currency, amount)
            if order.status is Status.AWAITING_PAYMENT and not order.is_paid and invoiced:
                order.pay(now)
                await add_store_deadlines(uow, order, now, self.deadlines)
                placed = True
            else:  # expired or cancelled before the money arrived, paid twice, or another
                # amount than the invoice's (checkout refuses that; a found payment is not
                # checked out): back it goes
                payment.request_refund(now)
                order.refund_started(payment.amount, payment.currency, payment.by_card, now)
                placed = False
            await uow.commit()
            return PaymentOutcome(order, placed)

    async def _refund_unmatched(self, uow: UnitOfWork, payment: Payment, at: datetime) -> None:
        """Stars go back by themselves; a card payment is for the store to pay back."""
        payment.request_refund(at)
        if payment.by_card:
            await uow.alert(*store_alerts(self.store_chats, AlertKind.REFUND_TO_SETTLE, at,
                                          payment.order_number, number=payment.order_number,
                                          amount=payment.amount, currency=payment.currency))

    async def pay_cash_instead(self, number: int, person: Person) -> Order:
        """Prepaid is unavailable: the customer's unpaid order is placed as cash on delivery."""
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            now = self.clock.now()
            await check_open(uow, now, self.opening)  # it would reach the store now
            order.switch_to_cash(Actor(Role.CUSTOMER, person.user_id, person.name), now)
            await add_store_deadlines(uow, order, now, self.deadlines)
            await uow.commit()
            return order

    async def claim_refund(self) -> tuple[Payment, int] | None:
        """The next Stars refund to make, taken for a while: (payment, customer id)."""
        async with self.uow() as uow:
            payment = await uow.payments.next_refund(self.clock.now())
            if payment is None:
                return None
            payment.claim_refund(self.clock.now(), REFUND_LEASE)
            await uow.commit()
            return payment, payment.customer_id

    async def refund_succeeded(self, payment_id: int) -> None:
        """Telegram gave the Stars back (or says it already had): the customer is told."""
        await self._finish_refund(payment_id)

    async def refund_failed(self, payment_id: int, error: str) -> None:
        async with self.uow() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            if payment is None or payment.refund_state is not RefundState.PENDING:
                return
            payment.refund_failed(error, self.clock.now())
            await uow.commit()

    async def settle_refund(self, number: int, person: Person) -> Order | None:
        """/refunded N: staff paid a card payment back themselves (the oldest still owed,
        when the order was paid more than once)."""
        self._staff(person)
        async with self.uow() as uow:
            payment = await uow.payments.to_settle(number)
            if payment is None:
                raise InvalidTransition("no_refund_to_settle", number=number)
            assert payment.id is not None
        return await self._finish_refund(payment.id)

    async def _finish_refund(self, payment_id: int) -> Order | None:
        """The payment is back with the customer; None for a charge that matched no order."""
        async with self.uow() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            if payment is None:
                raise NotFound("order_not_found", number=0)
            order = await uow.orders.get_for_update(payment.order_number)
            if payment.refund_state in (RefundState.PENDING, RefundState.TO_SETTLE):
                now = self.clock.now()
                payment.refund_done(now)
                if order is not None:
                    order.refunded(payment.amount, payment.currency, now)
                await uow.commit()
            return order

