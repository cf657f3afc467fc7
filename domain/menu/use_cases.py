"""Menu orders: the cart, checkout with stock, the kitchen's moves, and stock in chat.

Each method is one use case and one transaction, like domain.services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.dispatch.dispatcher import Dispatcher
from domain.menu.again import cart_again, reprice
from domain.menu.carts import Cart, CartStep, LineEdit, check_minimum
from domain.menu.catalog import MAX_KEY_CHARS, Catalog, Category, MenuItem, Shop
from domain.orders.addresses import own_address, remember
from domain.orders.again import Change, of_kind, past_order
from domain.orders.cancelling import quantities, wind_up
from domain.orders.model import (
    Actor,
    Fulfilment,
    Order,
    OrderKind,
    Parcel,
    PaymentMethod,
    Size,
    Status,
)
from domain.orders.placing import (
    ChatMessage,
    OrderLimits,
    check_customer_limits,
    place_new_order,
)
from domain.parcels.drafts import DraftRules
from domain.payments.model import PaymentRules
from domain.people.model import Person
from domain.shared.clock import Clock
from domain.shared.deadlines import DeadlineRules
from domain.shared.errors import InvalidAnswer, NotAllowed, NotFound
from domain.shared.text import utf16_length
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.opening import OpeningRules, check_open

# Statuses in which an order still holds stock it has not started to use.
NOT_STARTED = (Status.AWAITING_PAYMENT, Status.PLACED, Status.APPROVED)


class ShopMode(StrEnum):
    PARCEL = "parcel"  # a courier: parcels from A to B
    MENU = "menu"  # a coffee or food shop: orders from its menu
    BOTH = "both"


@dataclass(frozen=True)
class MenuRules:
    mode: ShopMode = ShopMode.PARCEL
    shop: Shop = field(default_factory=Shop)
    categories: tuple[Category, ...] = ()
    min_order: int = 0  # MIN_ORDER_WON: the items' total, before the delivery fee

    @property
    def takes_parcels(self) -> bool:
        return self.mode is not ShopMode.MENU

    @property
    def takes_menu_orders(self) -> bool:
        return self.mode is not ShopMode.PARCEL and bool(self.categories)


def size_for(weight_kg: float) -> Size:
    """How big a bag a rider needs for the order, by its weight."""
    if weight_kg <= 2:
        return Size.SMALL
    return Size.MEDIUM if weight_kg <= 8 else Size.LARGE


class Menu:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        menu: MenuRules,
        drafts: DraftRules,
        payments: PaymentRules,
        dispatcher: Dispatcher,
        deadlines: DeadlineRules,
        staff: Callable[[Person], Actor],
        limits: OrderLimits | None = None,
        opening: OpeningRules | None = None,
    ) -> None:
        self.uow = uow
        self.opening = opening or OpeningRules()
        self.clock = clock
        self.limits = limits or OrderLimits()
        self.menu = menu
        self.drafts = drafts
        self.payments = payments
        self.dispatcher = dispatcher
        self.deadlines = deadlines
        self._staff = staff

    @property
    def shop(self) -> Shop:
        return self.menu.shop

    # --- the catalog ------------------------------------------------------------------------

    async def load_catalog(self, catalog: Catalog) -> None:
        """At start: add new items and update names, prices and options from the file. Stock
        and availability of items already known stay as staff last set them in chat. Items no
        longer in the file are off the menu (orders keep their own copy of each line). Safe
        when replicas start together: an item another one just added is updated instead."""
        async with self.uow() as uow:
            for item in catalog.items:
                known = await uow.items.get_for_update(item.key)
                if known is None:
                    if await uow.items.add(MenuItem(item.key, item.category, item.name,
                                                    item.price, item.options, item.stock,
                                                    item.available, item.weight_kg,
                                                    item.position)):
                        continue
                    known = await uow.items.get_for_update(item.key)  # another added it
                    assert known is not None
                known.category, known.name, known.price = item.category, item.name, item.price
                known.options, known.weight_kg, known.position = (item.options, item.weight_kg,
                                                                  item.position)
            await uow.items.delete_others([item.key for item in catalog.items])
            await uow.commit()

    async def item(self, key: str) -> MenuItem | None:
        async with self.uow() as uow:
            return await uow.items.get(key)

    async def items(self, category: str | None = None) -> list[MenuItem]:
        async with self.uow() as uow:
            every = await uow.items.all()
        return [item for item in every if category is None or item.category == category]

    # --- the cart ---------------------------------------------------------------------------

    async def start_cart(self, customer: Person) -> tuple[Cart, bool]:
        """Begin a menu order, or continue the unfinished one. Returns (cart, resumed).
        Refused while the shop takes no orders (an unfinished cart is kept)."""
        async with self.uow() as uow:
            await check_open(uow, self.clock.now(), self.opening)
            cart = await uow.carts.get(customer.user_id)
            if cart is not None:
                return cart, True
            if await uow.drafts.get(customer.user_id) is not None:
                raise InvalidAnswer("parcel_draft_open")
            await check_customer_limits(uow, customer.user_id, self.clock.now(), self.limits)
            cart = Cart(customer.user_id, self.clock.now())
            await uow.carts.add(cart)
            await uow.commit()
            return cart, False

    async def current_cart(self, customer: Person) -> Cart | None:
        async with self.uow() as uow:
            return await uow.carts.get(customer.user_id)

    async def change_cart(self, customer: Person, change: Callable[[Cart], None]) -> Cart | None:
        """Apply one answer to the customer's cart; None when no menu order is open."""
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            change(cart)
            await uow.commit()
            return cart

    async def change_shown_cart(
        self, customer: Person, seen: int | None, change: Callable[[Cart], None]
    ) -> Cart | None:
        """A button whose meaning depends on what it was shown with (a quantity of the item
        asked about, an option of its group): refused with OutOfDate when the cart is no
        longer at version `seen`."""

        def checked(cart: Cart) -> None:
            cart.check_seen(seen)
            change(cart)

        return await self.change_cart(customer, checked)

    async def open_category(self, customer: Person, key: str) -> Cart | None:
        known = {category.key for category in self.menu.categories}
        return await self.change_cart(customer, lambda cart: cart.open_category(key, known))

    async def pick_item(self, customer: Person, key: str) -> Cart | None:
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            item = await uow.items.get(key)
            if item is None:
                raise InvalidAnswer("stale_button")
            cart.pick_item(item)
            await uow.commit()
            return cart

    async def check_out(self, customer: Person) -> Cart | None:
        """Check out: the lines at today's prices first (the menu may have changed since they
        went in), so that the summary shows what the order would cost."""
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            items = {key: await uow.items.get(key)  # once each, however many lines
                     for key in dict.fromkeys(line["item_key"] for line in cart.lines)}
            reprice(cart, cart.order_lines(), items)
            cart.check_out(self.menu.min_order)
            await uow.commit()
            return cart

    async def answer_location(self, customer: Person, lat: float, lon: float) -> Cart | None:
        return await self.change_cart(customer,
                                      lambda cart: cart.answer_location(lat, lon, self.shop.zone))

    async def answer_cart(self, customer: Person, text: str) -> Cart | None:
        """Typed text for the cart's current step (a quantity, an address, a phone...)."""
        return await self._change_adding(
            customer, lambda cart, adding: cart.answer_text(text, self.drafts, adding))

    async def choose_quantity(self, customer: Person, seen: int, text: str) -> Cart | None:
        """A quantity button under the question of version `seen` (OutOfDate otherwise)."""

        def chosen(cart: Cart, adding: MenuItem | None) -> None:
            cart.check_seen(seen)
            cart.set_quantity(text, adding)

        return await self._change_adding(customer, chosen)

    async def _change_adding(
        self, customer: Person, change: Callable[[Cart, MenuItem | None], None]
    ) -> Cart | None:
        """Change the cart knowing the item being added as the menu has it now (its stock
        caps the quantity)."""
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            adding = None
            if cart.step is CartStep.QUANTITY and cart.item is not None:
                adding = await uow.items.get(cart.item["key"])
            change(cart, adding)
            await uow.commit()
            return cart

    async def edit_line(self, customer: Person, seen: int, index: int,
                        edit: str) -> Cart | None:
        """Minus, plus or 🗑 under line `index` of the cart shown at version `seen` (OutOfDate
        when it changed since, so an old button never edits another line); plus only while
        the item's stock has more than the cart holds."""
        try:
            move = LineEdit(edit)
        except ValueError:
            raise InvalidAnswer("stale_button") from None
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            cart.check_seen(seen)
            item = await uow.items.get(cart.line_key(index)) if move is LineEdit.MORE else None
            cart.edit_line(index, move, item)
            await uow.commit()
            return cart

    async def choose_fulfilment(self, customer: Person, value: str) -> Cart | None:
        return await self.change_cart(customer,
                                      lambda cart: cart.choose_fulfilment(value, self.shop))

    async def answer_saved(self, customer: Person, address_id: int,
                           seen: int | None) -> Cart | None:
        """A saved address pressed under the delivery address question of cart version
        `seen` (OutOfDate under another); None when no menu order is open."""
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return None
            cart.check_seen(seen)
            cart.answer_saved((await own_address(uow, customer, address_id)).place,
                              self.shop.zone)
            await uow.commit()
            return cart

    async def order_again(self, customer: Person, number: int) -> tuple[Cart, list[Change]]:
        """The customer's menu order #number as a new cart at today's prices and stock, and
        what changed (domain.menu.again)."""
        async with self.uow() as uow:
            order = of_kind(await past_order(uow, customer, number), OrderKind.MENU)
            now = self.clock.now()
            await check_open(uow, now, self.opening)
            await check_customer_limits(uow, customer.user_id, now, self.limits)
            items = {item.key: item for item in await uow.items.all()}
            cart, changes = cart_again(order, items, self.shop, now, self.menu.min_order)
            await uow.carts.add(cart)
            await uow.commit()
            return cart, changes

    async def abandon_cart(self, customer: Person) -> bool:
        async with self.uow() as uow:
            cart = await uow.carts.get(customer.user_id)
            if cart is None:
                return False
            await uow.carts.delete(cart)
            await uow.commit()
            return True

    async def place_menu_order(self, customer: Person, seen: int | None,
                               card: ChatMessage | None = None) -> Order:
        """Confirm under the summary of version `seen` (None: a Confirm from before buttons
        carried one): take the stock (refused with what is left), and the cart becomes order
        #N (waiting for the payment first, when prepaid); OutOfDate when the cart is no longer
        what that summary showed. Refused while the shop takes no orders, the cart kept."""
        async with self.uow() as uow:
            await check_open(uow, self.clock.now(), self.opening)
            cart = await uow.carts.get_for_update(customer.user_id)
            if cart is None:
                raise InvalidAnswer("no_draft")
            cart.check_seen(seen)
            check_minimum(cart.items_total, self.menu.min_order)
            if cart.fulfilment is Fulfilment.DELIVERY and cart.destination is not None:
                self.shop.zone.check(cart.destination)  # the zone may have shrunk since
            menu_order = cart.to_menu_order(self.shop)
            weight = 0.0
            wanted: dict[str, int] = {}
            for line in menu_order.lines:
                wanted[line.item_key] = wanted.get(line.item_key, 0) + line.quantity
            # A fixed lock order: two checkouts never wait in a circle.
            items = {key: await uow.items.get_for_update(key) for key in sorted(wanted)}
            repriced = reprice(cart, menu_order.lines, items)
            if repriced:  # the cart at today's prices, to look at before confirming again
                await uow.commit()
                raise prices_changed(repriced)
            for key, item in items.items():
                if item is None:  # taken off the menu since it went in the cart
                    name = next(ln.name for ln in menu_order.lines if ln.item_key == key)
                    raise NotAllowed("item_sold_out", item=name)
                item.reserve(wanted[key])
                weight += item.weight_kg * wanted[key]
            destination = cart.destination or self.shop.place
            parcel = Parcel(size_for(weight), round(weight, 2), self.shop.place, destination,
                            cart.phone or "")
            payment = cart.payment or PaymentMethod.CASH
            order = await place_new_order(uow, customer, parcel, payment, cart.total(self.shop),
                                          self.clock.now(), self.payments, self.deadlines,
                                          menu_order, self.limits, card,
                                          requests=cart.asked.kept(cart.offered))
            if cart.fulfilment is Fulfilment.DELIVERY and cart.destination is not None:
                await remember(uow, customer.user_id, [cart.destination], order.created_at,
                               self.drafts.saved_addresses)
            await uow.carts.delete(cart)
            await uow.commit()
            return order

    # --- the kitchen ------------------------------------------------------------------------

    async def start_preparing(self, number: int, person: Person) -> Order:
        return await self._store_move(number, person, Order.start_preparing)

    async def mark_ready(self, number: int, person: Person) -> Order:
        """Made: a delivery is offered to riders now; a pickup waits at the counter."""
        actor = self._staff(person)
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            now = self.clock.now()
            order.mark_ready(actor, now)
            await self.dispatcher.offer_next(uow, order, now, tell_store=True)
            await uow.commit()
            return order

    async def hand_over(self, number: int, person: Person) -> Order:
        return await self._store_move(number, person, Order.hand_over)

    async def _store_move(
        self, number: int, person: Person, move: Callable[[Order, Actor, datetime], None]
    ) -> Order:
        actor = self._staff(person)
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            move(order, actor, self.clock.now())
            await uow.commit()
            return order

    # --- stock in chat ------------------------------------------------------------------------

    async def set_stock(self, key: str, count: int | None, person: Person) -> MenuItem:
        """/stock ITEM N: what may still be sold (an item back in stock is available again)."""
        return await self._change_item(key, person, lambda item: _restock(item, count))

    async def make_available(self, key: str, person: Person) -> MenuItem:
        return await self._change_item(key, person, _make_available)

    async def sell_out(self, key: str, person: Person) -> tuple[MenuItem, list[int]]:
        """/soldout ITEM: nobody can order it any more, and the orders holding it that the
        kitchen has not started are cancelled with an apology (refunded where paid). Returns
        the item and the numbers of the orders cancelled."""
        actor = self._staff(person)
        item = await self._change_item(key, person, _sell_out)
        async with self.uow() as uow:
            numbers = await uow.orders.unmade_with_item(item.key, NOT_STARTED)
        cancelled = []
        for number in numbers:  # one transaction each: locks go order, then items
            if await self._cancel_for_sold_out(number, item, actor):
                cancelled.append(number)
        return item, cancelled

    async def _cancel_for_sold_out(self, number: int, item: MenuItem, actor: Actor) -> bool:
        async with self.uow() as uow:
            order = await uow.orders.get_for_update(number)
            if (order is None or order.status not in NOT_STARTED
                    or item.key not in quantities(order)):
                return False
            now = self.clock.now()
            order.cancel(actor, now, reason=item.name, sold_out=item.name)
            await wind_up(uow, order, now)
            await uow.commit()
            return True

    async def _change_item(
        self, key: str, person: Person, change: Callable[[MenuItem], None]
    ) -> MenuItem:
        self._staff(person)
        if utf16_length(key) > MAX_KEY_CHARS:  # no item has it; the refusal would echo it
            raise InvalidAnswer("item_key_too_long", max=MAX_KEY_CHARS)
        async with self.uow() as uow:
            item = await uow.items.get_for_update(key.lower())
            if item is None:
                raise NotFound("item_unknown", item=key)
            change(item)
            await uow.commit()
            return item



def _restock(item: MenuItem, count: int | None) -> None:
    item.set_stock(count)
    if count is None or count > 0:
        item.available = True


def _make_available(item: MenuItem) -> None:
    item.available = True


def _sell_out(item: MenuItem) -> None:
    item.available = False


def prices_changed(changes: list[Change]) -> NotAllowed:
    """The refusal of a Confirm whose cart the menu's new prices changed: the first change
    and how many there were."""
    first = changes[0]
    if len(changes) == 1:
        return NotAllowed("prices_changed", item=first.item, price=first.price, was=first.was)
    return NotAllowed("prices_changed_several", item=first.item, price=first.price,
                      was=first.was, count=len(changes))
