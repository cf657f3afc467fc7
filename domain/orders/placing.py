"""Placing an order, parcel or menu: its number, its status and its deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.alerts.outbox import OrderCard
from domain.orders.model import (
    SETTLED,
    Actor,
    Invoice,
    MenuOrder,
    Order,
    Parcel,
    PaymentMethod,
    Role,
)
from domain.orders.requests import Requests
from domain.people.model import Person
from domain.shared.deadlines import Deadline, DeadlineKind, DeadlineRules
from domain.shared.errors import NotAllowed
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class OrderLimits:
    """Against one customer flooding the store (settings MAX_OPEN_ORDERS,
    MAX_ORDERS_PER_HOUR) and one rider taking and giving back a job over and over
    (MAX_RELEASES_PER_ORDER)."""

    open_per_customer: int = 3
    per_customer_per_hour: int = 10
    releases_per_rider: int = 2


async def check_customer_limits(uow: UnitOfWork, customer_id: int, now: datetime,
                                limits: OrderLimits) -> None:
    """Refuse a new order from a customer with too many on their way, or too many lately."""
    recent = await uow.orders.for_customer(
        customer_id, max(limits.open_per_customer, limits.per_customer_per_hour) + 1)
    on_their_way = sum(order.status not in SETTLED for order in recent)
    if on_their_way >= limits.open_per_customer:
        raise NotAllowed("too_many_open", count=on_their_way)
    last_hour = sum(order.created_at > now - timedelta(hours=1) for order in recent)
    if last_hour >= limits.per_customer_per_hour:
        raise NotAllowed("too_many_orders", count=last_hour)


@dataclass(frozen=True)
class ChatMessage:
    """A message in a chat, as Telegram numbers it."""

    chat_id: int
    message_id: int


class InvoiceRules(Protocol):
    """How a prepaid order is charged (domain.payments.model.PaymentRules)."""

    @property
    def pay_within(self) -> timedelta: ...

    def invoice_for(self, price: int) -> Invoice: ...


async def place_new_order(
    uow: UnitOfWork,
    customer: Person,
    parcel: Parcel,
    payment: PaymentMethod,
    price: int,
    now: datetime,
    payments: InvoiceRules,
    deadlines: DeadlineRules,
    menu: MenuOrder | None = None,
    limits: OrderLimits | None = None,
    card: ChatMessage | None = None,
    requests: Requests | None = None,
) -> Order:
    """A cash order goes to the store now (which must answer in time); a prepaid one waits
    for its payment, and expires unpaid after `payments.pay_within`. Refused when the
    customer is at their limits. `card` is the message the customer confirmed in: it
    becomes the order's card, edited as the order moves."""
    await check_customer_limits(uow, customer.user_id, now, limits or OrderLimits())
    invoice = payments.invoice_for(price) if payment is PaymentMethod.PREPAID else None
    order = Order.place(await uow.orders.next_number(),
                        Actor(Role.CUSTOMER, customer.user_id, customer.name),
                        parcel, payment, price, now, invoice=invoice, menu=menu,
                        card_shown=card is not None, requests=requests)
    await uow.orders.add(order)
    if card is not None:
        await uow.cards.add(OrderCard(order.number, card.chat_id, card.message_id, now))
    if invoice is not None:
        await uow.deadlines.add(Deadline(DeadlineKind.PAYMENT_EXPIRY, order.number,
                                         now + payments.pay_within))
    else:
        await add_store_deadlines(uow, order, now, deadlines)
    return order


async def add_store_deadlines(
    uow: UnitOfWork, order: Order, now: datetime, rules: DeadlineRules
) -> None:
    """The store must answer in time: a reminder at half-time, then the order expires."""
    wait = rules.store_response
    if wait.total_seconds() <= 0:
        return
    await uow.deadlines.add(Deadline(DeadlineKind.STORE_REMINDER, order.number, now + wait / 2))
    await uow.deadlines.add(Deadline(DeadlineKind.STORE_EXPIRY, order.number, now + wait))
