"""Domain events: facts about an order, recorded by the aggregate when it changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class OrderEvent:
    number: int
    customer_id: int
    at: datetime


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(OrderEvent):
    paid: bool = False  # placed by its payment arriving
    card_shown: bool = False  # the summary the customer confirmed became the card: it shows it


@dataclass(frozen=True, kw_only=True)
class OrderApproved(OrderEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class OrderRejected(OrderEvent):
    reason: str


@dataclass(frozen=True, kw_only=True)
class OrderPreparing(OrderEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class OrderReady(OrderEvent):
    pickup: bool


@dataclass(frozen=True, kw_only=True)
class RiderAssigned(OrderEvent):
    rider_id: int
    rider_name: str
    vehicle: str | None
    code: str


@dataclass(frozen=True, kw_only=True)
class RiderReleased(OrderEvent):
    rider_id: int


@dataclass(frozen=True, kw_only=True)
class OrderPickedUp(OrderEvent):
    rider_id: int


@dataclass(frozen=True, kw_only=True)
class OrderDelivered(OrderEvent):
    rider_id: int


@dataclass(frozen=True, kw_only=True)
class OrderCompleted(OrderEvent):
    automatic: bool = False
    handed: bool = False  # collected at the counter


@dataclass(frozen=True, kw_only=True)
class RefundStarted(OrderEvent):
    amount: int
    currency: str
    by_store: bool  # a card payment: the shop pays it back itself


@dataclass(frozen=True, kw_only=True)
class Refunded(OrderEvent):
    amount: int
    currency: str


@dataclass(frozen=True, kw_only=True)
class OrderExpired(OrderEvent):
    unpaid: bool = False  # the invoice was not paid in time


@dataclass(frozen=True, kw_only=True)
class CodeLocked(OrderEvent):
    rider_id: int


@dataclass(frozen=True, kw_only=True)
class CodeWaived(OrderEvent):
    rider_id: int | None


@dataclass(frozen=True, kw_only=True)
class OrderCancelled(OrderEvent):
    by_role: str
    reason: str | None
    rider_id: int | None
    sold_out: str | None = None  # the item that ran out, when that was why
