"""Use cases of a job, from the rider's side: the job list, taking a job (first rider wins),
answering an offer, releasing it, pickup, the handover with the recipient's code, and cash.

Locks are taken rider, then order, then offer, everywhere, so no two transactions wait for
each other in a circle."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from domain.dispatch.dispatcher import Dispatcher
from domain.dispatch.offers import Offer
from domain.dispatch.riders import Rider
from domain.orders.model import Actor, Order, Role, Status, WrongCode
from domain.orders.placing import OrderLimits
from domain.orders.use_cases import store_actor
from domain.people.model import Person, Staff
from domain.shared.clock import Clock
from domain.shared.deadlines import Deadline, DeadlineKind, DeadlineRules
from domain.shared.errors import DomainError, InvalidTransition, NotAllowed, NotFound
from domain.shared.unit_of_work import UnitOfWork

RIDER_ACTIVE = (Status.ASSIGNED, Status.PICKED_UP)


def random_code() -> str:
    """A 4-digit delivery code."""
    return f"{secrets.randbelow(10_000):04d}"


class Jobs:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        dispatcher: Dispatcher,
        deadlines: DeadlineRules,
        staff: Staff,
        codes: Callable[[], str] = random_code,
        list_limit: int = 20,
        limits: OrderLimits | None = None,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.dispatcher = dispatcher
        self.deadlines = deadlines
        self.staff = staff
        self.codes = codes
        self.list_limit = list_limit
        self.limits = limits or OrderLimits()

    async def open_jobs(self, person: Person) -> list[Order]:
        """Approved orders nobody has taken and nobody is being offered right now."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person)
            offered = {offer.order_number for offer in await uow.offers.pending()}
            waiting = await uow.orders.waiting_for_rider(self.list_limit)
            return [order for order in waiting
                    if order.number not in offered and rider.can_carry(order.is_heavy)]

    async def my_jobs(self, person: Person) -> list[Order]:
        async with self.uow() as uow:
            await self._rider(uow, person)
            return await uow.orders.for_rider(person.user_id, RIDER_ACTIVE, self.list_limit)

    async def accept_job(
        self, number: int, person: Person, acted_at: datetime | None = None
    ) -> Order:
        """/accept N from the job list. First rider wins: the order row is locked while it is
        read and changed. An order being offered to someone else is theirs to answer first,
        unless this rider was offered it before and acted (`acted_at`: when a typed /accept
        was sent; None for a press, which Telegram does not date) before that offer's
        countdown ended: their answer was only read late, so the job is theirs and the other
        offer, not yet accepted, is withdrawn. If the job is gone all the same, the miss the
        sweep counted for that offer is forgiven."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            order = await uow.orders.require(number)
            if not rider.can_carry(order.is_heavy):
                raise NotAllowed("cannot_carry", number=number)
            offers = await uow.offers.for_order(number)
            in_time = acted_at is not None and any(
                offer.rider_id == rider.user_id and offer.answered_in_time(acted_at)
                for offer in offers)
            if not in_time:
                for offer in offers:
                    if offer.is_pending and offer.rider_id != rider.user_id:
                        raise InvalidTransition("being_offered", number=number)
            try:
                await self._take(uow, order, rider, actor)
            except DomainError:
                if in_time:
                    rider.answered_offer()
                    await uow.commit()
                raise
            await uow.commit()
            return order

    async def accept_offer(self, offer_id: int, person: Person) -> Order:
        """The Accept button of an offer; refused once the offer expired, was declined or
        withdrawn, so an old offer message cannot take the order. A press carries no time, so
        it is judged by the offer still being open: one whose countdown ran out while nobody
        swept (the bot was down, say) is still honoured."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            _, order = await self._offer_and_order(uow, offer_id, rider)
            await self._take(uow, order, rider, actor)
            await uow.commit()
            return order

    async def decline_offer(self, offer_id: int, person: Person) -> int:
        """The Decline button: the order goes to the next rider. Returns the order number."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person, lock=True)
            offer, order = await self._offer_and_order(uow, offer_id, rider)
            now = self.clock.now()
            offer.decline(now)
            rider.answered_offer()
            await self.dispatcher.offer_next(uow, order, now, tell_store=True)
            await self.dispatcher.offer_waiting_to(uow, rider, now)  # free again: the next one
            await uow.commit()
            return offer.order_number

    async def release_job(self, number: int, person: Person) -> Order:
        """/release N before pickup: the job is offered to another rider."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            order = await uow.orders.require(number)
            now = self.clock.now()
            order.release(actor, now)
            rider.awaiting_code_for = None
            await self.dispatcher.offer_next(uow, order, now, tell_store=True,
                                             also_exclude=frozenset({rider.user_id}))
            await uow.commit()
            return order

    async def pick_up(self, number: int, person: Person) -> Order:
        async with self.uow() as uow:
            _, actor = await self._rider_and_actor(uow, person)
            order = await uow.orders.require(number)
            order.pick_up(actor, self.clock.now())
            await uow.commit()
            return order

    async def ask_code(self, number: int, person: Person) -> Order:
        """The Delivered button: the rider's next 4-digit message is taken as the code."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person, lock=True, any_state=True)
            order = await uow.orders.require(number, lock=False)
            if order.rider_id != rider.user_id:
                raise NotAllowed("not_your_job", number=number)
            if order.status is not Status.PICKED_UP:
                raise InvalidTransition("invalid_transition", number=number,
                                        status=order.status.value,
                                        target=Status.DELIVERED.value)
            rider.awaiting_code_for = number
            await uow.commit()
            return order

    async def awaited_code(self, person: Person) -> int | None:
        """The order whose delivery code this rider was asked for, if any."""
        async with self.uow() as uow:
            rider = await uow.riders.get(person.user_id)
            return rider.awaiting_code_for if rider else None

    async def deliver(self, number: int, person: Person, code: str | None = None) -> Order:
        """Handover with the recipient's code. A wrong code is refused and counted (the fifth
        locks the order and tells the store). A rider suspended meanwhile may still finish."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True, any_state=True)
            order = await uow.orders.require(number)
            now = self.clock.now()
            try:
                order.deliver(actor, now, code)
            except WrongCode:
                if order.code_locked:
                    rider.awaiting_code_for = None
                await uow.commit()  # the failed try counts
                raise
            rider.awaiting_code_for = None
            after = self.deadlines.auto_complete_after
            if after.total_seconds() > 0:
                await uow.deadlines.add(Deadline(DeadlineKind.AUTO_COMPLETE, number, now + after))
            await self.dispatcher.offer_waiting_to(uow, rider, now)  # hands free: the next one
            await uow.commit()
            return order

    async def collect_cash(self, number: int, person: Person) -> Order:
        """/collected N: the rider took the cash for a cash order (or staff, at the counter)."""
        async with self.uow() as uow:
            if self.staff.includes(person) and not await uow.riders.get(person.user_id):
                actor = store_actor(self.staff, person)
            else:
                _, actor = await self._rider_and_actor(uow, person, any_state=True)
            order = await uow.orders.require(number)
            order.collect_cash(actor, self.clock.now())
            await uow.commit()
            return order

    async def _take(self, uow: UnitOfWork, order: Order, rider: Rider, actor: Actor) -> None:
        released = order.releases_by(rider.user_id)
        if released >= self.limits.releases_per_rider:
            raise NotAllowed("released_too_often", number=order.number, count=released)
        now = self.clock.now()
        order.assign(actor, now, self.codes(), rider.vehicle.value if rider.vehicle else None)
        for offer in await uow.offers.for_order(order.number):
            if offer.is_pending:
                if offer.rider_id == rider.user_id:
                    offer.accept(now)
                else:
                    offer.withdraw(now)
        rider.answered_offer()

    async def _offer_and_order(
        self, uow: UnitOfWork, offer_id: int, rider: Rider
    ) -> tuple[Offer, Order]:
        """The rider's offer, still open, and its order, both locked (the order first)."""
        seen = await uow.offers.get(offer_id)
        if seen is None or seen.rider_id != rider.user_id:
            raise NotFound("offer_unknown")
        order = await uow.orders.require(seen.order_number)
        offer = await uow.offers.get_for_update(offer_id)
        # Open until the sweep times it out: an answer read late (after a restart, say) is
        # honoured, and the sweep then finds it answered and counts no miss.
        if offer is None or not offer.is_pending:
            raise InvalidTransition("offer_gone", number=seen.order_number)
        return offer, order

    async def _rider(self, uow: UnitOfWork, person: Person) -> Actor:
        _, actor = await self._rider_and_actor(uow, person)
        return actor

    async def _rider_and_actor(
        self, uow: UnitOfWork, person: Person, lock: bool = False, any_state: bool = False
    ) -> tuple[Rider, Actor]:
        """The asking rider; `lock` when the use case changes the rider's row (locks are
        taken rider, then order, then offer, everywhere, so no two transactions wait for
        each other in a circle); `any_state` lets a suspended rider finish a job."""
        rider = await (uow.riders.get_for_update(person.user_id) if lock
                       else uow.riders.get(person.user_id))
        if rider is None or not (rider.is_active or any_state):
            raise NotAllowed("riders_only")
        # Riders from RIDER_IDS never gave a name: they go by their Telegram name.
        return rider, Actor(Role.RIDER, rider.user_id, person.name if rider.listed else rider.name)
