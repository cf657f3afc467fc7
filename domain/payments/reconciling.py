"""Payments Telegram took but the bot never heard of, looked for before an unpaid Stars order
expires.

A `successful_payment` update can be lost (the bot died right after fetching it); the
customer has then paid for an order that would expire unpaid. So an unpaid order invoiced in
Stars does not expire by its deadline alone: first the bot's Star transactions are read (the
chat layer makes that call, see notifier.reconciling) and each payment of ours found there is
recorded exactly as the update would have recorded it (`Payments.record_payment`: once
per charge id; the order placed, or the money given back when the order ended meanwhile).
Then the orders still unpaid expire.

Each sweep, before the deadlines fire:
1. `start()` holds back the expiry of every unpaid Stars order whose window closes within
   `LOOKAHEAD` (its deadline row is moved `HOLD` ahead, so that neither the sweep that follows
   nor another replica's expires it unchecked), and names those whose window closed at least
   `SETTLE` ago: checkout is refused once the window closed, and a payment accepted at the
   last moment is in Telegram's list by then.
2. The chat layer reads the transactions. If that fails (network, 5xx) it stops there: the
   next sweep asks again, the expiry held each time, but never beyond `GIVE_UP` after the
   window closed. Telegram unreachable that long, the deadline fires and the order expires
   unchecked, as it did before this check existed; a payment for it that arrives later is
   still given back. Holding longer would keep stock reserved for an order nobody pays.
3. `finish()` records the payments found, then expires the checked orders still unpaid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.orders.cancelling import wind_up
from domain.orders.model import Order, PaymentMethod, Status
from domain.payments.model import STARS
from domain.payments.use_cases import Payments, order_number_in
from domain.people.model import Person
from domain.shared.deadlines import DeadlineKind
from domain.shared.unit_of_work import UnitOfWork

LOOKAHEAD = timedelta(seconds=30)  # a window closing this soon is held already
HOLD = timedelta(minutes=1)  # how far a held expiry is moved each time
SETTLE = timedelta(seconds=5)  # after the window closed, before Telegram's list is final
GIVE_UP = timedelta(minutes=30)  # Telegram unreachable this long: the order expires unchecked
CLOCK_SKEW = timedelta(minutes=1)  # Telegram's dates against our clock
MAX_ORDERS = 500  # unpaid orders looked at per sweep, oldest first


@dataclass(frozen=True)
class FoundPayment:
    """An incoming Stars payment in Telegram's list of the bot's transactions."""

    charge_id: str  # the transaction id: for a payment, its telegram_payment_charge_id
    payer_id: int
    payer_name: str
    payload: str
    currency: str
    amount: int
    paid_at: datetime


@dataclass(frozen=True)
class PaymentCheck:
    """Unpaid Stars orders whose window has closed: look for their payments."""

    asked_at: datetime
    numbers: tuple[int, ...]
    since: datetime  # when the oldest of them was placed: no older payment is theirs


@dataclass(frozen=True)
class CheckOutcome:
    placed: tuple[int, ...]  # paid after all: placed now
    refunded: tuple[int, ...]  # paid, but the order had ended (or another amount): given back
    expired: tuple[int, ...]  # not paid: expired


class PaymentReconciliation:
    def __init__(self, paying: Payments) -> None:
        self.paying = paying

    async def start(self) -> PaymentCheck | None:
        """Hold back the expiries about to fall due; the orders to look for now, if any."""
        pay_within = self.paying.rules.pay_within
        async with self.paying.uow() as uow:
            now = self.paying.clock.now()
            due: list[Order] = []
            for order in await uow.orders.with_status(Status.AWAITING_PAYMENT, MAX_ORDERS):
                closes = order.created_at + pay_within
                if not _in_stars(order) or closes > now + LOOKAHEAD or now >= closes + GIVE_UP:
                    continue
                await _hold(uow, order.number, now, min(now + HOLD, closes + GIVE_UP))
                if now >= closes + SETTLE:
                    due.append(order)
            await uow.commit()
        if not due:
            return None
        return PaymentCheck(now, tuple(o.number for o in due), min(o.created_at for o in due))

    async def finish(self, check: PaymentCheck, found: Iterable[FoundPayment]) -> CheckOutcome:
        """Record what Telegram listed, then expire the checked orders still unpaid."""
        placed: list[int] = []
        refunded: list[int] = []
        for payment in found:
            number = await self._order_paid_by(payment)
            if number is None:
                continue
            outcome = await self.paying.record_payment(
                payment.payload, payment.currency, payment.amount, payment.charge_id, None,
                Person(payment.payer_id, payment.payer_name))
            if outcome.placed:
                placed.append(number)
            elif outcome.new:
                refunded.append(number)
        expired = [number for number in check.numbers if await self._expire_unpaid(number)]
        return CheckOutcome(tuple(placed), tuple(refunded), tuple(expired))

    async def _order_paid_by(self, payment: FoundPayment) -> int | None:
        """The number of the order this is a payment for: one of our invoices, of an order
        that existed when it was paid. Other Stars the bot got are none of our business."""
        number = order_number_in(payment.payload)
        if number is None or payment.currency != STARS:
            return None
        async with self.paying.uow() as uow:
            order = await uow.orders.get(number)
        if order is None or payment.paid_at < order.created_at - CLOCK_SKEW:
            return None
        return number

    async def _expire_unpaid(self, number: int) -> bool:
        async with self.paying.uow() as uow:
            order = await uow.orders.get_for_update(number)
            if order is None or order.status is not Status.AWAITING_PAYMENT or order.is_paid:
                return False
            now = self.paying.clock.now()
            order.expire(now)
            await wind_up(uow, order, now)  # stock back
            deadline = await uow.deadlines.pending_for_order(number, DeadlineKind.PAYMENT_EXPIRY)
            if deadline is not None:
                deadline.fire(now)
            await uow.commit()
            return True


def _in_stars(order: Order) -> bool:
    invoice = order.invoice
    return order.payment is PaymentMethod.PREPAID and invoice is not None \
        and invoice.currency == STARS


async def _hold(uow: UnitOfWork, number: int, now: datetime, until: datetime) -> None:
    """Move the order's payment expiry to `until` when it falls due soon (never earlier)."""
    deadline = await uow.deadlines.pending_for_order(number, DeadlineKind.PAYMENT_EXPIRY)
    if deadline is not None and deadline.due_at < min(now + LOOKAHEAD, until):
        deadline.due_at = until
