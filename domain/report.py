"""The store's daily report: what was ordered today, the cash and the payments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.model import Order, PaymentMethod, Status

ENDED = frozenset({Status.CANCELLED, Status.REJECTED, Status.EXPIRED})
HANDED = frozenset({Status.DELIVERED, Status.COMPLETED})


@dataclass(frozen=True)
class DailyReport:
    day: date
    placed: int
    completed: int
    ended: int  # cancelled, rejected or expired
    cash: int  # collected by riders (or at the counter)
    cash_orders: int
    cash_open: int  # cash orders handed over whose cash is not recorded yet
    cash_open_orders: int
    prepaid: int  # paid in Telegram and not refunded
    prepaid_orders: int
    refunds: int  # paid orders that ended, so their money goes back


def daily_report(day: date, orders: Iterable[Order]) -> DailyReport:
    """Counts over the orders placed on `day` (unpaid ones that expired are left out)."""
    placed = [o for o in orders if o.reached_store]
    collected = [o for o in placed if o.cash_collected_at is not None]
    open_cash = [o for o in placed if o.payment is PaymentMethod.CASH and o.status in HANDED
                 and o.cash_collected_at is None]
    paid = [o for o in placed if o.is_paid and o.status not in ENDED]
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
        refunds=sum(o.is_paid and o.status in ENDED for o in placed),
    )
