"""Every kind of message the outbox carries. The notifier renders each (notifier/render.py);
a unit test renders every kind in every language, so a kind without its text fails there,
not at send time."""

from __future__ import annotations

from enum import StrEnum


class AlertKind(StrEnum):
    # to the customer, as their order moves
    PLACED = "placed"
    PAID_PLACED = "paid_placed"
    APPROVED = "approved"
    APPROVED_MENU = "approved_menu"
    REJECTED = "rejected"
    PREPARING = "preparing"
    READY = "ready"
    READY_PICKUP = "ready_pickup"
    ASSIGNED = "assigned"
    ASSIGNED_MENU = "assigned_menu"  # the customer gives the code themself
    RELEASED = "released"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    DELIVERED_MENU = "delivered_menu"
    COMPLETED = "completed"
    COMPLETED_AUTO = "completed_auto"
    HANDED = "handed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    EXPIRED_UNPAID = "expired_unpaid"
    REFUND_STARTED = "refund_started"
    REFUND_BY_STORE = "refund_by_store"
    REFUNDED = "refunded"
    ORDER_CARD = "order_card"  # the customer's one message per order, edited in place
    RIDER_LOCATION = "rider_location"  # the live map of the rider: shown, then moved
    RIDER_LOCATION_END = "rider_location_end"  # the job is over: the live map stops
    RIDER_NEARBY = "rider_nearby"  # the rider is almost there
    # to the store
    NEW_ORDER = "new_order"
    STORE_CARD = "store_card"  # the new-order alert, edited as the order moves
    STORE_REMINDER = "store_reminder"
    EXPIRED_STORE = "expired_store"
    CANCELLED_STORE = "cancelled_store"
    REFUND_TO_SETTLE = "refund_to_settle"
    CODE_LOCKED = "code_locked"
    DISPATCH_FAILED = "dispatch_failed"
    RIDER_REQUEST = "rider_request"
    # to riders
    OFFER = "offer"
    CANCELLED_RIDER = "cancelled_rider"
    CODE_WAIVED = "code_waived"
    RIDER_APPROVED = "rider_approved"
    RIDER_DECLINED = "rider_declined"
    RIDER_SUSPENDED = "rider_suspended"
    RIDER_REINSTATED = "rider_reinstated"
    RIDER_AUTO_OFFLINE = "rider_auto_offline"
    # to the admins
    DELIVERY_FAILED = "delivery_failed"
    OUTAGE_STARTED = "outage_started"
    OUTAGE_ENDED = "outage_ended"
    STORE_CHAT_LOST = "store_chat_lost"
    STORE_CHAT_BACK = "store_chat_back"
    STORE_TOPIC_GONE = "store_topic_gone"
    STORE_TOPIC_BACK = "store_topic_back"
    BROADCAST_REPORT = "broadcast_report"
    # to everyone in an audience
    BROADCAST = "broadcast"


# Rendered by the sender itself, not from a text of their own: the order card is the order's
# current card, an announcement is the admin's own text, the live map a point.
RENDERED_BY_SENDER = frozenset({AlertKind.ORDER_CARD, AlertKind.STORE_CARD,
                                AlertKind.BROADCAST, AlertKind.RIDER_LOCATION,
                                AlertKind.RIDER_LOCATION_END})
