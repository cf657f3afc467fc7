"""Reading orders on fakes: the page of orders (filters, newest first, the cursor), one order,
and a day's numbers (by status, the average delivery time, riders online)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.dispatch.riders import Rider
from domain.orders.model import Actor, Invoice, Order, Role, Status
from domain.reading.use_cases import LIVE, MAX_PAGE_SIZE
from domain.services import Rules, Services
from domain.shared.errors import NotFound
from domain.shared.repositories import OrderFilter
from tests.fakes import FakeClock, FakeStore, FakeUnitOfWork
from tests.unit.conftest import parcel_order

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=SEOUL)  # 09:00 UTC
CUSTOMER = Actor(Role.CUSTOMER, 1, "Minji")
STAFF = Actor(Role.STORE, 100, "Desk")
RIDER = Actor(Role.RIDER, 200, "Hyun")


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def services(store: FakeStore) -> Services:
    return Services(lambda: FakeUnitOfWork(store), FakeClock(NOW), Rules())


def add(store: FakeStore, number: int, at: datetime, prepaid: bool = False) -> Order:
    """Order #number, placed at `at` (cash), or waiting for its payment (prepaid)."""
    order = parcel_order(number, at, invoice=Invoice("XTR", 200) if prepaid else None)
    store.orders[number] = order
    return order


def deliver(order: Order, at: datetime) -> None:
    """Approve, assign, pick up and deliver the order, the handover at `at`."""
    order.approve(STAFF, at - timedelta(minutes=3))
    order.assign(RIDER, at - timedelta(minutes=2), "1234")
    order.pick_up(RIDER, at - timedelta(minutes=1))
    order.deliver(RIDER, at, "1234")


def numbers(orders: list[Order]) -> list[int]:
    return [order.number for order in orders]


async def test_orders_come_newest_first_a_page_at_a_time_with_the_cursor_of_the_next(
    services, store
):
    for number in range(1, 6):
        add(store, number, NOW - timedelta(minutes=10 - number))

    first = await services.reading.orders(limit=2)
    second = await services.reading.orders(OrderFilter(before=first.next_before), 2)
    last = await services.reading.orders(OrderFilter(before=second.next_before), 2)

    assert (numbers(first.orders), first.next_before) == ([5, 4], 4)
    assert (numbers(second.orders), second.next_before) == ([3, 2], 2)
    assert (numbers(last.orders), last.next_before) == ([1], None)


async def test_a_last_page_that_is_exactly_full_says_there_is_no_next(services, store):
    for number in range(1, 5):
        add(store, number, NOW)

    page = await services.reading.orders(OrderFilter(before=3), limit=2)

    assert (numbers(page.orders), page.next_before) == ([2, 1], None)


async def test_orders_are_filtered_by_one_status_or_several(services, store):
    add(store, 1, NOW)
    add(store, 2, NOW).approve(STAFF, NOW)
    add(store, 3, NOW).cancel(CUSTOMER, NOW)
    deliver(add(store, 4, NOW), NOW)

    placed = await services.reading.orders(OrderFilter(frozenset({Status.PLACED})))
    live = await services.reading.orders(OrderFilter(frozenset(LIVE)))

    assert numbers(placed.orders) == [1]
    assert numbers(live.orders) == [4, 2, 1]  # delivered is live until confirmed; not cancelled


async def test_orders_are_filtered_by_when_they_were_placed_from_since_up_to_until(
    services, store
):
    for number, hour in enumerate([8, 9, 10, 11], start=1):
        add(store, number, NOW.replace(hour=hour))

    found = await services.reading.orders(OrderFilter(since=NOW.replace(hour=9),
                                                      until=NOW.replace(hour=11)))

    assert numbers(found.orders) == [3, 2]  # 09:00 in, 11:00 out


async def test_a_page_larger_than_the_most_allowed_is_refused(services):
    with pytest.raises(ValueError):
        await services.reading.orders(limit=MAX_PAGE_SIZE + 1)
    with pytest.raises(ValueError):
        await services.reading.orders(limit=0)


async def test_one_order_comes_with_its_timeline(services, store):
    deliver(add(store, 7, NOW - timedelta(minutes=30)), NOW)

    order = await services.reading.order(7)

    assert [entry.status for entry in order.timeline] == [
        Status.PLACED, Status.APPROVED, Status.ASSIGNED, Status.PICKED_UP, Status.DELIVERED]
    assert order.timeline[-1].actor_name == "Hyun"


async def test_an_unknown_order_is_not_found(services):
    with pytest.raises(NotFound) as refused:
        await services.reading.order(99)
    assert refused.value.code == "order_not_found" and refused.value.params == {"number": 99}


async def test_the_days_numbers_count_the_orders_placed_that_day_in_the_store_time_zone(
    services, store
):
    midnight = datetime(2026, 11, 20, 0, 0, tzinfo=SEOUL)
    add(store, 1, midnight - timedelta(seconds=1))  # yesterday in Seoul
    add(store, 2, midnight)
    add(store, 3, midnight + timedelta(hours=1)).approve(STAFF, NOW)
    add(store, 4, NOW).cancel(CUSTOMER, NOW)
    deliver(add(store, 5, NOW - timedelta(minutes=40)), NOW)
    store.orders[5].complete(CUSTOMER, NOW)
    add(store, 6, midnight + timedelta(days=1))  # tomorrow

    stats = await services.reading.stats(SEOUL)

    assert stats.day == date(2026, 11, 20)
    assert stats.total == 4
    assert {s: n for s, n in stats.by_status.items() if n} == {
        Status.PLACED: 1, Status.APPROVED: 1, Status.CANCELLED: 1, Status.COMPLETED: 1}
    assert set(stats.by_status) == set(Status)  # every status, zeros too
    assert (stats.completed, stats.cancelled, stats.delivered) == (1, 1, 1)


async def test_the_average_delivery_time_runs_from_placed_to_delivered(services, store):
    deliver(add(store, 1, NOW.replace(hour=12)), NOW.replace(hour=12, minute=30))  # 30 min
    deliver(add(store, 2, NOW.replace(hour=14)), NOW.replace(hour=14, minute=45))  # 45 min
    # Prepaid: created 10:00, paid (placed) 10:10, delivered 10:50: 40 minutes, not 50.
    paid = add(store, 3, NOW.replace(hour=10), prepaid=True)
    paid.pay(NOW.replace(hour=10, minute=10))
    deliver(paid, NOW.replace(hour=10, minute=50))
    add(store, 4, NOW - timedelta(minutes=5))  # not delivered: not in the average

    stats = await services.reading.stats(SEOUL)

    assert stats.delivered == 3
    assert stats.average_delivery_minutes == round((30 + 45 + 40) / 3, 1) == 38.3


async def test_an_order_delivered_after_midnight_is_not_in_the_average_of_the_day_it_was_placed(
    services, store
):
    late = datetime(2026, 11, 19, 23, 50, tzinfo=SEOUL)
    deliver(add(store, 1, late), late + timedelta(minutes=30))

    day_before = await services.reading.stats(SEOUL, day=date(2026, 11, 19))

    assert day_before.total == 1 and day_before.by_status[Status.DELIVERED] == 1
    assert (day_before.delivered, day_before.average_delivery_minutes) == (0, None)


async def test_a_day_without_orders_has_zero_counts_and_no_average(services):
    stats = await services.reading.stats(SEOUL)

    assert (stats.total, stats.delivered, stats.average_delivery_minutes) == (0, 0, None)


async def test_riders_online_counts_active_riders_on_duty_now(services, store):
    for user_id, online in [(200, True), (201, True), (202, False), (203, True)]:
        rider = Rider.from_list(user_id, f"Rider {user_id}", NOW)
        rider.online = online
        store.riders[user_id] = rider
    store.riders[203].suspend()  # suspending also takes them off duty

    stats = await services.reading.stats(SEOUL)

    assert stats.riders_online == 2
