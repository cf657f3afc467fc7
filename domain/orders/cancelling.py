"""What follows when an order ends without being made or delivered.

Who may cancel in which status is the table `CANCELLABLE` in domain.orders.model. Whatever ended
the order — the customer or the store cancelling, the store rejecting, a deadline expiring
it, an item running out — the same things follow, in the same transaction:

- an open offer for it is withdrawn (a rider holding the job is told by the cancel alert);
- a menu order's items go back into stock;
- a paid order is refunded: Stars by the bot (retried until done), a card payment by the
  shop (the store is alerted to settle it); the customer is told either way.
"""

from __future__ import annotations

from datetime import datetime

from domain.orders.model import Order, OrderKind
from domain.shared.unit_of_work import UnitOfWork


async def wind_up(uow: UnitOfWork, order: Order, at: datetime) -> None:
    """Undo what an ended order held: its offer, its stock, its payment."""
    for offer in await uow.offers.for_order(order.number):
        if offer.is_pending:
            offer.withdraw(at)
    if order.kind is OrderKind.MENU:
        await release_stock(uow, order)
    await refund(uow, order, at)


async def release_stock(uow: UnitOfWork, order: Order) -> None:
    """Give the order's items back (rows locked in key order, like checkout)."""
    for key, quantity in sorted(quantities(order).items()):
        item = await uow.items.get_for_update(key)
        if item is not None:
            item.release(quantity)


async def refund(uow: UnitOfWork, order: Order, at: datetime) -> None:
    """Start giving the money back, once, for a paid order."""
    payment = await uow.payments.for_order(order.number)
    if payment is None or not payment.request_refund(at):
        return
    order.refund_started(payment.amount, payment.currency, payment.by_card, at)


def quantities(order: Order) -> dict[str, int]:
    """Items and how many of each an order holds."""
    wanted: dict[str, int] = {}
    for line in order.lines:
        wanted[line.item_key] = wanted.get(line.item_key, 0) + line.quantity
    return wanted
