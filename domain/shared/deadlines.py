"""Deadlines: rules that act when time passes, stored as rows with a due time.

A sweep (woken by the scheduler every few seconds) claims each due row, applies its rule
and marks it fired in one transaction, so a restart neither loses nor repeats one, and with
several processes each fires once. A rule that no longer applies (the offer was answered,
the order was approved meanwhile) fires as a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class DeadlineKind(StrEnum):
    OFFER_TIMEOUT = "offer_timeout"  # pass the offer to the next rider
    STORE_REMINDER = "store_reminder"  # half of the store's response time has passed
    STORE_EXPIRY = "store_expiry"  # nobody approved the order in time: it expires
    AUTO_COMPLETE = "auto_complete"  # delivered, and nobody confirmed receipt
    PAYMENT_EXPIRY = "payment_expiry"  # a prepaid order's invoice was not paid in time
    LATE = "late"  # the promised time passed: the cards say the order is late


@dataclass(frozen=True)
class DeadlineRules:
    store_response: timedelta = timedelta(minutes=10)  # zero: orders wait for the store forever
    auto_complete_after: timedelta = timedelta(hours=24)


@dataclass(eq=False)
class Deadline:
    kind: DeadlineKind
    order_number: int
    due_at: datetime
    offer_id: int | None = None
    fired_at: datetime | None = None
    id: int | None = None

    def fire(self, at: datetime) -> None:
        self.fired_at = at
