"""The dispatcher: makes offers inside the transaction of whatever called for one (an order
approved, an offer declined or expired, a job released, a rider coming online)."""

from __future__ import annotations

from datetime import datetime

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import store_alerts
from domain.dispatch.offers import Candidate, DispatchMode, DispatchRules, Offer, offer_alert, rank
from domain.dispatch.riders import Rider
from domain.orders.model import Order
from domain.shared.deadlines import Deadline, DeadlineKind
from domain.shared.unit_of_work import UnitOfWork

WAITING_LOOKUP_LIMIT = 50  # orders waiting for a rider looked at when a rider comes online


class Dispatcher:
    def __init__(self, rules: DispatchRules, store_chats: tuple[int, ...] = ()) -> None:
        self.rules = rules
        self.store_chats = store_chats

    @property
    def automatic(self) -> bool:
        return self.rules.mode is DispatchMode.AUTO

    async def offer_next(
        self,
        uow: UnitOfWork,
        order: Order,
        now: datetime,
        *,
        tell_store: bool,
        also_exclude: frozenset[int] = frozenset(),
    ) -> Offer | None:
        """Offer the order to the best next rider. When nobody is left, or the order was
        offered `max_offers` times, it stays on the job list and (if `tell_store`) the store
        hears why."""
        if not self.automatic or not order.awaits_rider:
            return None
        offers = await uow.offers.for_order(order.number)
        if any(offer.is_pending for offer in offers):
            return None
        if len(offers) >= self.rules.max_offers:
            if tell_store:
                await self._tell_store(uow, order, "rounds", now, len(offers))
            return None
        holding = {offer.rider_id for offer in await uow.offers.pending()}
        excluded = {offer.rider_id for offer in offers} | holding | also_exclude
        candidates = rank(order, await uow.riders.online(),
                          busy=await uow.orders.riders_with_jobs(), excluded=excluded,
                          now=now, rules=self.rules)
        for candidate in candidates:
            offer = await self._offer(uow, order, candidate, now)
            if offer is not None:
                return offer
            if any(o.is_pending for o in await uow.offers.for_order(order.number)):
                return None  # offered at the same moment by another transaction
        if tell_store:
            await self._tell_store(uow, order, "no_rider", now, len(offers))
        return None

    async def offer_waiting_to(self, uow: UnitOfWork, rider: Rider, now: datetime) -> Offer | None:
        """A rider came online: offer them the oldest approved order waiting for a rider that
        they were not offered before and can carry."""
        if not self.automatic or not rider.is_active or not rider.online:
            return None
        pending = await uow.offers.pending()
        if any(offer.rider_id == rider.user_id for offer in pending):
            return None
        being_offered = {offer.order_number for offer in pending}
        busy = await uow.orders.riders_with_jobs()
        for order in await uow.orders.waiting_for_rider(WAITING_LOOKUP_LIMIT):
            if order.number in being_offered or not await self._may_offer(uow, order, rider):
                continue
            found = rank(order, [rider], busy=busy, excluded=set(), now=now, rules=self.rules)
            if not found:
                continue
            locked = await uow.orders.get_for_update(order.number)
            # Looked at again under the lock: another rider may have been offered it meanwhile.
            if (locked is not None and locked.awaits_rider
                    and await self._may_offer(uow, locked, rider)):
                return await self._offer(uow, locked, found[0], now)
        return None

    async def _may_offer(self, uow: UnitOfWork, order: Order, rider: Rider) -> bool:
        """Not being offered to anyone, not offered to this rider before, rounds left."""
        offers = await uow.offers.for_order(order.number)
        return (len(offers) < self.rules.max_offers
                and not any(offer.is_pending for offer in offers)
                and all(offer.rider_id != rider.user_id for offer in offers))

    async def _offer(
        self, uow: UnitOfWork, order: Order, candidate: Candidate, now: datetime
    ) -> Offer | None:
        """Offer the order to this rider; None if the order or the rider got another open
        offer meanwhile (the database allows one of each)."""
        offer = Offer(order.number, candidate.rider.user_id, now, now + self.rules.offer_for,
                      candidate.distance_km)
        if not await uow.offers.add(offer):
            return None
        await uow.deadlines.add(Deadline(DeadlineKind.OFFER_TIMEOUT, order.number,
                                         offer.expires_at, offer_id=offer.id))
        await uow.alert(offer_alert(order, offer))
        return offer

    async def _tell_store(
        self, uow: UnitOfWork, order: Order, why: str, now: datetime, offers: int
    ) -> None:
        await uow.alert(*store_alerts(self.store_chats, AlertKind.DISPATCH_FAILED, now,
                                      order.number, number=order.number, why=why,
                                      offers=offers))
