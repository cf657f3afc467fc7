"""The order aggregate and its state machine.

Two kinds of order share it: a parcel carried from A to B, and a menu order made by the
shop and then delivered (or collected at the counter). An order moves only along its kind's
TRANSITIONS, and only by the roles listed there; who may cancel in which status is the
CANCELLABLE table below (what follows a cancel is in `domain.orders.cancelling`). Each move
is kept in the order's timeline (who, when, why) and recorded as a domain event, which the
unit of work turns into chat alerts in the same transaction. A prepaid order waits in
`awaiting_payment` until Telegram confirms the payment; only then is it placed and does the
store see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.orders import events
from domain.orders.requests import Requests
from domain.shared.errors import InvalidAnswer, InvalidTransition, NotAllowed
from domain.shared.geo import distance_km
from domain.shared.text import normalized, utf16_length


class WrongCode(InvalidAnswer):
    """A wrong delivery code: refused, but the failed try is kept (it counts to the lock)."""


HEAVY_OVER_KG = 10.0
MAX_REASON_CHARS = 300  # a reject or cancel reason, in UTF-16 units
CODE_TRIES = 5  # wrong delivery codes before the order is locked for the store to resolve


class Status(StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"  # prepaid: the invoice is not paid yet
    PLACED = "placed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PREPARING = "preparing"  # menu orders: the shop is making it
    READY = "ready"  # menu orders: made, waiting for a rider or the customer
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


class OrderKind(StrEnum):
    PARCEL = "parcel"
    MENU = "menu"


class Fulfilment(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"  # a menu order collected at the shop's counter, no rider


STORE = frozenset({Role.STORE})
RIDER = frozenset({Role.RIDER})
RIDER_OR_STORE = frozenset({Role.RIDER, Role.STORE})
PAYING = {
    # Telegram confirmed the payment (the customer paid): now the store sees the order.
    Status.PLACED: frozenset({Role.CUSTOMER}),
    Status.EXPIRED: frozenset({Role.SYSTEM}),
}
DELIVERING = {
    Status.PICKED_UP: {Status.DELIVERED: RIDER},
    Status.DELIVERED: {Status.COMPLETED: frozenset({Role.CUSTOMER, Role.SYSTEM})},
}

# kind -> from-status -> {to-status: roles allowed to make that move}. Cancelling is not
# here: who may cancel when is the table in domain.orders.cancelling.
TRANSITIONS: dict[OrderKind, dict[Status, dict[Status, frozenset[Role]]]] = {
    OrderKind.PARCEL: {
        Status.AWAITING_PAYMENT: PAYING,
        Status.PLACED: {
            Status.APPROVED: STORE,
            Status.REJECTED: STORE,
            Status.EXPIRED: frozenset({Role.SYSTEM}),
        },
        Status.APPROVED: {Status.ASSIGNED: RIDER},
        Status.ASSIGNED: {
            # Released before pickup (by the rider, or the store suspending them): offered again.
            Status.APPROVED: RIDER_OR_STORE,
            Status.PICKED_UP: RIDER,
        },
        **DELIVERING,
    },
    OrderKind.MENU: {
        Status.AWAITING_PAYMENT: PAYING,
        Status.PLACED: {
            Status.APPROVED: STORE,
            Status.REJECTED: STORE,
            Status.EXPIRED: frozenset({Role.SYSTEM}),
        },
        Status.APPROVED: {Status.PREPARING: STORE},
        Status.PREPARING: {Status.READY: STORE},
        Status.READY: {
            Status.ASSIGNED: RIDER,  # delivery: a rider takes it
            Status.COMPLETED: STORE,  # pickup: handed over at the counter
        },
        Status.ASSIGNED: {
            Status.READY: RIDER_OR_STORE,
            Status.PICKED_UP: RIDER,
        },
        **DELIVERING,
    },
}

# Who may cancel, in which statuses, by kind of order. What follows a cancel (refund, stock
# back, rider and store told) is in domain.orders.cancelling.
CANCELLABLE: dict[OrderKind, dict[Role, frozenset[Status]]] = {
    # A parcel: until the rider has picked it up.
    OrderKind.PARCEL: {
        Role.CUSTOMER: frozenset({Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED,
                                  Status.ASSIGNED}),
        Role.STORE: frozenset({Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED,
                               Status.ASSIGNED}),
    },
    # A menu order: the customer until the shop starts making it (the coffee rule); the store
    # until a rider has it in hand.
    OrderKind.MENU: {
        Role.CUSTOMER: frozenset({Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED}),
        Role.STORE: frozenset({Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED,
                               Status.PREPARING, Status.READY, Status.ASSIGNED}),
    },
}


def may_cancel(kind: OrderKind, role: Role, status: Status) -> bool:
    return status in CANCELLABLE[kind].get(role, frozenset())


# Where an order waits for a rider, by kind: the offer and job list look here.
# An order no longer on its way: nothing more happens to it but the customer's confirmation.
SETTLED = frozenset({Status.DELIVERED, Status.COMPLETED, Status.CANCELLED, Status.REJECTED,
                     Status.EXPIRED})
AWAITING_RIDER = {OrderKind.PARCEL: Status.APPROVED, OrderKind.MENU: Status.READY}

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

    def km_to(self, other: Place) -> float | None:
        """Great-circle distance to `other`; None unless both have coordinates."""
        if self.lat is None or self.lon is None or other.lat is None or other.lon is None:
            return None
        return distance_km(self.lat, self.lon, other.lat, other.lon)


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


@dataclass
class OrderLine:
    """An item of a menu order, priced as the customer saw it."""

    item_key: str
    name: str
    options: str  # the chosen options, for people to read ("Large, extra shot")
    unit_price: int
    quantity: int
    id: int | None = None

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class MenuOrder:
    """What makes an order a menu order: its lines, and how it reaches the customer."""

    lines: tuple[OrderLine, ...]
    fulfilment: Fulfilment
    delivery_fee: int


@dataclass(frozen=True)
class Invoice:
    """What a prepaid order asks Telegram to charge (amount in the currency's smallest unit)."""

    currency: str
    amount: int


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
    kind: OrderKind = OrderKind.PARCEL
    fulfilment: Fulfilment = Fulfilment.DELIVERY
    delivery_fee: int = 0
    invoice_currency: str | None = None
    invoice_amount: int | None = None
    paid_at: datetime | None = None
    cash_collected_at: datetime | None = None
    prep_minutes: int | None = None  # a menu order: how long the shop said making it takes
    eta_at: datetime | None = None  # when it should arrive (or be ready at the counter) now
    promised_at: datetime | None = None  # the first such time the customer was given
    requests: dict[str, Any] | None = None  # domain.orders.requests.Requests (JSON)
    lines: list[OrderLine] = field(default_factory=list)
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
        invoice: Invoice | None = None,
        menu: MenuOrder | None = None,
        card_shown: bool = False,
        requests: Requests | None = None,
    ) -> Order:
        """The customer confirmed the summary: a new order exists, waiting for the store, or,
        with an invoice, for the payment first. `card_shown`: the summary they confirmed
        became the order's card, so it shows the order placed already."""
        if customer.role is not Role.CUSTOMER:
            raise NotAllowed("customers_only")
        if (invoice is None) != (payment is PaymentMethod.CASH):
            raise ValueError("a prepaid order has an invoice, a cash order none")
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
            status=Status.PLACED if invoice is None else Status.AWAITING_PAYMENT,
            created_at=at,
        )
        if invoice is not None:
            order.invoice_currency, order.invoice_amount = invoice.currency, invoice.amount
        if requests is not None:
            order.requests = requests.to_json()
        if menu is not None:
            order.kind, order.fulfilment = OrderKind.MENU, menu.fulfilment
            order.lines, order.delivery_fee = list(menu.lines), menu.delivery_fee
        order.timeline.append(TimelineEntry(at, order.status, customer.role, customer.user_id,
                                            customer.name))
        if invoice is None:
            order._record(events.OrderPlaced(number=number, customer_id=customer.user_id, at=at,
                                             card_shown=card_shown))
        return order

    @property
    def asked(self) -> Requests:
        """What the customer asked of the store and the rider (domain.orders.requests)."""
        return Requests.from_json(self.requests)

    @property
    def invoice(self) -> Invoice | None:
        if self.invoice_currency is None or self.invoice_amount is None:
            return None
        return Invoice(self.invoice_currency, self.invoice_amount)

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def reached_store(self) -> bool:
        """The store saw it (a prepaid order only once it was paid)."""
        return any(entry.status is Status.PLACED for entry in self.timeline)

    @property
    def awaits_rider(self) -> bool:
        """Made (or, for a parcel, approved) and waiting for a rider to take it."""
        return (self.fulfilment is Fulfilment.DELIVERY
                and self.status is AWAITING_RIDER[self.kind])

    def switch_to_cash(self, by: Actor, at: datetime) -> None:
        """The invoice could not be paid (payments are down): the customer pays cash instead,
        and the order is placed now."""
        self._require_owner(by)
        if by.role is not Role.CUSTOMER:
            raise NotAllowed("not_your_order", number=self.number)
        self._move(Status.PLACED, by, at)
        self.payment, self.invoice_currency, self.invoice_amount = PaymentMethod.CASH, None, None
        self._record(events.OrderPlaced(number=self.number, customer_id=self.customer_id, at=at))

    def pay(self, at: datetime) -> None:
        """Telegram confirmed the payment: the order is placed and the store sees it."""
        self._move(Status.PLACED, Actor(Role.CUSTOMER, self.customer_id, self.customer_name), at)
        self.paid_at = at
        self._record(events.OrderPlaced(number=self.number, customer_id=self.customer_id,
                                        at=at, paid=True))

    @property
    def parcel(self) -> Parcel:
        return Parcel(self.size, self.weight_kg, self.pickup, self.destination,
                      self.recipient_phone)

    @property
    def is_heavy(self) -> bool:
        return self.parcel.is_heavy

    @property
    def item_count(self) -> int | None:
        """How many items a menu order holds; None for a parcel."""
        if self.kind is not OrderKind.MENU:
            return None
        return sum(line.quantity for line in self.lines)

    def approve(self, by: Actor, at: datetime, prep_minutes: int | None = None) -> None:
        """The store accepts the order; a menu order with the time making it will take."""
        self._move(Status.APPROVED, by, at)
        if self.kind is OrderKind.MENU:
            self.prep_minutes = prep_minutes
        self._record(events.OrderApproved(number=self.number, customer_id=self.customer_id, at=at))

    def reject(self, by: Actor, reason: str, at: datetime) -> None:
        self._move(Status.REJECTED, by, at, reason)
        self._record(events.OrderRejected(number=self.number, customer_id=self.customer_id,
                                          at=at, reason=reason))

    def start_preparing(self, by: Actor, at: datetime) -> None:
        """The shop starts making a menu order: from now on the customer cannot cancel it."""
        self._move(Status.PREPARING, by, at)
        self._record(events.OrderPreparing(number=self.number, customer_id=self.customer_id,
                                           at=at))

    def mark_ready(self, by: Actor, at: datetime) -> None:
        """Made: a rider is found for a delivery; a pickup waits at the counter."""
        self._move(Status.READY, by, at)
        self._record(events.OrderReady(number=self.number, customer_id=self.customer_id, at=at,
                                       pickup=self.fulfilment is Fulfilment.PICKUP))

    def hand_over(self, by: Actor, at: datetime) -> None:
        """The customer collected a pickup order at the counter: it is complete, no rider."""
        if self.fulfilment is not Fulfilment.PICKUP:
            raise InvalidTransition("handed_needs_pickup", number=self.number)
        self._move(Status.COMPLETED, by, at)
        if self.payment is PaymentMethod.CASH:
            self.cash_collected_at = at  # paid at the counter, as it was handed over
        self._record(events.OrderCompleted(number=self.number, customer_id=self.customer_id,
                                           at=at, handed=True))

    def assign(self, rider: Actor, at: datetime, code: str, vehicle: str | None = None) -> None:
        """A rider accepts the job. Only one can: the order is then no longer approved. The
        customer gets `code` to give the recipient, who tells it to the rider at handover."""
        if self.rider_id is not None and self.status in TAKEN_STATUSES:
            reason = "already_yours" if self.rider_id == rider.user_id else "already_taken"
            raise InvalidTransition(reason, number=self.number)
        if self.fulfilment is Fulfilment.PICKUP:  # collected at the counter: nothing to carry
            raise InvalidTransition("pickup_no_rider", number=self.number)
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
        self._move(AWAITING_RIDER[self.kind], by, at)
        self.rider_id = self.rider_name = self.delivery_code = None
        assert rider_id is not None
        self._record(events.RiderReleased(number=self.number, customer_id=self.customer_id,
                                          at=at, rider_id=rider_id))

    def releases_by(self, rider_id: int) -> int:
        """How many times this rider gave the order back."""
        return sum(entry.actor_role is Role.RIDER and entry.actor_id == rider_id
                   and entry.status is AWAITING_RIDER[self.kind] for entry in self.timeline)

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
            if normalized(code) != self.delivery_code:
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
        """Nobody at the store answered in time, or the invoice was not paid in time."""
        unpaid = self.status is Status.AWAITING_PAYMENT
        self._move(Status.EXPIRED, SYSTEM, at)
        self._record(events.OrderExpired(number=self.number, customer_id=self.customer_id, at=at,
                                         unpaid=unpaid))

    def cancel(self, by: Actor, at: datetime, reason: str | None = None,
               sold_out: str | None = None) -> None:
        """The customer (own order) or the store (with a reason) calls it off, while the
        cancellation table allows it for this kind of order and status."""
        self._require_owner(by)
        reason = normalized(reason) if reason is not None else None
        if by.role is Role.STORE and not reason:
            raise NotAllowed("reason_required", number=self.number)
        if not may_cancel(self.kind, by.role, self.status):  # the refusal states the rule
            if self.kind is OrderKind.MENU:
                raise InvalidTransition("cancel_refused_menu", number=self.number,
                                        status=self.status.value)
            raise InvalidTransition("cancel_refused_parcel", number=self.number,
                                    status=self.status.value)
        if reason is not None and utf16_length(reason) > MAX_REASON_CHARS:
            raise InvalidAnswer("reason_too_long", max=MAX_REASON_CHARS)
        self._enter(Status.CANCELLED, by, at, reason)
        self._record(events.OrderCancelled(number=self.number, customer_id=self.customer_id,
                                           at=at, by_role=by.role.value, reason=reason,
                                           rider_id=self.rider_id, sold_out=sold_out))

    def collect_cash(self, by: Actor, at: datetime) -> None:
        """The rider (or the counter, for a pickup) took the cash for a cash order."""
        if self.payment is not PaymentMethod.CASH:
            raise InvalidTransition("not_cash", number=self.number)
        if by.role is Role.RIDER:
            self._require_assigned_rider(by)
        elif by.role is not Role.STORE:
            raise NotAllowed("not_allowed", number=self.number)
        if self.status not in (Status.DELIVERED, Status.COMPLETED):
            raise InvalidTransition("collect_after_delivery", number=self.number)
        if self.cash_collected_at is not None:
            raise InvalidTransition("cash_already_collected", number=self.number)
        self.cash_collected_at = at

    def refund_started(self, amount: int, currency: str, by_store: bool, at: datetime) -> None:
        """The money of a cancelled paid order is on its way back (see domain.orders.cancelling)."""
        self._record(events.RefundStarted(number=self.number, customer_id=self.customer_id,
                                          at=at, amount=amount, currency=currency,
                                          by_store=by_store))

    def refunded(self, amount: int, currency: str, at: datetime) -> None:
        self._record(events.Refunded(number=self.number, customer_id=self.customer_id, at=at,
                                     amount=amount, currency=currency))

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
        reason = normalized(reason) if reason is not None else None
        if reason is not None and utf16_length(reason) > MAX_REASON_CHARS:
            raise InvalidAnswer("reason_too_long", max=MAX_REASON_CHARS)
        allowed = TRANSITIONS[self.kind].get(self.status, {})
        if to not in allowed:
            raise InvalidTransition("invalid_transition", number=self.number,
                                    status=self.status.value, target=to.value)
        if by.role not in allowed[to]:
            raise NotAllowed("not_allowed", number=self.number)
        self._enter(to, by, at, reason)

    def _enter(self, to: Status, by: Actor, at: datetime, reason: str | None) -> None:
        self.status = to
        self.reason = reason if reason else self.reason
        self.timeline.append(TimelineEntry(at, to, by.role, by.user_id, by.name, reason))
