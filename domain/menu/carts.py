"""The menu order wizard, as a stored cart.

Like the parcel draft, the wizard's step is derived from what the cart holds: browsing
(category → item → each option → quantity, repeated), then checkout (delivery or pickup →
address and phone for a delivery → payment → confirm). Prices are copied into the cart as
the customer sees them. The lines can be edited (one more, one less, removed) at any step.
Stock is checked whenever something is added (never more than the stock less what the cart
already holds) but only taken when the order is placed, which checks it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.menu.catalog import MAX_QUANTITY, MenuItem, Shop, chosen_options
from domain.orders.model import Fulfilment, MenuOrder, OrderLine, PaymentMethod, Place
from domain.orders.requests import Offered, Requests
from domain.parcels.drafts import (
    DraftRules,
    change_requests,
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


class LineEdit(StrEnum):
    """A button under a line of the cart."""

    LESS = "less"  # one fewer; none left removes the line
    MORE = "more"  # one more, if the stock has it
    DROP = "drop"  # the whole line out


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
    requests: dict[str, Any] | None = None  # Requests, asked on the summary (JSON)
    version: int = field(default_factory=first_version)  # one more with every change

    @property
    def offered(self) -> Offered:
        """A meal: no cutlery may be asked; a rider's asks only when one delivers it."""
        return Offered(rider=self.fulfilment is Fulfilment.DELIVERY, cutlery=True)

    @property
    def asked(self) -> Requests:
        return Requests.from_json(self.requests)

    def ask(self, action: str, value: str, seen: int | None) -> None:
        """A request button under the summary of version `seen` (see ParcelDraft.ask)."""
        if self.step is not CartStep.CONFIRM:
            raise InvalidAnswer("stale_button")
        self.check_seen(seen)
        self.requests = change_requests(self.asked, action, value, self.offered).to_json()
        self.version += 1

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
        self._check_room(item, item.name)
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

    def set_quantity(self, text: str, item: MenuItem | None) -> None:
        """How many of the item being added (`item`: as the menu has it now, None when it is
        off the menu): it goes into the cart, and browsing starts over. At most what is
        left of it for this cart."""
        if self.step is not CartStep.QUANTITY:
            raise InvalidAnswer("stale_button")
        assert self.item is not None
        self._check_room(item, self.item["name"])
        assert item is not None
        quantity = parse_quantity(text, self.most_to_add(item))
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

    # --- stock and editing the lines ----------------------------------------------------------

    def held(self, item_key: str) -> int:
        """How many of the item the cart holds, over all its lines."""
        return sum(line["quantity"] for line in self.lines if line["item_key"] == item_key)

    def left_for(self, item: MenuItem) -> int | None:
        """How many more of the item this cart may take: its stock less what the cart holds
        (None: no limit; 0 when it is not on sale)."""
        if not item.available:
            return 0
        if item.stock is None:
            return None
        return max(0, item.stock - self.held(item.key))

    def most_to_add(self, item: MenuItem) -> int:
        """The largest quantity of the item one answer may add now."""
        left = self.left_for(item)
        return MAX_QUANTITY if left is None else min(MAX_QUANTITY, left)

    def line_key(self, index: int) -> str:
        return self._line(index)["item_key"]

    def edit_line(self, index: int, edit: LineEdit, item: MenuItem | None) -> None:
        """A button under line `index` (`item`: that line's item as the menu has it now, None
        when it is off the menu: it can still be taken out). A cart left empty goes back to
        browsing."""
        line = self._line(index)
        quantity = line["quantity"]
        if edit is LineEdit.MORE:
            self._check_room(item, line["name"])
            if quantity >= MAX_QUANTITY:
                raise InvalidAnswer("quantity_range", max=MAX_QUANTITY)
            quantity += 1
        else:
            quantity = quantity - 1 if edit is LineEdit.LESS else 0
        if quantity:
            self.lines = [{**ln, "quantity": quantity} if i == index else ln
                          for i, ln in enumerate(self.lines)]
        else:
            self.lines = [ln for i, ln in enumerate(self.lines) if i != index]
        if not self.lines:
            self.checking_out = False
        self.version += 1

    def _line(self, index: int) -> dict[str, Any]:
        if not 0 <= index < len(self.lines):
            raise InvalidAnswer("stale_button")
        return self.lines[index]

    def _check_room(self, item: MenuItem | None, name: str) -> None:
        """Refuse adding an item that is sold out, off the menu, or whose stock this cart
        already holds all of."""
        if item is None or not item.available or item.stock == 0:
            raise InvalidAnswer("item_sold_out", item=name)
        if self.left_for(item) == 0:
            raise InvalidAnswer("only_left", left=item.stock)

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

    def answer_text(self, text: str, rules: DraftRules, adding: MenuItem | None = None) -> None:
        """Typed text for the current step (`adding`: the item being added, as the menu has
        it now, for a typed quantity)."""
        step = self.step
        if step is CartStep.QUANTITY:
            self.set_quantity(text, adding)
            return
        if step is CartStep.ADDRESS:
            self.address = parse_address(text, rules)
        elif step is CartStep.PHONE:
            self.phone = parse_phone(text)
        elif step is CartStep.PAYMENT:
            self.payment = parse_payment(text)
        elif step is CartStep.CONFIRM:  # on the summary: a note
            self.requests = self.asked.write(text, self.offered).to_json()
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

    def answer_saved(self, place: Place, zone: DeliveryZone | None = None) -> None:
        """A saved address pressed: the answer to the delivery address question (refused
        beyond the delivery zone, like a point shared now)."""
        if self.step is not CartStep.ADDRESS:
            raise InvalidAnswer("stale_button")
        if zone is not None:
            zone.check(place)
        self.address, self.lat, self.lon = place.address, place.lat, place.lon
        self.version += 1

    def choose_payment(self, value: str) -> None:
        if self.step is not CartStep.PAYMENT:
            raise InvalidAnswer("stale_button")
        self.payment = parse_payment(value)
        self.version += 1

    def reprice(self, index: int, unit_price: int) -> None:
        """Line `index` at today's price (the menu changed since it went in the cart): what
        the customer saw is no longer what they would pay."""
        self.lines = [{**line, "unit_price": unit_price} if at == index else line
                      for at, line in enumerate(self.lines)]  # a new list: stored as changed
        self.version += 1

    def check_seen(self, version: int | None) -> None:
        """Refuse a button (Confirm, a quantity, an option, a line's minus, plus or 🗑) pressed
        under a question, summary or cart of another version than this one."""
        check_version(version, self.version)

    def delivery_fee(self, shop: Shop) -> int:
        """By distance to a shared point where fees go by distance; the base fee otherwise."""
        return shop.fee_to(self.destination) if self.fulfilment is Fulfilment.DELIVERY else 0

    def total(self, shop: Shop) -> int:
        return self.items_total + self.delivery_fee(shop)

    def to_menu_order(self, shop: Shop) -> MenuOrder:
        if self.step is not CartStep.CONFIRM or self.fulfilment is None:
            raise InvalidAnswer("draft_incomplete")
        return MenuOrder(self.order_lines(), self.fulfilment, self.delivery_fee(shop))

    def order_lines(self) -> tuple[OrderLine, ...]:
        """The lines as an order keeps them."""
        return tuple(OrderLine(line["item_key"], line["name"], line["options"],
                               line["unit_price"], line["quantity"]) for line in self.lines)

    def _browsing(self) -> None:
        if self.checking_out:
            raise InvalidAnswer("stale_button")


def check_minimum(items_total: int, min_order: int) -> None:
    if items_total < min_order:
        raise InvalidAnswer("below_minimum", minimum=min_order, missing=min_order - items_total)


def parse_quantity(text: str, most: int = MAX_QUANTITY) -> int:
    """A typed or pressed quantity from 1 to `most`."""
    value = normalized(text)
    if not (value.isascii() and value.isdigit()) or len(value) > 3 or not 1 <= int(value) <= most:
        raise InvalidAnswer("quantity_range", max=most)
    return int(value)
