"""Saved addresses: the places a customer's orders went to or came from, offered as buttons
at the next order's address questions so nobody types their address twice.

Kept when an order is placed (a parcel's pickup and destination, a menu order's delivery
address), one row per distinct place (the same text and point), only the latest few. A
customer sees, uses and deletes only their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.orders.model import Place
from domain.people.model import Person
from domain.shared.clock import Clock
from domain.shared.errors import NotFound
from domain.shared.unit_of_work import UnitOfWork

KEPT = 5  # the default of SAVED_ADDRESSES: how many each customer keeps, the latest


@dataclass(eq=False)
class SavedAddress:
    customer_id: int
    address: str | None
    lat: float | None
    lon: float | None
    last_used_at: datetime
    id: int | None = None

    @property
    def place(self) -> Place:
        return Place(self.address, self.lat, self.lon)


async def remember(uow: UnitOfWork, customer_id: int, places: Iterable[Place], now: datetime,
                   keep: int) -> None:
    """Keep the places of an order just placed: one already saved is used again now; the
    oldest beyond the latest `keep` are forgotten (0: nothing is kept)."""
    saved = await uow.addresses.for_customer(customer_id)
    fresh: list[SavedAddress] = []
    for place in places:
        if place.address is None and not place.has_coordinates:
            continue
        known = next((s for s in [*saved, *fresh] if s.place == place), None)
        if known is None:
            fresh.append(SavedAddress(customer_id, place.address, place.lat, place.lon, now))
        else:
            known.last_used_at = now
    saved.sort(key=lambda s: s.last_used_at, reverse=True)
    kept = [*fresh, *saved][:max(keep, 0)]
    for address in fresh:
        if address in kept:
            await uow.addresses.add(address)
    for address in saved:
        if address not in kept:
            await uow.addresses.delete(address)


async def own_address(uow: UnitOfWork, customer: Person, address_id: int) -> SavedAddress:
    """The customer's saved address `address_id`; NotFound for one that is gone or not
    theirs (a button carries no authority)."""
    found = await uow.addresses.get(address_id)
    if found is None or found.customer_id != customer.user_id:
        raise NotFound("address_unknown")
    return found


class Addresses:
    """/addresses: the customer's saved addresses, and deleting one."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, keep: int = KEPT) -> None:
        self.uow = uow
        self.clock = clock
        self.keep = keep

    async def mine(self, customer: Person) -> list[SavedAddress]:
        """The latest first."""
        async with self.uow() as uow:
            return (await uow.addresses.for_customer(customer.user_id))[:max(self.keep, 0)]

    async def delete(self, customer: Person, address_id: int) -> list[SavedAddress]:
        """Forget one of the customer's saved addresses; returns those left."""
        async with self.uow() as uow:
            await uow.addresses.delete(await own_address(uow, customer, address_id))
            left = await uow.addresses.for_customer(customer.user_id)
            await uow.commit()
            return left[:max(self.keep, 0)]
