"""Menu orders on fakes: who may cancel when, the kitchen's moves, stock taken and given
back, and selling out."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.dispatch.riders import Rider
from domain.menu.carts import CartStep
from domain.orders.model import (
    CANCELLABLE,
    Actor,
    Fulfilment,
    Order,
    OrderKind,
    Parcel,
    PaymentMethod,
    Place,
    Role,
    Size,
    Status,
    may_cancel,
)
from domain.people.model import Person
from domain.services import Services
from domain.shared.errors import InvalidAnswer, InvalidTransition, NotAllowed, NotFound, OutOfDate
from tests.fakes import FakeStore, alerts, sent, told
from tests.unit.conftest import CODE, STAFF_ID, coffee_shop, example_catalog

CUSTOMER = Person(1, "Minji")
OTHER_CUSTOMER = Person(2, "Jisoo")
STAFF = Person(STAFF_ID, "Desk")
RIDER = Person(200, "Hyun")


# --- the cancellation table ------------------------------------------------------------------

# The rule as the issue states it, written out independently of domain.orders.model.
BEFORE_PICKUP = {Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED, Status.ASSIGNED}
EXPECTED_CANCEL = {
    (OrderKind.PARCEL, Role.CUSTOMER): BEFORE_PICKUP,
    # The store may also call off an order still waiting for its payment (it never saw it).
    (OrderKind.PARCEL, Role.STORE): {Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED,
                                     Status.ASSIGNED},
    (OrderKind.MENU, Role.CUSTOMER): {Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED},
    (OrderKind.MENU, Role.STORE): {Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED,
                                   Status.PREPARING, Status.READY, Status.ASSIGNED},
}
ALL_CASES = [(kind, role, status) for kind in OrderKind for role in Role for status in Status]
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def order_in(kind: OrderKind, status: Status) -> Order:
    shop = Place("12 Sejong-daero")
    order = Order.place(7, Actor(Role.CUSTOMER, CUSTOMER.user_id, CUSTOMER.name),
                        Parcel(Size.SMALL, 1.0, shop, Place("Home"), "010-1234-5678"),
                        PaymentMethod.CASH, 5000, NOW)
    order.kind, order.status = kind, status
    if status in (Status.ASSIGNED, Status.PICKED_UP, Status.DELIVERED):
        order.rider_id = RIDER.user_id
    order.pop_events()
    return order


def actor_for(role: Role) -> Actor:
    user = {Role.CUSTOMER: CUSTOMER, Role.STORE: STAFF, Role.RIDER: RIDER}.get(role)
    return Actor(role, user.user_id if user else 0, user.name if user else "")


@pytest.mark.parametrize("kind, role, status", ALL_CASES,
                         ids=[f"{k}-{r}-{s}" for k, r, s in ALL_CASES])
def test_may_cancel_follows_the_rule_for_each_kind_role_and_status(kind, role, status):
    expected = status in EXPECTED_CANCEL.get((kind, role), set())
    assert may_cancel(kind, role, status) is expected


def test_the_cancellation_table_names_only_customers_and_the_store():
    for kind in OrderKind:
        assert set(CANCELLABLE[kind]) == {Role.CUSTOMER, Role.STORE}


@pytest.mark.parametrize("kind, role, status", ALL_CASES,
                         ids=[f"{k}-{r}-{s}" for k, r, s in ALL_CASES])
def test_cancel_moves_the_order_or_refuses_stating_the_rule(kind, role, status):
    order = order_in(kind, status)
    if may_cancel(kind, role, status):
        order.cancel(actor_for(role), NOW, "Closing early")
        assert order.status is Status.CANCELLED
        assert order.timeline[-1].actor_role is role
        return
    with pytest.raises(InvalidTransition) as refused:
        order.cancel(actor_for(role), NOW, "Closing early")
    assert refused.value.code == f"cancel_refused_{kind.value}"
    assert refused.value.params == {"number": 7, "status": status.value}
    assert order.status is status
    assert order.pop_events() == []


def test_a_customer_cannot_cancel_a_menu_order_the_shop_is_making():
    order = order_in(OrderKind.MENU, Status.PREPARING)
    with pytest.raises(InvalidTransition) as refused:
        order.cancel(actor_for(Role.CUSTOMER), NOW)
    assert refused.value.code == "cancel_refused_menu"


def test_a_customer_cannot_cancel_a_parcel_the_rider_picked_up():
    order = order_in(OrderKind.PARCEL, Status.PICKED_UP)
    with pytest.raises(InvalidTransition) as refused:
        order.cancel(actor_for(Role.CUSTOMER), NOW)
    assert refused.value.code == "cancel_refused_parcel"


# --- services with the example catalog --------------------------------------------------------


@pytest.fixture
def store(clock) -> FakeStore:
    fake = FakeStore()
    fake.riders[RIDER.user_id] = Rider.from_list(RIDER.user_id, RIDER.name, clock.now())
    return fake


@pytest.fixture
async def services(store, clock) -> Services:
    return await coffee_shop(store, clock)


Line = tuple[str, str, tuple[int, ...], int]  # category, item, option choices, quantity
AMERICANO: Line = ("coffee", "americano", (1, 1), 2)  # large iced, 4500 each
CROISSANT: Line = ("bakery", "croissant", (), 1)  # 3500
CHEESECAKE: Line = ("bakery", "cheesecake", (), 2)  # 6500 each


async def fill_cart(services: Services, customer: Person, lines: list[Line],
                    fulfilment: str = "delivery", payment: str = "cash") -> None:
    shop = services.menu
    await shop.start_cart(customer)
    for category, key, choices, quantity in lines:
        await shop.open_category(customer, category)
        await shop.pick_item(customer, key)
        for group, choice in enumerate(choices):
            await shop.change_cart(customer, lambda c, g=group, ch=choice: c.pick_option(g, ch))
        await shop.answer_cart(customer, str(quantity))
    await shop.change_cart(customer, lambda c: c.check_out())
    await shop.choose_fulfilment(customer, fulfilment)
    if fulfilment == "delivery":
        await shop.answer_cart(customer, "152 Teheran-ro, Gangnam-gu")
        await shop.answer_cart(customer, "010-1234-5678")
    await shop.change_cart(customer, lambda c: c.choose_payment(payment))


async def order(services: Services, lines: list[Line], fulfilment: str = "delivery",
                payment: str = "cash", customer: Person = CUSTOMER) -> int:
    await fill_cart(services, customer, lines, fulfilment, payment)
    cart = await services.menu.current_cart(customer)
    return (await services.menu.place_menu_order(customer, cart.version)).number


def stock(store: FakeStore) -> dict[str, int | None]:
    return {key: item.stock for key, item in store.items.items()}


FULL_STOCK = {"americano": None, "latte": None, "cold-brew": 20, "croissant": 12,
              "cheesecake": 6}


# --- the catalog in the store ----------------------------------------------------------------


async def test_loading_the_catalog_stores_every_item_with_its_stock(services, store):
    assert stock(store) == FULL_STOCK
    assert [i.key for i in await services.menu.items("bakery")] == ["croissant", "cheesecake"]


async def test_reloading_the_catalog_keeps_the_stock_staff_set_and_takes_new_prices(
    services, store
):
    await services.menu.set_stock("croissant", 3, STAFF)
    await services.menu.sell_out("cheesecake", STAFF)
    changed = example_catalog()
    changed.items[3].price = 3900
    await services.menu.load_catalog(changed)
    croissant, cheesecake = store.items["croissant"], store.items["cheesecake"]
    assert (croissant.stock, croissant.price) == (3, 3900)
    assert cheesecake.available is False


async def test_an_item_taken_out_of_the_catalog_is_off_the_menu_and_its_orders_still_read(
    services, store
):
    number = await order(services, [CHEESECAKE])
    catalog = example_catalog()
    await services.menu.load_catalog(
        replace(catalog, items=tuple(i for i in catalog.items if i.key != "cheesecake")))
    assert "cheesecake" not in store.items
    assert [i.key for i in await services.menu.items("bakery")] == ["croissant"]
    await services.menu.start_cart(OTHER_CUSTOMER)
    await services.menu.open_category(OTHER_CUSTOMER, "bakery")
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.pick_item(OTHER_CUSTOMER, "cheesecake")
    assert refused.value.code == "stale_button"
    with pytest.raises(NotFound) as unknown:
        await services.menu.make_available("cheesecake", STAFF)
    assert unknown.value.code == "item_unknown"
    kept = store.orders[number]
    assert [(ln.item_key, ln.quantity, ln.total) for ln in kept.lines] == [
        ("cheesecake", 2, 13000)]
    await services.orders.cancel(number, CUSTOMER)  # no stock left to give back to
    assert store.orders[number].status is Status.CANCELLED


async def test_a_cart_holding_an_item_taken_off_the_menu_is_refused_naming_it(services):
    await fill_cart(services, CUSTOMER, [CHEESECAKE])
    catalog = example_catalog()
    await services.menu.load_catalog(
        replace(catalog, items=tuple(i for i in catalog.items if i.key != "cheesecake")))
    with pytest.raises(NotAllowed) as refused:
        cart = await services.menu.current_cart(CUSTOMER)
        await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert (refused.value.code, refused.value.params) == (
        "item_sold_out", {"item": "Basque cheesecake"})


# --- placing -------------------------------------------------------------------------------


async def test_placing_a_menu_order_takes_stock_and_tells_the_store(services, store):
    number = await order(services, [AMERICANO, CROISSANT, CHEESECAKE])
    placed = store.orders[number]
    assert placed.kind is OrderKind.MENU and placed.status is Status.PLACED
    assert placed.price == 2 * 4500 + 3500 + 2 * 6500 + 3000
    assert placed.delivery_fee == 3000
    assert [(ln.item_key, ln.options, ln.unit_price, ln.quantity) for ln in placed.lines] == [
        ("americano", "Large, Iced", 4500, 2), ("croissant", "", 3500, 1),
        ("cheesecake", "", 6500, 2)]
    assert stock(store) == FULL_STOCK | {"croissant": 11, "cheesecake": 4}
    assert store.carts == {}
    assert alerts(store) == [(100, "new_order"), (101, "new_order")]  # the customer: the card
    [new_order] = sent(store, 100, "new_order")
    assert new_order["order_kind"] == "menu" and new_order["fulfilment"] == "delivery"
    assert new_order["lines"][0] == {"name": "Americano", "options": "Large, Iced",
                                     "quantity": 2, "total": 9000}


async def test_a_menu_order_goes_from_the_shop_to_the_customer(services, store):
    number = await order(services, [CROISSANT])
    placed = store.orders[number]
    assert placed.pickup.address == "12 Sejong-daero, Jung-gu, Seoul"
    assert placed.destination.address == "152 Teheran-ro, Gangnam-gu"
    assert placed.recipient_phone == "010-1234-5678"
    assert placed.size is Size.SMALL and placed.weight_kg == 0.1


async def test_a_pickup_order_costs_no_delivery_fee(services, store):
    number = await order(services, [CROISSANT], fulfilment="pickup")
    placed = store.orders[number]
    assert placed.fulfilment is Fulfilment.PICKUP
    assert (placed.price, placed.delivery_fee) == (3500, 0)


async def test_checkout_asking_more_than_the_stock_now_holds_is_refused_with_what_is_left(
    services, store
):
    await fill_cart(services, CUSTOMER, [("bakery", "cheesecake", (), 5)])
    await services.menu.set_stock("cheesecake", 4, STAFF)  # since it went in the cart
    with pytest.raises(NotAllowed) as refused:
        cart = await services.menu.current_cart(CUSTOMER)
        await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert refused.value.code == "item_short"
    assert refused.value.params == {"item": "Basque cheesecake", "left": 4}
    assert store.orders == {}
    assert stock(store)["cheesecake"] == 4
    assert CUSTOMER.user_id in store.carts  # the customer may change the quantity


async def test_a_quantity_beyond_the_stock_is_refused_when_it_is_added(services, store):
    shop = services.menu
    await shop.start_cart(CUSTOMER)
    await shop.open_category(CUSTOMER, "bakery")
    await shop.pick_item(CUSTOMER, "cheesecake")
    with pytest.raises(InvalidAnswer) as refused:
        await shop.answer_cart(CUSTOMER, "7")
    assert (refused.value.code, refused.value.params) == ("quantity_range", {"max": 6})
    cart = await shop.answer_cart(CUSTOMER, "6")
    assert [line["quantity"] for line in cart.lines] == [6]


async def test_plus_on_a_cart_line_reads_the_stock_as_it_is_now(services, store):
    shop = services.menu
    await fill_cart(services, CUSTOMER, [CHEESECAKE])  # 2 of 6
    cart = await shop.edit_line(CUSTOMER, (await shop.current_cart(CUSTOMER)).version, 0, "more")
    assert cart.lines[0]["quantity"] == 3
    await services.menu.set_stock("cheesecake", 3, STAFF)
    with pytest.raises(InvalidAnswer) as refused:
        await shop.edit_line(CUSTOMER, cart.version, 0, "more")
    assert (refused.value.code, refused.value.params) == ("only_left", {"left": 3})
    assert (await shop.current_cart(CUSTOMER)).lines[0]["quantity"] == 3


async def test_a_cart_line_button_under_an_older_cart_edits_nothing(services, store):
    shop = services.menu
    await fill_cart(services, CUSTOMER, [AMERICANO, CROISSANT])
    shown = (await shop.current_cart(CUSTOMER)).version
    await shop.edit_line(CUSTOMER, shown, 0, "drop")  # the croissant is line 0 now
    with pytest.raises(OutOfDate):
        await shop.edit_line(CUSTOMER, shown, 0, "drop")
    cart = await shop.current_cart(CUSTOMER)
    assert [line["item_key"] for line in cart.lines] == ["croissant"]
    with pytest.raises(InvalidAnswer):
        await shop.edit_line(CUSTOMER, cart.version, 0, "double")


async def test_an_item_sold_out_while_in_the_cart_is_refused_at_checkout(services, store):
    await fill_cart(services, CUSTOMER, [CHEESECAKE])
    await services.menu.sell_out("cheesecake", STAFF)
    with pytest.raises(NotAllowed) as refused:
        cart = await services.menu.current_cart(CUSTOMER)
        await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert refused.value.code == "item_sold_out"
    assert store.orders == {}


async def test_a_confirm_after_the_prices_changed_shows_todays_prices_first(services, store):
    await fill_cart(services, CUSTOMER, [AMERICANO, CROISSANT])  # two at 4500, one at 3500
    store.items["americano"].price += 500  # the shop restarted with a new catalog, say
    seen = (await services.menu.current_cart(CUSTOMER)).version
    with pytest.raises(NotAllowed) as refused:
        await services.menu.place_menu_order(CUSTOMER, seen)
    assert (refused.value.code, refused.value.params) == (
        "prices_changed", {"item": "Americano (Large, Iced)", "price": 5000, "was": 4500})
    assert store.orders == {} and stock(store) == FULL_STOCK  # nothing taken
    cart = await services.menu.current_cart(CUSTOMER)
    assert [line["unit_price"] for line in cart.lines] == [5000, 3500]
    with pytest.raises(OutOfDate):  # the old summary's Confirm no longer places anything
        await services.menu.place_menu_order(CUSTOMER, seen)
    placed = await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert placed.price == 2 * 5000 + 3500 + 3000  # with the delivery fee


async def test_check_out_prices_the_cart_at_todays_menu(services, store):
    shop = services.menu
    await shop.start_cart(CUSTOMER)
    await shop.open_category(CUSTOMER, "bakery")
    await shop.pick_item(CUSTOMER, "croissant")
    await shop.answer_cart(CUSTOMER, "2")
    store.items["croissant"].price = 3900  # changed while the cart was open
    cart = await shop.check_out(CUSTOMER)
    assert [line["unit_price"] for line in cart.lines] == [3900]
    assert cart.items_total == 7800


async def test_the_last_pieces_go_to_the_first_checkout(services, store):
    await fill_cart(services, CUSTOMER, [("bakery", "cheesecake", (), 4)])
    await fill_cart(services, OTHER_CUSTOMER, [("bakery", "cheesecake", (), 4)])
    cart = await services.menu.current_cart(CUSTOMER)
    await services.menu.place_menu_order(CUSTOMER, cart.version)
    with pytest.raises(NotAllowed) as refused:
        cart = await services.menu.current_cart(OTHER_CUSTOMER)
        await services.menu.place_menu_order(OTHER_CUSTOMER, cart.version)
    assert refused.value.params == {"item": "Basque cheesecake", "left": 2}
    assert stock(store)["cheesecake"] == 2


async def test_picking_an_item_the_store_does_not_know_is_a_stale_button(services):
    await services.menu.start_cart(CUSTOMER)
    await services.menu.open_category(CUSTOMER, "coffee")
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.pick_item(CUSTOMER, "mocha")
    assert refused.value.code == "stale_button"


async def test_a_cart_cannot_start_while_a_parcel_order_is_open(services):
    await services.parcels.start_draft(CUSTOMER)
    with pytest.raises(InvalidAnswer) as refused:
        await services.menu.start_cart(CUSTOMER)
    assert refused.value.code == "parcel_draft_open"


async def test_starting_again_continues_the_unfinished_cart(services):
    await services.menu.start_cart(CUSTOMER)
    await services.menu.open_category(CUSTOMER, "bakery")
    cart, resumed = await services.menu.start_cart(CUSTOMER)
    assert resumed and cart.category == "bakery"
    assert await services.menu.abandon_cart(CUSTOMER) is True
    assert await services.menu.current_cart(CUSTOMER) is None


# --- the kitchen -----------------------------------------------------------------------------


async def test_a_pickup_order_is_made_and_handed_over_at_the_counter(services, store):
    number = await order(services, [AMERICANO], fulfilment="pickup")
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    assert store.offers == []
    await services.menu.hand_over(number, STAFF)
    assert store.orders[number].status is Status.COMPLETED
    assert told(store, CUSTOMER.user_id) == ["approved_menu", "ready_pickup"]  # the buzzes
    assert sent(store, STAFF.user_id, "dispatch_failed") == []


async def test_a_delivery_order_is_offered_to_riders_only_once_it_is_ready(services, store):
    await services.fleet.go_online(RIDER)
    number = await order(services, [AMERICANO])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    assert store.offers == []
    await services.menu.mark_ready(number, STAFF)
    assert [(o.order_number, o.rider_id) for o in store.offers] == [(number, RIDER.user_id)]
    await services.jobs.accept_offer(store.offers[0].id, RIDER)
    await services.jobs.pick_up(number, RIDER)
    await services.jobs.deliver(number, RIDER, CODE)
    await services.orders.confirm_receipt(number, CUSTOMER)
    assert store.orders[number].status is Status.COMPLETED
    assert told(store, CUSTOMER.user_id) == ["approved_menu", "assigned_menu", "picked_up",
                                             "delivered_menu"]  # the rest only on the card


async def test_a_ready_delivery_order_waits_on_the_job_list_when_no_rider_is_online(
    services, store
):
    number = await order(services, [CROISSANT])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    assert sent(store, STAFF.user_id, "dispatch_failed") == [
        {"number": number, "why": "no_rider", "offers": 0}]
    assert [o.number for o in await services.jobs.open_jobs(RIDER)] == [number]


async def test_a_rider_cannot_take_a_pickup_order_waiting_at_the_counter(services, store):
    number = await order(services, [CROISSANT], fulfilment="pickup")
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.accept_job(number, RIDER)
    assert refused.value.code == "pickup_no_rider"
    waiting = store.orders[number]
    assert waiting.status is Status.READY and waiting.rider_id is None
    assert "assigned" not in told(store, CUSTOMER.user_id)


async def test_the_kitchen_moves_are_for_staff_only(services, store):
    number = await order(services, [CROISSANT], fulfilment="pickup")
    await services.orders.approve(number, STAFF)
    for move in (services.menu.start_preparing, services.menu.mark_ready,
                 services.menu.hand_over):
        with pytest.raises(NotAllowed) as refused:
            await move(number, CUSTOMER)
        assert refused.value.code == "staff_only"
    assert store.orders[number].status is Status.APPROVED


async def test_the_kitchen_moves_go_in_order(services, store):
    number = await order(services, [CROISSANT], fulfilment="pickup")
    with pytest.raises(InvalidTransition):
        await services.menu.start_preparing(number, STAFF)  # not approved yet
    await services.orders.approve(number, STAFF)
    with pytest.raises(InvalidTransition) as refused:
        await services.menu.mark_ready(number, STAFF)
    assert refused.value.params == {"number": number, "status": "approved", "target": "ready"}
    with pytest.raises(InvalidTransition):
        await services.menu.hand_over(number, STAFF)
    assert store.orders[number].status is Status.APPROVED


async def test_a_delivery_order_cannot_be_handed_over_at_the_counter(services, store):
    number = await order(services, [CROISSANT])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    with pytest.raises(InvalidTransition) as refused:
        await services.menu.hand_over(number, STAFF)
    assert refused.value.code == "handed_needs_pickup"
    assert store.orders[number].status is Status.READY


async def test_kitchen_moves_on_an_unknown_order_name_it(services):
    with pytest.raises(NotFound) as refused:
        await services.menu.start_preparing(42, STAFF)
    assert refused.value.params == {"number": 42}


# --- stock given back --------------------------------------------------------------------------


async def test_a_customer_cancelling_before_the_kitchen_starts_gives_the_stock_back(
    services, store
):
    number = await order(services, [CROISSANT, CHEESECAKE])
    await services.orders.approve(number, STAFF)
    await services.orders.cancel(number, CUSTOMER)
    assert store.orders[number].status is Status.CANCELLED
    assert stock(store) == FULL_STOCK


async def test_a_customer_cannot_cancel_once_the_kitchen_started(services, store):
    number = await order(services, [CHEESECAKE])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    with pytest.raises(InvalidTransition) as refused:
        await services.orders.cancel(number, CUSTOMER)
    assert refused.value.code == "cancel_refused_menu"
    assert store.orders[number].status is Status.PREPARING
    assert stock(store)["cheesecake"] == 4


async def test_the_store_may_cancel_a_ready_order_and_the_stock_comes_back(services, store):
    number = await order(services, [CHEESECAKE])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.orders.cancel(number, STAFF, "Dropped the cake")
    assert store.orders[number].status is Status.CANCELLED
    assert stock(store)["cheesecake"] == 6
    assert sent(store, CUSTOMER.user_id, "cancelled")[-1]["reason"] == "Dropped the cake"


async def test_the_store_cannot_cancel_once_the_rider_has_it(services, store):
    number = await order(services, [CHEESECAKE])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.jobs.pick_up(number, RIDER)
    with pytest.raises(InvalidTransition) as refused:
        await services.orders.cancel(number, STAFF, "Too late")
    assert refused.value.code == "cancel_refused_menu"
    assert stock(store)["cheesecake"] == 4


async def test_cancelling_an_assigned_order_tells_the_rider_and_gives_stock_back(
    services, store
):
    number = await order(services, [CHEESECAKE])
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.orders.cancel(number, STAFF, "Oven broke")
    assert told(store, RIDER.user_id) == ["cancelled_rider"]
    assert stock(store)["cheesecake"] == 6


async def test_rejecting_a_menu_order_gives_the_stock_back(services, store):
    number = await order(services, [CROISSANT, CHEESECAKE])
    await services.orders.reject(number, STAFF, "Closed today")
    assert store.orders[number].status is Status.REJECTED
    assert stock(store) == FULL_STOCK
    assert sent(store, CUSTOMER.user_id, "rejected") == [{"number": number,
                                                          "reason": "Closed today"}]


async def test_an_order_the_store_never_answered_expires_and_gives_the_stock_back(
    services, store, clock
):
    number = await order(services, [CHEESECAKE])
    clock.advance(minutes=9, seconds=59)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.PLACED
    clock.advance(seconds=1)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED
    assert stock(store)["cheesecake"] == 6
    assert told(store, CUSTOMER.user_id)[-1] == "expired"
    assert told(store, STAFF.user_id)[-1] == "expired_store"


async def test_an_approved_order_does_not_expire(services, store, clock):
    number = await order(services, [CHEESECAKE])
    await services.orders.approve(number, STAFF)
    clock.advance(hours=1)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.APPROVED
    assert stock(store)["cheesecake"] == 4


async def test_an_unpaid_order_expires_after_the_payment_window_and_gives_the_stock_back(
    services, store, clock
):
    number = await order(services, [CHEESECAKE], payment="prepaid")
    assert store.orders[number].status is Status.AWAITING_PAYMENT
    assert stock(store)["cheesecake"] == 4
    clock.advance(minutes=15)
    assert await services.deadlines.fire_due() == 1
    assert store.orders[number].status is Status.EXPIRED
    assert stock(store)["cheesecake"] == 6
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid"]
    assert told(store, STAFF.user_id) == []  # the store never saw it


# --- stock in chat and selling out --------------------------------------------------------------


async def test_selling_out_cancels_orders_not_yet_started_and_leaves_the_kitchens_alone(
    services, store
):
    waiting = await order(services, [CROISSANT, CHEESECAKE])
    approved = await order(services, [CROISSANT], customer=OTHER_CUSTOMER)
    await services.orders.approve(approved, STAFF)
    making = await order(services, [CROISSANT])
    await services.orders.approve(making, STAFF)
    await services.menu.start_preparing(making, STAFF)
    unrelated = await order(services, [CHEESECAKE])
    store.outbox.clear()

    item, cancelled = await services.menu.sell_out("croissant", STAFF)

    assert item.available is False
    assert cancelled == [waiting, approved]
    statuses = {n: store.orders[n].status for n in (waiting, approved, making, unrelated)}
    assert statuses == {waiting: Status.CANCELLED, approved: Status.CANCELLED,
                        making: Status.PREPARING, unrelated: Status.PLACED}
    assert sent(store, CUSTOMER.user_id, "cancelled") == [
        {"number": waiting, "by": "store", "reason": "Butter croissant",
         "sold_out": "Butter croissant"}]
    assert sent(store, OTHER_CUSTOMER.user_id, "cancelled")[0]["sold_out"] == "Butter croissant"
    assert stock(store)["cheesecake"] == 6 - 2  # the waiting order's two came back
    # The store's own doing (its /soldout reply lists them): not echoed, its cards show it.
    assert told(store, STAFF.user_id) == []
    assert {m.order_number for m in store.outbox
            if m.chat_id == STAFF.user_id and m.kind == "store_card"} >= {waiting, approved}


async def test_stock_and_availability_are_staff_only(services, store):
    for change in (lambda: services.menu.set_stock("croissant", 1, CUSTOMER),
                   lambda: services.menu.sell_out("croissant", CUSTOMER),
                   lambda: services.menu.make_available("croissant", CUSTOMER)):
        with pytest.raises(NotAllowed) as refused:
            await change()
        assert refused.value.code == "staff_only"
    assert (store.items["croissant"].stock, store.items["croissant"].available) == (12, True)


async def test_an_unknown_item_is_named_in_the_refusal(services):
    with pytest.raises(NotFound) as refused:
        await services.menu.set_stock("bagel", 3, STAFF)
    assert (refused.value.code, refused.value.params) == ("item_unknown", {"item": "bagel"})


async def test_restocking_a_sold_out_item_puts_it_back_on_sale(services, store):
    await services.menu.sell_out("cheesecake", STAFF)
    await services.menu.set_stock("cheesecake", 0, STAFF)
    assert store.items["cheesecake"].available is False  # nothing to sell yet
    item = await services.menu.set_stock("cheesecake", 4, STAFF)
    assert (item.stock, item.available) == (4, True)
    await fill_cart(services, CUSTOMER, [("bakery", "cheesecake", (), 4)])
    cart = await services.menu.current_cart(CUSTOMER)
    await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert store.items["cheesecake"].stock == 0


async def test_making_an_item_available_again_keeps_its_stock(services, store):
    await services.menu.sell_out("croissant", STAFF)
    item = await services.menu.make_available("croissant", STAFF)
    assert (item.available, item.stock) == (True, 12)


async def test_unlimited_stock_set_in_chat_is_never_short(services, store):
    await services.menu.set_stock("cheesecake", None, STAFF)
    await order(services, [("bakery", "cheesecake", (), 20)])
    await order(services, [("bakery", "cheesecake", (), 20)], customer=OTHER_CUSTOMER)
    assert store.items["cheesecake"].stock is None
    assert len(store.orders) == 2


async def test_selling_out_also_calls_off_an_order_still_waiting_for_its_payment(
    services, store
):
    unpaid = await order(services, [CROISSANT], payment="prepaid")
    placed = await order(services, [CROISSANT], customer=OTHER_CUSTOMER)
    _, cancelled = await services.menu.sell_out("croissant", STAFF)
    assert cancelled == [unpaid, placed]
    assert {store.orders[n].status for n in (unpaid, placed)} == {Status.CANCELLED}
    assert stock(store)["croissant"] == 12  # both gave theirs back
    # The store never saw the unpaid one, so it hears only of the other.
    assert sent(store, STAFF.user_id, "cancelled_store") == []  # the store's own doing
    assert [m.order_number for m in store.outbox
            if m.chat_id == STAFF.user_id and m.kind == "store_card"][-1] == placed


async def test_selling_out_finds_the_orders_whatever_the_case_staff_typed(services, store):
    number = await order(services, [CROISSANT])
    _, cancelled = await services.menu.sell_out("Croissant", STAFF)
    assert cancelled == [number] and store.orders[number].status is Status.CANCELLED


async def test_the_store_is_reminded_of_a_menu_order_waiting_for_it(services, store, clock):
    number = await order(services, [CROISSANT])
    clock.advance(minutes=5)
    await services.deadlines.fire_due()
    reminders = sent(store, STAFF.user_id, "store_reminder")
    assert [r["number"] for r in reminders] == [number]
    assert reminders[0]["lines"][0]["name"] == "Butter croissant"


# --- buttons answer what they were shown with ---------------------------------------------------


async def test_a_confirm_under_an_older_cart_summary_places_nothing_then_the_current_one_does(
    services, store
):
    await fill_cart(services, CUSTOMER, [CROISSANT])
    older = (await services.menu.current_cart(CUSTOMER)).version
    # Back from the summary, one more item, and through checkout again: a new summary.
    await services.menu.change_cart(CUSTOMER, lambda c: c.back())
    await services.menu.open_category(CUSTOMER, "bakery")
    await services.menu.pick_item(CUSTOMER, "cheesecake")
    await services.menu.answer_cart(CUSTOMER, "2")
    cart = await services.menu.change_cart(CUSTOMER, lambda c: c.check_out())
    assert cart.step is CartStep.CONFIRM
    for seen in (older, None):
        with pytest.raises(OutOfDate):
            await services.menu.place_menu_order(CUSTOMER, seen)
    assert store.orders == {}
    assert stock(store)["cheesecake"] == 6  # nothing taken

    placed = await services.menu.place_menu_order(CUSTOMER, cart.version)
    assert [(line.item_key, line.quantity) for line in placed.lines] == [
        ("croissant", 1), ("cheesecake", 2)]
    assert stock(store)["cheesecake"] == 4


async def test_a_quantity_button_asked_for_another_item_adds_nothing(services, store):
    shop = services.menu
    await shop.start_cart(CUSTOMER)
    await shop.open_category(CUSTOMER, "bakery")
    asked = (await shop.pick_item(CUSTOMER, "croissant")).version  # "How many croissants?"
    await shop.change_cart(CUSTOMER, lambda c: c.back())
    await shop.open_category(CUSTOMER, "bakery")
    await shop.pick_item(CUSTOMER, "cheesecake")  # now "How many cheesecakes?"
    with pytest.raises(OutOfDate):
        await shop.choose_quantity(CUSTOMER, asked, "3")
    cart = await shop.current_cart(CUSTOMER)
    assert cart.lines == [] and cart.step is CartStep.QUANTITY
