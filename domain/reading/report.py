"""The store's daily report: what was ordered today, the cash and the payments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from domain.orders.model import Order, PaymentMethod, Status

ENDED = frozenset({Status.CANCELLED, Status.REJECTED, Status.EXPIRED})
HANDED = frozenset({Status.DELIVERED, Status.COMPLETED})


@dataclass(frozen=True)
class DailyReport:
    day: date
    placed: int
    completed: int
    ended: int  # cancelled, rejected or expired
    cash: int  # recorded that day by riders (or at the counter)
    cash_orders: int
    cash_open: int  # cash orders handed over that day whose cash is not recorded yet
    cash_open_orders: int
    prepaid: int  # paid in Telegram that day and not refunded
    prepaid_orders: int
    refunds: int  # paid orders that ended that day, so their money goes back


def daily_report(day: date, start: datetime, end: datetime,
                 orders: Iterable[Order]) -> DailyReport:
    """Counts for `day`, which runs over [start, end): the orders placed that day (unpaid ones
    that expired are left out), and money on the day it moved, whenever the order was placed:
    cash when it was recorded (still to collect: handed over that day), payments when they
    were made, refunds when the paid order ended."""
    orders = list(orders)

    def within(at: datetime | None) -> bool:
        return at is not None and start <= at < end

    placed = [o for o in orders if o.reached_store and within(o.created_at)]
    collected = [o for o in orders if within(o.cash_collected_at)]
    open_cash = [o for o in orders if o.payment is PaymentMethod.CASH and o.status in HANDED
                 and o.cash_collected_at is None and within(_first(o, HANDED))]
    paid = [o for o in orders if within(o.paid_at) and o.status not in ENDED]
    refunded = [o for o in orders if o.is_paid and o.status in ENDED and within(_first(o, ENDED))]
    return DailyReport(
        day=day,
        placed=len(placed),
        completed=sum(o.status is Status.COMPLETED for o in placed),
        ended=sum(o.status in ENDED for o in placed),
        cash=sum(o.price for o in collected),
        cash_orders=len(collected),
        cash_open=sum(o.price for o in open_cash),
        cash_open_orders=len(open_cash),
        prepaid=sum(o.price for o in paid),
        prepaid_orders=len(paid),
        refunds=len(refunded),
    )


def _first(order: Order, statuses: frozenset[Status]) -> datetime | None:
    """When the order first reached one of `statuses`."""
    return next((entry.at for entry in order.timeline if entry.status in statuses), None)
