"""Every message the bot writes fits one Telegram message (4096 UTF-16 units) by construction:
each text in both catalogs and each view that builds a message is rendered here with the
longest inputs there can be (the caps on what people type, Telegram's 64-character names,
the catalog's longest names, hundreds of list entries, big numbers), in English and in
Korean, written in emoji (two units each), in Hangul, and in characters HTML escapes.

The raw HTML is measured (stricter than Telegram, which counts the text once parsed), except
for inputs HTML escapes ("&" is five characters raw, one parsed): those are measured as the
emulator parses them, as Telegram would. Alerts have their own test (test_alert_texts.py)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import notifier.render
import views.addresses
import views.again
import views.broadcasts
import views.commands
import views.dispatch
import views.menu
import views.orders
import views.requests
import views.shop
import views.words
from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Delivery, DeliveryCounts, OutboxMessage
from domain.broadcasts.model import MAX_BROADCAST_CHARS, Audience, Broadcast, BroadcastState
from domain.dispatch.fleet import MAX_NAME_CHARS
from domain.dispatch.offers import Offer, offer_alert
from domain.dispatch.riders import Rider, RiderState, Vehicle
from domain.menu.carts import MAX_LINES, Cart
from domain.menu.catalog import (
    MAX_KEY_CHARS,
    MAX_LINE_CHARS,
    MAX_QUANTITY,
    MAX_SHOP_ADDRESS_CHARS,
    MAX_SHOP_NAME_CHARS,
    Category,
    MenuItem,
    Shop,
)
from domain.menu.catalog import (
    MAX_NAME_CHARS as MAX_CATALOG_NAME,
)
from domain.orders.addresses import SavedAddress
from domain.orders.again import Change, ChangeKind
from domain.orders.model import (
    MAX_REASON_CHARS,
    Actor,
    Fulfilment,
    Invoice,
    MenuOrder,
    Order,
    OrderLine,
    Parcel,
    PaymentMethod,
    Place,
    Role,
    Size,
    Status,
    TimelineEntry,
)
from domain.orders.requests import MAX_DETAIL_CHARS, MAX_NOTE_CHARS, Requests, RiderAsk, Writing
from domain.parcels.drafts import MAX_PHONE_CHARS, DraftRules, ParcelDraft
from domain.reading.use_cases import DayStats
from domain.shop.hours import MAX_HOURS_CHARS, OpeningHours
from domain.shop.opening import Door, Opening
from domain.shop.zone import DeliveryZone
from emulator.text import message_text
from views.i18n import (
    CATALOGS,
    MAX_MESSAGE,
    Html,
    joined_that_fit,
    pages,
    placeholders,
    shortened,
    t,
    utf16_length,
)

LANGS = ("en", "ko")
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
LONG_AGO = datetime(2025, 12, 31, 23, 59, tzinfo=UTC)  # late, whatever the views' clock says
SEOUL = ZoneInfo("Asia/Seoul")
BIG = 999_999_999_999  # an order number, a count, an amount
ID = 9_999_999_999_999  # a Telegram user or chat id
MANY = 500  # entries in a long list
SAVED_MANY = 20  # saved addresses, far over what SAVED_ADDRESSES keeps by default
TELEGRAM_NAME_CHARS = 64  # Telegram's limit on a first name, and on a last name


@dataclass(frozen=True)
class Inputs:
    """The longest of everything a person or the catalog can give, written in one kind of
    character."""

    char: str
    escaped: bool = False  # HTML escapes it: measured as parsed

    def text(self, units: int) -> str:
        """A text of exactly `units` UTF-16 units."""
        width = utf16_length(self.char)
        text = self.char * (units // width) + "a" * (units % width)
        assert utf16_length(text) == units
        return text

    @property
    def telegram_name(self) -> str:
        """A full name as Telegram gives it: first and last name of 64 characters each."""
        return f"{self.char * TELEGRAM_NAME_CHARS} {self.char * TELEGRAM_NAME_CHARS}"

    @property
    def address(self) -> str:
        return self.text(DraftRules().max_address_chars)

    @property
    def reason(self) -> str:
        return self.text(MAX_REASON_CHARS)

    @property
    def rider_name(self) -> str:
        return self.text(MAX_NAME_CHARS)

    @property
    def broadcast(self) -> str:
        return self.text(MAX_BROADCAST_CHARS)

    @property
    def catalog_name(self) -> str:
        return self.text(MAX_CATALOG_NAME)

    @property
    def options(self) -> str:
        return self.text(MAX_LINE_CHARS - MAX_CATALOG_NAME - 3)  # "name (options)"

    @property
    def shop_name(self) -> str:
        return self.text(MAX_SHOP_NAME_CHARS)

    @property
    def shop_address(self) -> str:
        return self.text(MAX_SHOP_ADDRESS_CHARS)

    @property
    def error(self) -> str:
        """An error Telegram gave (not typed by anyone, and not capped where it is kept)."""
        return self.text(10_000)


INPUTS = [Inputs("😀"), Inputs("김"), Inputs("&", escaped=True), Inputs("<", escaped=True)]
INPUT_IDS = ["emoji", "hangul", "ampersand", "less-than"]
PHONE = "+82 (10) 1234-5678 9"
KEY = "k" * MAX_KEY_CHARS
assert len(PHONE) == MAX_PHONE_CHARS


def check(text: str, inputs: Inputs, what: str) -> None:
    """One message's text: within Telegram's limit, and markup Telegram accepts."""
    if not inputs.escaped:
        assert utf16_length(text) <= MAX_MESSAGE, f"{what}: {utf16_length(text)} units"
    message_text(text, "html")  # raises if Telegram would refuse it (bad markup, too long)


# --- maximal objects ---------------------------------------------------------------------------


def shop(inputs: Inputs) -> Shop:
    """With fees by distance: a typed address gets the note on the base fee."""
    place = Place(inputs.shop_address, -89.123456, -179.123456)
    return Shop(inputs.shop_name, place, BIG, zone=DeliveryZone(place, 9999.9, ((9999.9, BIG),)))


def timeline(inputs: Inputs, moves: int) -> list[TimelineEntry]:
    return [TimelineEntry(NOW + timedelta(minutes=i), Status.CANCELLED, Role.CUSTOMER, ID,
                          inputs.telegram_name, inputs.reason) for i in range(moves)]


def full_requests(inputs: Inputs) -> Requests:
    """Every request, each note at its longest."""
    return Requests(inputs.text(MAX_NOTE_CHARS), inputs.text(MAX_NOTE_CHARS),
                    inputs.text(MAX_DETAIL_CHARS), tuple(RiderAsk), no_cutlery=True)


def parcel_order(inputs: Inputs, status: Status = Status.ASSIGNED, moves: int = MANY) -> Order:
    """A large prepaid parcel with the longest addresses, names and history."""
    parcel = Parcel(Size.LARGE, 29.99, Place(inputs.address, -89.123456, -179.123456),
                    Place(inputs.address, 89.123456, 179.123456), PHONE)
    order = Order.place(BIG, Actor(Role.CUSTOMER, ID, inputs.telegram_name), parcel,
                        PaymentMethod.PREPAID, BIG, NOW, invoice=Invoice("XTR", BIG),
                        requests=full_requests(inputs))
    order.status, order.rider_id, order.rider_name = status, ID, inputs.telegram_name
    order.delivery_code, order.paid_at, order.reason = "4821", NOW, inputs.reason
    order.timeline = timeline(inputs, moves)
    return order


def menu_lines(inputs: Inputs) -> list[dict[str, Any]]:
    return [{"item_key": KEY, "name": inputs.catalog_name, "options": inputs.options,
             "unit_price": BIG, "quantity": MAX_QUANTITY, "total": BIG * MAX_QUANTITY}
            for _ in range(MAX_LINES)]


def menu_order(inputs: Inputs, status: Status = Status.PREPARING, moves: int = MANY) -> Order:
    """A full cart of the longest lines, delivered to the longest address."""
    lines = tuple(OrderLine(KEY, inputs.catalog_name, inputs.options, BIG, MAX_QUANTITY)
                  for _ in range(MAX_LINES))
    parcel = Parcel(Size.SMALL, 29.99, Place(inputs.shop_address), Place(inputs.address), PHONE)
    order = Order.place(BIG, Actor(Role.CUSTOMER, ID, inputs.telegram_name), parcel,
                        PaymentMethod.PREPAID, BIG, NOW, invoice=Invoice("XTR", BIG),
                        menu=MenuOrder(lines, Fulfilment.DELIVERY, BIG),
                        requests=full_requests(inputs))
    order.status, order.rider_id, order.rider_name = status, ID, inputs.telegram_name
    order.paid_at, order.timeline = NOW, timeline(inputs, moves)
    return order


def orders(inputs: Inputs) -> list[Order]:
    return [parcel_order(inputs, moves=2) for _ in range(MANY)]


def late_order(inputs: Inputs, moves: int = MANY) -> Order:
    """A menu order picked up, promised long ago (the promise's time with its year)."""
    order = menu_order(inputs, Status.PICKED_UP, moves)
    order.promised_at = order.eta_at = LONG_AGO
    return order


def late_orders(inputs: Inputs) -> list[Order]:
    return [late_order(inputs, moves=2) for _ in range(MANY)]


def item(inputs: Inputs, **fields: Any) -> dict[str, Any]:
    """An item being added to the cart, with one option of the longest names."""
    choice = {"key": "c", "name": inputs.catalog_name, "delta": BIG}
    return {"key": KEY, "name": inputs.catalog_name, "price": BIG,
            "options": [{"key": "o", "name": inputs.catalog_name, "choices": [choice] * 10}],
            **fields}


def cart(inputs: Inputs, **fields: Any) -> Cart:
    return Cart(ID, NOW, lines=menu_lines(inputs), address=inputs.address, phone=PHONE,
                **fields)


def checkout(inputs: Inputs) -> Cart:
    return cart(inputs, checking_out=True, fulfilment=Fulfilment.DELIVERY,
                payment=PaymentMethod.PREPAID)


def menu_items(inputs: Inputs, count: int) -> list[MenuItem]:
    return [MenuItem(KEY, "c", inputs.catalog_name, BIG, stock=0 if i % 2 else 1_000_000,
                     available=bool(i % 3)) for i in range(count)]


def draft(inputs: Inputs) -> ParcelDraft:
    return ParcelDraft(ID, NOW, Size.LARGE, 29.99, inputs.address, None, None, inputs.address,
                       None, None, PHONE, PaymentMethod.PREPAID)


def riders(inputs: Inputs) -> list[Rider]:
    return [Rider(ID, inputs.rider_name, RiderState.ACTIVE, NOW, Vehicle.MOTORBIKE,
                  online=True, seen_at=NOW) for _ in range(MANY)]


def broadcast(inputs: Inputs, state: BroadcastState = BroadcastState.SCHEDULED) -> Broadcast:
    found = Broadcast(Audience.ALL, inputs.broadcast, ID, NOW, state, NOW, BIG, NOW, id=BIG)
    return found


COUNTS = DeliveryCounts(BIG, BIG, BIG, BIG, BIG)


def failures(inputs: Inputs) -> list[OutboxMessage]:
    return [OutboxMessage(ID, AlertKind.BROADCAST_REPORT, NOW, state=Delivery.UNREACHABLE,
                          last_error=inputs.error, id=BIG) for _ in range(MANY)]


def offer_params(inputs: Inputs) -> dict[str, Any]:
    offer = Offer(order_number=BIG, rider_id=ID, offered_at=NOW,
                  expires_at=NOW + timedelta(seconds=999), distance_km=9999.99, id=BIG)
    return offer_alert(parcel_order(inputs), offer).params


# A day's hours as long as /hours can write them: ranges of "0:00-1:00," (10 characters).
LONGEST_DAY = ((0, 60),) * (MAX_HOURS_CHARS // 10)
FULL_WEEK = OpeningHours((LONGEST_DAY,) * 7)
REOPENING = datetime(2027, 12, 24, 23, 59, tzinfo=SEOUL)  # another day, another year


def openings() -> list[Opening]:
    return [Opening(door, at) for door in Door for at in (None, REOPENING)]


DAY = DayStats(date(2026, 12, 3), dict.fromkeys(Status, BIG), BIG, 99999.9, BIG)


def saved_addresses(inputs: Inputs) -> list[SavedAddress]:
    """As many as a customer keeps, the longest, and one shared point without text."""
    return [SavedAddress(ID, inputs.address, 89.123456, 179.123456, NOW, BIG)
            for _ in range(SAVED_MANY)] + [SavedAddress(ID, None, 1.0, 2.0, NOW, BIG)]


def changes(inputs: Inputs) -> list[Change]:
    """Every line of a full cart changed, the longest way."""
    label = f"{inputs.catalog_name} ({inputs.options})"
    return [Change(kind, label, BIG, BIG, MAX_QUANTITY) for kind in ChangeKind] * MAX_LINES


# --- every view that builds a message ------------------------------------------------------------

Build = Callable[[str, Inputs], "str | list[str]"]

MESSAGES: dict[str, Build] = {
    "orders.draft_summary": lambda lang, i: views.orders.draft_summary(lang, draft(i), BIG),
    "requests.under_summary (parcel)": lambda lang, i: views.requests.under_summary(
        lang, views.orders.draft_summary(lang, draft(i), BIG), full_requests(i),
        ParcelDraft.OFFERED),
    "requests.under_summary (menu)": lambda lang, i: views.requests.under_summary(
        lang, views.menu.summary(lang, checkout(i), shop(i), BIG,
                                 views.menu.money(lang, BIG, "XTR")),
        full_requests(i), checkout(i).offered),
    "requests.writing_prompt": lambda lang, i: [
        views.requests.writing_prompt(lang, Requests(writing=what), "dreq", 2**30)[0]
        for what in Writing],
    "orders.order_card (parcel, to the customer)":
        lambda lang, i: views.orders.order_card(lang, parcel_order(i), SEOUL, True),
    "orders.order_card (parcel, to the store)":
        lambda lang, i: views.orders.order_card(lang, parcel_order(i), SEOUL),
    "orders.order_card (menu, to the customer)":
        lambda lang, i: views.orders.order_card(lang, menu_order(i, Status.PLACED), SEOUL, True),
    "orders.store_card (parcel)":
        lambda lang, i: views.orders.store_card(lang, parcel_order(i), SEOUL),
    "orders.store_card (menu)":
        lambda lang, i: views.orders.store_card(lang, menu_order(i, Status.PLACED), SEOUL),
    "orders.order_card (within a limit)": lambda lang, i: views.orders.order_card(
        lang, menu_order(i), SEOUL, True, limit=MAX_MESSAGE - 100),
    "orders.orders_list": lambda lang, i: views.orders.orders_list(lang, orders(i)),
    "orders.order_card (late, to the customer)":
        lambda lang, i: views.orders.order_card(lang, late_order(i), SEOUL, True),
    "orders.store_card (late)":
        lambda lang, i: views.orders.store_card(lang, late_order(i), SEOUL),
    "orders.pending_list": lambda lang, i: views.orders.pending_list(
        lang, orders(i), BIG, late_orders(i), SEOUL)[0],
    "orders.my_jobs_list": lambda lang, i: views.orders.my_jobs_list(lang, orders(i)),
    "orders.day_stats": lambda lang, i: views.orders.day_stats(lang, DAY),
    "menu.categories_text": lambda lang, i: views.menu.categories_text(lang, shop(i), cart(i)),
    "menu.items_text": lambda lang, i: views.menu.items_text(
        lang, Category(KEY, i.catalog_name), menu_items(i, 50)),
    "menu.option_text": lambda lang, i: views.menu.option_text(
        lang, cart(i, item=item(i)))[0],
    "menu.quantity_text": lambda lang, i: views.menu.quantity_text(
        lang, cart(i, item=item(i, options=[])), MAX_QUANTITY),
    "menu.cart_view": lambda lang, i: views.menu.cart_view(lang, cart(i)),
    "menu.fulfilment_text": lambda lang, i: views.menu.fulfilment_text(lang, cart(i)),
    "menu.summary": lambda lang, i: views.menu.summary(
        lang, checkout(i), shop(i), BIG, views.menu.money(lang, BIG, "XTR")),
    "menu.stock_lines": lambda lang, i: pages(
        views.menu.stock_lines(lang, menu_items(i, MANY))),
    "menu.sold_out_text": lambda lang, i: views.menu.sold_out_text(
        lang, i.catalog_name, [BIG] * MANY),
    "dispatch.offer": lambda lang, i: views.dispatch.offer(lang, offer_params(i), SEOUL),
    "dispatch.job_card (picked up, the keypad open)": lambda lang, i: [
        views.dispatch.job_card(lang, order, [
            t(lang, "picked_up.done", number=BIG,
              destination=views.words.place(lang, order.destination)),
            t(lang, "code.keypad", code="_ _ _ _")])
        for order in (parcel_order(i, Status.PICKED_UP), menu_order(i, Status.PICKED_UP))],
    "dispatch.jobs_list": lambda lang, i: views.dispatch.jobs_list(lang, orders(i))[0],
    "dispatch.riders_pages": lambda lang, i: views.dispatch.riders_pages(
        lang, riders(i), {ID}, SEOUL),
    "broadcasts.preview": lambda lang, i: views.broadcasts.preview(
        lang, broadcast(i), BIG, SEOUL),
    "broadcasts.status": lambda lang, i: [
        views.broadcasts.status(lang, broadcast(i, state), COUNTS, SEOUL, 99999.9)
        for state in BroadcastState],
    "broadcasts.listing": lambda lang, i: views.broadcasts.listing(
        lang, [(broadcast(i, state), COUNTS) for state in BroadcastState] * 100, SEOUL)[0],
    "broadcasts.outbox_report": lambda lang, i: views.broadcasts.outbox_report(
        lang, COUNTS, NOW, failures(i), SEOUL),
    "shop.hours_text": lambda lang, i: [views.shop.hours_text(lang, hours, opening)
                                        for hours in (None, FULL_WEEK) for opening in openings()],
    "shop.opening_line": lambda lang, i: [views.shop.opening_line(lang, opening)
                                          for opening in openings()],
    "commands.unknown_command": lambda lang, i: views.commands.unknown_command(
        lang, "/" + i.text(MAX_MESSAGE - 1)),
    "render.render_broadcast": lambda lang, i: notifier.render.render_broadcast(
        lang, i.broadcast),
    "addresses.addresses_list": lambda lang, i: views.addresses.addresses_list(
        lang, saved_addresses(i), SEOUL)[0],
    "again.changes_text (above the question of a full cart)": lambda lang, i: (
        views.again.changes_text(lang, BIG, changes(i)) + "\n\n"
        + views.menu.fulfilment_text(lang, cart(i))),
}

# The other functions of those modules build parts of the messages above (or data, or
# buttons), not messages of their own.
PARTS = {
    views.orders: {"status", "parcel_words", "load", "order_load", "details",
                   "parcel_fields", "order_fields", "timeline_word", "cancel_rule",
                   "latest_orders", "order_line", "pending_line", "my_job_line",
                   "with_timeline", "store_steps", "card_buttons", "decision_steps",
                   "approve_steps", "arrival", "late_list", "late_line", "with_requests",
                   "orders_again_buttons"},
    views.addresses: {"saved_label", "saved_buttons", "with_saved_hint"},
    views.again: set(),
    views.menu: {"money", "line_text", "lines_text", "cart_text", "orderable", "item_label",
                 "details", "order_fields", "stock_word", "cart_buttons", "quantity_buttons"},
    views.dispatch: {"vehicle", "area_text", "job_line", "rider_line"},
    views.requests: {"on_card", "for_customer", "for_store", "for_store_lines", "for_rider",
                     "on_job", "buttons"},
    views.broadcasts: {"when", "audience"},
    views.words: {"price", "place", "phone", "moment", "clock", "day", "payment_word",
                  "use_clock", "current_time", "coming", "reason_key", "reason_words"},
    views.shop: {"day_ranges"},
    views.commands: {"command_names", "command_menu", "usage"},
    notifier.render: {"render_alert", "one_row"},  # tests/unit/test_alert_texts.py
}


def own_functions(module: ModuleType) -> set[str]:
    return {name for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
            and not name.startswith("_")}


def test_every_view_is_rendered_here_or_named_as_a_part():
    tested = {name.split(" ")[0] for name in MESSAGES}
    for module, parts in PARTS.items():
        short = module.__name__.rsplit(".", 1)[-1]
        messages = {name for name in own_functions(module) if f"{short}.{name}" in tested}
        assert own_functions(module) - parts == messages, (
            f"{module.__name__}: a new view? Render it in MESSAGES or name it in PARTS")


@pytest.mark.parametrize("inputs", INPUTS, ids=INPUT_IDS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", MESSAGES, ids=str)
def test_every_view_fits_one_message(view: str, lang: str, inputs: Inputs):
    built = MESSAGES[view](lang, inputs)
    for text in [built] if isinstance(built, str) else built:
        check(text, inputs, view)


# --- every text in the catalogs -----------------------------------------------------------------


def longest(*texts: str) -> str:
    """The longest of `texts`, as it is (an `Html` part stays one; a raw text is escaped)."""
    return max(texts, key=utf16_length)


def longest_of(lang: str, prefix: str) -> Html:
    """The longest text among the keys starting with `prefix` (a status, a role...)."""
    return Html(longest(*(t(lang, key) for key in CATALOGS["en"]
                     if key.startswith(prefix) and not placeholders(CATALOGS["en"][key]))))


Value = Callable[[str, Inputs], Any]
number: Value = lambda lang, i: BIG  # noqa: E731
amount: Value = lambda lang, i: views.words.price(lang, BIG)  # noqa: E731
moment: Value = lambda lang, i: views.words.moment(  # noqa: E731  another year's, with seconds
    lang, datetime(2025, 12, 24, 23, 59, 59, tzinfo=UTC), SEOUL, NOW, seconds=True)

# Each placeholder's longest value, of the kind the views give it.
VALUES: dict[str, Value] = {
    **dict.fromkeys(
        ["number", "id", "user_id", "chat_id", "count", "total", "sent", "unreachable",
         "failed", "cancelled", "pending", "held", "recipients", "offers", "riders", "placed",
         "completed", "ended", "delivered", "cash_orders", "cash_open_orders",
         "prepaid_orders", "refunds", "left", "amount", "hours", "minimum", "missing"],
        number),
    **dict.fromkeys(["price", "cash", "cash_open", "prepaid", "fee", "was"], amount),
    "index": lambda lang, i: BIG,
    "date": lambda lang, i: views.words.day(lang, NOW.date(), date(2000, 1, 1)),
    "address": lambda lang, i: i.address,
    **dict.fromkeys(["time", "until", "since", "at", "day"], moment),
    "lat": lambda lang, i: -89.123456, "lon": lambda lang, i: -179.123456,
    "max": lambda lang, i: 30.75, "limit": lambda lang, i: MAX_BROADCAST_CHARS,
    "km": lambda lang, i: 9999.9, "radius": lambda lang, i: 9999.9,
    "opens": lambda lang, i: views.words.coming(lang, REOPENING, NOW),
    "ranges": lambda lang, i: views.shop.day_ranges(lang, LONGEST_DAY),
    "part": lambda lang, i: i.text(MAX_HOURS_CHARS), "rate": lambda lang, i: "99999.9",
    "minutes": lambda lang, i: 99999, "seconds": lambda lang, i: 999,
    "quantity": lambda lang, i: MAX_QUANTITY,
    "note": lambda lang, i: i.text(MAX_NOTE_CHARS),
    "detail": lambda lang, i: i.text(MAX_DETAIL_CHARS), "weight": lambda lang, i: "29.99",
    "currency": lambda lang, i: "XTR", "code": lambda lang, i: "4821",
    "stock": lambda lang, i: longest(str(1_000_000), t(lang, "stock.unlimited")),
    "item_key": lambda lang, i: KEY,
    "choices": lambda lang, i: "en, ko",
    "usage": lambda lang, i: "/broadcast_at 2026-12-24 09:00 [riders|all] text",
    "kind": lambda lang, i: max((k.value for k in AlertKind), key=len),
    # what people type, and Telegram's names
    "name": lambda lang, i: i.telegram_name,
    "customer": lambda lang, i: i.telegram_name,
    "rider_name": lambda lang, i: i.telegram_name,
    "phone": lambda lang, i: PHONE,
    "reason": lambda lang, i: i.reason,
    "text": lambda lang, i: i.broadcast,
    "pickup": lambda lang, i: i.address,
    "destination": lambda lang, i: i.address,
    "area": lambda lang, i: i.address,
    "command": lambda lang, i: shortened("/" + i.text(4000), views.commands.COMMAND_CHARS + 1),
    # the catalog's names
    "item": lambda lang, i: i.catalog_name,
    "category": lambda lang, i: i.catalog_name,
    "option": lambda lang, i: i.catalog_name,
    "options": lambda lang, i: i.options,
    "shop": lambda lang, i: longest(i.shop_name, i.shop_address),
    "items": lambda lang, i: joined_that_fit(
        lang, [i.catalog_name] * 50, views.menu.NAMES_BUDGET),
    "numbers": lambda lang, i: joined_that_fit(
        lang, [f"#{BIG}"] * MANY, views.menu.NUMBERS_BUDGET, latest=True),
    # Telegram's errors
    "error": lambda lang, i: shortened(i.error, notifier.render.ERROR_CHARS),
    # words from the catalog
    "status": lambda lang, i: longest(longest_of(lang, "status."),
                                      longest_of(lang, "timeline.")),
    "state": lambda lang, i: longest(longest_of(lang, "rider.state."),
                                     longest_of(lang, "broadcast.state."),
                                     max((d.value for d in Delivery), key=len)),
    "role": lambda lang, i: longest_of(lang, "role."),
    "by": lambda lang, i: longest_of(lang, "role."),
    "size": lambda lang, i: longest_of(lang, "size."),
    "payment": lambda lang, i: longest_of(lang, "payment."),
    "vehicle": lambda lang, i: longest_of(lang, "vehicle."),
    "audience": lambda lang, i: longest_of(lang, "broadcast.audience."),
    "why": lambda lang, i: longest_of(lang, "alert.store_chat_lost."),
    "heavy": lambda lang, i: t(lang, "details.heavy"),
    "load": lambda lang, i: longest(views.orders.load(lang, "medium", 29.99, True, None),
                                    views.orders.load(lang, "small", 1, False, BIG)),
    "paid": lambda lang, i: t(lang, "menu.paid"),
    # parts the views put together
    "details": lambda lang, i: longest(
        views.orders.details(lang, views.orders.order_fields(parcel_order(i))),
        views.orders.details(lang, views.orders.order_fields(menu_order(i)))),
    "lines": lambda lang, i: views.menu.lines_text(lang, menu_lines(i)),
    "line": lambda lang, i: views.menu.line_text(lang, menu_lines(i)[0]),
    "how": lambda lang, i: Html(
        t(lang, "menu.deliver_to", destination=i.address,
          phone=t(lang, "menu.phone", phone=PHONE))
        + t(lang, "menu.fee", fee=views.words.price(lang, BIG)) + t(lang, "menu.base_fee_note")),
    "rider": lambda lang, i: Html(
        t(lang, "order.rider", rider_name=i.telegram_name) + t(lang, "order.code", code="4821")
        + views.orders.cancel_rule(lang, parcel_order(i, Status.PLACED, 0))),
    "charge": lambda lang, i: t(lang, "menu.charge", amount=views.menu.money(lang, BIG, "EUR")),
    "when": lambda lang, i: t(lang, "broadcast.when", time=moment(lang, i)),
    "oldest": lambda lang, i: t(lang, "outbox.oldest", time=moment(lang, i)),
    "trip": lambda lang, i: longest(t(lang, "jobs.trip", km=9999.9),
                                    t(lang, "alert.offer_trip", km=9999.9)),
    "to_pickup": lambda lang, i: t(lang, "alert.offer_to_pickup", km=9999.9),
    "order": lambda lang, i: t(lang, "alert.delivery_failed_order", number=BIG),
    "duty": lambda lang, i: Html(t(lang, "riders.online", seen=t(lang, "riders.seen",
                                                                time=moment(lang, i)))
                                 + t(lang, "riders.busy")),
    "seen": lambda lang, i: t(lang, "riders.seen", time=moment(lang, i)),
    "average": lambda lang, i: longest(t(lang, "stats.minutes", minutes="99999.9"),
                                       t(lang, "stats.no_average")),
    "by_status": lambda lang, i: Html("".join(
        t(lang, "stats.status_line", status=VALUES["status"](lang, i), count=BIG)
        for _ in Status)),
}

# Where a placeholder holds less than the longest value of its name.
SHORTER: dict[str, dict[str, Value]] = {
    # a broadcast's text cut short in /broadcasts
    "broadcast.list_item": {"text": lambda lang, i: shortened(
        i.broadcast, views.broadcasts.PREVIEW_CHARS)},
    # a text too long to go beside it goes in a message of its own (views.broadcasts.preview)
    "broadcast.preview": {"text": lambda lang, i: ""},
    # the store's card names the rider only (the code and the cancel rule are the customer's)
    "order.store_card": {"rider": lambda lang, i: t(lang, "order.rider",
                                                     rider_name=i.telegram_name)},
}


def test_every_placeholder_has_a_longest_value():
    used = {name for template in CATALOGS["en"].values() for name in placeholders(template)}
    assert used <= set(VALUES), f"give these a longest value: {sorted(used - set(VALUES))}"


@pytest.mark.parametrize("inputs", INPUTS, ids=INPUT_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_text_in_the_catalog_fits_one_message(lang: str, inputs: Inputs):
    for key, template in CATALOGS[lang].items():
        values = {**VALUES, **SHORTER.get(key, {})}
        params = {name: values[name](lang, inputs) for name in placeholders(template)}
        check(t(lang, key, **params), inputs, key)


# --- messages the handlers put together ---------------------------------------------------------


def refusals(lang: str, inputs: Inputs) -> list[str]:
    """Every refusal, with its longest parameters."""
    return [t(lang, key, **{name: VALUES[name](lang, inputs)
                            for name in placeholders(CATALOGS[lang][key])})
            for key in CATALOGS[lang] if key.startswith("error.")]


@pytest.mark.parametrize("inputs", INPUTS, ids=INPUT_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_refusal_above_the_question_it_repeats_fits(lang: str, inputs: Inputs):
    """A bad answer gets its reason and the question again (handlers.customer._answer and
    handlers.menu.show), the question as long as the cart's summary."""
    reason = longest(*refusals(lang, inputs))
    questions = [MESSAGES[name](lang, inputs) for name in
                 ("menu.summary", "menu.categories_text", "menu.fulfilment_text",
                  "menu.option_text", "menu.cart_view", "orders.draft_summary",
                  "requests.under_summary (menu)", "requests.under_summary (parcel)")]
    for question in questions:
        assert isinstance(question, str)
        check(f"{reason}\n\n{question}", inputs, "a refusal and a question")
        check(f"{t(lang, 'menu.added')}\n\n{question}", inputs, "added and a question")


@pytest.mark.parametrize("lang", LANGS)
def test_help_with_every_section_fits(lang: str):
    sections = [t(lang, key) for key in ("help.customer", "help.menu", "help.store",
                                         "help.kitchen", "help.rider", "help.cash", "help.join")]
    check("\n\n".join(sections), INPUTS[0], "help")


@pytest.mark.parametrize("inputs", INPUTS, ids=INPUT_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_order_card_under_done_fits(lang: str, inputs: Inputs):
    """handlers.replay shows the card under "Done" in one message."""
    done = t(lang, "replay.done")
    room = MAX_MESSAGE - utf16_length(done) - 2
    for order in (parcel_order(inputs), menu_order(inputs)):
        card = views.orders.order_card(lang, order, SEOUL, True, limit=room)
        check(f"{done}\n\n{card}", inputs, "replayed card")


# --- the helpers that make lists fit ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_list_shows_its_latest_entries_and_sums_up_the_rest(lang: str):
    found = orders(INPUTS[0])
    for number, order in enumerate(found):
        order.number = number + 1
    text, shown = views.orders.pending_list(lang, found, 0, [], SEOUL)
    assert 0 < len(shown) < len(found) and shown[-1] is found[-1]
    assert str(t(lang, "list.earlier", count=len(found) - len(shown))) in text
    def entry(number: int) -> str:  # how a list line starts: "#12 " / "12번 "
        return f"#{number} " if lang == "en" else f"\n{number}번 "

    assert entry(found[-1].number) in text and entry(shown[0].number - 1) not in text
    newest_first = views.orders.orders_list(lang, list(reversed(found)))
    assert entry(found[-1].number) in newest_first
    assert newest_first.endswith(t(lang, "orders.footer"))


@pytest.mark.parametrize("lang", LANGS)
def test_orders_waiting_beyond_those_fetched_are_counted_below_the_list(lang: str):
    found = orders(INPUTS[1])[:2]
    text, shown = views.orders.pending_list(lang, found, 45, [], SEOUL)
    assert shown == found
    assert text.endswith(t(lang, "list.more", count=43))


def test_a_short_list_is_shown_whole():
    found = orders(INPUTS[1])[:2]
    text, shown = views.orders.pending_list("en", found, 0, [], SEOUL)
    assert shown == found and "earlier" not in text


def test_pages_never_cut_a_line_and_each_fits():
    lines = [str(n) * 1000 for n in range(10)]
    found = pages(lines)
    assert [line for page in found for line in page.split("\n")] == lines
    assert all(utf16_length(page) <= MAX_MESSAGE for page in found)
    assert len(found) == 3  # four lines of 1000 a page


@pytest.mark.parametrize("inputs", INPUTS[:2], ids=INPUT_IDS[:2])
@pytest.mark.parametrize("lang", LANGS)
def test_a_full_cart_of_the_longest_lines_shows_every_line(lang: str, inputs: Inputs):
    """The kitchen never misses an item: the catalog's line cap (MAX_LINE_CHARS) keeps a full
    cart within the lines' budget, so no line is summed up as "… and K earlier"."""
    lines = views.menu.lines_text(lang, menu_lines(inputs)).split("\n")
    assert len(lines) == MAX_LINES
    assert all(inputs.catalog_name in line for line in lines)


@pytest.mark.parametrize("inputs", INPUTS[:2], ids=INPUT_IDS[:2])
@pytest.mark.parametrize("lang", LANGS)
def test_a_full_cart_to_edit_shows_every_line_with_its_row_of_buttons(lang: str, inputs: Inputs):
    """Each line of a full cart is listed, numbered as its row of buttons is, and the whole
    keyboard stays within Telegram's 100 buttons."""
    full = cart(inputs, version=9_999_999_999)
    text = views.menu.cart_view(lang, full)
    assert all(f"\n{n}. " in text for n in range(1, MAX_LINES + 1))
    rows = views.menu.cart_buttons(lang, full)
    assert len(rows) == MAX_LINES + 1 and sum(len(row) for row in rows) <= 100
    assert all(utf16_length(label) <= views.menu.LINE_NAME_CHARS + 6 for label, _ in rows[-2])
