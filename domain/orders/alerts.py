"""Who is told what when an order changes: the routing rules for chat alerts."""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch
from typing import Any

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import OutboxMessage
from domain.orders import events
from domain.orders.model import Order, OrderKind, Place, Role, Status


def describe_place(place: Place) -> dict[str, Any]:
    return {"address": place.address, "lat": place.lat, "lon": place.lon}


def order_snapshot(order: Order) -> dict[str, Any]:
    """What the store needs to decide on a new order, frozen at the time of the alert."""
    snapshot = _parcel_snapshot(order)
    if order.kind is OrderKind.MENU:
        snapshot.update(order_kind=order.kind.value, fulfilment=order.fulfilment.value,
                        delivery_fee=order.delivery_fee, paid=order.is_paid,
                        phone=order.recipient_phone,  # the customer's own, for the rider
                        lines=[{"name": line.name, "options": line.options,
                                "quantity": line.quantity, "total": line.total}
                               for line in order.lines])
    elif order.is_paid:
        snapshot["paid"] = True
    return snapshot


def _parcel_snapshot(order: Order) -> dict[str, Any]:
    return {
        "number": order.number,
        "customer_name": order.customer_name,
        "size": order.size.value,
        "weight_kg": order.weight_kg,
        "heavy": order.is_heavy,
        "pickup": describe_place(order.pickup),
        "destination": describe_place(order.destination),
        "recipient_phone": order.recipient_phone,
        "payment": order.payment.value,
        "price": order.price,
        "requests": order.requests,
    }


def alerts_for(
    order: Order, event: events.OrderEvent, store_chat_ids: tuple[int, ...],
    store_card_shown_in: int | None = None,
) -> list[OutboxMessage]:
    """Every change refreshes the order's cards (edits: no buzz): the customer's, and the
    store's once the order reached it (its new-order alert). Only what is worth a buzz is
    also pushed as a message: to the customer the store's answer, a rider on the way with
    the code, the pickup, the delivery, the end of an order they did not end themself, and a
    payment made in Telegram's own window (what they did in the bot's chat, placing,
    confirming receipt, cancelling, was answered on the spot); to the store a new order and
    what needs its hand (a cancellation, an expiry, a locked code, a refund to make); to the
    assigned rider a cancellation. `store_card_shown_in`: the store chat whose card the
    change was made on, and which the staff member's press edits itself."""
    told = _recipients(event, order, store_chat_ids)
    if not (isinstance(event, events.OrderPlaced) and event.card_shown):
        told.append((event.customer_id, AlertKind.ORDER_CARD, {"number": event.number}))
    if order.reached_store and not isinstance(event, events.OrderPlaced):
        told += [(chat, AlertKind.STORE_CARD, {"number": event.number})
                 for chat in store_chat_ids if chat != store_card_shown_in]
    return [
        OutboxMessage(chat_id=chat_id, kind=kind, params=params, order_number=event.number,
                      created_at=event.at)
        for chat_id, kind, params in told
    ]


Recipients = list[tuple[int, AlertKind, dict[str, Any]]]


@singledispatch
def _recipients(event: events.OrderEvent, order: Order, store: tuple[int, ...]) -> Recipients:
    raise TypeError(f"no alert rule for {type(event).__name__}")


@_recipients.register
def _(event: events.OrderPlaced, order: Order, store: tuple[int, ...]) -> Recipients:
    snapshot = order_snapshot(order)
    told: Recipients = [(chat, AlertKind.NEW_ORDER, snapshot) for chat in store]
    if event.paid:  # paid in Telegram's own window, below the card: the shop confirms it
        told.insert(0, (event.customer_id, AlertKind.PAID_PLACED, {"number": event.number}))
    return told


@_recipients.register
def _(event: events.OrderPreparing, order: Order, store: tuple[int, ...]) -> Recipients:
    return []  # the card says so


@_recipients.register
def _(event: events.OrderReady, order: Order, store: tuple[int, ...]) -> Recipients:
    if not event.pickup:
        return []  # a rider brings it: the card says so, the pickup is the next buzz
    return [(event.customer_id, AlertKind.READY_PICKUP, {"number": event.number})]


@_recipients.register
def _(event: events.RefundStarted, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "amount": event.amount, "currency": event.currency}
    if not event.by_store:
        return [(event.customer_id, AlertKind.REFUND_STARTED, params)]
    return ([(event.customer_id, AlertKind.REFUND_BY_STORE, params)]
            + [(chat, AlertKind.REFUND_TO_SETTLE, params) for chat in store])


@_recipients.register
def _(event: events.Refunded, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "amount": event.amount, "currency": event.currency}
    return [(event.customer_id, AlertKind.REFUNDED, params)]


@_recipients.register
def _(event: events.OrderApproved, order: Order, store: tuple[int, ...]) -> Recipients:
    kind = AlertKind.APPROVED_MENU if order.kind is OrderKind.MENU else AlertKind.APPROVED
    return [(event.customer_id, kind, {"number": event.number})]


@_recipients.register
def _(event: events.OrderRejected, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "reason": event.reason}
    return [(event.customer_id, AlertKind.REJECTED, params)]


@_recipients.register
def _(event: events.RiderAssigned, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "rider_name": event.rider_name, "vehicle": event.vehicle,
              "code": event.code}
    kind = AlertKind.ASSIGNED_MENU if order.kind is OrderKind.MENU else AlertKind.ASSIGNED
    return [(event.customer_id, kind, params)]


@_recipients.register
def _(event: events.RiderReleased, order: Order, store: tuple[int, ...]) -> Recipients:
    return []  # the card says a rider is being found again


@_recipients.register
def _(event: events.OrderExpired, order: Order, store: tuple[int, ...]) -> Recipients:
    n = {"number": event.number}
    if event.unpaid:  # the store never saw it
        return [(event.customer_id, AlertKind.EXPIRED_UNPAID, n)]
    again = {**n, "menu": order.kind is OrderKind.MENU}  # where to order again
    return ([(event.customer_id, AlertKind.EXPIRED, again)]
            + [(chat, AlertKind.EXPIRED_STORE, n) for chat in store])


@_recipients.register
def _(event: events.CodeLocked, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "rider_name": order.rider_name or ""}
    return [(chat, AlertKind.CODE_LOCKED, params) for chat in store]


@_recipients.register
def _(event: events.CodeWaived, order: Order, store: tuple[int, ...]) -> Recipients:
    if event.rider_id is None:
        return []
    return [(event.rider_id, AlertKind.CODE_WAIVED, {"number": event.number})]


@_recipients.register
def _(event: events.OrderPickedUp, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, AlertKind.PICKED_UP, {"number": event.number})]


@_recipients.register
def _(event: events.OrderDelivered, order: Order, store: tuple[int, ...]) -> Recipients:
    kind = AlertKind.DELIVERED_MENU if order.kind is OrderKind.MENU else AlertKind.DELIVERED
    return [(event.customer_id, kind, {"number": event.number})]


@_recipients.register
def _(event: events.OrderCompleted, order: Order, store: tuple[int, ...]) -> Recipients:
    if not event.automatic:
        return []  # the customer confirmed it, or took it at the counter
    return [(event.customer_id, AlertKind.COMPLETED_AUTO,
             {"number": event.number, "hours": hours_since_delivery(order, event.at)})]


def hours_since_delivery(order: Order, at: datetime) -> int:
    """Whole hours from the order's delivery to `at`."""
    delivered = max(entry.at for entry in order.timeline if entry.status is Status.DELIVERED)
    return int((at - delivered).total_seconds() // 3600)


@_recipients.register
def _(event: events.OrderCancelled, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "by": event.by_role, "reason": event.reason,
              "sold_out": event.sold_out}
    told: Recipients = []
    if event.by_role != Role.CUSTOMER.value:
        told.append((event.customer_id, AlertKind.CANCELLED, params))
    if order.reached_store and event.by_role != Role.STORE.value:  # else: its own doing
        told += [(chat, AlertKind.CANCELLED_STORE, params) for chat in store]
    if event.rider_id is not None:
        told.append((event.rider_id, AlertKind.CANCELLED_RIDER, params))
    return told
