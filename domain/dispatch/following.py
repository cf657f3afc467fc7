"""Keeping each customer's map of their rider (domain.dispatch.tracking) in step with the
order and the rider: started when a rider takes the order, moved as the rider's shared
location moves, stopped when the job ends, or the rider goes offline or is suspended. Only
an online rider is followed: going online is where riders are told (and agree) that the
customer of the order they carry sees their position. Everything happens in the transaction
of the change that causes it, and reaches the customer through the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import OutboxMessage, person_alert
from domain.dispatch.riders import Rider
from domain.dispatch.tracking import Tell, Tracking, TrackingRules
from domain.orders import events
from domain.orders.arrivals import Arrivals
from domain.orders.model import Order, Status
from domain.shared.clock import Clock
from domain.shared.unit_of_work import UnitOfWork

ALERTS = {Tell.MOVE: AlertKind.RIDER_LOCATION, Tell.NEARBY: AlertKind.RIDER_NEARBY,
          Tell.STOP: AlertKind.RIDER_LOCATION_END}
JOB_OVER = (events.RiderReleased, events.OrderDelivered, events.OrderCancelled)


class Following:
    def __init__(self, clock: Clock, rules: TrackingRules, position_max_age: timedelta,
                 arrivals: Arrivals | None = None) -> None:
        self.clock = clock
        self.rules = rules
        self.position_max_age = position_max_age
        self.arrivals = arrivals  # the arrival time moves with the rider too

    async def on_order_event(self, uow: UnitOfWork, order: Order, event: events.OrderEvent
                             ) -> None:
        """A rider took the order: the map starts (at once if the rider's position is
        fresh); the job ended: the map stops."""
        if isinstance(event, events.RiderAssigned):
            await self._start(uow, order, event.rider_id, event.at)
        elif isinstance(event, events.OrderPickedUp):  # already close to the door, maybe
            tracking = await uow.trackings.get_for_update(order.number)
            if tracking is not None:
                await self._from_where_the_rider_is(uow, order, tracking, event.at)
        elif isinstance(event, JOB_OVER):
            tracking = await uow.trackings.get_for_update(order.number)
            if tracking is not None:
                await uow.alert(*_messages(tracking, tracking.end(event.at), event.at))

    async def rider_moved(self, uow: UnitOfWork, rider: Rider) -> None:
        """The rider (locked) shared a new position: each of their jobs' maps may move, and
        its arrival time with it (the customer's card then shows the new one)."""
        if rider.lat is None or rider.lon is None or not rider.online:
            return
        now = self.clock.now()
        for order, tracking in await self._followed(uow, rider):
            told = tracking.follow(rider.lat, rider.lon, now, self.rules, _heading_to(order))
            await uow.alert(*_messages(tracking, told, now))
            if self.arrivals is not None and await self.arrivals.rider_moved(uow, order, rider,
                                                                           now):
                await uow.alert(person_alert(order.customer_id, AlertKind.ORDER_CARD, now,
                                             number=order.number))

    async def rider_withdrawn(self, uow: UnitOfWork, rider: Rider) -> None:
        """The rider (locked) went offline or was suspended: no customer follows them now."""
        now = self.clock.now()
        for _, tracking in await self._followed(uow, rider):
            await uow.alert(*_messages(tracking, tracking.end(now), now))

    @staticmethod
    async def _followed(uow: UnitOfWork, rider: Rider) -> list[tuple[Order, Tracking]]:
        """The rider's orders whose maps follow them, each locked with its tracking in the
        order every use case locks them: rider, order, tracking (no deadlock on PostgreSQL)."""
        followed = []
        for seen in await uow.trackings.following(rider.user_id):
            order = await uow.orders.get_for_update(seen.order_number)
            tracking = await uow.trackings.get_for_update(seen.order_number)
            if (order is not None and tracking is not None and tracking.active
                    and tracking.rider_id == rider.user_id):
                followed.append((order, tracking))
        return followed

    async def _start(self, uow: UnitOfWork, order: Order, rider_id: int, at: datetime) -> None:
        tracking = await uow.trackings.get_for_update(order.number)
        if tracking is None:
            tracking = Tracking.start(order.number, order.customer_id, rider_id, at)
            await uow.trackings.add(tracking)
        else:  # given back earlier, taken again now
            tracking.restart(rider_id, at)
        await self._from_where_the_rider_is(uow, order, tracking, at)

    async def _from_where_the_rider_is(self, uow: UnitOfWork, order: Order, tracking: Tracking,
                                       at: datetime) -> None:
        """Show where the tracked rider is now, if they are online and the position is fresh."""
        rider = await uow.riders.get(tracking.rider_id)
        if rider is None or not rider.online:
            return
        position = rider.position(at, self.position_max_age)
        if position is not None:
            told = tracking.follow(position.lat, position.lon, at, self.rules, _heading_to(order))
            await uow.alert(*_messages(tracking, told, at))


def _heading_to(order: Order) -> tuple[float, float] | None:
    """Where the rider carries the order, once picked up and if the point is known."""
    destination = order.destination
    if order.status is not Status.PICKED_UP or destination.lat is None or destination.lon is None:
        return None
    return destination.lat, destination.lon


def _messages(tracking: Tracking, told: list[Tell], at: datetime) -> list[OutboxMessage]:
    return [person_alert(tracking.customer_id, ALERTS[tell], at, number=tracking.order_number)
            for tell in told]
