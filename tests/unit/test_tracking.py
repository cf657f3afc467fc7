"""The rider on the customer's map, on fakes: the throttle, the one nearby alert, where the
map starts and stops, and that nothing of the route is kept (issue 21, points 1, 2, 4)."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.dispatch.tracking import Tell, Tracking, TrackingRules
from domain.people.model import Person
from domain.services import Services
from domain.shared.geo import distance_km
from tests.fakes import FakeClock, FakeStore
from tests.unit.test_dispatch import (
    CITY_HALL,
    CUSTOMER,
    NEAR,
    POSITIONS,
    STAFF,
    approved_order,
    hire,
    services_with,
)

GANGNAM = (37.4979, 127.0276)
T0 = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
RULES = TrackingRules()


def north(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres / 111_195, point[1]


def test_the_first_point_is_shown_at_once():
    tracking = Tracking.start(1, 10, 20, T0)
    assert tracking.follow(*CITY_HALL, T0, RULES) == [Tell.MOVE]
    assert tracking.point == CITY_HALL


@pytest.mark.parametrize(("seconds", "metres", "moves"), [
    (5, 500, False),  # too soon, however far
    (10, 29, False),  # long enough, not far enough
    (10, 30, True),
    (60, 1000, True),
])
def test_the_map_moves_only_every_ten_seconds_and_thirty_metres(seconds, metres, moves):
    tracking = Tracking.start(1, 10, 20, T0)
    tracking.follow(*CITY_HALL, T0, RULES)
    there = north(CITY_HALL, metres)
    told = tracking.follow(*there, T0 + timedelta(seconds=seconds), RULES)
    assert (told == [Tell.MOVE]) is moves
    assert tracking.point == (there if moves else CITY_HALL)


def test_a_move_held_back_goes_out_with_the_next_position_after_the_wait():
    tracking = Tracking.start(1, 10, 20, T0)
    tracking.follow(*CITY_HALL, T0, RULES)
    assert tracking.follow(*north(CITY_HALL, 200), T0 + timedelta(seconds=3), RULES) == []
    later = north(CITY_HALL, 210)
    assert tracking.follow(*later, T0 + timedelta(seconds=11), RULES) == [Tell.MOVE]


def test_the_nearby_alert_is_told_once_and_only_on_the_way_to_the_destination():
    destination = (37.4979, 127.0276)
    tracking = Tracking.start(1, 10, 20, T0)
    assert tracking.follow(*north(destination, 250), T0, RULES) == [Tell.MOVE]  # not carrying
    assert Tell.NEARBY in tracking.follow(*north(destination, 250), T0 + timedelta(seconds=20),
                                          RULES, heading_to=destination)
    assert distance_km(*north(destination, 250), *destination) * 1000 == pytest.approx(250, 1)
    again = tracking.follow(*north(destination, 100), T0 + timedelta(seconds=40), RULES,
                            heading_to=destination)
    assert again == [Tell.MOVE]


def test_ending_stops_a_shown_map_and_forgets_the_point():
    tracking = Tracking.start(1, 10, 20, T0)
    tracking.follow(*CITY_HALL, T0, RULES)
    assert tracking.end(T0 + timedelta(minutes=5)) == [Tell.STOP]
    assert (tracking.lat, tracking.lon, tracking.point) == (None, None, None)
    assert tracking.follow(*north(CITY_HALL, 500), T0 + timedelta(minutes=6), RULES) == []
    assert tracking.end(T0 + timedelta(minutes=7)) == []  # once


def test_a_map_never_shown_has_nothing_to_stop():
    assert Tracking.start(1, 10, 20, T0).end(T0) == []


# --- with the use cases ----------------------------------------------------------------


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def maps_told(store: FakeStore) -> list[str]:
    return [m.kind.value for m in store.outbox if m.chat_id == CUSTOMER.user_id
            and m.kind.value.startswith("rider_")]


async def accepted_by_near(store: FakeStore, clock: FakeClock) -> tuple[Services, int]:
    """An order taken by the rider NEAR, whose position is fresh."""
    services = services_with(store, clock)
    await hire(services, store, NEAR, where=POSITIONS[NEAR])
    number = await approved_order(services)
    offer = next(o for o in store.offers if o.order_number == number)
    await services.jobs.accept_offer(offer.id, NEAR)
    return services, number


async def test_a_rider_with_a_fresh_position_is_on_the_customers_map_from_the_accept(
    store: FakeStore, clock: FakeClock
):
    _, number = await accepted_by_near(store, clock)
    assert maps_told(store) == ["rider_location"]
    assert store.trackings[number].point == POSITIONS[NEAR]


async def test_a_stale_position_waits_for_the_riders_next_one(store: FakeStore, clock: FakeClock):
    services = services_with(store, clock)
    await hire(services, store, NEAR, where=POSITIONS[NEAR])
    number = await approved_order(services)
    offer = next(o for o in store.offers if o.order_number == number)
    clock.advance(minutes=11)  # older than POSITION_MAX_AGE
    await services.jobs.accept_offer(offer.id, NEAR)
    assert maps_told(store) == []
    await services.fleet.move(NEAR, *CITY_HALL)
    assert maps_told(store) == ["rider_location"]


async def test_each_customer_sees_only_the_rider_of_their_own_order(
    store: FakeStore, clock: FakeClock
):
    services, mine = await accepted_by_near(store, clock)
    other_rider, other_customer = Person(299, "Other"), Person(2, "Jisu")
    await hire(services, store, other_rider, where=north(CITY_HALL, 200))
    theirs = await approved_order(services, customer=other_customer)
    offer = next(o for o in store.offers if o.order_number == theirs and o.is_pending)
    assert offer.rider_id == other_rider.user_id  # NEAR is busy with the first
    await services.jobs.accept_offer(offer.id, other_rider)
    clock.advance(seconds=30)
    await services.fleet.move(NEAR, *north(CITY_HALL, 500))
    await services.fleet.move(other_rider, *north(CITY_HALL, 900))
    readers = {(m.order_number, m.chat_id) for m in store.outbox
               if m.kind.value == "rider_location"}
    assert readers == {(mine, CUSTOMER.user_id), (theirs, other_customer.user_id)}
    assert store.trackings[mine].point == north(CITY_HALL, 500)
    assert store.trackings[theirs].point == north(CITY_HALL, 900)


async def test_a_rider_going_offline_is_no_longer_followed(store: FakeStore, clock: FakeClock):
    services, number = await accepted_by_near(store, clock)
    await services.fleet.go_offline(NEAR)
    assert maps_told(store) == ["rider_location", "rider_location_end"]
    clock.advance(seconds=30)
    await services.fleet.move(NEAR, *north(CITY_HALL, 500))
    assert maps_told(store) == ["rider_location", "rider_location_end"]
    assert store.trackings[number].point is None


async def test_suspending_the_rider_stops_every_map_following_them(
    store: FakeStore, clock: FakeClock
):
    services, number = await accepted_by_near(store, clock)
    await services.jobs.pick_up(number, NEAR)  # picked up: the rider keeps the parcel
    await services.fleet.suspend(NEAR.user_id, STAFF)
    assert maps_told(store) == ["rider_location", "rider_location_end"]
    assert store.trackings[number].point is None


async def test_a_job_given_back_and_taken_again_gets_a_new_map_for_the_new_rider(
    store: FakeStore, clock: FakeClock
):
    services = services_with(store, clock)
    await hire(services, store, NEAR, where=POSITIONS[NEAR])
    other = Person(299, "Other")
    await hire(services, store, other, where=north(CITY_HALL, 100))
    number = await approved_order(services)
    offer = next(o for o in store.offers if o.order_number == number and o.is_pending)
    first = Person(offer.rider_id, "")
    await services.jobs.accept_offer(offer.id, first)
    await services.jobs.release_job(number, first)
    again = next(o for o in store.offers if o.order_number == number and o.is_pending)
    await services.jobs.accept_offer(again.id, Person(again.rider_id, ""))
    assert maps_told(store) == ["rider_location", "rider_location_end", "rider_location"]
    assert store.trackings[number].rider_id == again.rider_id != first.user_id


async def test_the_arrival_time_moves_with_the_rider_and_the_card_shows_it(
    store: FakeStore, clock: FakeClock
):
    """A parcel from City Hall to Gangnam (both points): once the rider has it, each move of
    the rider that shifts the arrival by a minute or more refreshes the customer's card."""
    services = services_with(store, clock)
    await hire(services, store, NEAR, where=POSITIONS[NEAR])
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "small")
    await services.parcels.answer(CUSTOMER, "2")
    await services.parcels.answer_location(CUSTOMER, *CITY_HALL)
    await services.parcels.answer_location(CUSTOMER, *GANGNAM)
    await services.parcels.answer(CUSTOMER, "010-1234-5678")
    await services.parcels.answer(CUSTOMER, "cash")
    draft = await services.parcels.current_draft(CUSTOMER)
    number = (await services.parcels.place(CUSTOMER, draft.version)).number
    await services.orders.approve(number, STAFF)
    offer = next(o for o in store.offers if o.order_number == number)
    await services.jobs.accept_offer(offer.id, NEAR)
    first = store.orders[number].eta_at
    assert first is not None and store.orders[number].promised_at == first

    def card_refreshes() -> int:
        return sum(m.kind.value == "order_card" and m.chat_id == CUSTOMER.user_id
                   for m in store.outbox)

    before = card_refreshes()
    clock.advance(seconds=20)
    await services.fleet.move(NEAR, *north(POSITIONS[NEAR], 15))  # a few seconds' ride
    assert card_refreshes() == before  # under a minute: the card is left alone
    clock.advance(seconds=20)
    await services.fleet.move(NEAR, *north(POSITIONS[NEAR], 3000))  # the wrong way, 3 km
    assert card_refreshes() == before + 1
    assert store.orders[number].eta_at > first
    assert store.orders[number].promised_at == first  # the promise stays
