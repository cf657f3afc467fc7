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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import OutboxMessage
from domain.dispatch.riders import Rider
from domain.orders.model import Order, Place
from domain.shared.errors import InvalidTransition


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
                    else Place(lat=where.lat, lon=where.lon).km_to(order.pickup))
        found.append(Candidate(rider, distance, rider.user_id in busy))
    return sorted(found, key=lambda c: (c.busy, c.distance_km is None, c.distance_km or 0.0,
                                        c.rider.user_id))


def offer_alert(order: Order, offer: Offer) -> OutboxMessage:
    """The offer a rider sees: only the areas and distances, never the full addresses."""
    params = {
        "offer_id": offer.id,
        "number": order.number,
        "pickup_area": area(order.pickup),
        "destination_area": area(order.destination),
        "to_pickup_km": _km(offer.distance_km),
        "trip_km": _km(order.pickup.km_to(order.destination)),
        "size": order.size.value,
        "weight_kg": order.weight_kg,
        "heavy": order.is_heavy,
        "price": order.price,
        "payment": order.payment.value,
        "order_kind": order.kind.value,
        "items": order.item_count,
        "seconds": round((offer.expires_at - offer.offered_at).total_seconds()),
        "expires_at": offer.expires_at.isoformat(),
    }
    return OutboxMessage(offer.rider_id, AlertKind.OFFER, offer.offered_at, params,
                         order_number=order.number)


def _km(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 1)
