"""Keeping each order's arrival time (domain.orders.eta) in step with the order and its rider.

Every move of an order works its time out again (`eta_at`, what the cards show). The first
time known becomes the promise (`promised_at`), kept whatever follows, with a LATE deadline
due then: if the order is still on its way by that time, the cards say it is late. A settled
order keeps both times as they were; it no longer counts as late (`eta.is_late`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from domain.orders import events
from domain.orders.eta import EtaRules, RiderAt, estimate
from domain.orders.model import SETTLED, Order, Place, Status
from domain.shared.deadlines import Deadline, DeadlineKind
from domain.shared.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from domain.dispatch.riders import Rider

CARRYING = frozenset({Status.ASSIGNED, Status.PICKED_UP})
SHOWN_CHANGE = timedelta(minutes=1)  # the cards show minutes: less is no change to show


class Arrivals:
    def __init__(self, rules: EtaRules, position_max_age: timedelta) -> None:
        self.rules = rules
        self.position_max_age = position_max_age

    async def on_order_event(self, uow: UnitOfWork, order: Order, event: events.OrderEvent
                             ) -> None:
        """The order moved: its arrival time is worked out again (a reaction of the unit of
        work, in the transaction of the move)."""
        if order.status in SETTLED:
            return
        rider = None
        if order.rider_id is not None and order.status in CARRYING:
            rider = await uow.riders.get(order.rider_id)
        eta = estimate(order, event.at, self.rules, *self._rider_at(rider, event.at))
        order.eta_at = eta
        await self._promise(uow, order, eta)

    async def rider_moved(self, uow: UnitOfWork, order: Order, rider: Rider, now: datetime
                          ) -> bool:
        """The order's rider shared a new position (call it for each order they carry, in the
        transaction that records the position, with the order read for update). The arrival
        time is worked out from there and kept when it moved by a minute or more (or is the
        first known); True then, so the caller refreshes the customer's card. The store's card
        is left for the next move of the order (quiet in the staff group). A position that
        gives no time changes nothing."""
        if order.rider_id != rider.user_id or order.status not in CARRYING:
            return False
        eta = estimate(order, now, self.rules, *self._rider_at(rider, now))
        if eta is None:
            return False
        if order.eta_at is not None and abs(eta - order.eta_at) < SHOWN_CHANGE:
            return False
        order.eta_at = eta
        await self._promise(uow, order, eta)
        return True

    def _rider_at(self, rider: Rider | None, now: datetime
                  ) -> tuple[RiderAt | None, str | None]:
        """The rider's fresh position (if any) and vehicle, as `estimate` takes them."""
        if rider is None:
            return None, None
        vehicle = rider.vehicle.value if rider.vehicle is not None else None
        position = rider.position(now, self.position_max_age)
        if position is None:
            return None, vehicle
        return RiderAt(Place(lat=position.lat, lon=position.lon), vehicle), vehicle

    @staticmethod
    async def _promise(uow: UnitOfWork, order: Order, eta: datetime | None) -> None:
        """The first time known is the one promised; the order is late after it."""
        if eta is None or order.promised_at is not None:
            return
        order.promised_at = eta
        await uow.deadlines.add(Deadline(DeadlineKind.LATE, order.number, eta))
