"""A past menu order as a new cart: its lines at today's prices and stock, the way it reached
the customer, and what changed since (domain.orders.again)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.menu.carts import Cart
from domain.menu.catalog import MenuItem, Shop, chosen_options
from domain.orders.again import Change, ChangeKind
from domain.orders.model import Fulfilment, Order, OrderLine
from domain.shared.errors import InvalidAnswer


def cart_again(order: Order, items: Mapping[str, MenuItem], shop: Shop,
               now: datetime, min_order: int = 0) -> tuple[Cart, list[Change]]:
    """A new cart for the customer of `order` with its lines as they can be ordered today
    (`items`: today's menu by key): each at today's price, no more than is left, those that
    cannot be had left out and said. With lines left it goes straight to checkout, with the
    delivery address and phone of then; only the payment is asked again (paying in Telegram
    may be paused today). With none, or fewer than the minimum order's worth, it starts at the
    menu; a delivery address the shop no longer delivers to is asked again."""
    cart = Cart(order.customer_id, now)
    changes: list[Change] = []
    left = {key: item.stock for key, item in items.items()}
    lines = []
    for line in order.lines:
        item = items.get(line.item_key)
        label = _label(line.name, line.options)
        if item is None:
            changes.append(Change(ChangeKind.GONE, label))
            continue
        chosen = _same_choices(item, line)
        if chosen is None:
            changes.append(Change(ChangeKind.OPTIONS, item.name))
            continue
        options, added = chosen_options(item.options, chosen)
        label = _label(item.name, options)
        stock = left[item.key]
        if not item.available or stock == 0:
            changes.append(Change(ChangeKind.SOLD_OUT, label))
            continue
        quantity = line.quantity if stock is None else min(line.quantity, stock)
        if quantity < line.quantity:
            changes.append(Change(ChangeKind.SHORT, label, left=quantity))
        if stock is not None:
            left[item.key] = stock - quantity
        unit_price = item.price + added
        if unit_price != line.unit_price:
            changes.append(Change(ChangeKind.PRICE, label, price=unit_price, was=line.unit_price))
        lines.append({"item_key": item.key, "name": item.name, "options": options,
                      "unit_price": unit_price, "quantity": quantity})
    cart.lines = lines
    missing = min_order - cart.items_total
    if lines and missing > 0:
        changes.append(Change(ChangeKind.BELOW_MINIMUM, price=missing, was=min_order))
    cart.checking_out = bool(lines) and missing <= 0
    if cart.checking_out:
        changes.extend(_fulfilment(cart, order, shop))
    return cart, changes


def _fulfilment(cart: Cart, order: Order, shop: Shop) -> list[Change]:
    """Delivered to the same place, or collected at the counter while it still hands over."""
    if order.fulfilment is Fulfilment.PICKUP:
        if not shop.pickup:
            return [Change(ChangeKind.NO_PICKUP)]
        cart.fulfilment = Fulfilment.PICKUP
        return []
    cart.fulfilment = Fulfilment.DELIVERY
    cart.phone = order.recipient_phone or None
    where = order.destination
    try:
        shop.zone.check(where)
    except InvalidAnswer:
        return [Change(ChangeKind.OUTSIDE_ZONE)]  # the address question comes next
    cart.address, cart.lat, cart.lon = where.address, where.lat, where.lon
    fee = shop.fee_to(where)
    if fee != order.delivery_fee:
        return [Change(ChangeKind.FEE, price=fee, was=order.delivery_fee)]
    return []


def _same_choices(item: MenuItem, line: OrderLine) -> dict[str, str] | None:
    """The choices, by key, that read as the line's options today; None when the item's
    options changed so that they no longer do."""
    names = line.options.split(", ") if line.options else []
    if len(names) != len(item.options):
        return None
    chosen: dict[str, str] = {}
    for group, name in zip(item.options, names, strict=True):
        choice = next((c for c in group["choices"] if c["name"] == name), None)
        if choice is None:
            return None
        chosen[group["key"]] = choice["key"]
    return chosen


def _label(name: str, options: str) -> str:
    return f"{name} ({options})" if options else name


def reprice(cart: Cart, lines: Sequence[OrderLine], items: Mapping[str, MenuItem | None]
            ) -> list[Change]:
    """The cart's lines (`lines`, as its order would have them) at today's prices (`items`:
    today's menu by key), changed in the cart; what changed. A line whose item or options
    are gone is left to the checks that refuse it."""
    changes = []
    for index, line in enumerate(lines):
        item = items.get(line.item_key)
        chosen = _same_choices(item, line) if item is not None else None
        if item is None or chosen is None:
            continue
        unit_price = item.price + chosen_options(item.options, chosen)[1]
        if unit_price != line.unit_price:
            cart.reprice(index, unit_price)
            changes.append(Change(ChangeKind.PRICE, _label(line.name, line.options),
                                  price=unit_price, was=line.unit_price))
    return changes
