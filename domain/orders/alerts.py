"""Who is told what when an order changes: the routing rules for chat alerts."""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch
from typing import Any

from domain.alerts import outages
from domain.alerts.outbox import ORDER_CARD, OutboxMessage
from domain.dispatch.offers import Offer, area, between
from domain.orders import events
from domain.orders.model import Order, OrderKind, Place

DELIVERY_FAILED = "delivery_failed"
# Reports to the admins: one that fails is not reported again.
NOT_REPORTED = (DELIVERY_FAILED, *outages.REPORTS)


def describe_place(place: Place) -> dict[str, Any]:
    return {"address": place.address, "lat": place.lat, "lon": place.lon}


def order_snapshot(order: Order) -> dict[str, Any]:
    """What the store needs to decide on a new order, frozen at the time of the alert."""
    snapshot = _parcel_snapshot(order)
    if order.kind is OrderKind.MENU:
        snapshot.update(order_kind=order.kind.value, fulfilment=order.fulfilment.value,
                        delivery_fee=order.delivery_fee, paid=order.is_paid,
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
    }


def alerts_for(
    order: Order, event: events.OrderEvent, store_chat_ids: tuple[int, ...]
) -> list[OutboxMessage]:
    """Every change alerts the customer and refreshes their order card; the store hears of new
    and cancelled orders; the assigned rider of cancellations."""
    told = _recipients(event, order, store_chat_ids)
    told.append((event.customer_id, ORDER_CARD, {"number": event.number}))
    return [
        OutboxMessage(chat_id=chat_id, kind=kind, params=params, order_number=event.number,
                      created_at=event.at)
        for chat_id, kind, params in told
    ]


def failure_alerts(
    message: OutboxMessage, admin_ids: frozenset[int], at: datetime
) -> list[OutboxMessage]:
    """An alert that could not be delivered is reported to the admins: never silently lost.
    Broadcast messages are counted in their broadcast's report instead, and a failed report
    to the admins (of a failure, of an outage) is not reported again."""
    if not message.is_alert or message.kind in NOT_REPORTED:
        return []
    params = {"chat_id": message.chat_id, "kind": message.kind, "number": message.order_number,
              "error": message.last_error or ""}
    return [
        OutboxMessage(admin, DELIVERY_FAILED, at, params, order_number=message.order_number)
        for admin in sorted(admin_ids)
        if admin != message.chat_id
    ]


Recipients = list[tuple[int, str, dict[str, Any]]]


@singledispatch
def _recipients(event: events.OrderEvent, order: Order, store: tuple[int, ...]) -> Recipients:
    raise TypeError(f"no alert rule for {type(event).__name__}")


@_recipients.register
def _(event: events.OrderPlaced, order: Order, store: tuple[int, ...]) -> Recipients:
    n = {"number": event.number}
    snapshot = order_snapshot(order)
    kind = "paid_placed" if event.paid else "placed"
    return [(event.customer_id, kind, n)] + [(chat, "new_order", snapshot) for chat in store]


@_recipients.register
def _(event: events.OrderPreparing, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, "preparing", {"number": event.number})]


@_recipients.register
def _(event: events.OrderReady, order: Order, store: tuple[int, ...]) -> Recipients:
    kind = "ready_pickup" if event.pickup else "ready"
    return [(event.customer_id, kind, {"number": event.number})]


@_recipients.register
def _(event: events.RefundStarted, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "amount": event.amount, "currency": event.currency}
    if not event.by_store:
        return [(event.customer_id, "refund_started", params)]
    return ([(event.customer_id, "refund_by_store", params)]
            + [(chat, "refund_to_settle", params) for chat in store])


@_recipients.register
def _(event: events.Refunded, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "amount": event.amount, "currency": event.currency}
    return [(event.customer_id, "refunded", params)]


@_recipients.register
def _(event: events.OrderApproved, order: Order, store: tuple[int, ...]) -> Recipients:
    kind = "approved_menu" if order.kind is OrderKind.MENU else "approved"
    return [(event.customer_id, kind, {"number": event.number})]


@_recipients.register
def _(event: events.OrderRejected, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, "rejected", {"number": event.number, "reason": event.reason})]


@_recipients.register
def _(event: events.RiderAssigned, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "rider_name": event.rider_name, "vehicle": event.vehicle,
              "code": event.code}
    return [(event.customer_id, "assigned", params)]


@_recipients.register
def _(event: events.RiderReleased, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, "released", {"number": event.number})]


@_recipients.register
def _(event: events.OrderExpired, order: Order, store: tuple[int, ...]) -> Recipients:
    n = {"number": event.number}
    if event.unpaid:  # the store never saw it
        return [(event.customer_id, "expired_unpaid", n)]
    return [(event.customer_id, "expired", n)] + [(chat, "expired_store", n) for chat in store]


@_recipients.register
def _(event: events.CodeLocked, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "rider_name": order.rider_name or ""}
    return [(chat, "code_locked", params) for chat in store]


@_recipients.register
def _(event: events.CodeWaived, order: Order, store: tuple[int, ...]) -> Recipients:
    if event.rider_id is None:
        return []
    return [(event.rider_id, "code_waived", {"number": event.number})]


@_recipients.register
def _(event: events.OrderPickedUp, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, "picked_up", {"number": event.number})]


@_recipients.register
def _(event: events.OrderDelivered, order: Order, store: tuple[int, ...]) -> Recipients:
    return [(event.customer_id, "delivered", {"number": event.number})]


@_recipients.register
def _(event: events.OrderCompleted, order: Order, store: tuple[int, ...]) -> Recipients:
    kind = "completed_auto" if event.automatic else "handed" if event.handed else "completed"
    return [(event.customer_id, kind, {"number": event.number})]


@_recipients.register
def _(event: events.OrderCancelled, order: Order, store: tuple[int, ...]) -> Recipients:
    params = {"number": event.number, "by": event.by_role, "reason": event.reason,
              "sold_out": event.sold_out}
    told: Recipients = [(event.customer_id, "cancelled", params)]
    if order.reached_store:
        told += [(chat, "cancelled_store", params) for chat in store]
    if event.rider_id is not None:
        told.append((event.rider_id, "cancelled_rider", params))
    return told


# --- alerts that are not order status changes: offers, dispatch trouble, riders -------------


def offer_alert(order: Order, offer: Offer) -> OutboxMessage:
    """The offer a rider sees: only the areas and distances, never the full addresses."""
    params = {
        "offer_id": offer.id,
        "number": order.number,
        "pickup_area": area(order.pickup),
        "destination_area": area(order.destination),
        "to_pickup_km": _km(offer.distance_km),
        "trip_km": _km(between(order.pickup, order.destination)),
        "size": order.size.value,
        "weight_kg": order.weight_kg,
        "heavy": order.is_heavy,
        "price": order.price,
        "payment": order.payment.value,
        "seconds": round((offer.expires_at - offer.offered_at).total_seconds()),
        "expires_at": offer.expires_at.isoformat(),
    }
    return OutboxMessage(offer.rider_id, "offer", offer.offered_at, params,
                         order_number=order.number)


def store_alerts(
    store: tuple[int, ...], kind: str, at: datetime, order_number: int | None = None, **params: Any
) -> list[OutboxMessage]:
    """The same message to every store chat."""
    return [OutboxMessage(chat, kind, at, dict(params), order_number=order_number)
            for chat in store]


def person_alert(chat_id: int, kind: str, at: datetime, **params: Any) -> OutboxMessage:
    return OutboxMessage(chat_id, kind, at, dict(params), order_number=params.get("number"))


def _km(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 1)
