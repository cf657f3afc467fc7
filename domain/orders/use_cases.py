"""Use cases on an order as a whole: looking at it, the store's decision, cancelling, and
the customer confirming receipt. Every use case checks who is asking itself, so a typed
command and a pressed button go through the same checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.orders.cancelling import wind_up
from domain.orders.eta import EtaRules, is_late
from domain.orders.model import Actor, Order, OrderKind, Role, Status
from domain.people.model import Person, Staff
from domain.shared.clock import Clock
from domain.shared.errors import InvalidAnswer, NotAllowed
from domain.shared.text import normalized
from domain.shared.unit_of_work import UnitOfWork


class RiderSearch(Protocol):
    """Finds a rider for an approved order (domain.dispatch.dispatcher.Dispatcher)."""

    async def offer_next(self, uow: UnitOfWork, order: Order, now: datetime, *,
                         tell_store: bool) -> object: ...


@dataclass(frozen=True)
class Pending:
    """What /pending shows the store."""

    waiting: list[Order]  # for its decision, oldest first
    total: int  # how many wait in all
    late: list[Order]  # past the time promised and not there yet, the longest late first


def _listed(numbers: tuple[int, ...]) -> str:
    return ", ".join(map(str, numbers))


def store_actor(staff: Staff, person: Person) -> Actor:
    """The person acting for the store; refused unless they are staff."""
    staff.check(person)
    return Actor(Role.STORE, person.user_id, person.name)


class Orders:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, staff: Staff,
                 riders: RiderSearch, list_limit: int = 20, eta: EtaRules | None = None
                 ) -> None:
        self.uow = uow
        self.clock = clock
        self.staff = staff
        self.riders = riders
        self.list_limit = list_limit
        self.eta = eta or EtaRules()

    # --- looking at orders ------------------------------------------------------------------

    async def mine(self, customer: Person) -> list[Order]:
        """The customer's orders, newest first."""
        async with self.uow() as uow:
            return await uow.orders.for_customer(customer.user_id, self.list_limit)

    async def view(self, number: int, person: Person) -> Order:
        """The customer sees their own orders, the rider their jobs, the store everything."""
        async with self.uow() as uow:
            order = await uow.orders.require(number, lock=False)
            if not (
                order.customer_id == person.user_id
                or order.rider_id == person.user_id
                or self.staff.includes(person)
            ):
                raise NotAllowed("not_your_order", number=number)
            return order

    async def pending(self, person: Person) -> Pending:
        """The oldest orders waiting for the store's decision (the first to expire), how many
        wait in all, and the orders running late."""
        self.staff.check(person)
        now = self.clock.now()
        async with self.uow() as uow:
            late = await uow.orders.promised_before(now, self.list_limit)
            return Pending(await uow.orders.with_status(Status.PLACED, self.list_limit),
                           await uow.orders.count_with_status(Status.PLACED),
                           [order for order in late if is_late(order, now)])

    # --- the customer -----------------------------------------------------------------------

    async def cancel(self, number: int, person: Person, reason: str | None = None) -> Order:
        """The customer cancels their own order; the store cancels any, giving a reason."""
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            if order.customer_id == person.user_id:
                actor = Actor(Role.CUSTOMER, person.user_id, person.name)
            elif self.staff.includes(person):
                actor = store_actor(self.staff, person)
            else:
                raise NotAllowed("not_your_order", number=number)
            order.cancel(actor, self.clock.now(), reason)
            await wind_up(uow, order, self.clock.now())
            await uow.commit()
            return order

    async def confirm_receipt(self, number: int, person: Person) -> Order:
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            order.complete(Actor(Role.CUSTOMER, person.user_id, person.name), self.clock.now())
            await uow.commit()
            return order

    # --- the store --------------------------------------------------------------------------

    async def approve(self, number: int, person: Person, prep_minutes: int | None = None
                      ) -> Order:
        """The store accepts the order; a parcel is offered to the first rider at once. A
        menu order takes `prep_minutes` to make (one of the choices; the default if None)."""
        actor = store_actor(self.staff, person)
        if prep_minutes is not None and prep_minutes not in self.eta.prep_choices:
            raise InvalidAnswer("prep_choice", choices=_listed(self.eta.prep_choices))
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            if prep_minutes is not None and order.kind is not OrderKind.MENU:
                raise InvalidAnswer("prep_menu_only", number=number)
            order.approve(actor, self.clock.now(),
                          prep_minutes if prep_minutes is not None
                          else self.eta.prep_default_minutes)
            await self.riders.offer_next(uow, order, self.clock.now(), tell_store=True)
            await uow.commit()
            return order

    async def reject(self, number: int, person: Person, reason: str) -> Order:
        actor = store_actor(self.staff, person)
        reason = normalized(reason)
        if not reason:
            raise InvalidAnswer("reject_reason_required", number=number)
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            order.reject(actor, reason, self.clock.now())
            await wind_up(uow, order, self.clock.now())
            await uow.commit()
            return order

    async def waive_code(self, number: int, person: Person) -> Order:
        """/waive N: the rider may deliver without the recipient's code."""
        actor = store_actor(self.staff, person)
        async with self.uow() as uow:
            order = await uow.orders.require(number)
            order.waive_code(actor, self.clock.now())
            await uow.commit()
            return order
