"""An order's card fits one Telegram message however long its history grows: the latest
moves are shown, the earlier ones summed up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.orders.model import Actor, Order, Parcel, PaymentMethod, Place, Role, Size
from views.i18n import MAX_MESSAGE, utf16_length
from views.orders import order_card
from views.words import moment, reason_key, reason_words

AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
STORE = Actor(Role.STORE, 100, "가" * 64)
NAME = "🛵" * 32  # 64 UTF-16 units: as long as a Telegram first name gets


def busy_order(cycles: int) -> Order:
    """Approved, then taken and given back by riders `cycles` times, each with long names."""
    parcel = Parcel(Size.LARGE, 29.5, Place("서울 " * 100), Place("부산 " * 100),
                    "+82 10 1234 5678")
    order = Order.place(7, Actor(Role.CUSTOMER, 1, NAME), parcel, PaymentMethod.CASH, 90_000, AT)
    order.approve(STORE, AT)
    for cycle in range(cycles):
        rider = Actor(Role.RIDER, 200 + cycle, NAME)
        at = AT + timedelta(minutes=cycle)
        order.assign(rider, at, "4821")
        order.release(rider, at)
    return order


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("cycles", "summed_up"), [(0, False), (200, True)])
def test_the_card_fits_one_message_with_the_latest_moves(lang: str, cycles: int,
                                                         summed_up: bool):
    order = busy_order(cycles)
    card = order_card(lang, order, ZoneInfo("Asia/Seoul"), for_customer=True)
    assert utf16_length(card) <= MAX_MESSAGE
    last = moment(lang, order.timeline[-1].at, ZoneInfo("Asia/Seoul"))
    assert card.rstrip().splitlines()[-1].startswith(last)  # the newest move is there
    earlier = "earlier" if lang == "en" else "이전 기록"
    assert (earlier in card) == summed_up


def test_a_ready_made_reason_reads_in_each_readers_language_and_a_typed_one_as_typed():
    busy = reason_key("reject_reason", "busy")
    assert reason_words("en", busy) == "We are too busy right now"
    assert reason_words("ko", busy) == "지금은 주문이 너무 많아요"
    assert reason_words("ko", "Storm warning <b>today</b>") == "Storm warning <b>today</b>"
    assert reason_words("ko", "reject_reason.nonsense") == "reject_reason.nonsense"  # typed
