"""Whether the shop takes orders (hours, a pause) on a fake clock; orders refused while it
does not, carts and drafts kept; the minimum order; the delivery zone and fees by distance."""

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.menu.use_cases import MenuRules, ShopMode
from domain.orders.model import Fulfilment, Place
from domain.people.model import Person
from domain.services import Rules, Services
from domain.shared.errors import InvalidAnswer, NotAllowed
from domain.shop.hours import parse_hours
from domain.shop.opening import Door, Opening, OpeningRules, ShopClosed, ShopState, decide
from domain.shop.zone import DeliveryZone
from tests.fakes import FakeClock, FakeStore, FakeUnitOfWork
from tests.unit.conftest import STAFF_ID, STORE_CHATS, example_catalog
from tests.unit.test_menu_orders import AMERICANO, CROISSANT, fill_cart

SEOUL = ZoneInfo("Asia/Seoul")
CUSTOMER = Person(1, "Minji")
STAFF = Person(STAFF_ID, "Desk")
WEEKDAYS = OpeningRules(parse_hours("mon-fri 09:00-21:00; sat 10:00-18:00; sun closed"), SEOUL)
CITY_HALL = Place(lat=37.5665, lon=126.9780)
BANDS = DeliveryZone(CITY_HALL, 5.0, ((2.0, 3000), (4.0, 4000)))


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    """Seoul time, Monday Dec 7 2026 being day 0."""
    return datetime(2026, 12, 7 + day, hour, minute, tzinfo=SEOUL)


BERLIN = ZoneInfo("Europe/Berlin")  # clocks go forward on Mar 29 2026, back on Oct 25


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_hours_follow_the_shops_clock_across_the_spring_change():
    days = OpeningRules(parse_hours("daily 09:00-18:00"), BERLIN)
    # Saturday 20:00 (UTC+1): the next opening is Sunday 9:00 on the clock, by then UTC+2.
    assert decide(utc(3, 28, 19), days, None).opens_at == utc(3, 29, 7)
    assert decide(utc(3, 29, 6, 59), days, None).door is Door.CLOSED  # 8:59 on the clock
    assert decide(utc(3, 29, 7), days, None).is_open  # 9:00, not 8:00
    assert not decide(utc(3, 29, 16), days, None).is_open  # 18:00


def test_an_opening_in_the_hour_spring_skips_is_when_the_clock_gets_past_it():
    early = OpeningRules(parse_hours("sun 02:30-05:00"), BERLIN)
    assert decide(utc(3, 29, 0), early, None).opens_at == utc(3, 29, 1)  # 3:00, summer time
    assert decide(utc(3, 29, 0, 59), early, None).door is Door.CLOSED  # 1:59, winter time
    assert decide(utc(3, 29, 1), early, None).is_open


def test_a_night_range_covers_the_hour_the_autumn_change_repeats():
    nights = OpeningRules(parse_hours("sat 22:00-04:00"), BERLIN)
    assert decide(utc(10, 25, 0, 30), nights, None).is_open  # 2:30, the first time
    assert decide(utc(10, 25, 1, 30), nights, None).is_open  # 2:30 again, UTC+1 now
    assert decide(utc(10, 25, 2, 59), nights, None).is_open  # 3:59
    assert not decide(utc(10, 25, 3), nights, None).is_open  # 4:00
    assert decide(utc(10, 25, 3), nights, None).opens_at == utc(10, 31, 21)  # Sat 22:00

async def services_at(store: FakeStore, clock: FakeClock, opening: OpeningRules = WEEKDAYS,
                      min_order: int = 0, zone: DeliveryZone | None = None) -> Services:
    """The example coffee shop, taking parcels too, with its catalog loaded."""
    catalog = example_catalog()
    shop = replace(catalog.shop, zone=zone) if zone else catalog.shop
    rules = Rules(admin_ids=frozenset({STAFF_ID}), store_chats=STORE_CHATS, opening=opening,
                  menu=MenuRules(ShopMode.BOTH, shop, catalog.categories, min_order),
                  zone=zone or DeliveryZone())
    built = Services(lambda: FakeUnitOfWork(store), clock, rules)
    await built.menu.load_catalog(catalog)
    return built


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


# --- the decision -------------------------------------------------------------------------------

def test_open_within_the_hours_in_the_shops_own_time():
    assert decide(seoul(0, 9), WEEKDAYS, None) == Opening(Door.OPEN)
    # 23:30 UTC on Sunday is 8:30 on Monday in Seoul: closed half an hour more
    assert decide(seoul(0, 8, 30).astimezone(ZoneInfo("UTC")), WEEKDAYS, None) == Opening(
        Door.CLOSED, seoul(0, 9))


def test_no_hours_means_always_open():
    assert decide(seoul(6, 3), OpeningRules(None, SEOUL), None).is_open


def test_a_pause_closes_until_it_ends_and_then_until_the_hours_open():
    state = ShopState()
    state.pause(seoul(0, 12), seoul(0, 12, 30))
    assert decide(seoul(0, 12, 10), WEEKDAYS, state) == Opening(Door.PAUSED, seoul(0, 12, 30))
    assert decide(seoul(0, 12, 30), WEEKDAYS, state).is_open
    state.pause(seoul(0, 20, 50), seoul(0, 21, 30))  # ends after closing time
    assert decide(seoul(0, 21), WEEKDAYS, state) == Opening(Door.PAUSED, seoul(1, 9))


def test_a_pause_without_an_end_lasts_until_resumed():
    state = ShopState()
    state.pause(seoul(0, 12), None)
    assert decide(seoul(3, 12), WEEKDAYS, state) == Opening(Door.PAUSED, None)
    assert decide(seoul(3, 12), WEEKDAYS, state).refusal().code == "shop_paused_for_now"
    state.resume()
    assert decide(seoul(3, 12), WEEKDAYS, state).is_open


def test_hours_typed_in_chat_win_over_the_settings():
    state = ShopState(hours="daily 00:00-24:00")
    assert decide(seoul(6, 3), WEEKDAYS, state).is_open


def test_the_refusal_says_when_the_shop_opens_again():
    refusal = decide(seoul(6, 12), WEEKDAYS, None).refusal()
    assert (refusal.code, refusal.params) == ("shop_closed", {"opens": seoul(7, 9)})


# --- the use cases ------------------------------------------------------------------------------

async def test_staff_pause_for_minutes_and_resume(store):
    clock = FakeClock(seoul(0, 12))
    services = await services_at(store, clock)
    paused = await services.shop_hours.pause(30, STAFF)
    assert paused == Opening(Door.PAUSED, seoul(0, 12, 30))
    assert await services.shop_hours.resume(STAFF) == Opening(Door.OPEN)


async def test_only_staff_pause_resume_or_change_the_hours(store):
    services = await services_at(store, FakeClock(seoul(0, 12)))
    for move in (services.shop_hours.pause(None, CUSTOMER), services.shop_hours.resume(CUSTOMER),
                 services.shop_hours.set_hours("daily closed", CUSTOMER)):
        with pytest.raises(NotAllowed):
            await move
    assert store.shop_state is None


async def test_a_pause_of_no_time_or_over_a_week_is_refused(store):
    services = await services_at(store, FakeClock(seoul(0, 12)))
    for minutes in (0, 7 * 24 * 60 + 1):
        with pytest.raises(InvalidAnswer, match="pause_minutes"):
            await services.shop_hours.pause(minutes, STAFF)


async def test_hours_changed_in_chat_are_stored_and_default_goes_back(store):
    services = await services_at(store, FakeClock(seoul(0, 12)))
    hours, opening = await services.shop_hours.set_hours("mon closed", STAFF)
    assert store.shop_state.hours == "mon closed" and opening.door is Door.CLOSED
    with pytest.raises(InvalidAnswer, match="hours_unreadable"):
        await services.shop_hours.set_hours("mon 9-5", STAFF)
    assert store.shop_state.hours == "mon closed"
    hours, opening = await services.shop_hours.set_hours("default", STAFF)
    assert store.shop_state.hours is None and hours == WEEKDAYS.hours and opening.is_open


# --- orders while closed ---------------------------------------------------------------------

async def test_no_order_starts_while_closed_and_an_open_draft_is_kept(store):
    clock = FakeClock(seoul(0, 20))
    services = await services_at(store, clock)
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "small")
    clock.current = seoul(0, 22)
    with pytest.raises(ShopClosed) as refused:
        await services.parcels.start_draft(CUSTOMER)
    assert refused.value.params == {"opens": seoul(1, 9)}
    assert store.drafts[CUSTOMER.user_id].size is not None
    with pytest.raises(ShopClosed):
        await services.menu.start_cart(Person(2, "Jisoo"))
    assert not store.carts


async def test_a_parcel_confirmed_after_closing_time_is_refused_and_kept(store):
    clock = FakeClock(seoul(0, 20, 55))
    services = await services_at(store, clock)
    await services.parcels.start_draft(CUSTOMER)
    for answer in ["small", "3", "Seoul Station", "Gangnam Station", "010-1234-5678", "cash"]:
        await services.parcels.answer(CUSTOMER, answer)
    draft = await services.parcels.current_draft(CUSTOMER)
    clock.current = seoul(0, 21, 1)
    with pytest.raises(ShopClosed):
        await services.parcels.place(CUSTOMER, draft.version)
    assert not store.orders and CUSTOMER.user_id in store.drafts
    clock.current = seoul(1, 9)
    assert (await services.parcels.place(CUSTOMER, draft.version)).number == 1


async def test_a_menu_order_confirmed_while_paused_is_refused_and_the_cart_kept(store):
    services = await services_at(store, FakeClock(seoul(0, 12)))
    await fill_cart(services, CUSTOMER, [CROISSANT])
    await services.shop_hours.pause(None, STAFF)
    cart = await services.menu.current_cart(CUSTOMER)
    with pytest.raises(ShopClosed):
        await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert CUSTOMER.user_id in store.carts and not store.orders
    await services.shop_hours.resume(STAFF)
    assert (await services.menu.place_menu_order(CUSTOMER, cart.version)).number == 1


# --- the minimum order ---------------------------------------------------------------------------

async def test_checkout_below_the_minimum_says_how_much_more_and_keeps_the_cart(store):
    services = await services_at(store, FakeClock(seoul(0, 12)), min_order=10000)
    await services.menu.start_cart(CUSTOMER)
    await services.menu.open_category(CUSTOMER, "bakery")
    await services.menu.pick_item(CUSTOMER, "croissant")
    await services.menu.answer_cart(CUSTOMER, "2")  # 7000
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.check_out(CUSTOMER)
    assert (refused.value.code, refused.value.params) == (
        "below_minimum", {"minimum": 10000, "missing": 3000})
    cart = store.carts[CUSTOMER.user_id]
    assert not cart.checking_out and cart.items_total == 7000
    await services.menu.open_category(CUSTOMER, "bakery")
    await services.menu.pick_item(CUSTOMER, "croissant")
    await services.menu.answer_cart(CUSTOMER, "1")
    assert (await services.menu.check_out(CUSTOMER)).checking_out


# --- the delivery zone ---------------------------------------------------------------------------

@pytest.mark.parametrize("km, fee", [(0.0, 3000), (1.9, 3000), (2.1, 4000), (4.5, 4000)])
def test_a_shared_point_pays_its_distance_band_and_beyond_the_last_the_last(km, fee):
    point = Place(lat=CITY_HALL.lat + km / 111.2, lon=CITY_HALL.lon)
    assert BANDS.fee_to(point, base=9999) == fee


def test_a_typed_address_pays_the_base_fee_the_first_bands():
    assert BANDS.fee_to(Place("Teheran-ro 152"), base=9999) == 3000
    assert BANDS.base_fee_for(Place("Teheran-ro 152"))
    assert DeliveryZone(CITY_HALL).fee_to(Place("Teheran-ro 152"), base=2500) == 2500


def test_a_point_beyond_the_radius_is_refused_with_distance_and_radius():
    with pytest.raises(InvalidAnswer) as refused:
        BANDS.check(Place(lat=CITY_HALL.lat + 7.2 / 111.2, lon=CITY_HALL.lon))
    assert (refused.value.code, refused.value.params) == ("outside_zone",
                                                          {"km": 7.2, "radius": 5.0})
    BANDS.check(Place("anywhere typed"))  # no coordinates: the shop checks it


def test_without_a_radius_the_last_band_is_the_edge():
    assert DeliveryZone(CITY_HALL, None, ((2.0, 3000),)).edge_km == 2.0


async def test_a_menu_delivery_outside_the_zone_is_refused_and_a_near_one_priced(store):
    services = await services_at(store, FakeClock(seoul(0, 12)), zone=BANDS)
    await services.menu.start_cart(CUSTOMER)
    await services.menu.open_category(CUSTOMER, "bakery")
    await services.menu.pick_item(CUSTOMER, "croissant")
    await services.menu.answer_cart(CUSTOMER, "1")
    await services.menu.check_out(CUSTOMER)
    await services.menu.choose_fulfilment(CUSTOMER, "delivery")
    with pytest.raises(InvalidAnswer, match="outside_zone"):
        await services.menu.answer_location(CUSTOMER, 37.5665 + 0.1, 126.9780)
    cart = await services.menu.answer_location(CUSTOMER, 37.5665 + 0.03, 126.9780)  # 3.3 km
    assert cart.fulfilment is Fulfilment.DELIVERY
    assert cart.delivery_fee(services.rules.menu.shop) == 4000


async def test_a_parcel_destination_outside_the_zone_is_refused_its_pickup_is_not(store):
    services = await services_at(store, FakeClock(seoul(0, 12)), zone=BANDS)
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "small")
    await services.parcels.answer(CUSTOMER, "2")
    await services.parcels.answer_location(CUSTOMER, 37.5665 + 0.1, 126.9780)  # a far pickup
    with pytest.raises(InvalidAnswer, match="outside_zone"):
        await services.parcels.answer_location(CUSTOMER, 37.5665 + 0.1, 126.9780)
    draft = await services.parcels.answer_location(CUSTOMER, 37.5665, 126.9790)
    assert draft.destination.has_coordinates


async def test_cart_total_follows_fee_bands_for_fill_cart_with_typed_address(store):
    services = await services_at(store, FakeClock(seoul(0, 12)), zone=BANDS)
    await fill_cart(services, CUSTOMER, [AMERICANO])
    cart = await services.menu.current_cart(CUSTOMER)
    assert cart.total(services.rules.menu.shop) == cart.items_total + 3000
