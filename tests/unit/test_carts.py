"""The menu order wizard: its steps, the answers it refuses, and what the cart adds up to."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.menu.carts import MAX_LINES, Cart, CartStep, LineEdit
from domain.menu.catalog import MenuItem
from domain.orders.model import Fulfilment, OrderLine, PaymentMethod, Place
from domain.parcels.drafts import DraftRules
from domain.shared.errors import InvalidAnswer, OutOfDate
from tests.unit.conftest import example_catalog

CATALOG = example_catalog()
SHOP = CATALOG.shop
KNOWN = {c.key for c in CATALOG.categories}
RULES = DraftRules()
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def menu_item(key: str) -> MenuItem:
    """A fresh copy, so a test may change its stock."""
    found = next(i for i in CATALOG.items if i.key == key)
    return MenuItem(found.key, found.category, found.name, found.price, found.options,
                    found.stock, found.available, found.weight_kg, found.position)


def unlimited(key: str) -> MenuItem:
    item = menu_item(key)
    item.stock = None
    return item


def add(cart: Cart, category: str, key: str, choices: tuple[int, ...], quantity: str) -> None:
    cart.open_category(category, KNOWN)
    cart.pick_item(menu_item(key))
    for group, choice in enumerate(choices):
        cart.pick_option(group, choice)
    cart.answer_text(quantity, RULES, menu_item(key))


def filled(fulfilment: str = "delivery") -> Cart:
    """Two large iced americanos and a croissant, checked out up to the payment."""
    cart = Cart(1, NOW)
    add(cart, "coffee", "americano", (1, 1), "2")
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    cart.choose_fulfilment(fulfilment, SHOP)
    if fulfilment == "delivery":
        cart.answer_text("152 Teheran-ro, Gangnam-gu", RULES)
        cart.answer_text("010-1234-5678", RULES)
    return cart


def refusal(action) -> str:
    with pytest.raises(InvalidAnswer) as refused:
        action()
    return refused.value.code


# --- the steps -------------------------------------------------------------------------------


def test_browsing_goes_category_item_each_option_then_quantity():
    cart = Cart(1, NOW)
    seen = [cart.step]
    cart.open_category("coffee", KNOWN)
    seen.append(cart.step)
    cart.pick_item(menu_item("americano"))
    seen.append(cart.step)
    assert cart.next_option()["key"] == "size"
    cart.pick_option(0, 1)
    seen.append(cart.step)
    assert cart.next_option()["key"] == "temp"
    cart.pick_option(1, 1)
    seen.append(cart.step)
    assert seen == [CartStep.CATEGORY, CartStep.ITEM, CartStep.OPTION, CartStep.OPTION,
                    CartStep.QUANTITY]
    assert cart.chosen == {"size": "large", "temp": "iced"}


def test_the_quantity_puts_the_line_in_the_cart_and_browsing_starts_over():
    cart = Cart(1, NOW)
    add(cart, "coffee", "americano", (1, 1), "2")
    assert cart.step is CartStep.CATEGORY
    assert cart.lines == [{"item_key": "americano", "name": "Americano",
                           "options": "Large, Iced", "unit_price": 4500, "quantity": 2}]
    assert (cart.category, cart.item, cart.chosen) == (None, None, {})


def test_an_item_without_options_goes_straight_to_the_quantity():
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    assert cart.step is CartStep.QUANTITY
    cart.answer_text("3", RULES, menu_item("croissant"))
    assert cart.lines[0]["options"] == "" and cart.lines[0]["unit_price"] == 3500


def test_checkout_asks_fulfilment_address_phone_payment_then_confirm():
    cart = Cart(1, NOW)
    add(cart, "coffee", "latte", (0, 1), "1")
    cart.check_out()
    seen = [cart.step]
    cart.choose_fulfilment("delivery", SHOP)
    seen.append(cart.step)
    cart.answer_text("  152   Teheran-ro ", RULES)
    seen.append(cart.step)
    cart.answer_text("010-1234-5678", RULES)
    seen.append(cart.step)
    cart.choose_payment("prepaid")
    seen.append(cart.step)
    assert seen == [CartStep.FULFILMENT, CartStep.ADDRESS, CartStep.PHONE, CartStep.PAYMENT,
                    CartStep.CONFIRM]
    assert cart.address == "152 Teheran-ro"
    assert cart.payment is PaymentMethod.PREPAID
    assert cart.destination == Place("152 Teheran-ro", None, None)


def test_the_address_may_be_a_shared_location():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    cart.choose_fulfilment("delivery", SHOP)
    cart.answer_location(37.49791234, 127.0276)
    assert cart.step is CartStep.PHONE
    assert cart.destination == Place(None, 37.497912, 127.0276)


def test_the_payment_may_be_typed():
    cart = filled()
    cart.answer_text("현금", RULES)
    assert cart.payment is PaymentMethod.CASH and cart.step is CartStep.CONFIRM


def test_pickup_skips_the_address_and_the_phone():
    cart = filled("pickup")
    assert cart.step is CartStep.PAYMENT
    cart.choose_payment("cash")
    assert cart.step is CartStep.CONFIRM
    assert cart.destination is None and cart.phone is None


def test_back_drops_the_item_being_chosen_but_keeps_the_cart():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.open_category("coffee", KNOWN)
    cart.pick_item(menu_item("americano"))
    cart.pick_option(0, 1)
    cart.back()
    assert cart.step is CartStep.CATEGORY
    assert [line["item_key"] for line in cart.lines] == ["croissant"]
    assert cart.chosen == {}


def test_back_from_checkout_returns_to_browsing_with_the_lines():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    cart.back()
    assert cart.step is CartStep.CATEGORY and len(cart.lines) == 1
    add(cart, "bakery", "cheesecake", (), "1")
    assert len(cart.lines) == 2


# --- answers refused ---------------------------------------------------------------------------


def test_an_old_option_button_of_an_answered_group_is_stale():
    cart = Cart(1, NOW)
    cart.open_category("coffee", KNOWN)
    cart.pick_item(menu_item("americano"))
    cart.pick_option(0, 0)
    assert refusal(lambda: cart.pick_option(0, 1)) == "stale_button"
    assert cart.chosen == {"size": "regular"}


def test_an_option_button_for_a_later_group_is_stale():
    cart = Cart(1, NOW)
    cart.open_category("coffee", KNOWN)
    cart.pick_item(menu_item("americano"))
    assert refusal(lambda: cart.pick_option(1, 0)) == "stale_button"
    assert cart.chosen == {}


@pytest.mark.parametrize("choice", [2, 9, -1])
def test_an_option_choice_out_of_range_is_stale(choice):
    cart = Cart(1, NOW)
    cart.open_category("coffee", KNOWN)
    cart.pick_item(menu_item("americano"))
    assert refusal(lambda: cart.pick_option(0, choice)) == "stale_button"
    assert cart.step is CartStep.OPTION and cart.chosen == {}


def test_an_option_button_once_at_the_quantity_is_stale():
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    assert refusal(lambda: cart.pick_option(0, 0)) == "stale_button"


@pytest.mark.parametrize("typed", ["0", "21", "abc", "", " ", "\u200b", "-1", "2.5", "1_0",
                                   "٢١", "⑳" * 2200, "9" * 5000])  # past int()'s 4,300 digits
def test_a_quantity_outside_one_to_twenty_is_refused(typed):
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    with pytest.raises(InvalidAnswer) as refused:
        cart.answer_text(typed, RULES, unlimited("croissant"))
    assert refused.value.code == "quantity_range"
    assert refused.value.params == {"max": 20}
    assert cart.lines == [] and cart.step is CartStep.QUANTITY


@pytest.mark.parametrize("typed, quantity", [("1", 1), (" 20 ", 20), ("07", 7)])
def test_a_quantity_from_one_to_twenty_is_taken(typed, quantity):
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    cart.answer_text(typed, RULES, unlimited("croissant"))
    assert cart.lines[0]["quantity"] == quantity


def test_an_unknown_category_is_refused():
    cart = Cart(1, NOW)
    assert refusal(lambda: cart.open_category("pizza", KNOWN)) == "category_unknown"
    assert cart.step is CartStep.CATEGORY


def test_an_item_of_another_category_is_a_stale_button():
    cart = Cart(1, NOW)
    cart.open_category("coffee", KNOWN)
    assert refusal(lambda: cart.pick_item(menu_item("croissant"))) == "stale_button"
    assert refusal(lambda: Cart(1, NOW).pick_item(menu_item("croissant"))) == "stale_button"


def test_a_sold_out_or_unavailable_item_cannot_be_picked():
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    empty, hidden = menu_item("cheesecake"), menu_item("croissant")
    empty.stock, hidden.available = 0, False
    for item in (empty, hidden):
        with pytest.raises(InvalidAnswer) as refused:
            cart.pick_item(item)
        assert refused.value.code == "item_sold_out"
        assert refused.value.params == {"item": item.name}
    assert cart.step is CartStep.ITEM


def test_a_full_cart_takes_no_more_lines():
    cart = Cart(1, NOW)
    for _ in range(MAX_LINES):
        add(cart, "coffee", "americano", (0, 0), "1")
    cart.open_category("coffee", KNOWN)
    with pytest.raises(InvalidAnswer) as refused:
        cart.pick_item(menu_item("americano"))
    assert (refused.value.code, refused.value.params) == ("cart_full", {"max": MAX_LINES})


def test_checking_out_an_empty_cart_is_refused():
    cart = Cart(1, NOW)
    assert refusal(cart.check_out) == "cart_empty"
    assert cart.step is CartStep.CATEGORY


def test_checking_out_drops_an_item_half_chosen():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.open_category("coffee", KNOWN)
    cart.pick_item(menu_item("americano"))
    cart.check_out()
    assert cart.step is CartStep.FULFILMENT and cart.item is None
    assert len(cart.lines) == 1


def test_pickup_is_refused_when_the_shop_does_not_offer_it():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    no_counter = replace(SHOP, pickup=False)
    assert refusal(lambda: cart.choose_fulfilment("pickup", no_counter)) == "pickup_unavailable"
    assert cart.step is CartStep.FULFILMENT
    cart.choose_fulfilment("delivery", no_counter)
    assert cart.fulfilment is Fulfilment.DELIVERY


def test_an_unknown_fulfilment_button_is_stale():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    assert refusal(lambda: cart.choose_fulfilment("drone", SHOP)) == "stale_button"


def test_browsing_buttons_during_checkout_are_stale():
    cart = filled()
    assert refusal(lambda: cart.open_category("coffee", KNOWN)) == "stale_button"
    assert refusal(lambda: cart.pick_item(menu_item("americano"))) == "stale_button"
    assert refusal(lambda: cart.choose_fulfilment("pickup", SHOP)) == "stale_button"


def test_text_where_a_button_is_expected_is_refused():
    cart = Cart(1, NOW)
    assert refusal(lambda: cart.answer_text("coffee", RULES)) == "use_buttons"
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    assert refusal(lambda: cart.answer_text("delivery", RULES)) == "use_buttons"


def test_a_location_outside_the_address_step_is_refused():
    cart = filled()
    assert refusal(lambda: cart.answer_location(37.5, 127.0)) == "location_not_expected"


def test_a_bad_phone_and_an_unknown_payment_are_refused():
    cart = Cart(1, NOW)
    add(cart, "bakery", "croissant", (), "1")
    cart.check_out()
    cart.choose_fulfilment("delivery", SHOP)
    cart.answer_text("Somewhere 1", RULES)
    assert refusal(lambda: cart.answer_text("call me", RULES)) == "phone_invalid"
    cart.answer_text("010-1234-5678", RULES)
    assert refusal(lambda: cart.choose_payment("bitcoin")) == "payment_choose"
    assert cart.step is CartStep.PAYMENT


# --- totals and the order it becomes -----------------------------------------------------------


def test_the_total_adds_the_delivery_fee_only_for_a_delivery():
    delivery, pickup = filled("delivery"), filled("pickup")
    assert delivery.items_total == pickup.items_total == 2 * 4500 + 3500
    assert delivery.delivery_fee(SHOP) == 3000 and delivery.total(SHOP) == 15500
    assert pickup.delivery_fee(SHOP) == 0 and pickup.total(SHOP) == 12500


def test_the_cart_becomes_a_menu_order_with_its_lines_and_prices():
    cart = filled()
    cart.choose_payment("cash")
    menu = cart.to_menu_order(SHOP)
    assert menu.lines == (
        OrderLine("americano", "Americano", "Large, Iced", 4500, 2),
        OrderLine("croissant", "Butter croissant", "", 3500, 1),
    )
    assert [line.total for line in menu.lines] == [9000, 3500]
    assert (menu.fulfilment, menu.delivery_fee) == (Fulfilment.DELIVERY, 3000)


def test_a_pickup_order_carries_no_delivery_fee():
    cart = filled("pickup")
    cart.choose_payment("cash")
    menu = cart.to_menu_order(SHOP)
    assert (menu.fulfilment, menu.delivery_fee) == (Fulfilment.PICKUP, 0)


def test_the_price_in_the_cart_is_the_one_the_customer_saw():
    cart = Cart(1, NOW)
    add(cart, "coffee", "latte", (1, 1), "1")
    assert cart.lines[0]["unit_price"] == 5500
    assert cart.lines[0]["options"] == "Large, Extra shot"


def test_an_unfinished_cart_does_not_become_an_order():
    cart = filled()
    assert refusal(lambda: cart.to_menu_order(SHOP)) == "draft_incomplete"


# --- the version a message showed -----------------------------------------------------------


def test_every_change_to_the_cart_moves_the_version_on_and_a_refused_answer_does_not():
    cart = Cart(1, NOW)
    start = cart.version
    changes = [
        lambda: cart.open_category("coffee", KNOWN),
        lambda: cart.pick_item(menu_item("americano")),
        lambda: cart.pick_option(0, 1),
        lambda: cart.pick_option(1, 1),
        lambda: cart.answer_text("2", RULES, menu_item("americano")),
        lambda: cart.check_out(),
        lambda: cart.back(),
        lambda: cart.check_out(),
        lambda: cart.choose_fulfilment("delivery", SHOP),
        lambda: cart.answer_location(37.4979, 127.0276),
        lambda: cart.answer_text("010-1234-5678", RULES),
        lambda: cart.choose_payment("cash"),
    ]
    versions = []
    for change in changes:
        change()
        versions.append(cart.version)
    assert versions == [start + n for n in range(1, len(changes) + 1)]
    # On the summary typed text is a note (domain.orders.requests); one too long is refused.
    assert refusal(lambda: cart.answer_text("x" * 151, RULES)) == "note_too_long"
    assert cart.version == versions[-1]


def test_a_summary_or_question_of_another_version_is_out_of_date():
    cart = filled()
    cart.choose_payment("cash")
    cart.check_seen(cart.version)
    for seen in (cart.version - 1, None):
        with pytest.raises(OutOfDate):
            cart.check_seen(seen)


@pytest.mark.parametrize(("typed", "quantity"), [("١", 1), ("３", 3), (" 2\u200b", 2)])
def test_a_quantity_in_other_digits_or_with_invisible_characters_is_read(typed, quantity):
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    cart.answer_text(typed, RULES, menu_item("croissant"))
    assert [line["quantity"] for line in cart.lines] == [quantity]


# --- stock when adding --------------------------------------------------------------------------


def test_a_quantity_is_capped_by_the_stock_less_what_the_cart_holds():
    cart = Cart(1, NOW)
    add(cart, "bakery", "cheesecake", (), "4")  # 6 in stock
    cheesecake = menu_item("cheesecake")
    assert (cart.held("cheesecake"), cart.left_for(cheesecake)) == (4, 2)
    assert cart.most_to_add(cheesecake) == 2
    cart.open_category("bakery", KNOWN)
    cart.pick_item(cheesecake)
    with pytest.raises(InvalidAnswer) as refused:
        cart.answer_text("3", RULES, cheesecake)
    assert (refused.value.code, refused.value.params) == ("quantity_range", {"max": 2})
    cart.answer_text("2", RULES, cheesecake)
    assert [line["quantity"] for line in cart.lines] == [4, 2]


def test_an_item_whose_stock_the_cart_holds_all_of_cannot_be_picked_again():
    cart = Cart(1, NOW)
    add(cart, "bakery", "cheesecake", (), "6")
    cart.open_category("bakery", KNOWN)
    with pytest.raises(InvalidAnswer) as refused:
        cart.pick_item(menu_item("cheesecake"))
    assert (refused.value.code, refused.value.params) == ("only_left", {"left": 6})
    assert cart.step is CartStep.ITEM


def test_an_unlimited_item_is_capped_only_by_the_largest_quantity():
    cart = Cart(1, NOW)
    add(cart, "coffee", "americano", (0, 0), "20")
    assert cart.left_for(menu_item("americano")) is None
    assert cart.most_to_add(menu_item("americano")) == 20


def test_a_quantity_for_an_item_sold_out_or_taken_off_the_menu_meanwhile_is_refused():
    cart = Cart(1, NOW)
    cart.open_category("bakery", KNOWN)
    cart.pick_item(menu_item("croissant"))
    gone = menu_item("croissant")
    gone.stock = 0
    for item in (gone, None):
        assert refusal(lambda item=item: cart.set_quantity("1", item)) == "item_sold_out"
    assert cart.lines == [] and cart.step is CartStep.QUANTITY


# --- editing the lines ---------------------------------------------------------------------------


def two_lines() -> Cart:
    """Two large iced americanos (4500 each), then two cheesecakes (6500 each, 6 in stock)."""
    cart = Cart(1, NOW)
    add(cart, "coffee", "americano", (1, 1), "2")
    add(cart, "bakery", "cheesecake", (), "2")
    return cart


def quantities(cart: Cart) -> list[tuple[str, int]]:
    return [(line["item_key"], line["quantity"]) for line in cart.lines]


def test_plus_and_minus_change_one_line_and_the_total():
    cart = two_lines()
    cart.edit_line(1, LineEdit.MORE, menu_item("cheesecake"))
    assert quantities(cart) == [("americano", 2), ("cheesecake", 3)]
    assert cart.items_total == 2 * 4500 + 3 * 6500
    cart.edit_line(0, LineEdit.LESS, None)
    assert quantities(cart) == [("americano", 1), ("cheesecake", 3)]


def test_minus_on_a_single_one_removes_the_line():
    cart = two_lines()
    cart.edit_line(0, LineEdit.LESS, None)
    cart.edit_line(0, LineEdit.LESS, None)
    assert quantities(cart) == [("cheesecake", 2)]


def test_the_bin_removes_the_whole_line():
    cart = two_lines()
    cart.edit_line(1, LineEdit.DROP, None)
    assert quantities(cart) == [("americano", 2)]


def test_plus_is_refused_once_the_cart_holds_all_the_stock():
    cart = two_lines()
    cheesecake = menu_item("cheesecake")
    cheesecake.stock = 3
    cart.edit_line(1, LineEdit.MORE, cheesecake)
    version = cart.version
    with pytest.raises(InvalidAnswer) as refused:
        cart.edit_line(1, LineEdit.MORE, cheesecake)
    assert (refused.value.code, refused.value.params) == ("only_left", {"left": 3})
    assert quantities(cart) == [("americano", 2), ("cheesecake", 3)]
    assert cart.version == version


def test_plus_counts_every_line_of_the_same_item():
    cart = Cart(1, NOW)
    add(cart, "bakery", "cheesecake", (), "3")
    add(cart, "bakery", "cheesecake", (), "3")  # all 6
    assert refusal(lambda: cart.edit_line(0, LineEdit.MORE, menu_item("cheesecake"))) == (
        "only_left")


def test_plus_stops_at_the_largest_quantity_of_a_line():
    cart = Cart(1, NOW)
    add(cart, "coffee", "americano", (0, 0), "20")
    assert refusal(lambda: cart.edit_line(0, LineEdit.MORE, menu_item("americano"))) == (
        "quantity_range")


def test_plus_on_an_item_sold_out_or_off_the_menu_is_refused_but_it_can_still_go():
    cart = two_lines()
    sold_out = menu_item("cheesecake")
    sold_out.available = False
    for item in (sold_out, None):
        with pytest.raises(InvalidAnswer) as refused:
            cart.edit_line(1, LineEdit.MORE, item)
        assert refused.value.params == {"item": "Basque cheesecake"}
    cart.edit_line(1, LineEdit.DROP, None)
    assert quantities(cart) == [("americano", 2)]


@pytest.mark.parametrize("index", [-1, 2, 99])
def test_a_button_for_a_line_the_cart_does_not_have_is_stale(index):
    cart = two_lines()
    assert refusal(lambda: cart.edit_line(index, LineEdit.LESS, None)) == "stale_button"


def test_lines_can_be_edited_during_checkout_and_each_edit_moves_the_version_on():
    cart = filled()
    cart.choose_payment("cash")
    summary = cart.version
    cart.edit_line(0, LineEdit.LESS, None)
    assert cart.version == summary + 1 and cart.step is CartStep.CONFIRM
    with pytest.raises(OutOfDate):
        cart.check_seen(summary)


def test_a_cart_emptied_during_checkout_goes_back_to_browsing():
    cart = filled()
    cart.edit_line(1, LineEdit.DROP, None)
    cart.edit_line(0, LineEdit.DROP, None)
    assert cart.lines == [] and cart.step is CartStep.CATEGORY
