"""The shop's menu: categories, items with options and prices, stock and availability.

The catalog file (TOML) says what the shop sells; each item's stock and availability then
live in the database, where checkout reserves stock under a row lock and staff change it in
chat. `read_catalog` turns the file's contents into plain objects; nothing here reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from domain.orders.model import Place
from domain.shared.errors import InvalidAnswer, NotAllowed
from domain.shared.text import utf16_length
from domain.shop.zone import DeliveryZone

MAX_KEY_CHARS = 32
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # 1 to MAX_KEY_CHARS
MAX_QUANTITY = 20
DEFAULT_ITEM_KG = 0.3
# Lengths are UTF-16 units, as Telegram counts a message.
MAX_NAME_CHARS = 100  # a category, item, option or choice name
# An item's name and its longest choice of options, as an order line reads them ("Café latte
# (Large, Iced)"): small enough that a full cart (MAX_LINES lines) shows every line in one
# message beside the address, so the kitchen never misses one.
MAX_LINE_CHARS = 120
MAX_ITEMS_PER_CATEGORY = 50  # one button each: a chat keyboard holds at most 100
MAX_SHOP_NAME_CHARS = 100  # it heads the invoice's description (at most 255 characters)
MAX_SHOP_ADDRESS_CHARS = 300  # as a typed address (domain.parcels.drafts.DraftRules)


class CatalogError(ValueError):
    """The catalog file is not usable; the message says where and why."""


@dataclass(frozen=True)
class Choice:
    key: str
    name: str
    delta: int = 0  # added to the item's price


@dataclass(frozen=True)
class OptionGroup:
    """One question about an item (size, extra shot...): the customer picks exactly one."""

    key: str
    name: str
    choices: tuple[Choice, ...]

    def choice(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise InvalidAnswer("option_unknown")


@dataclass(frozen=True)
class Category:
    key: str
    name: str


@dataclass(eq=False)
class MenuItem:
    """An item on sale. `stock` None means unlimited; otherwise it is what may still be sold
    (orders placed have already taken theirs)."""

    key: str
    category: str
    name: str
    price: int
    options: list[dict[str, Any]] = field(default_factory=list)  # stored as plain data
    stock: int | None = None
    available: bool = True
    weight_kg: float = DEFAULT_ITEM_KG
    position: int = 0

    @property
    def option_groups(self) -> tuple[OptionGroup, ...]:
        return tuple(_group(raw) for raw in self.options)

    def reserve(self, quantity: int) -> None:
        """Take stock for an order being placed; refused with what is left."""
        if not self.available:
            raise NotAllowed("item_sold_out", item=self.name)
        if self.stock is not None:
            if quantity > self.stock:
                if self.stock == 0:
                    raise NotAllowed("item_sold_out", item=self.name)
                raise NotAllowed("item_short", item=self.name, left=self.stock)
            self.stock -= quantity

    def release(self, quantity: int) -> None:
        """Give back what an order that will not be made had taken."""
        if self.stock is not None:
            self.stock += quantity

    def set_stock(self, count: int | None) -> None:
        if count is not None and not 0 <= count <= 1_000_000:
            raise InvalidAnswer("stock_count")
        self.stock = count


@dataclass(frozen=True)
class Shop:
    """Where menu orders start from, and what delivery costs."""

    name: str = "Shop"
    place: Place = field(default_factory=Place)
    delivery_fee: int = 0  # the catalog's, for every address unless fees go by distance
    pickup: bool = True  # customers may collect at the counter
    zone: DeliveryZone = field(default_factory=DeliveryZone)  # the settings' radius and bands

    @property
    def address(self) -> str:
        return self.place.address or self.name

    @property
    def base_fee(self) -> int:
        """What a delivery costs at least (the first band's fee, or the catalog's)."""
        return self.zone.fee_to(None, self.delivery_fee)

    def fee_to(self, destination: Place | None) -> int:
        return self.zone.fee_to(destination, self.delivery_fee)


@dataclass(frozen=True)
class Catalog:
    shop: Shop
    categories: tuple[Category, ...]
    items: tuple[MenuItem, ...]


def read_catalog(data: dict[str, Any]) -> Catalog:
    """Check and convert a parsed catalog file (see catalog.example.toml for its shape)."""
    shop = _shop(data.get("shop", {}))
    categories = []
    items: list[MenuItem] = []
    keys: set[str] = set()
    for raw_category in _list(data, "category"):
        category = Category(_key(raw_category, "category"), _text(raw_category, "name"))
        categories.append(category)
        raw_items = _list(raw_category, "item")
        if len(raw_items) > MAX_ITEMS_PER_CATEGORY:
            raise CatalogError(f"category {category.key!r} has {len(raw_items)} items; at most "
                               f"{MAX_ITEMS_PER_CATEGORY} fit its buttons (split it in two)")
        for raw_item in raw_items:
            item = _item(raw_item, category.key, len(items))
            if item.key in keys:
                raise CatalogError(f"item {item.key!r} appears twice")
            keys.add(item.key)
            items.append(item)
    if not items:
        raise CatalogError("the catalog has no items")
    if len({c.key for c in categories}) != len(categories):
        raise CatalogError("two categories share a key")
    return Catalog(shop, tuple(categories), tuple(items))


def _shop(raw: dict[str, Any]) -> Shop:
    lat, lon = raw.get("lat"), raw.get("lon")
    if (lat is None) != (lon is None):
        raise CatalogError("shop: give both lat and lon, or neither")
    name = raw.get("name", "Shop")
    if (not isinstance(name, str) or not name.strip()
            or utf16_length(name) > MAX_SHOP_NAME_CHARS):
        raise CatalogError(f"shop: name must be text of 1-{MAX_SHOP_NAME_CHARS} characters, "
                           f"got {name!r}")
    address = raw.get("address")
    if address is not None and (not isinstance(address, str)
                                or utf16_length(address) > MAX_SHOP_ADDRESS_CHARS):
        raise CatalogError(f"shop: address must be text of at most {MAX_SHOP_ADDRESS_CHARS} "
                           f"characters, got {address!r}")
    return Shop(
        name=name.strip(),
        place=Place(address, lat, lon),
        delivery_fee=_amount(raw, "delivery_fee", 0),
        pickup=bool(raw.get("pickup", True)),
    )


def _item(raw: dict[str, Any], category: str, position: int) -> MenuItem:
    key = _key(raw, "item")
    stock = raw.get("stock")
    if stock is not None and (type(stock) is not int or stock < 0):
        raise CatalogError(f"item {key!r}: stock must be a whole number ≥ 0 (or left out)")
    weight = raw.get("weight_kg", DEFAULT_ITEM_KG)
    if not isinstance(weight, int | float) or weight < 0:
        raise CatalogError(f"item {key!r}: weight_kg must be a number ≥ 0")
    options = [_options(raw_group, key) for raw_group in _list(raw, "option")]
    if len({group["key"] for group in options}) != len(options):
        raise CatalogError(f"item {key!r}: two options share a key")
    name = _text(raw, "name")
    longest = utf16_length(name) + sum(max(utf16_length(c["name"]) for c in group["choices"]) + 2
                                       for group in options) + (1 if options else 0)
    if longest > MAX_LINE_CHARS:
        raise CatalogError(f"item {key!r}: with its options it reads up to {longest} characters "
                           f"in an order line, at most {MAX_LINE_CHARS} (a shorter name, shorter "
                           "choice names, or fewer options)")
    return MenuItem(key=key, category=category, name=name,
                    price=_amount(raw, "price"), options=options, stock=stock,
                    available=bool(raw.get("available", True)), weight_kg=float(weight),
                    position=position)


def _options(raw: dict[str, Any], item: str) -> dict[str, Any]:
    choices = []
    for raw_choice in _list(raw, "choice"):
        choices.append({"key": _key(raw_choice, f"choice of {item!r}"),
                        "name": _text(raw_choice, "name"),
                        "delta": _amount(raw_choice, "delta", 0)})
    if not choices:
        raise CatalogError(f"item {item!r}: an option needs at least one choice")
    if len({choice["key"] for choice in choices}) != len(choices):
        raise CatalogError(f"item {item!r}: two choices of an option share a key")
    return {"key": _key(raw, f"option of {item!r}"), "name": _text(raw, "name"),
            "choices": choices}


def chosen_options(options: list[dict[str, Any]], chosen: dict[str, str]) -> tuple[str, int]:
    """What the chosen options (one per group of an item's options, as stored) read as, such as
    "Large, Extra shot", and what they add to the item's price."""
    picked = [_group(raw).choice(chosen[raw["key"]]) for raw in options]
    return ", ".join(choice.name for choice in picked), sum(choice.delta for choice in picked)


def _group(raw: dict[str, Any]) -> OptionGroup:
    return OptionGroup(raw["key"], raw["name"],
                       tuple(Choice(c["key"], c["name"], c["delta"]) for c in raw["choices"]))


def _list(raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CatalogError(f"{name!r} must be a list of tables ([[{name}]])")
    return value


def _key(raw: dict[str, Any], what: str) -> str:
    key = raw.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise CatalogError(f"{what}: key must be 1-32 of a-z, 0-9, _ or -, got {key!r}")
    return key


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip() or utf16_length(value) > MAX_NAME_CHARS:
        raise CatalogError(f"{name!r} must be text of 1-{MAX_NAME_CHARS} characters, "
                           f"got {value!r}")
    return value.strip()


def _amount(raw: dict[str, Any], name: str, default: int | None = None) -> int:
    value = raw.get(name, default)
    if type(value) is not int or value < 0:
        raise CatalogError(f"{name!r} must be a whole amount ≥ 0, got {value!r}")
    return value
