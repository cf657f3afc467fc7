"""Order again: a past order rebuilt as a new draft or cart (domain.parcels.use_cases,
domain.menu.again), at today's prices and stock, with what changed since said."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.orders.model import SETTLED, Order, OrderKind
from domain.people.model import Person
from domain.shared.errors import InvalidAnswer, NotAllowed
from domain.shared.unit_of_work import UnitOfWork


class ChangeKind(StrEnum):
    PRICE = "price"  # an item's price, with the options chosen then
    SHORT = "short"  # fewer left than were ordered: the quantity is what is left
    SOLD_OUT = "sold_out"  # on the menu, but none left today
    GONE = "gone"  # off the menu
    OPTIONS = "options"  # its options changed: the customer chooses again
    FEE = "fee"  # the delivery fee of a menu order
    FARE = "fare"  # what a parcel costs
    NO_PICKUP = "no_pickup"  # the counter no longer hands orders over
    OUTSIDE_ZONE = "outside_zone"  # the shop no longer delivers there: asked again
    BELOW_MINIMUM = "below_minimum"  # what is left is under the minimum order: `price` more


@dataclass(frozen=True)
class Change:
    """One thing that is not as it was in the order rebuilt."""

    kind: ChangeKind
    item: str = ""  # the item's name, with its options ("Café latte (Large)")
    price: int = 0  # now
    was: int = 0
    left: int = 0


async def past_order(uow: UnitOfWork, customer: Person, number: int) -> Order:
    """The customer's own order #number, to order again; refused while they are writing
    another order (it is theirs to finish or /cancel first: nothing is thrown away)."""
    order = await uow.orders.require(number, lock=False)
    if order.customer_id != customer.user_id:
        raise NotAllowed("not_your_order", number=number)
    if order.status not in SETTLED:  # a second of an order on its way is a slip, not a wish
        raise InvalidAnswer("again_open", number=number)
    if (await uow.drafts.get(customer.user_id) is not None
            or await uow.carts.get(customer.user_id) is not None):
        raise InvalidAnswer("order_in_progress")
    return order


def of_kind(order: Order, kind: OrderKind) -> Order:
    """Refuse a parcel's button under a menu order, or the other way round (a forged one)."""
    if order.kind is not kind:
        raise InvalidAnswer("stale_button")
    return order
