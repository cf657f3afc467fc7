"""Automatic dispatch: an approved order is offered to one rider at a time, nearest first.

Each offer waits for Accept or Decline until it expires. Decline and expiry pass the order
to the next rider; after `max_offers` offers, or when nobody suitable is left, the order
stays on the open job list (/jobs) and the store is told. A rider who comes online is
offered a waiting order at once.

Who is next (`rank`): active, online riders who can carry the parcel, who were not offered
this order before and hold no other open offer; free riders before those already carrying
an order, then riders with a known position by great-circle distance to the pickup, then
those whose position is unknown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.dispatch.riders import Rider
from domain.orders.model import Order, Place
from domain.shared.errors import InvalidTransition

EARTH_RADIUS_KM = 6371.0088


class DispatchMode(StrEnum):
    AUTO = "auto"  # offers, one rider at a time
    POOL = "pool"  # approved orders wait on /jobs; the first rider to accept wins


@dataclass(frozen=True)
class DispatchRules:
    mode: DispatchMode = DispatchMode.AUTO
    offer_for: timedelta = timedelta(seconds=60)
    max_offers: int = 5  # offers (rounds) before the order is left on the job list
    position_max_age: timedelta = timedelta(minutes=10)


class OfferState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # the order was cancelled, or taken another way


@dataclass(eq=False)
class Offer:
    """One order offered to one rider, until `expires_at`."""

    order_number: int
    rider_id: int
    offered_at: datetime
    expires_at: datetime
    distance_km: float | None = None  # rider to pickup, when both were known
    state: OfferState = OfferState.PENDING
    decided_at: datetime | None = None
    id: int | None = None

    @property
    def is_pending(self) -> bool:
        return self.state is OfferState.PENDING

    def answered_in_time(self, at: datetime) -> bool:
        """An answer sent at `at` came before the countdown ended, and the offer lapsed at
        most because nobody read that answer in time (it was not declined or withdrawn)."""
        return at < self.expires_at and self.state in (OfferState.PENDING, OfferState.EXPIRED)

    def accept(self, at: datetime) -> None:
        self._end(OfferState.ACCEPTED, at)

    def decline(self, at: datetime) -> None:
        self._end(OfferState.DECLINED, at)

    def expire(self, at: datetime) -> None:
        self._end(OfferState.EXPIRED, at)

    def withdraw(self, at: datetime) -> None:
        self._end(OfferState.WITHDRAWN, at)

    def _end(self, state: OfferState, at: datetime) -> None:
        if not self.is_pending:
            raise InvalidTransition("offer_gone", number=self.order_number)
        self.state, self.decided_at = state, at


@dataclass(frozen=True)
class Candidate:
    rider: Rider
    distance_km: float | None  # to the pickup; None when either position is unknown
    busy: bool  # already carrying an order


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(a_lat), math.radians(b_lat)
    dphi, dlambda = phi2 - phi1, math.radians(b_lon - a_lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def between(a: Place, b: Place) -> float | None:
    """Distance between two places, when both have coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def area(place: Place) -> str | None:
    """What an offer may show of an address: the street without house numbers, so the rider
    can judge the trip but learns the exact address only after accepting."""
    if not place.address:
        return None
    words = [w for w in re.split(r"[\s,]+", place.address) if w and not any(c.isdigit() for c in w)]
    return " ".join(words[:4]) or None


def rank(
    order: Order,
    riders: Iterable[Rider],
    *,
    busy: set[int],
    excluded: set[int],
    now: datetime,
    rules: DispatchRules,
) -> list[Candidate]:
    """The riders to offer this order to, best first (see the module docstring)."""
    found = []
    for rider in riders:
        if (not rider.is_active or not rider.online or rider.user_id in excluded
                or not rider.can_carry(order.is_heavy)):
            continue
        where = rider.position(now, rules.position_max_age)
        distance = (None if where is None
                    else between(Place(lat=where.lat, lon=where.lon), order.pickup))
        found.append(Candidate(rider, distance, rider.user_id in busy))
    return sorted(found, key=lambda c: (c.busy, c.distance_km is None, c.distance_km or 0.0,
                                        c.rider.user_id))
