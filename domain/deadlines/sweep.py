"""The deadline sweep: fires every due deadline once, each in its own transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import person_alert, store_alerts
from domain.dispatch.dispatcher import Dispatcher
from domain.orders.alerts import order_snapshot
from domain.orders.cancelling import wind_up
from domain.orders.eta import is_late
from domain.orders.model import SYSTEM, Status
from domain.shared.clock import Clock
from domain.shared.deadlines import Deadline, DeadlineKind
from domain.shared.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

MAX_PER_SWEEP = 200  # the rest wait for the next sweep, a few seconds later


class Deadlines:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, dispatcher: Dispatcher,
                 store_chats: tuple[int, ...] = ()) -> None:
        self.uow = uow
        self.clock = clock
        self.dispatcher = dispatcher
        self.store_chats = store_chats

    async def fire_due(self) -> int:
        """Fire what is due now; returns how many fired. A deadline whose rule fails
        unexpectedly is logged and tried again at the next sweep."""
        fired, failed = 0, set[int]()
        while fired + len(failed) < MAX_PER_SWEEP:
            try:
                outcome = await self._fire_next(failed)
            except _Failed as error:
                log.exception("deadline %s failed; it will be tried again", error.deadline_id)
                failed.add(error.deadline_id)
                continue
            if outcome is None:
                break
            fired += 1
        return fired

    async def _fire_next(self, skip: set[int]) -> Deadline | None:
        async with self.uow() as uow:
            now = self.clock.now()
            deadline = await uow.deadlines.next_due(now, skip=skip)
            if deadline is None:
                return None
            try:
                await self._apply(uow, deadline, now)
            except Exception as error:
                assert deadline.id is not None
                raise _Failed(deadline.id) from error
            deadline.fire(now)
            await uow.commit()
            return deadline

    async def _apply(self, uow: UnitOfWork, deadline: Deadline, now: datetime) -> None:
        kind = deadline.kind
        if kind is DeadlineKind.OFFER_TIMEOUT:
            await self._offer_timed_out(uow, deadline, now)
            return
        order = await uow.orders.get_for_update(deadline.order_number)
        if order is None:
            return
        if kind is DeadlineKind.STORE_REMINDER and order.status is Status.PLACED:
            await uow.alert(*store_alerts(self.store_chats, AlertKind.STORE_REMINDER, now,
                                          order.number, **order_snapshot(order)))
        elif ((kind is DeadlineKind.STORE_EXPIRY and order.status is Status.PLACED)
              or (kind is DeadlineKind.PAYMENT_EXPIRY and order.status is Status.AWAITING_PAYMENT)):
            order.expire(now)
            await wind_up(uow, order, now)  # stock back; a paid order refunded
        elif kind is DeadlineKind.AUTO_COMPLETE and order.status is Status.DELIVERED:
            order.complete(SYSTEM, now)
        elif kind is DeadlineKind.LATE and is_late(order, now):
            # The cards now say it is late: edits, no new message (the quiet chat).
            await uow.alert(person_alert(order.customer_id, AlertKind.ORDER_CARD, now,
                                         number=order.number),
                            *store_alerts(self.store_chats, AlertKind.STORE_CARD, now,
                                          order.number, number=order.number))

    async def _offer_timed_out(self, uow: UnitOfWork, deadline: Deadline, now: datetime) -> None:
        """Nobody answered: the offer lapses, the rider's miss is counted, the next rider gets
        the order."""
        if deadline.offer_id is None:
            return
        seen = await uow.offers.get(deadline.offer_id)
        if seen is None or not seen.is_pending:
            return
        # Locks in the order every use case takes them: rider, order, offer.
        rider = await uow.riders.get_for_update(seen.rider_id)
        order = await uow.orders.get_for_update(deadline.order_number)
        offer = await uow.offers.get_for_update(deadline.offer_id)
        if offer is None or not offer.is_pending:
            return
        offer.expire(now)
        if rider is not None and rider.missed_offer():
            await uow.alert(person_alert(rider.user_id, AlertKind.RIDER_AUTO_OFFLINE, now))
        if order is not None:
            await self.dispatcher.offer_next(uow, order, now, tell_store=True)


class _Failed(Exception):
    def __init__(self, deadline_id: int) -> None:
        super().__init__(deadline_id)
        self.deadline_id = deadline_id
