"""How the menu, the cart and menu orders read in the chat."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.menu.carts import Cart
from domain.menu.catalog import Category, MenuItem, Shop
from domain.orders.model import Fulfilment, Order
from domain.payments.model import STARS
from views.callbacks import encode
from views.i18n import Html, joined_that_fit, latest_that_fit, shortened, t
from views.words import payment_word, phone, place, price

# A cart holds at most 20 lines, each at most the catalog's MAX_LINE_CHARS with its quantity
# and price: a full cart fits this budget whole, beside an address and a name. (Only names
# full of characters HTML escapes could overrun it: the earliest lines are then summed up as
# "… and K earlier" rather than the message refused.)
LINES_BUDGET = 3000
NAMES_BUDGET = 1500  # the sold-out items under a category, on one line
NUMBERS_BUDGET = 600  # the orders /soldout cancelled, on one line
EDIT_LINES_BUDGET = LINES_BUDGET + 100  # the same lines numbered ("20. "), in the 🛒 cart
LINE_NAME_CHARS = 16  # a line's item name on its row of buttons in the cart
QUANTITY_BUTTONS = (1, 2, 3, 4, 5)

Rows = list[list[tuple[str, str]]]  # rows of buttons: (label, callback data)


def money(lang: str, amount: int, currency: str) -> Html:
    """An amount as charged: Stars, won, or another currency in its smallest unit."""
    if currency == STARS:
        return t(lang, "money.stars", amount=amount)
    if currency == "KRW":
        return price(lang, amount)
    return t(lang, "money.other", amount=amount, currency=currency)


def line_text(lang: str, line: Mapping[str, Any]) -> Html:
    options = t(lang, "menu.line_options", options=line["options"]) if line["options"] else ""
    total = line.get("total", line.get("unit_price", 0) * line["quantity"])
    return t(lang, "menu.line", quantity=line["quantity"], name=line["name"],
             options=Html(options), total=price(lang, total))


def lines_text(lang: str, lines: Sequence[Mapping[str, Any]]) -> Html:
    """A cart's or menu order's lines: the latest within LINES_BUDGET."""
    entries = [line_text(lang, line) for line in lines]
    return Html("\n".join(latest_that_fit(lang, [], entries, LINES_BUDGET)))


def cart_text(lang: str, cart: Cart) -> Html:
    """The cart so far, or nothing when it is empty."""
    if not cart.lines:
        return Html("")
    return t(lang, "menu.cart", lines=lines_text(lang, cart.lines),
             total=price(lang, cart.items_total))


def cart_view(lang: str, cart: Cart) -> Html:
    """🛒 The cart to edit: each line numbered, as its row of buttons is."""
    if not cart.lines:
        return t(lang, "menu.cart_empty")
    entries = [t(lang, "menu.cart_line", number=number, line=line_text(lang, line))
               for number, line in enumerate(cart.lines, start=1)]
    lines = Html("\n".join(latest_that_fit(lang, [], entries, EDIT_LINES_BUDGET)))
    return t(lang, "menu.cart_view", lines=lines, total=price(lang, cart.items_total))


def cart_buttons(lang: str, cart: Cart) -> Rows:
    """A row per line (minus, plus and 🗑; the first names the line), then Check out and Add more.
    Each carries the cart's version, so a button under an older cart edits nothing."""
    rows: Rows = []
    for index, line in enumerate(cart.lines):
        name = shortened(line["name"], LINE_NAME_CHARS)
        rows.append([(f"{index + 1}. {name} −", encode("mline", cart.version, index, "less")),
                     ("+", encode("mline", cart.version, index, "more")),
                     ("🗑", encode("mline", cart.version, index, "drop"))])
    bottom: list[tuple[str, str]] = [(t(lang, "menu.more"), encode("mcart", "back"))]
    if cart.lines:
        bottom.insert(0, (t(lang, "menu.checkout"), encode("mcart", "checkout")))
    return [*rows, bottom]


def quantity_buttons(cart: Cart, most: int) -> list[tuple[str, str]]:
    """The quantities to press: never more than `most`, what is left for this cart."""
    return [(str(n), encode("mqty", n, cart.version)) for n in QUANTITY_BUTTONS if n <= most]


def categories_text(lang: str, shop: Shop, cart: Cart) -> Html:
    return Html(t(lang, "menu.categories", shop=shop.name) + _with_cart(lang, cart))


def items_text(lang: str, category: Category, items: Sequence[MenuItem]) -> Html:
    gone = [item.name for item in items if not orderable(item)]
    text = t(lang, "menu.items", category=category.name)
    if gone:
        names = joined_that_fit(lang, gone, NAMES_BUDGET)
        text = Html(text + t(lang, "menu.sold_out_list", items=names))
    return text


def stock_lines(lang: str, items: Sequence[MenuItem]) -> list[Html]:
    """/items: the menu with each item's key and stock, a line each."""
    lines = [t(lang, "stock.title")]
    for item in items:
        state = (t(lang, "stock.state_ok", stock=stock_word(lang, item.stock))
                 if orderable(item) else t(lang, "stock.state_sold_out"))
        lines.append(t(lang, "stock.line", item_key=item.key, name=item.name, state=state))
    return lines


def stock_word(lang: str, value: int | None) -> str:
    return t(lang, "stock.unlimited") if value is None else str(value)


def sold_out_text(lang: str, item: str, cancelled: Sequence[int]) -> Html:
    """/soldout: the item is off the menu, and the orders cancelled for it (the latest ones
    that fit)."""
    text = t(lang, "stock.sold_out", item=item)
    if not cancelled:
        return text
    numbers = joined_that_fit(lang, [f"#{n}" for n in cancelled], NUMBERS_BUDGET, latest=True)
    return Html(text + t(lang, "stock.cancelled", numbers=numbers))


def orderable(item: MenuItem) -> bool:
    return item.available and item.stock != 0


def item_label(lang: str, item: MenuItem) -> str:
    left = t(lang, "menu.left", left=item.stock) if item.stock is not None else ""
    return f"{item.name} — {price(lang, item.price)}{left}"


def option_text(lang: str, cart: Cart) -> tuple[Html, list[tuple[str, int]]]:
    """The item's next option question, with (label, choice index) for its buttons."""
    assert cart.item is not None
    group = cart.next_option()
    assert group is not None
    labels = []
    for index, choice in enumerate(group["choices"]):
        extra = f" (+{price(lang, choice['delta'])})" if choice["delta"] else ""
        labels.append((f"{choice['name']}{extra}", index))
    return t(lang, "menu.ask_option", item=cart.item["name"], option=group["name"]), labels


def quantity_text(lang: str, cart: Cart, most: int) -> Html:
    """How many of the item being added, from 1 to `most` (what is left for this cart)."""
    assert cart.item is not None
    return t(lang, "menu.ask_quantity", item=cart.item["name"], max=most)


def fulfilment_text(lang: str, cart: Cart) -> Html:
    return Html(t(lang, "menu.ask_fulfilment") + _with_cart(lang, cart))


def summary(lang: str, cart: Cart, shop: Shop, total: int, invoice: Html | None) -> Html:
    fields = {"lines": cart.lines, "fulfilment": (cart.fulfilment or Fulfilment.PICKUP).value,
              "destination": cart.destination, "phone": cart.phone or "",
              "payment": cart.payment.value if cart.payment else "cash",
              "delivery_fee": cart.delivery_fee(shop), "pickup": shop.place,
              "base_fee": shop.zone.base_fee_for(cart.destination)}
    charge = t(lang, "menu.charge", amount=invoice) if invoice else ""
    return t(lang, "menu.summary", details=details(lang, fields), total=price(lang, total),
             charge=Html(charge))


def details(lang: str, fields: Mapping[str, Any]) -> Html:
    """A menu order's lines, how it reaches the customer, and payment."""
    if fields["fulfilment"] == Fulfilment.PICKUP.value:
        how = t(lang, "menu.pickup_at", shop=place(lang, fields["pickup"]))
    else:
        number = fields.get("phone")  # none asked of a menu order in some shops
        how = t(lang, "menu.deliver_to", destination=place(lang, fields["destination"]),
                phone=t(lang, "menu.phone", phone=phone(number)) if number else Html(""))
        if fields.get("delivery_fee"):
            how = Html(how + t(lang, "menu.fee", fee=price(lang, fields["delivery_fee"])))
        if fields.get("base_fee"):  # a typed address, where fees go by distance
            how = Html(how + t(lang, "menu.base_fee_note"))
    paid = t(lang, "menu.paid") if fields.get("paid") else ""
    return t(lang, "menu.details", lines=lines_text(lang, fields["lines"]), how=how,
             payment=payment_word(lang, fields["payment"], fields["fulfilment"]),
             paid=Html(paid))


def order_fields(order: Order) -> dict[str, Any]:
    return {
        "order_kind": order.kind.value,
        "lines": [{"name": line.name, "options": line.options, "quantity": line.quantity,
                   "total": line.total} for line in order.lines],
        "fulfilment": order.fulfilment.value,
        "destination": order.destination,
        "phone": order.recipient_phone,
        "payment": order.payment.value,
        "delivery_fee": order.delivery_fee,
        "paid": order.is_paid,
        "pickup": order.pickup,
    }


def _with_cart(lang: str, cart: Cart) -> str:
    text = cart_text(lang, cart)
    return f"\n\n{text}" if text else ""
