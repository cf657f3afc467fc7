"""The arrival time of an order: the estimate in each case (domain.orders.eta), and keeping
it as the order and its rider move (domain.orders.arrivals), the promise, and lateness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.dispatch.riders import Rider, Vehicle
from domain.orders.eta import EtaRules, Missing, RiderAt, estimate, is_awaited, is_late, missing
from domain.orders.model import (
    Actor,
    Fulfilment,
    MenuOrder,
    Order,
    OrderLine,
    Parcel,
    PaymentMethod,
    Place,
    Role,
    Size,
)
from domain.people.model import Person
from domain.services import Services
from domain.shared.deadlines import DeadlineKind
from domain.shared.errors import InvalidAnswer
from domain.shared.geo import distance_km
from tests.fakes import FakeClock, FakeStore, alerts
from tests.unit.conftest import CODE, STAFF_ID, coffee_shop, parcel_order

T0 = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)  # 14:00 in Seoul
RULES = EtaRules()
SHOP = Place("12 Sejong-daero", 37.5665, 126.9780)
HOME = Place(lat=37.6665, lon=126.9780)  # 0.1° north of the shop: about 11.1 km
FAR = Place(lat=37.5665, lon=127.0780)  # a rider about 8.8 km east of the shop
STORE = Actor(Role.STORE, STAFF_ID, "Desk")
RIDER = Actor(Role.RIDER, 200, "Hyun")
CUSTOMER = Person(1, "Minji")
STAFF = Person(STAFF_ID, "Desk")


def ride(start: Place, end: Place, kmh: float = 22.0) -> timedelta:
    """The straight line times 1.3 (roads are longer) at `kmh`: the rule, written out."""
    km = distance_km(start.lat, start.lon, end.lat, end.lon)
    return timedelta(hours=km * 1.3 / kmh)


def meal(fulfilment: Fulfilment = Fulfilment.DELIVERY, destination: Place = HOME) -> Order:
    line = OrderLine("latte", "Café latte", "", 4500, 1)
    order = Order.place(1, Actor(Role.CUSTOMER, 1, "Minji"),
                        Parcel(Size.SMALL, 0.3, SHOP, destination, "010-1234-5678"),
                        PaymentMethod.CASH, 7500, T0,
                        menu=MenuOrder((line,), fulfilment, 3000))
    order.approve(STORE, T0, prep_minutes=20)
    return order


def parcel(pickup: Place = SHOP, destination: Place = HOME) -> Order:
    order = Order.place(2, Actor(Role.CUSTOMER, 1, "Minji"),
                        Parcel(Size.SMALL, 2.0, pickup, destination, "010-1234-5678"),
                        PaymentMethod.CASH, 4000, T0)
    order.approve(STORE, T0)
    return order


# --- the estimate, case by case --------------------------------------------------------------


def test_a_ride_is_the_straight_line_times_the_route_factor_at_the_vehicles_speed():
    eleven_km = RULES.travel(SHOP, HOME, "motorbike")
    assert eleven_km is not None and round(eleven_km.total_seconds() / 60) == 39
    assert RULES.travel(SHOP, HOME, None) == eleven_km  # unknown vehicle: a motorbike
    by = {v: RULES.travel(SHOP, HOME, v.value) for v in Vehicle}
    assert by[Vehicle.FOOT] > by[Vehicle.BICYCLE] > by[Vehicle.CAR] > by[Vehicle.MOTORBIKE]
    assert RULES.travel(SHOP, Place("Typed only"), "car") is None


def test_no_time_before_the_store_accepts_nor_once_settled():
    waiting = Order.place(3, Actor(Role.CUSTOMER, 1, "Minji"),
                          Parcel(Size.SMALL, 1.0, SHOP, HOME, "010"), PaymentMethod.CASH, 1, T0)
    assert estimate(waiting, T0, RULES) is None
    cancelled = meal()
    cancelled.cancel(STORE, T0, "closing")
    assert estimate(cancelled, T0, RULES) is None


def test_a_counter_pickup_is_ready_after_its_preparation_time_or_when_it_was_made():
    order = meal(Fulfilment.PICKUP)
    assert estimate(order, T0 + timedelta(minutes=1), RULES) == T0 + timedelta(minutes=20)
    order.start_preparing(STORE, T0 + timedelta(minutes=2))
    late_kitchen = T0 + timedelta(minutes=25)  # not made yet: not before now
    assert estimate(order, late_kitchen, RULES) == late_kitchen
    order.mark_ready(STORE, T0 + timedelta(minutes=15))
    assert estimate(order, T0 + timedelta(minutes=16), RULES) == T0 + timedelta(minutes=15)


def test_a_menu_delivery_before_a_rider_is_ready_time_then_shop_to_destination():
    order = meal()
    assert estimate(order, T0, RULES) == T0 + timedelta(minutes=20) + ride(SHOP, HOME)
    order.start_preparing(STORE, T0)
    order.mark_ready(STORE, T0 + timedelta(minutes=12))  # made early
    assert (estimate(order, T0 + timedelta(minutes=12), RULES)
            == T0 + timedelta(minutes=12) + ride(SHOP, HOME))


def test_a_menu_delivery_with_its_rider_waits_for_the_later_of_rider_and_kitchen():
    order = meal()
    order.start_preparing(STORE, T0)
    order.mark_ready(STORE, T0 + timedelta(minutes=5))
    now = T0 + timedelta(minutes=6)
    order.assign(RIDER, now, CODE)
    far = RiderAt(FAR, "bicycle")
    leaves = now + ride(FAR, SHOP, 14.0)  # the rider reaches the shop after it was made
    assert estimate(order, now, RULES, far) == leaves + ride(SHOP, HOME, 14.0)
    at_shop = RiderAt(SHOP, "bicycle")
    assert estimate(order, now, RULES, at_shop) == now + ride(SHOP, HOME, 14.0)
    # Position unknown: taken to be at the shop, at the vehicle's speed.
    assert estimate(order, now, RULES, None, "foot") == now + ride(SHOP, HOME, 4.5)


def test_an_order_picked_up_is_timed_from_the_rider_or_else_from_the_pickup():
    order = meal()
    order.start_preparing(STORE, T0)
    order.mark_ready(STORE, T0 + timedelta(minutes=5))
    order.assign(RIDER, T0 + timedelta(minutes=6), CODE)
    picked = T0 + timedelta(minutes=10)
    order.pick_up(RIDER, picked)
    now = T0 + timedelta(minutes=20)
    halfway = Place(lat=37.6165, lon=126.9780)
    assert estimate(order, now, RULES, RiderAt(halfway, "car")) == now + ride(halfway, HOME, 18.0)
    assert estimate(order, now, RULES, None, "car") == picked + ride(SHOP, HOME, 18.0)


def test_a_parcel_has_no_time_until_its_rider_is_known_and_then_goes_by_the_pickup():
    order = parcel()
    assert estimate(order, T0, RULES) is None  # no rider yet: offers may go round
    assert missing(order) is Missing.RIDER
    now = T0 + timedelta(minutes=3)
    order.assign(RIDER, now, CODE)
    assert estimate(order, now, RULES, None, "motorbike") is None  # where is the rider?
    assert (estimate(order, now, RULES, RiderAt(FAR, "motorbike"))
            == now + ride(FAR, SHOP) + ride(SHOP, HOME))
    order.pick_up(RIDER, now)
    assert estimate(order, now, RULES) == now + ride(SHOP, HOME)


def test_a_typed_address_without_a_map_point_gets_no_time_and_says_why():
    typed = meal(destination=Place("152 Teheran-ro"))
    assert estimate(typed, T0, RULES) is None and missing(typed) is Missing.MAP_POINT
    shop_unmapped = parcel(pickup=Place("Somewhere typed"))
    shop_unmapped.assign(RIDER, T0, CODE)
    assert estimate(shop_unmapped, T0, RULES, RiderAt(FAR)) is None
    assert missing(shop_unmapped) is Missing.MAP_POINT


def test_late_is_past_the_promise_while_the_promise_is_not_kept():
    order = meal(Fulfilment.PICKUP)
    order.promised_at = T0 + timedelta(minutes=20)
    assert not is_late(order, T0 + timedelta(minutes=19, seconds=59))
    assert is_late(order, T0 + timedelta(minutes=20))  # when the LATE deadline is due
    order.start_preparing(STORE, T0)
    order.mark_ready(STORE, T0 + timedelta(minutes=22))  # ready at the counter: kept
    assert not is_awaited(order) and not is_late(order, T0 + timedelta(minutes=30))
    settled = meal()
    settled.promised_at = T0
    settled.cancel(STORE, T0, "closing")
    assert not is_late(settled, T0 + timedelta(hours=1))


# --- keeping it: the reaction, the promise, the rider moving, the LATE deadline ----------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def store(clock) -> FakeStore:
    fake = FakeStore()
    rider = Rider.from_list(RIDER.user_id, RIDER.name, clock.now())
    rider.vehicle = Vehicle.MOTORBIKE
    fake.riders[RIDER.user_id] = rider
    return fake


@pytest.fixture
async def services(store, clock) -> Services:
    return await coffee_shop(store, clock)


async def delivery_to(services: Services, lat: float, lon: float) -> int:
    """A croissant delivered to a shared location, placed now; its number."""
    shop = services.menu
    await shop.start_cart(CUSTOMER)
    await shop.open_category(CUSTOMER, "bakery")
    await shop.pick_item(CUSTOMER, "croissant")
    await shop.answer_cart(CUSTOMER, "1")
    await shop.change_cart(CUSTOMER, lambda c: c.check_out())
    await shop.choose_fulfilment(CUSTOMER, "delivery")
    await shop.change_cart(CUSTOMER, lambda c: c.answer_location(lat, lon))
    await shop.answer_cart(CUSTOMER, "010-1234-5678")
    await shop.change_cart(CUSTOMER, lambda c: c.choose_payment("cash"))
    cart = await shop.current_cart(CUSTOMER)
    return (await shop.place_menu_order(CUSTOMER, cart.version)).number


def late_deadlines(store: FakeStore) -> list[datetime]:
    return [d.due_at for d in store.deadlines if d.kind is DeadlineKind.LATE]


async def test_approving_with_a_preparation_time_promises_an_arrival_and_sets_a_deadline(
    services, store, clock
):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    assert store.orders[number].eta_at is None  # not accepted yet
    clock.advance(minutes=1)
    await services.orders.approve(number, STAFF, prep_minutes=30)
    order = store.orders[number]
    expected = clock.now() + timedelta(minutes=30) + ride(SHOP, HOME)
    assert order.prep_minutes == 30
    assert order.eta_at == order.promised_at == expected
    assert late_deadlines(store) == [expected]


async def test_a_typed_approve_takes_the_default_and_odd_times_are_refused(services, store):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    with pytest.raises(InvalidAnswer) as refused:
        await services.orders.approve(number, STAFF, prep_minutes=15)
    assert refused.value.code == "prep_choice"
    await services.orders.approve(number, STAFF)
    assert store.orders[number].prep_minutes == 20
    store.orders[9] = parcel_order(9, T0)
    with pytest.raises(InvalidAnswer) as parcel_refused:
        await services.orders.approve(9, STAFF, prep_minutes=20)
    assert parcel_refused.value.code == "prep_menu_only"


async def test_the_time_moves_with_the_order_and_the_promise_stays(services, store, clock):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    await services.orders.approve(number, STAFF, prep_minutes=20)
    promised = store.orders[number].promised_at
    clock.advance(minutes=5)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)  # made in 5 minutes, not 20
    order = store.orders[number]
    assert order.eta_at == clock.now() + ride(SHOP, HOME)
    assert order.promised_at == promised and late_deadlines(store) == [promised]


async def test_a_rider_moving_changes_the_time_only_by_a_minute_or_more(services, store, clock):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    await services.orders.approve(number, STAFF, prep_minutes=10)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.jobs.accept_job(number, Person(RIDER.user_id, RIDER.name))
    order, rider = store.orders[number], store.riders[RIDER.user_id]
    arrivals, uow = services.arrivals, services.uow()
    before, promised = order.eta_at, order.promised_at

    rider.move_to(FAR.lat, FAR.lon, clock.now())
    assert await arrivals.rider_moved(uow, order, rider, clock.now()) is True
    assert order.eta_at == clock.now() + ride(FAR, SHOP) + ride(SHOP, HOME) != before

    clock.advance(seconds=20)  # 20 s later, a few metres on: the card shows the same minute
    rider.move_to(FAR.lat, FAR.lon - 0.0005, clock.now())
    shown = order.eta_at
    assert await arrivals.rider_moved(uow, order, rider, clock.now()) is False
    assert order.eta_at == shown

    stranger = Rider.from_list(999, "Other", clock.now())
    stranger.move_to(SHOP.lat, SHOP.lon, clock.now())
    assert await arrivals.rider_moved(uow, order, stranger, clock.now()) is False
    assert order.promised_at == promised  # the promise stays whatever the rider does


async def test_a_rider_moving_may_give_a_parcel_its_first_time_and_promise(
    services, store, clock
):
    store.orders[9] = parcel_order(9, T0)
    store.orders[9].pickup = SHOP
    store.orders[9].destination = HOME
    await services.orders.approve(9, STAFF)
    await services.jobs.accept_job(9, Person(RIDER.user_id, RIDER.name))
    order, rider = store.orders[9], store.riders[RIDER.user_id]
    assert order.eta_at is None and order.promised_at is None  # where is the rider?
    rider.move_to(FAR.lat, FAR.lon, clock.now())
    assert await services.arrivals.rider_moved(services.uow(), order, rider, clock.now())
    assert order.eta_at == order.promised_at == clock.now() + ride(FAR, SHOP) + ride(SHOP, HOME)
    assert late_deadlines(store) == [order.promised_at]


async def test_the_late_deadline_refreshes_both_cards_quietly_when_the_order_is_late(
    services, store, clock
):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    await services.orders.approve(number, STAFF, prep_minutes=10)
    promised = store.orders[number].promised_at
    assert promised is not None
    told_before, outbox_before = alerts(store), len(store.outbox)
    clock.current = promised + timedelta(seconds=5)
    await services.deadlines.fire_due()  # the store's reminder and expiry too, as no-ops
    refreshed = [(m.chat_id, m.kind) for m in store.outbox[outbox_before:]]
    assert refreshed == [(CUSTOMER.user_id, "order_card"), (100, "store_card"),
                         (101, "store_card")]
    assert alerts(store) == told_before  # no new message: the cards are edited
    assert is_late(store.orders[number], clock.now())


async def test_the_late_deadline_does_nothing_for_an_order_already_there(services, store, clock):
    number = await delivery_to(services, HOME.lat, HOME.lon)
    await services.orders.approve(number, STAFF, prep_minutes=10)
    order = store.orders[number]
    promised, eta = order.promised_at, order.eta_at
    await services.orders.cancel(number, STAFF, "closing")
    assert (order.promised_at, order.eta_at) == (promised, eta)  # settled: nothing cleared
    outbox_before = len(store.outbox)
    clock.advance(hours=2)
    await services.deadlines.fire_due()
    assert len(store.outbox) == outbox_before and not is_late(order, clock.now())


async def test_pending_lists_late_orders_the_longest_late_first(services, store, clock):
    first = await delivery_to(services, HOME.lat, HOME.lon)
    second = await delivery_to(services, HOME.lat, HOME.lon)
    waiting = await delivery_to(services, HOME.lat, HOME.lon)
    await services.orders.approve(second, STAFF, prep_minutes=10)
    await services.orders.approve(first, STAFF, prep_minutes=40)
    assert (await services.orders.pending(STAFF)).late == []
    clock.advance(hours=2)
    found = await services.orders.pending(STAFF)
    assert [o.number for o in found.waiting] == [waiting]
    assert [o.number for o in found.late] == [second, first]
