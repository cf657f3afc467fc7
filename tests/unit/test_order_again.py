"""Order again on fakes: a past order rebuilt as a new cart or draft at today's prices and
stock, with what changed; refused for someone else's order or while another is being
written."""

from dataclasses import replace

import pytest

from domain.menu.carts import CartStep
from domain.orders.again import Change, ChangeKind
from domain.orders.model import Fulfilment, Place, Size, Status
from domain.parcels.drafts import Step
from domain.parcels.pricing import PricingRules
from domain.people.model import Person
from domain.shared.errors import InvalidAnswer, NotAllowed
from tests.fakes import FakeStore
from tests.unit.conftest import STAFF_ID, coffee_shop, example_catalog
from tests.unit.test_menu_orders import (
    AMERICANO,
    CHEESECAKE,
    CROISSANT,
    CUSTOMER,
    OTHER_CUSTOMER,
    order,
)
from tests.unit.test_saved_addresses import courier, send_parcel

STAFF = Person(STAFF_ID, "Desk")


async def done(services, placing) -> int:
    """An order placed and, as only a settled order may be ordered again, completed."""
    number = await placing
    services.new_uow().store.orders[number].status = Status.COMPLETED
    return number


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
async def services(store, clock):
    return await coffee_shop(store, clock)


async def test_a_menu_order_again_is_the_same_cart_at_checkout_asking_only_the_payment(
    services
):
    number = await done(services, order(services, [AMERICANO, CROISSANT]))
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert changes == []
    assert [(ln["item_key"], ln["options"], ln["unit_price"], ln["quantity"])
            for ln in cart.lines] == [("americano", "Large, Iced", 4500, 2),
                                      ("croissant", "", 3500, 1)]
    assert cart.fulfilment is Fulfilment.DELIVERY
    assert cart.destination == Place("152 Teheran-ro, Gangnam-gu")
    assert cart.phone == "010-1234-5678"
    assert cart.step is CartStep.PAYMENT


async def test_order_again_takes_todays_prices_and_says_what_they_were(services, store):
    number = await done(services, order(services, [AMERICANO]))
    changed = example_catalog()
    americano = next(i for i in changed.items if i.key == "americano")
    await services.menu.load_catalog(replace(changed, items=tuple(
        replace(i, price=4300) if i is americano else i for i in changed.items)))
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert cart.lines[0]["unit_price"] == 4800
    assert changes == [Change(ChangeKind.PRICE, "Americano (Large, Iced)", price=4800,
                              was=4500)]


async def test_order_again_takes_no_more_than_is_left_and_leaves_out_what_is_gone(
    services, store
):
    number = await done(services, order(services, [CROISSANT, CHEESECAKE,
                                                   ("bakery", "croissant", (), 3)]))
    await services.menu.sell_out("cheesecake", STAFF)  # which cancels the order, too
    await services.menu.set_stock("croissant", 2, STAFF)
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert [(ln["item_key"], ln["quantity"]) for ln in cart.lines] == [
        ("croissant", 1), ("croissant", 1)]
    assert changes == [Change(ChangeKind.SOLD_OUT, "Basque cheesecake"),
                       Change(ChangeKind.SHORT, "Butter croissant", left=1)]
    assert store.items["croissant"].stock == 2  # nothing is taken until it is placed


async def test_an_item_off_the_menu_is_left_out_and_with_nothing_left_the_cart_starts_over(
    services
):
    number = await done(services, order(services, [CHEESECAKE]))
    catalog = example_catalog()
    await services.menu.load_catalog(
        replace(catalog, items=tuple(i for i in catalog.items if i.key != "cheesecake")))
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert changes == [Change(ChangeKind.GONE, "Basque cheesecake")]
    assert cart.lines == [] and cart.step is CartStep.CATEGORY


async def test_a_counter_pickup_again_is_a_pickup(services):
    number = await done(services, order(services, [CROISSANT], fulfilment="pickup"))
    cart, _ = await services.menu.order_again(CUSTOMER, number)
    assert cart.fulfilment is Fulfilment.PICKUP and cart.step is CartStep.PAYMENT


async def test_nobody_orders_another_customers_order_again(services):
    number = await done(services, order(services, [CROISSANT]))
    with pytest.raises(NotAllowed) as refused:
        await services.menu.order_again(OTHER_CUSTOMER, number)
    assert refused.value.code == "not_your_order"


async def test_order_again_is_refused_while_another_order_is_being_written(services, store):
    number = await done(services, order(services, [CROISSANT]))
    await services.menu.start_cart(CUSTOMER)
    before = store.carts[CUSTOMER.user_id]
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.order_again(CUSTOMER, number)
    assert refused.value.code == "order_in_progress"
    assert store.carts[CUSTOMER.user_id] is before  # the one being written is kept


async def test_a_parcel_again_is_a_draft_asking_only_the_payment_at_todays_fare(clock):
    store = FakeStore()
    services = courier(store, clock)
    number = await done(services, send_parcel(services, CUSTOMER, "12 Sejong-daero",
                                               (37.5665, 126.978)))
    draft, changes = await services.parcels.order_again(CUSTOMER, number)
    assert changes == [] and draft.step is Step.PAYMENT
    assert (draft.pickup, draft.destination) == (Place("12 Sejong-daero"),
                                                 Place(None, 37.5665, 126.978))
    await services.parcels.abandon(CUSTOMER)
    services.parcels.pricing = PricingRules(base_by_size={Size.SMALL: 5000, Size.MEDIUM: 6000,
                                                                Size.LARGE: 9000})
    _, changes = await services.parcels.order_again(CUSTOMER, number)
    assert changes == [Change(ChangeKind.FARE, price=5000, was=4000)]


async def test_a_parcels_button_under_a_menu_order_is_refused(services):
    number = await done(services, order(services, [CROISSANT]))
    with pytest.raises(InvalidAnswer) as refused:
        await services.parcels.order_again(CUSTOMER, number)
    assert refused.value.code == "stale_button"


async def test_an_item_whose_options_changed_is_left_out_to_be_chosen_again(services):
    number = await done(services, order(services, [AMERICANO]))
    catalog = example_catalog()
    renamed = [{**group, "choices": [{**c, "name": "Grande"} if c["key"] == "large" else c
                                     for c in group["choices"]]}
               for group in next(i for i in catalog.items if i.key == "americano").options]
    await services.menu.load_catalog(replace(catalog, items=tuple(
        replace(i, options=renamed) if i.key == "americano" else i for i in catalog.items)))
    cart, changes = await services.menu.order_again(CUSTOMER, number)
    assert changes == [Change(ChangeKind.OPTIONS, "Americano")] and cart.lines == []


async def test_an_order_still_on_its_way_is_not_ordered_again(services):
    number = await order(services, [CROISSANT])
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.order_again(CUSTOMER, number)
    assert refused.value.code == "again_open"
