"""The parcel order aggregate and its state machine.

An order moves only along TRANSITIONS, and only by the roles listed there. Each move is
kept in the order's timeline (who, when, why) and recorded as a domain event, which the
unit of work turns into chat alerts in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain import events
from domain.errors import InvalidAnswer, InvalidTransition, NotAllowed


class WrongCode(InvalidAnswer):
    """A wrong delivery code: refused, but the failed try is kept (it counts to the lock)."""


HEAVY_OVER_KG = 10.0
MAX_REASON_CHARS = 300
CODE_TRIES = 5  # wrong delivery codes before the order is locked for the store to resolve


class Status(StrEnum):
    PLACED = "placed"
    APPROVED = "approved"
    REJECTED = "rejected"
    ASSIGNED = "assigned"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # the store did not answer in time


class Role(StrEnum):
    CUSTOMER = "customer"
    STORE = "store"
    RIDER = "rider"
    SYSTEM = "system"  # a deadline acting on its own


class Size(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class PaymentMethod(StrEnum):
    CASH = "cash"
    PREPAID = "prepaid"


CUSTOMER_OR_STORE = frozenset({Role.CUSTOMER, Role.STORE})

# from-status -> {to-status: roles allowed to make that move}
TRANSITIONS: dict[Status, dict[Status, frozenset[Role]]] = {
    Status.PLACED: {
        Status.APPROVED: frozenset({Role.STORE}),
        Status.REJECTED: frozenset({Role.STORE}),
        Status.CANCELLED: CUSTOMER_OR_STORE,
        Status.EXPIRED: frozenset({Role.SYSTEM}),
    },
    Status.APPROVED: {
        Status.ASSIGNED: frozenset({Role.RIDER}),
        Status.CANCELLED: CUSTOMER_OR_STORE,
    },
    Status.ASSIGNED: {
        # Released before pickup (by the rider, or the store suspending them): offered again.
        Status.APPROVED: frozenset({Role.RIDER, Role.STORE}),
        Status.PICKED_UP: frozenset({Role.RIDER}),
        Status.CANCELLED: CUSTOMER_OR_STORE,
    },
    Status.PICKED_UP: {Status.DELIVERED: frozenset({Role.RIDER})},
    Status.DELIVERED: {Status.COMPLETED: frozenset({Role.CUSTOMER, Role.SYSTEM})},
}

TAKEN_STATUSES = frozenset({Status.ASSIGNED, Status.PICKED_UP, Status.DELIVERED, Status.COMPLETED})


@dataclass(frozen=True)
class Actor:
    """Who makes a move, in which capacity."""

    role: Role
    user_id: int
    name: str = ""


SYSTEM = Actor(Role.SYSTEM, 0, "")


@dataclass(frozen=True)
class Place:
    """A typed address, a shared location, or both."""

    address: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Parcel:
    size: Size
    weight_kg: float
    pickup: Place
    destination: Place
    recipient_phone: str

    @property
    def is_heavy(self) -> bool:
        return self.weight_kg > HEAVY_OVER_KG


@dataclass
class TimelineEntry:
    """One move of an order: to which status, by whom, when and why."""

    at: datetime
    status: Status
    actor_role: Role
    actor_id: int
    actor_name: str = ""
    reason: str | None = None


@dataclass(eq=False)
class Order:
    number: int
    customer_id: int
    customer_name: str
    size: Size
    weight_kg: float
    pickup: Place
    destination: Place
    recipient_phone: str
    payment: PaymentMethod
    price: int
    status: Status
    created_at: datetime
    rider_id: int | None = None
    rider_name: str | None = None
    reason: str | None = None
    delivery_code: str | None = None  # the customer passes it to the recipient
    code_failures: int = 0
    code_waived: bool = False
    timeline: list[TimelineEntry] = field(default_factory=list)

    @classmethod
    def place(
        cls,
        number: int,
        customer: Actor,
        parcel: Parcel,
        payment: PaymentMethod,
        price: int,
        at: datetime,
    ) -> Order:
        """The customer confirmed the summary: a new order exists, waiting for the store."""
        if customer.role is not Role.CUSTOMER:
            raise NotAllowed("customers_only")
        order = cls(
            number=number,
            customer_id=customer.user_id,
            customer_name=customer.name,
            size=parcel.size,
            weight_kg=parcel.weight_kg,
            pickup=parcel.pickup,
            destination=parcel.destination,
            recipient_phone=parcel.recipient_phone,
            payment=payment,
            price=price,
            status=Status.PLACED,
            created_at=at,
        )
        order.timeline.append(TimelineEntry(at, Status.PLACED, customer.role, customer.user_id,
                                            customer.name))
        order._record(events.OrderPlaced(number=number, customer_id=customer.user_id, at=at))
        return order

    @property
    def parcel(self) -> Parcel:
        return Parcel(self.size, self.weight_kg, self.pickup, self.destination,
                      self.recipient_phone)

    @property
    def is_heavy(self) -> bool:
        return self.parcel.is_heavy

    def approve(self, by: Actor, at: datetime) -> None:
        self._move(Status.APPROVED, by, at)
        self._record(events.OrderApproved(number=self.number, customer_id=self.customer_id, at=at))

    def reject(self, by: Actor, reason: str, at: datetime) -> None:
        self._move(Status.REJECTED, by, at, reason)
        self._record(events.OrderRejected(number=self.number, customer_id=self.customer_id,
                                          at=at, reason=reason))

    def assign(self, rider: Actor, at: datetime, code: str, vehicle: str | None = None) -> None:
        """A rider accepts the job. Only one can: the order is then no longer approved. The
        customer gets `code` to give the recipient, who tells it to the rider at handover."""
        if self.rider_id is not None and self.status in TAKEN_STATUSES:
            reason = "already_yours" if self.rider_id == rider.user_id else "already_taken"
            raise InvalidTransition(reason, number=self.number)
        self._move(Status.ASSIGNED, rider, at)
        self.rider_id = rider.user_id
        self.rider_name = rider.name
        self.delivery_code, self.code_failures, self.code_waived = code, 0, False
        self._record(events.RiderAssigned(number=self.number, customer_id=self.customer_id,
                                          at=at, rider_id=rider.user_id, rider_name=rider.name,
                                          vehicle=vehicle, code=code))

    def release(self, by: Actor, at: datetime) -> None:
        """The assigned rider gives the job back before pickup (or the store takes it from a
        rider it suspends); it is offered again."""
        self._require_assigned_rider(by)
        if self.status is not Status.ASSIGNED:
            raise InvalidTransition("release_after_pickup", number=self.number)
        rider_id = self.rider_id
        self._move(Status.APPROVED, by, at)
        self.rider_id = self.rider_name = self.delivery_code = None
        assert rider_id is not None
        self._record(events.RiderReleased(number=self.number, customer_id=self.customer_id,
                                          at=at, rider_id=rider_id))

    def pick_up(self, by: Actor, at: datetime) -> None:
        self._require_assigned_rider(by)
        self._move(Status.PICKED_UP, by, at)
        self._record(events.OrderPickedUp(number=self.number, customer_id=self.customer_id,
                                          at=at, rider_id=by.user_id))

    @property
    def code_locked(self) -> bool:
        return not self.code_waived and self.code_failures >= CODE_TRIES

    def deliver(self, by: Actor, at: datetime, code: str | None = None) -> None:
        """The rider hands the parcel over, proving it with the recipient's code (unless the
        store waived it). A wrong code is counted; the fifth locks the order."""
        self._require_assigned_rider(by)
        if self.status is not Status.PICKED_UP:
            raise InvalidTransition("invalid_transition", number=self.number,
                                    status=self.status.value, target=Status.DELIVERED.value)
        if self.delivery_code is not None and not self.code_waived:
            if self.code_locked:
                raise NotAllowed("code_locked", number=self.number)
            if not code:
                raise InvalidAnswer("code_required", number=self.number)
            if code.strip() != self.delivery_code:
                self.code_failures += 1
                if self.code_locked:
                    self._record(events.CodeLocked(number=self.number,
                                                   customer_id=self.customer_id, at=at,
                                                   rider_id=by.user_id))
                raise WrongCode("wrong_code", number=self.number,
                                left=max(0, CODE_TRIES - self.code_failures))
        self._move(Status.DELIVERED, by, at)
        self._record(events.OrderDelivered(number=self.number, customer_id=self.customer_id,
                                           at=at, rider_id=by.user_id))

    def waive_code(self, by: Actor, at: datetime) -> None:
        """The store lets the rider deliver without the code (and unlocks the order)."""
        if by.role is not Role.STORE:
            raise NotAllowed("staff_only")
        if self.status not in (Status.ASSIGNED, Status.PICKED_UP):
            raise InvalidTransition("invalid_transition", number=self.number,
                                    status=self.status.value, target=Status.DELIVERED.value)
        self.code_waived = True
        self._record(events.CodeWaived(number=self.number, customer_id=self.customer_id, at=at,
                                       rider_id=self.rider_id))

    def complete(self, by: Actor, at: datetime) -> None:
        """The customer confirms the recipient got the parcel (or, after a day, the system)."""
        self._require_owner(by)
        self._move(Status.COMPLETED, by, at)
        self._record(events.OrderCompleted(number=self.number, customer_id=self.customer_id,
                                           at=at, automatic=by.role is Role.SYSTEM))

    def expire(self, at: datetime) -> None:
        """Nobody at the store answered in time."""
        self._move(Status.EXPIRED, SYSTEM, at)
        self._record(events.OrderExpired(number=self.number, customer_id=self.customer_id, at=at))

    def cancel(self, by: Actor, at: datetime, reason: str | None = None) -> None:
        """The customer (own order) or the store (with a reason) calls it off before pickup."""
        if by.role is Role.CUSTOMER:
            self._require_owner(by)
            if self.status in (Status.PICKED_UP, Status.DELIVERED):
                raise InvalidTransition("cannot_cancel_after_pickup", number=self.number)
        if by.role is Role.STORE and not (reason and reason.strip()):
            raise NotAllowed("reason_required", number=self.number)
        self._move(Status.CANCELLED, by, at, reason)
        self._record(events.OrderCancelled(number=self.number, customer_id=self.customer_id,
                                           at=at, by_role=by.role.value, reason=reason,
                                           rider_id=self.rider_id))

    def pop_events(self) -> list[events.OrderEvent]:
        """Hand over the events recorded since the last call (the unit of work stores them)."""
        recorded = self.__dict__.pop("_events", [])
        return list(recorded)

    def _record(self, event: events.OrderEvent) -> None:
        # Loaded orders skip __init__, so the list is created on first use.
        self.__dict__.setdefault("_events", []).append(event)

    def _require_owner(self, by: Actor) -> None:
        if by.role is Role.CUSTOMER and by.user_id != self.customer_id:
            raise NotAllowed("not_your_order", number=self.number)

    def _require_assigned_rider(self, by: Actor) -> None:
        if by.role is Role.RIDER and by.user_id != self.rider_id:
            raise NotAllowed("not_your_job", number=self.number)

    def _move(self, to: Status, by: Actor, at: datetime, reason: str | None = None) -> None:
        if reason is not None and len(reason) > MAX_REASON_CHARS:
            raise InvalidAnswer("reason_too_long", max=MAX_REASON_CHARS)
        allowed = TRANSITIONS.get(self.status, {})
        if to not in allowed:
            raise InvalidTransition("invalid_transition", number=self.number,
                                    status=self.status.value, target=to.value)
        if by.role not in allowed[to]:
            raise NotAllowed("not_allowed", number=self.number)
        self.status = to
        self.reason = reason if reason else self.reason
        self.timeline.append(TimelineEntry(at, to, by.role, by.user_id, by.name, reason))
