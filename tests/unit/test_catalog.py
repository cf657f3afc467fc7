"""The catalog file: what reads, what is refused and why, prices with options, and stock."""

import copy
import tomllib
from typing import Any

import pytest

from bot.settings import EXAMPLE_CATALOG
from domain.menu.catalog import (
    DEFAULT_ITEM_KG,
    CatalogError,
    MenuItem,
    chosen_options,
    read_catalog,
)
from domain.shared.errors import InvalidAnswer, NotAllowed


def example() -> dict[str, Any]:
    with EXAMPLE_CATALOG.open("rb") as file:
        return tomllib.load(file)


def minimal() -> dict[str, Any]:
    """A small valid catalog to break one field at a time."""
    return {
        "shop": {"name": "Corner", "delivery_fee": 2000},
        "category": [
            {"key": "drinks", "name": "Drinks", "item": [
                {"key": "tea", "name": "Tea", "price": 3000, "stock": 4,
                 "option": [{"key": "size", "name": "Size", "choice": [
                     {"key": "small", "name": "Small"},
                     {"key": "big", "name": "Big", "delta": 700},
                 ]}]},
            ]},
        ],
    }


def item(key: str, price: int = 1000, stock: int | None = None,
         available: bool = True) -> MenuItem:
    return MenuItem(key, "coffee", key.title(), price, stock=stock, available=available)


# --- the example file ------------------------------------------------------------------------


def test_the_example_catalog_reads_the_shop():
    shop = read_catalog(example()).shop
    assert shop.name == "Ppalli Coffee"
    assert shop.address == "12 Sejong-daero, Jung-gu, Seoul"
    assert (shop.place.lat, shop.place.lon) == (37.5665, 126.9780)
    assert shop.delivery_fee == 3000
    assert shop.pickup is True


def test_the_example_catalog_reads_categories_and_items_in_file_order():
    catalog = read_catalog(example())
    assert [(c.key, c.name) for c in catalog.categories] == [("coffee", "Coffee"),
                                                              ("bakery", "Bakery")]
    assert [(i.key, i.category, i.price, i.position) for i in catalog.items] == [
        ("americano", "coffee", 4000, 0),
        ("latte", "coffee", 4500, 1),
        ("cold-brew", "coffee", 5000, 2),
        ("croissant", "bakery", 3500, 3),
        ("cheesecake", "bakery", 6500, 4),
    ]
    assert catalog.items[1].name == "Café latte"


def test_the_example_options_keep_their_choices_and_price_deltas():
    latte = read_catalog(example()).items[1]
    groups = [(g.key, g.name, [(c.key, c.name, c.delta) for c in g.choices])
              for g in latte.option_groups]
    assert groups == [
        ("size", "Size", [("regular", "Regular", 0), ("large", "Large", 500)]),
        ("shot", "Extra shot", [("no", "No extra shot", 0), ("extra", "Extra shot", 500)]),
    ]


def test_an_item_without_stock_is_unlimited_and_one_with_stock_counts_it():
    items = {i.key: i for i in read_catalog(example()).items}
    assert items["americano"].stock is None
    assert items["cold-brew"].stock == 20
    assert items["cheesecake"].stock == 6
    assert all(i.available for i in items.values())


def test_weight_defaults_when_the_file_leaves_it_out():
    items = {i.key: i for i in read_catalog(example()).items}
    assert items["americano"].weight_kg == DEFAULT_ITEM_KG
    assert items["croissant"].weight_kg == 0.1


def test_a_shop_section_left_out_gives_a_plain_shop_with_pickup():
    data = minimal()
    del data["shop"]
    shop = read_catalog(data).shop
    assert (shop.name, shop.delivery_fee, shop.pickup) == ("Shop", 0, True)
    assert shop.address == "Shop"


def test_an_item_marked_unavailable_in_the_file_is_not_on_sale():
    data = minimal()
    data["category"][0]["item"][0]["available"] = False
    assert read_catalog(data).items[0].available is False


# --- files that are refused ------------------------------------------------------------------


def broken(change) -> dict[str, Any]:
    data = copy.deepcopy(minimal())
    change(data)
    return data


def _duplicate_item(data):
    data["category"].append({"key": "more", "name": "More",
                             "item": [{"key": "tea", "name": "Other tea", "price": 1}]})


def _first_item(data):
    return data["category"][0]["item"][0]


def _options_reading(data, *lengths: int) -> None:
    """Give the first item one option per length, each with one choice that long."""
    _first_item(data)["option"] = [
        {"key": f"o{n}", "name": f"Option {n}", "choice": [{"key": "c", "name": "x" * length}]}
        for n, length in enumerate(lengths)]


def _items_in_first_category(data, count: int) -> None:
    data["category"][0]["item"] = [{"key": f"i{n}", "name": f"Item {n}", "price": 1}
                                   for n in range(count)]


REFUSED = {
    "duplicate item key": (_duplicate_item, "item 'tea' appears twice"),
    "key with capitals": (lambda d: _first_item(d).update(key="Tea"), "key must be"),
    "key with a space": (lambda d: _first_item(d).update(key="green tea"), "'green tea'"),
    "key too long": (lambda d: _first_item(d).update(key="t" * 33), "key must be 1-32"),
    "key missing": (lambda d: _first_item(d).pop("key"), "got None"),
    "category key bad": (lambda d: d["category"][0].update(key="Drinks!"), "category: key"),
    "negative price": (lambda d: _first_item(d).update(price=-1), "'price' must be a whole"),
    "price as text": (lambda d: _first_item(d).update(price="3000"), "'price' must be a whole"),
    "price missing": (lambda d: _first_item(d).pop("price"), "'price'"),
    "negative delivery fee": (lambda d: d["shop"].update(delivery_fee=-500), "'delivery_fee'"),
    "negative option delta": (
        lambda d: _first_item(d)["option"][0]["choice"][1].update(delta=-1), "'delta'"),
    "stock as text": (lambda d: _first_item(d).update(stock="5"), "item 'tea': stock must be"),
    "stock fractional": (lambda d: _first_item(d).update(stock=2.5), "stock must be a whole"),
    "stock negative": (lambda d: _first_item(d).update(stock=-1), "stock must be a whole"),
    "stock a boolean": (lambda d: _first_item(d).update(stock=True), "stock must be a whole"),
    "weight negative": (lambda d: _first_item(d).update(weight_kg=-1), "weight_kg must be"),
    "lat without lon": (lambda d: d["shop"].update(lat=37.5), "give both lat and lon"),
    "lon without lat": (lambda d: d["shop"].update(lon=127.0), "give both lat and lon"),
    "no items": (lambda d: d["category"][0].pop("item"), "the catalog has no items"),
    "no categories": (lambda d: d.pop("category"), "the catalog has no items"),
    "two categories one key": (
        lambda d: d["category"].append({"key": "drinks", "name": "Again",
                                        "item": [{"key": "juice", "name": "Juice",
                                                  "price": 1}]}),
        "two categories share a key"),
    "option without choices": (
        lambda d: _first_item(d)["option"][0].update(choice=[]), "at least one choice"),
    "item without a name": (lambda d: _first_item(d).update(name="  "), "'name' must be text"),
    "name too long": (lambda d: _first_item(d).update(name="x" * 101), "1-100 characters"),
    "category not a list": (
        lambda d: d.update(category={"key": "x", "name": "X"}), "[[category]]"),
    "a line too long with its options": (
        lambda d: _options_reading(d, 50, 50, 11), "item 'tea': with its options it reads up "
                                                   "to 121 characters"),
    "too many items in a category": (
        lambda d: _items_in_first_category(d, 51), "category 'drinks' has 51 items"),
    "shop name too long": (lambda d: d["shop"].update(name="x" * 101), "shop: name must be"),
    "shop name empty": (lambda d: d["shop"].update(name=" "), "shop: name must be"),
    "shop address too long": (lambda d: d["shop"].update(address="가" * 301),
                              "shop: address must be text of at most 300"),
    "name too long in UTF-16": (lambda d: _first_item(d).update(name="😀" * 51),
                                "1-100 characters"),
}


@pytest.mark.parametrize("change, says", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_catalog_is_refused_with_a_readable_reason(change, says):
    with pytest.raises(CatalogError) as refused:
        read_catalog(broken(change))
    assert says in str(refused.value)


def test_a_line_reading_120_characters_and_50_items_in_a_category_are_accepted():
    longest = broken(lambda d: _options_reading(d, 50, 50, 10))
    [tea] = read_catalog(longest).items
    label, _ = chosen_options(tea.options, {"o0": "c", "o1": "c", "o2": "c"})
    assert len(f"{tea.name} ({label})") == 120  # as an order line reads
    assert len(read_catalog(broken(lambda d: _items_in_first_category(d, 50))).items) == 50


def test_the_minimal_catalog_used_above_is_itself_valid():
    catalog = read_catalog(minimal())
    assert [i.key for i in catalog.items] == ["tea"]
    assert catalog.shop.delivery_fee == 2000


# --- prices with options ---------------------------------------------------------------------


def test_chosen_options_name_the_choices_and_add_their_deltas():
    latte = read_catalog(example()).items[1]
    assert latte.price == 4500
    assert chosen_options(latte.options, {"size": "regular", "shot": "no"}) == (
        "Regular, No extra shot", 0)
    assert chosen_options(latte.options, {"size": "large", "shot": "no"})[1] == 500
    assert chosen_options(latte.options, {"size": "large", "shot": "extra"}) == (
        "Large, Extra shot", 1000)


def test_an_item_without_options_adds_nothing_to_its_price():
    cold_brew = read_catalog(example()).items[2]
    assert cold_brew.option_groups == ()
    assert chosen_options(cold_brew.options, {}) == ("", 0)


def test_chosen_options_refuse_a_choice_the_item_does_not_offer():
    latte = read_catalog(example()).items[1]
    with pytest.raises(InvalidAnswer) as refused:
        chosen_options(latte.options, {"size": "venti", "shot": "no"})
    assert refused.value.code == "option_unknown"


# --- stock -------------------------------------------------------------------------------------


def test_reserving_takes_from_stock():
    cake = item("cake", stock=5)
    cake.reserve(2)
    cake.reserve(3)
    assert cake.stock == 0


def test_reserving_more_than_is_left_is_refused_with_what_is_left():
    cake = item("cake", stock=3)
    with pytest.raises(NotAllowed) as refused:
        cake.reserve(4)
    assert refused.value.code == "item_short"
    assert refused.value.params == {"item": "Cake", "left": 3}
    assert cake.stock == 3


def test_reserving_a_sold_out_item_says_it_is_sold_out():
    cake = item("cake", stock=0)
    with pytest.raises(NotAllowed) as refused:
        cake.reserve(1)
    assert refused.value.code == "item_sold_out"
    assert refused.value.params == {"item": "Cake"}


def test_reserving_an_unavailable_item_says_it_is_sold_out_even_with_stock():
    for stock in (None, 10):
        cake = item("cake", stock=stock, available=False)
        with pytest.raises(NotAllowed) as refused:
            cake.reserve(1)
        assert refused.value.code == "item_sold_out"
        assert cake.stock == stock


def test_releasing_gives_the_stock_back():
    cake = item("cake", stock=4)
    cake.reserve(4)
    cake.release(3)
    assert cake.stock == 3
    cake.reserve(3)
    assert cake.stock == 0


def test_unlimited_stock_never_runs_out():
    coffee = item("coffee")
    for _ in range(5):
        coffee.reserve(1_000_000)
    coffee.release(7)
    assert coffee.stock is None


def test_set_stock_accepts_a_count_or_unlimited_and_refuses_nonsense():
    cake = item("cake", stock=2)
    cake.set_stock(9)
    assert cake.stock == 9
    cake.set_stock(None)
    assert cake.stock is None
    for bad in (-1, 1_000_001):
        with pytest.raises(InvalidAnswer) as refused:
            cake.set_stock(bad)
        assert refused.value.code == "stock_count"
    assert cake.stock is None


def test_two_options_or_two_choices_with_one_key_are_refused():
    def item_with(options):
        return {"category": [{"key": "c", "name": "C", "item": [
            {"key": "tea", "name": "Tea", "price": 3000, "option": options}]}]}

    same_group = [{"key": "size", "name": "Size", "choice": [{"key": "s", "name": "S"}]}] * 2
    with pytest.raises(CatalogError, match="two options share a key"):
        read_catalog(item_with(same_group))
    same_choice = [{"key": "size", "name": "Size",
                    "choice": [{"key": "s", "name": "S"}, {"key": "s", "name": "Small"}]}]
    with pytest.raises(CatalogError, match="two choices of an option share a key"):
        read_catalog(item_with(same_choice))
