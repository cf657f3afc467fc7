"""The conveniences of issue 22 meeting each other (found by review): Order again and saved
addresses keep to the shop's hours, pause, minimum order and delivery zone, like orders
started the usual way; a zone that shrank is checked again at Confirm."""

from dataclasses import replace

import pytest

from domain.menu.carts import CartStep
from domain.orders.again import Change, ChangeKind
from domain.orders.model import Place, Status
from domain.shared.errors import InvalidAnswer
from domain.shop.opening import ShopClosed
from domain.shop.zone import DeliveryZone
from tests.fakes import FakeClock, FakeStore
from tests.unit.test_shop_opening import CUSTOMER, STAFF, seoul, services_at

CITY_HALL = Place(lat=37.5665, lon=126.9780)
NEAR = (37.5755, 126.9780)  # 1 km north
FAR = (37.6205, 126.9780)  # 6 km north
ZONE = DeliveryZone(CITY_HALL, 10.0)
SMALL_ZONE = DeliveryZone(CITY_HALL, 5.0)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(seoul(0, 12))  # a Monday noon: open


async def croissants_at_summary(services, where: tuple[float, float], quantity: int = 2):
    """Croissants to be delivered to a shared point, paid cash: the cart at its summary."""
    shop = services.menu
    await shop.start_cart(CUSTOMER)
    await shop.open_category(CUSTOMER, "bakery")
    await shop.pick_item(CUSTOMER, "croissant")
    await shop.answer_cart(CUSTOMER, str(quantity))
    await shop.change_cart(CUSTOMER, lambda c: c.check_out(services.menu.menu.min_order))
    await shop.choose_fulfilment(CUSTOMER, "delivery")
    await shop.answer_location(CUSTOMER, *where)
    await shop.answer_cart(CUSTOMER, "010-1234-5678")
    return await shop.change_cart(CUSTOMER, lambda c: c.choose_payment("cash"))


async def croissants_to(services, where: tuple[float, float], quantity: int = 2) -> int:
    """Croissants delivered to a shared point: the order's number, completed."""
    cart = await croissants_at_summary(services, where, quantity)
    number = (await services.menu.place_menu_order(CUSTOMER, cart.version)).number
    services.new_uow().store.orders[number].status = Status.COMPLETED
    return number


def shrink(services, zone: DeliveryZone) -> None:
    """The owner narrowed the delivery zone since (a restart with a new DELIVERY_RADIUS_KM)."""
    menu = services.menu
    menu.menu = replace(menu.menu, shop=replace(menu.shop, zone=zone))


async def test_order_again_is_refused_while_the_shop_is_paused(store, clock):
    services = await services_at(store, clock, zone=ZONE)
    number = await croissants_to(services, NEAR)
    await services.shop_hours.pause(None, STAFF)
    with pytest.raises(ShopClosed):
        await services.menu.order_again(CUSTOMER, number)
    assert await services.menu.current_cart(CUSTOMER) is None


async def test_order_again_asks_the_address_again_when_the_shop_no_longer_delivers_there(
    store, clock
):
    services = await services_at(store, clock, zone=ZONE)
    number = await croissants_to(services, FAR)
    shrink(services, SMALL_ZONE)
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert changes == [Change(ChangeKind.OUTSIDE_ZONE)]
    assert cart.step is CartStep.ADDRESS


async def test_order_again_under_the_minimum_goes_back_to_the_menu_saying_how_much_more(
    store, clock
):
    services = await services_at(store, clock, zone=ZONE)
    number = await croissants_to(services, NEAR, quantity=4)  # ₩14,000
    services.menu.menu = replace(services.menu.menu, min_order=20000)
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert changes == [Change(ChangeKind.BELOW_MINIMUM, price=6000, was=20000)]
    assert cart.step is CartStep.CATEGORY and len(cart.lines) == 1


async def test_a_saved_address_outside_the_zone_is_refused_like_a_point_shared_now(
    store, clock
):
    services = await services_at(store, clock, zone=ZONE)
    await croissants_to(services, FAR)  # saved the far point
    shrink(services, SMALL_ZONE)
    [far] = [s for s in await services.addresses.mine(CUSTOMER) if s.place.lat == FAR[0]]
    await services.menu.start_cart(CUSTOMER)
    await services.menu.open_category(CUSTOMER, "bakery")
    await services.menu.pick_item(CUSTOMER, "croissant")
    await services.menu.answer_cart(CUSTOMER, "2")
    await services.menu.change_cart(CUSTOMER, lambda c: c.check_out())
    cart = await services.menu.choose_fulfilment(CUSTOMER, "delivery")
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.answer_saved(CUSTOMER, far.id, cart.version)
    assert refused.value.code == "outside_zone"


async def test_confirm_checks_the_zone_again_after_it_shrank(store, clock):
    services = await services_at(store, clock, zone=ZONE)
    shop = services.menu
    cart = await croissants_at_summary(services, FAR)
    shrink(services, SMALL_ZONE)
    with pytest.raises(InvalidAnswer) as refused:
        await shop.place_menu_order(CUSTOMER, cart.version)
    assert refused.value.code == "outside_zone"
    assert await shop.current_cart(CUSTOMER) is not None  # kept, to change the address
