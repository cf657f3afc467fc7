"""Placing an order, parcel or menu: its number, its status and its deadlines."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from domain.orders.model import Actor, Invoice, MenuOrder, Order, Parcel, PaymentMethod, Role
from domain.people.model import Person
from domain.shared.deadlines import Deadline, DeadlineKind, DeadlineRules
from domain.shared.unit_of_work import UnitOfWork


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
) -> Order:
    """A cash order goes to the store now (which must answer in time); a prepaid one waits
    for its payment, and expires unpaid after `payments.pay_within`."""
    invoice = payments.invoice_for(price) if payment is PaymentMethod.PREPAID else None
    order = Order.place(await uow.orders.next_number(),
                        Actor(Role.CUSTOMER, customer.user_id, customer.name),
                        parcel, payment, price, now, invoice=invoice, menu=menu)
    await uow.orders.add(order)
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
