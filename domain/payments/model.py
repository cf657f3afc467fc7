"""Prepaid orders: what an invoice asks for, the payment Telegram confirmed, and its refund.

A payment row is written once per Telegram charge (the charge id is unique), so a repeated
`successful_payment` changes nothing twice. A refund is a state of that row: Stars are given
back by the bot (`refundStarPayment`), retried until Telegram says done; a card payment is
paid back by the shop itself, so the row waits for staff to mark it settled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.orders.model import Invoice

STARS = "XTR"
REFUND_RETRY_MAX = timedelta(minutes=30)


@dataclass(frozen=True)
class PaymentRules:
    """How prepaid orders are charged. Prices are kept in whole won; an invoice in Stars
    asks for one star per `won_per_star` (rounded up), one by card the price in won (KRW has
    no smaller unit; the settings allow no other currency)."""

    currency: str = STARS
    provider_token: str | None = None  # a card provider's token; none for Stars
    won_per_star: int = 20
    pay_within: timedelta = timedelta(minutes=15)  # then the unpaid order expires

    @property
    def by_card(self) -> bool:
        return self.currency != STARS

    def invoice_for(self, price: int) -> Invoice:
        if self.by_card:
            return Invoice(self.currency, price)
        return Invoice(STARS, max(1, math.ceil(price / self.won_per_star)))


class RefundState(StrEnum):
    NONE = "none"
    PENDING = "pending"  # Stars: the bot is to give them back
    DONE = "done"
    TO_SETTLE = "to_settle"  # card: the shop pays it back and marks it settled


@dataclass(eq=False)
class Payment:
    order_number: int
    customer_id: int
    charge_id: str  # telegram_payment_charge_id: what a refund names
    provider_charge_id: str | None
    currency: str
    amount: int
    paid_at: datetime
    refund_state: RefundState = RefundState.NONE
    refund_attempts: int = 0
    refund_due_at: datetime | None = None
    refund_error: str | None = None
    refunded_at: datetime | None = None
    id: int | None = None

    @property
    def by_card(self) -> bool:
        return self.currency != STARS

    def request_refund(self, at: datetime) -> bool:
        """Start giving the money back; False if that was already started."""
        if self.refund_state is not RefundState.NONE:
            return False
        if self.by_card:
            self.refund_state = RefundState.TO_SETTLE
        else:
            self.refund_state, self.refund_due_at = RefundState.PENDING, at
        return True

    def claim_refund(self, at: datetime, lease: timedelta) -> None:
        """A sender takes the refund; if it dies, another may after `lease`."""
        self.refund_attempts += 1
        self.refund_due_at = at + lease

    def refund_failed(self, error: str, at: datetime) -> None:
        """Try again later, waiting longer each time (up to half an hour)."""
        self.refund_error = error[:500]
        wait = min(timedelta(seconds=5 * 2 ** min(self.refund_attempts, 12)), REFUND_RETRY_MAX)
        self.refund_due_at = at + wait

    def refund_done(self, at: datetime) -> None:
        self.refund_state, self.refunded_at, self.refund_due_at = RefundState.DONE, at, None
        self.refund_error = None
