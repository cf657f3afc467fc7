"""The arrival line of the cards: the time, a counter pickup's ready time, why there is none,
late once the promise passed (by the views' clock), and nothing for a settled order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.orders.model import Fulfilment, Order, Place
from domain.shared.clock import SystemClock
from tests.fakes import FakeClock
from tests.unit import test_eta
from tests.unit.test_eta import STORE, T0, parcel
from views.orders import arrival, decision_steps, order_card, store_card
from views.words import use_clock

SEOUL = ZoneInfo("Asia/Seoul")
ETA = T0 + timedelta(minutes=35)  # 14:35 in Seoul


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock(T0)
    use_clock(fake)
    yield fake
    use_clock(SystemClock())


def meal(fulfilment: Fulfilment = Fulfilment.DELIVERY,
         destination: Place = test_eta.HOME) -> Order:
    """test_eta's latte, approved, promised for 14:35."""
    order = test_eta.meal(fulfilment, destination)
    order.eta_at = order.promised_at = ETA
    return order


def test_the_cards_say_when_it_arrives_in_both_languages(clock):
    order = meal()
    assert "\n🕒 Arriving about 2:35 PM" in order_card("en", order, SEOUL, for_customer=True)
    assert "\n🕒 오후 2:35 도착 예정" in store_card("ko", order, SEOUL)


def test_a_counter_pickup_says_when_it_is_ready(clock):
    order = meal(Fulfilment.PICKUP)
    assert arrival("en", order, SEOUL) == "\n🕒 Ready about 2:35 PM"
    assert arrival("ko", order, SEOUL) == "\n🕒 오후 2:35 준비 완료 예정"


def test_without_a_time_the_card_says_why(clock):
    typed = meal(destination=Place("152 Teheran-ro"))
    typed.eta_at = typed.promised_at = None
    assert "no point on the map" in arrival("en", typed, SEOUL)
    assert arrival("en", parcel(), SEOUL) == (
        "\n🕒 Arrival time: shown once we know where the rider is")


def test_past_the_promise_the_card_says_late_and_a_settled_order_says_nothing(clock):
    order = meal()
    clock.advance(minutes=36)
    assert arrival("en", order, SEOUL) == "\n⏰ Late: promised 2:35 PM"
    assert arrival("ko", order, SEOUL) == "\n⏰ 늦어지고 있어요 (약속 시간 오후 2:35)"
    order.cancel(STORE, clock.now(), "closing")
    assert arrival("en", order, SEOUL) == ""


def test_a_menu_order_is_approved_with_its_preparation_time_and_a_parcel_with_approve():
    assert decision_steps("en", 5, menu=True) == [
        ("✅ 10 min", "approvein:5:10"), ("✅ 20 min", "approvein:5:20"),
        ("✅ 30 min", "approvein:5:30"), ("✅ 40 min", "approvein:5:40"), ("✖ Reject", "reject:5")]
    assert [label for label, _ in decision_steps("ko", 5, menu=True)][:2] == ["✅ 10분", "✅ 20분"]
    assert decision_steps("en", 5) == [("✅ Approve", "approve:5"), ("✖ Reject", "reject:5")]
