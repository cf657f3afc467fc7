"""Every kind of alert renders in English and in Korean, from the parameters the domain gives
it, with the longest inputs a person can type: a kind without its text, or with a text that
needs a parameter the domain does not give, fails here rather than at send time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.alerts.kinds import RENDERED_BY_SENDER, AlertKind
from domain.alerts.outbox import OutboxMessage
from domain.dispatch.offers import Offer, offer_alert
from domain.orders.alerts import order_snapshot
from domain.orders.model import (
    Actor,
    Fulfilment,
    Invoice,
    MenuOrder,
    Order,
    OrderLine,
    Parcel,
    PaymentMethod,
    Place,
    Role,
    Size,
)
from notifier.render import RENDERERS, render_alert
from views.i18n import MAX_MESSAGE, utf16_length

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")
NAME = "김" * 64  # Telegram allows 64 characters in a first name
ADDRESS = "서울특별시 강남구 테헤란로 152 " * 14  # the wizard takes up to 300 characters
REASON = "가" * 200


def parcel_order() -> Order:
    parcel = Parcel(Size.LARGE, 19.5, Place(ADDRESS[:300], 37.5665, 126.978),
                    Place(ADDRESS[:300], 37.5006, 127.0366), "010-1234-5678")
    return Order.place(7, Actor(Role.CUSTOMER, 1001, NAME), parcel, PaymentMethod.CASH,
                       123_000, NOW)


def menu_order() -> Order:
    lines = tuple(OrderLine(f"item{i}", "카페 라떼 " * 5, "Large, extra shot", 5_000, 9)
                  for i in range(20))
    parcel = Parcel(Size.SMALL, 1.0, Place(ADDRESS[:300]), Place(ADDRESS[:300]),
                    "010-1234-5678")
    return Order.place(8, Actor(Role.CUSTOMER, 1001, NAME), parcel, PaymentMethod.PREPAID,
                       900_000, NOW, invoice=Invoice("XTR", 45_000),
                       menu=MenuOrder(lines, Fulfilment.DELIVERY, 3_000))


def offer_params(order: Order) -> dict:
    offer = Offer(order_number=order.number, rider_id=3001, offered_at=NOW,
                  expires_at=NOW + timedelta(seconds=60), distance_km=1.234, id=5)
    return offer_alert(order, offer).params


NUMBER = {"number": 7}
REFUND = {"number": 7, "amount": 250, "currency": "XTR"}
CANCEL = {"number": 7, "by": "store", "reason": REASON, "sold_out": None}
ASSIGNED = {"number": 7, "rider_name": NAME, "vehicle": "motorbike", "code": "0042"}

# What the domain puts in each kind's parameters (see domain/orders/alerts.py and the
# use cases that queue alerts).
PARAMS: dict[AlertKind, list[dict]] = {
    AlertKind.PLACED: [NUMBER],
    AlertKind.PAID_PLACED: [NUMBER],
    AlertKind.APPROVED: [NUMBER],
    AlertKind.APPROVED_MENU: [NUMBER],
    AlertKind.REJECTED: [{"number": 7, "reason": REASON}],
    AlertKind.PREPARING: [NUMBER],
    AlertKind.READY: [NUMBER],
    AlertKind.READY_PICKUP: [NUMBER],
    AlertKind.ASSIGNED: [ASSIGNED, {**ASSIGNED, "vehicle": None, "code": None}],
    AlertKind.ASSIGNED_MENU: [ASSIGNED],
    AlertKind.RELEASED: [NUMBER],
    AlertKind.PICKED_UP: [NUMBER],
    AlertKind.RIDER_NEARBY: [NUMBER],
    AlertKind.DELIVERED: [NUMBER],
    AlertKind.DELIVERED_MENU: [NUMBER],
    AlertKind.COMPLETED: [NUMBER],
    AlertKind.COMPLETED_AUTO: [{"number": 7, "hours": 24}],
    AlertKind.HANDED: [NUMBER],
    AlertKind.CANCELLED: [CANCEL, {**CANCEL, "by": "customer", "reason": None},
                          {**CANCEL, "sold_out": "카페 라떼 " * 5}],
    AlertKind.EXPIRED: [NUMBER],
    AlertKind.EXPIRED_UNPAID: [NUMBER],
    AlertKind.REFUND_STARTED: [REFUND],
    AlertKind.REFUND_BY_STORE: [REFUND, {**REFUND, "currency": "KRW", "amount": 12_500}],
    AlertKind.REFUNDED: [REFUND],
    AlertKind.NEW_ORDER: [order_snapshot(parcel_order()), order_snapshot(menu_order())],
    AlertKind.STORE_REMINDER: [order_snapshot(parcel_order()), order_snapshot(menu_order())],
    AlertKind.EXPIRED_STORE: [NUMBER],
    AlertKind.CANCELLED_STORE: [CANCEL],
    AlertKind.REFUND_TO_SETTLE: [{**REFUND, "currency": "KRW", "amount": 12_500}],
    AlertKind.CODE_LOCKED: [{"number": 7, "rider_name": NAME}],
    AlertKind.DISPATCH_FAILED: [{"number": 7, "why": "rounds", "offers": 5},
                                {"number": 7, "why": "no_rider", "offers": 0}],
    AlertKind.RIDER_REQUEST: [{"user_id": 3001, "name": NAME, "vehicle": "bicycle"}],
    AlertKind.OFFER: [offer_params(parcel_order()), offer_params(menu_order())],
    AlertKind.CANCELLED_RIDER: [CANCEL],
    AlertKind.CODE_WAIVED: [NUMBER],
    AlertKind.RIDER_APPROVED: [{}],
    AlertKind.RIDER_DECLINED: [{}],
    AlertKind.RIDER_SUSPENDED: [{}],
    AlertKind.RIDER_REINSTATED: [{}],
    AlertKind.RIDER_AUTO_OFFLINE: [{}],
    AlertKind.DELIVERY_FAILED: [{"chat_id": 1001, "kind": "approved", "number": 7,
                                 "error": "Forbidden: " + "x" * 500},
                                {"chat_id": 1001, "kind": "broadcast_report", "number": None,
                                 "error": ""}],
    AlertKind.OUTAGE_STARTED: [{"since": NOW.isoformat()}],
    AlertKind.OUTAGE_ENDED: [{"since": NOW.isoformat(), "at": NOW.isoformat(), "held": 42}],
    AlertKind.STORE_CHAT_LOST: [{"why": why} for why in ("removed", "no_rights", "unknown")],
    AlertKind.STORE_CHAT_BACK: [{}],
    AlertKind.STORE_TOPIC_GONE: [{}],
    AlertKind.STORE_TOPIC_BACK: [{}],
    AlertKind.BROADCAST_REPORT: [{"id": 3, "state": state, "total": 5000, "sent": 4990,
                                  "unreachable": 7, "failed": 2, "cancelled": 1}
                                 for state in ("finished", "cancelled")],
}
RENDERED = [kind for kind in AlertKind if kind not in RENDERED_BY_SENDER]


def test_every_kind_has_a_renderer_and_parameters_to_test_it_with():
    assert set(RENDERERS) == set(RENDERED)
    assert set(PARAMS) == set(RENDERED)


@pytest.mark.parametrize("kind", RENDERED, ids=str)
def test_every_kind_reads_in_english_and_in_korean(kind: AlertKind):
    for params in PARAMS[kind]:
        message = OutboxMessage(1001, kind, NOW, params, order_number=params.get("number"))
        english, english_buttons = render_alert(message, "en", SEOUL)
        korean, korean_buttons = render_alert(message, "ko", SEOUL)
        assert english.strip() and korean.strip()
        assert korean != english, f"{kind} has no Korean text of its own"
        assert any("\uac00" <= ch <= "\ud7a3" for ch in korean), f"{kind}: no Hangul in {korean!r}"
        for text in (english, korean):
            assert utf16_length(text) <= MAX_MESSAGE, f"{kind} is too long for one message"
            assert "{" not in text.replace("{}", ""), f"{kind} left a placeholder: {text!r}"
        assert (english_buttons is None) == (korean_buttons is None)


def test_an_unknown_kind_is_refused_not_sent_blank():
    with pytest.raises(ValueError):
        render_alert(OutboxMessage(1001, "no_such_kind", NOW, {}), "en", SEOUL)
