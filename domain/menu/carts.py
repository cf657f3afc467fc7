"""The menu order wizard, as a stored cart.

Like the parcel draft, the wizard's step is derived from what the cart holds: browsing
(category → item → each option → quantity, repeated), then checkout (delivery or pickup →
address and phone for a delivery → payment → confirm). Prices are copied into the cart as
the customer sees them; stock is only taken when the order is placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.menu.catalog import MAX_QUANTITY, MenuItem, Shop, chosen_options
from domain.orders.model import Fulfilment, MenuOrder, OrderLine, PaymentMethod, Place
from domain.parcels.drafts import (
    DraftRules,
    check_version,
    first_version,
    parse_address,
    parse_coordinates,
    parse_payment,
    parse_phone,
)
from domain.shared.errors import InvalidAnswer
from domain.shared.text import normalized
from domain.shop.zone import DeliveryZone

MAX_LINES = 20


class CartStep(StrEnum):
    CATEGORY = "category"
    ITEM = "item"
    OPTION = "option"
    QUANTITY = "quantity"
    FULFILMENT = "fulfilment"
    ADDRESS = "address"
    PHONE = "phone"
    PAYMENT = "payment"
    CONFIRM = "confirm"



@dataclass(eq=False)
class Cart:
    """A customer's menu order in progress; one per customer. Its lists and dicts are stored
    as JSON and replaced, never changed in place, so that the change is seen and saved."""

    customer_id: int
    started_at: datetime
    lines: list[dict[str, Any]] = field(default_factory=list)
    category: str | None = None
    item: dict[str, Any] | None = None  # the item being added: key, name, price, options
    chosen: dict[str, str] = field(default_factory=dict)  # option group -> choice so far
    checking_out: bool = False
    fulfilment: Fulfilment | None = None
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    phone: str | None = None
    payment: PaymentMethod | None = None
    version: int = field(default_factory=first_version)  # one more with every change

    @property
    def step(self) -> CartStep:
        if not self.checking_out:
            if self.item is not None:
                return CartStep.OPTION if self.next_option() else CartStep.QUANTITY
            return CartStep.ITEM if self.category is not None else CartStep.CATEGORY
        if self.fulfilment is None:
            return CartStep.FULFILMENT
        if self.fulfilment is Fulfilment.DELIVERY:
            if self.address is None and self.lat is None:
                return CartStep.ADDRESS
            if self.phone is None:
                return CartStep.PHONE
        return CartStep.PAYMENT if self.payment is None else CartStep.CONFIRM

    @property
    def items_total(self) -> int:
        return sum(line["unit_price"] * line["quantity"] for line in self.lines)

    @property
    def destination(self) -> Place | None:
        if self.address is None and self.lat is None:
            return None
        return Place(self.address, self.lat, self.lon)

    def next_option(self) -> dict[str, Any] | None:
        """The item's first option group without a choice yet."""
        assert self.item is not None
        return next((g for g in self.item["options"] if g["key"] not in self.chosen), None)

    # --- browsing ---------------------------------------------------------------------------

    def open_category(self, key: str, known: set[str]) -> None:
        self._browsing()
        if key not in known:
            raise InvalidAnswer("category_unknown")
        self.category, self.item, self.chosen = key, None, {}
        self.version += 1

    def pick_item(self, item: MenuItem) -> None:
        self._browsing()
        if item.category != self.category:
            raise InvalidAnswer("stale_button")
        if not item.available or item.stock == 0:
            raise InvalidAnswer("item_sold_out", item=item.name)
        if len(self.lines) >= MAX_LINES:
            raise InvalidAnswer("cart_full", max=MAX_LINES)
        self.item = {"key": item.key, "name": item.name, "price": item.price,
                     "options": item.options}
        self.chosen = {}
        self.version += 1

    def pick_option(self, group_index: int, choice_index: int) -> None:
        """A choice for the item's next option; the button names the group it was shown
        with, so an old button answers nothing."""
        if self.step is not CartStep.OPTION:
            raise InvalidAnswer("stale_button")
        assert self.item is not None
        group = self.next_option()
        if group is None or self.item["options"].index(group) != group_index:
            raise InvalidAnswer("stale_button")
        if not 0 <= choice_index < len(group["choices"]):
            raise InvalidAnswer("stale_button")
        self.chosen = {**self.chosen, group["key"]: group["choices"][choice_index]["key"]}
        self.version += 1

    def set_quantity(self, text: str) -> None:
        """How many of the item: it goes into the cart, and browsing starts over."""
        if self.step is not CartStep.QUANTITY:
            raise InvalidAnswer("stale_button")
        quantity = parse_quantity(text)
        assert self.item is not None
        options, added = chosen_options(self.item["options"], self.chosen)
        self.lines = [*self.lines, {
            "item_key": self.item["key"],
            "name": self.item["name"],
            "options": options,
            "unit_price": self.item["price"] + added,
            "quantity": quantity,
        }]
        self.category, self.item, self.chosen = None, None, {}
        self.version += 1

    def back(self) -> None:
        """Back to the categories, dropping the item being chosen (the cart stays)."""
        self.checking_out, self.category, self.item, self.chosen = False, None, None, {}
        self.version += 1

    # --- checkout ---------------------------------------------------------------------------

    def check_out(self, min_order: int = 0) -> None:
        """On to delivery or pickup; refused below the minimum order (items, before the
        delivery fee), with how much more it takes."""
        if not self.lines:
            raise InvalidAnswer("cart_empty")
        check_minimum(self.items_total, min_order)
        self.category, self.item, self.chosen = None, None, {}
        self.checking_out = True
        self.version += 1

    def choose_fulfilment(self, value: str, shop: Shop) -> None:
        if self.step is not CartStep.FULFILMENT:
            raise InvalidAnswer("stale_button")
        try:
            fulfilment = Fulfilment(value)
        except ValueError:
            raise InvalidAnswer("stale_button") from None
        if fulfilment is Fulfilment.PICKUP and not shop.pickup:
            raise InvalidAnswer("pickup_unavailable")
        self.fulfilment = fulfilment
        self.version += 1

    def answer_text(self, text: str, rules: DraftRules) -> None:
        step = self.step
        if step is CartStep.QUANTITY:
            self.set_quantity(text)
            return
        if step is CartStep.ADDRESS:
            self.address = parse_address(text, rules)
        elif step is CartStep.PHONE:
            self.phone = parse_phone(text)
        elif step is CartStep.PAYMENT:
            self.payment = parse_payment(text)
        else:
            raise InvalidAnswer("use_buttons")
        self.version += 1

    def answer_location(self, lat: float, lon: float, zone: DeliveryZone | None = None) -> None:
        """The delivery address as a shared point: refused beyond the delivery zone."""
        if self.step is not CartStep.ADDRESS:
            raise InvalidAnswer("location_not_expected")
        place = parse_coordinates(lat, lon)
        if zone is not None:
            zone.check(place)
        self.lat, self.lon = place.lat, place.lon
        self.version += 1

    def choose_payment(self, value: str) -> None:
        if self.step is not CartStep.PAYMENT:
            raise InvalidAnswer("stale_button")
        self.payment = parse_payment(value)
        self.version += 1

    def check_seen(self, version: int | None) -> None:
        """Refuse a button (Confirm, a quantity, an option) pressed under a question or
        summary of another version than this one."""
        check_version(version, self.version)

    def delivery_fee(self, shop: Shop) -> int:
        """By distance to a shared point where fees go by distance; the base fee otherwise."""
        return shop.fee_to(self.destination) if self.fulfilment is Fulfilment.DELIVERY else 0

    def total(self, shop: Shop) -> int:
        return self.items_total + self.delivery_fee(shop)

    def to_menu_order(self, shop: Shop) -> MenuOrder:
        if self.step is not CartStep.CONFIRM or self.fulfilment is None:
            raise InvalidAnswer("draft_incomplete")
        lines = tuple(OrderLine(line["item_key"], line["name"], line["options"],
                                line["unit_price"], line["quantity"]) for line in self.lines)
        return MenuOrder(lines, self.fulfilment, self.delivery_fee(shop))

    def _browsing(self) -> None:
        if self.checking_out:
            raise InvalidAnswer("stale_button")


def check_minimum(items_total: int, min_order: int) -> None:
    if items_total < min_order:
        raise InvalidAnswer("below_minimum", minimum=min_order, missing=min_order - items_total)


def parse_quantity(text: str) -> int:
    value = normalized(text)
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_QUANTITY:
        raise InvalidAnswer("quantity_range", max=MAX_QUANTITY)
    return int(value)
