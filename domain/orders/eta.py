"""The arrival time of an order: when it should reach the customer, or for a counter pickup,
when it should be ready. An estimate the customer can trust, or none.

Travel is the straight line between two points times a route factor (roads are longer than
the line), at the speed of the rider's vehicle. A shop's preparation time is what the store
picked when it approved the menu order. The cases, by kind and status:

- Not yet accepted (awaiting payment, placed), or settled (delivered, completed, cancelled,
  rejected, expired): no time.
- A menu order collected at the counter: ready at approval + preparation, but never earlier
  than now while it is still being made; once it is ready, the moment it became ready.
- A menu order delivered, before pickup: it leaves the shop when it is ready as above (but
  not before now), and is carried from the shop to the destination. Before a rider has it,
  or while the assigned rider's position is unknown, the rider is taken to be at the shop by
  then (the shop's riders wait near it); an assigned rider whose position is known first
  rides to the shop, and leaves at whichever comes later, their arrival or the ready time.
- Any order picked up: from the rider's known position to the destination; without one, from
  the pickup time along the pickup-to-destination route (which may already lie in the past:
  then the order is late, which is the truth).
- A parcel before pickup needs its rider: before one accepts it (offers may go round, to
  riders anywhere) and while the assigned rider's position is unknown, there is no honest
  time. With it: rider to the pickup point, then pickup to destination.
- Places without coordinates (typed addresses, a shop without them in the catalog): the
  distance is unknown, so no time. The card says why (`missing`).

An unknown vehicle (a rider listed in RIDER_IDS without one) goes at the motorbike's speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.orders.model import SETTLED, Fulfilment, Order, OrderKind, Place, Status

PREP_CHOICES = (10, 20, 30, 40)  # minutes: the store's buttons when it approves a menu order
UNACCEPTED = frozenset({Status.AWAITING_PAYMENT, Status.PLACED})


@dataclass(frozen=True)
class EtaRules:
    prep_default_minutes: int = 20  # a typed /approve N, and menu orders approved before ETAs
    prep_choices: tuple[int, ...] = PREP_CHOICES
    # Average speeds door to door in city traffic, stops and lights included (km/h).
    foot_kmh: float = 4.5  # a walking pace with a bag
    bicycle_kmh: float = 14.0  # a city cyclist, lights included
    motorbike_kmh: float = 22.0  # the usual delivery scooter, weaving through traffic
    car_kmh: float = 18.0  # slower than a scooter in the city: jams and parking
    route_factor: float = 1.3  # city roads run about a third longer than the straight line

    def speed_kmh(self, vehicle: str | None) -> float:
        """The speed of a vehicle (its Vehicle value); the motorbike's when unknown."""
        speeds = {"foot": self.foot_kmh, "bicycle": self.bicycle_kmh,
                  "motorbike": self.motorbike_kmh, "car": self.car_kmh}
        return speeds.get(vehicle or "", self.motorbike_kmh)

    def travel(self, start: Place, end: Place, vehicle: str | None) -> timedelta | None:
        """How long the ride from `start` to `end` takes; None unless both are on the map."""
        km = start.km_to(end)
        if km is None:
            return None
        return timedelta(hours=km * self.route_factor / self.speed_kmh(vehicle))


@dataclass(frozen=True)
class RiderAt:
    """Where the order's rider is now (a fresh position), and on what."""

    place: Place
    vehicle: str | None = None


class Missing(StrEnum):
    """Why an order on its way has no arrival time."""

    MAP_POINT = "map_point"  # an address typed without a point on the map
    RIDER = "rider"  # a parcel: no rider yet, or the rider's position is unknown


def estimate(order: Order, now: datetime, rules: EtaRules, rider: RiderAt | None = None,
             vehicle: str | None = None) -> datetime | None:
    """When the order should arrive (a counter pickup: be ready), as the module docstring
    explains; None when that cannot be told honestly. `rider`: the assigned rider's fresh
    position; `vehicle`: theirs even when the position is unknown."""
    if order.status in SETTLED or order.status in UNACCEPTED:
        return None
    vehicle = rider.vehicle if rider is not None else vehicle
    if order.status is Status.PICKED_UP:
        return _carried(order, now, rules, rider, vehicle)
    if order.kind is OrderKind.PARCEL:
        if rider is None or order.status is not Status.ASSIGNED:
            return None
        to_pickup = rules.travel(rider.place, order.pickup, vehicle)
        onward = rules.travel(order.pickup, order.destination, vehicle)
        if to_pickup is None or onward is None:
            return None
        return now + to_pickup + onward
    ready = ready_at(order, now, rules)
    if order.fulfilment is Fulfilment.PICKUP:
        return ready
    onward = rules.travel(order.pickup, order.destination, vehicle)
    if onward is None:
        return None
    leaves = max(ready, now)  # not carried yet: it leaves the shop now at the earliest
    if rider is not None and order.status is Status.ASSIGNED:
        to_shop = rules.travel(rider.place, order.pickup, vehicle)
        if to_shop is not None:
            leaves = max(ready, now + to_shop)
    return leaves + onward


def ready_at(order: Order, now: datetime, rules: EtaRules) -> datetime:
    """When a menu order is (or should be) made: when it became ready, else approval plus the
    preparation time, but not before now."""
    made = _first(order, Status.READY)
    if made is not None:
        return made
    approved = _first(order, Status.APPROVED) or now
    prep = order.prep_minutes if order.prep_minutes is not None else rules.prep_default_minutes
    return max(approved + timedelta(minutes=prep), now)


def missing(order: Order) -> Missing:
    """Why `estimate` found no time for an order on its way."""
    if not (order.pickup.has_coordinates and order.destination.has_coordinates):
        return Missing.MAP_POINT
    return Missing.RIDER


def is_awaited(order: Order) -> bool:
    """Accepted and its promise not kept yet: not settled, and a counter pickup not ready."""
    if order.status in SETTLED or order.status in UNACCEPTED:
        return False
    return not (order.fulfilment is Fulfilment.PICKUP and order.status is Status.READY)


def is_late(order: Order, now: datetime) -> bool:
    """The promised time has come and the promise is not kept (from the very moment the
    LATE deadline is due, so its sweep always finds the order late)."""
    return order.promised_at is not None and now >= order.promised_at and is_awaited(order)


def _carried(order: Order, now: datetime, rules: EtaRules, rider: RiderAt | None,
             vehicle: str | None) -> datetime | None:
    if rider is not None:
        left = rules.travel(rider.place, order.destination, vehicle)
        if left is not None:
            return now + left
    picked = _first(order, Status.PICKED_UP)
    ride = rules.travel(order.pickup, order.destination, vehicle)
    if picked is None or ride is None:
        return None
    return picked + ride


def _first(order: Order, status: Status) -> datetime | None:
    """When the order first entered `status` (a job given back enters READY again: it was
    made the first time)."""
    return next((entry.at for entry in order.timeline if entry.status is status), None)
