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
    pass


@dataclass(frozen=True, kw_only=True)
class OrderApproved(OrderEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class OrderRejected(OrderEvent):
    reason: str


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


@dataclass(frozen=True, kw_only=True)
class OrderExpired(OrderEvent):
    pass


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
