"""Riders: how someone becomes one, goes on and off duty, and is found on the map.

    /rider -> applying --vehicle chosen--> pending --store approves--> active <-> suspended
                                                  \\--store declines--> declined

Only an active rider who is online receives offers. A position is a shared (or live)
location with the time it was last seen; an old one counts as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.shared.errors import InvalidTransition, NotAllowed

MISSED_OFFERS_LIMIT = 3  # offers in a row left to time out before a rider is set offline
REQUEST_WAIT = timedelta(minutes=10)  # a request sent, before a new one may replace it
ASK_AGAIN_AFTER = timedelta(days=1)  # a request declined, before asking again


class Vehicle(StrEnum):
    FOOT = "foot"
    BICYCLE = "bicycle"
    MOTORBIKE = "motorbike"
    CAR = "car"


HEAVY_VEHICLES = frozenset({Vehicle.MOTORBIKE, Vehicle.CAR})


class RiderState(StrEnum):
    APPLYING = "applying"  # asked with /rider, vehicle not chosen yet
    PENDING = "pending"  # waiting for the store
    ACTIVE = "active"
    DECLINED = "declined"
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    seen_at: datetime


@dataclass(eq=False)
class Rider:
    user_id: int
    name: str
    state: RiderState
    applied_at: datetime
    vehicle: Vehicle | None = None  # None: listed in RIDER_IDS, vehicle not on record
    approved_at: datetime | None = None
    online: bool = False
    lat: float | None = None
    lon: float | None = None
    seen_at: datetime | None = None
    missed_offers: int = 0
    awaiting_code_for: int | None = None  # the order whose delivery code we asked them for
    listed: bool = False  # named in RIDER_IDS: approved by the configuration

    @classmethod
    def apply(cls, user_id: int, name: str, at: datetime) -> Rider:
        return cls(user_id, name, RiderState.APPLYING, at)

    @classmethod
    def from_list(cls, user_id: int, name: str, at: datetime) -> Rider:
        """A rider named in the configuration (RIDER_IDS): active without asking."""
        return cls(user_id, name, RiderState.ACTIVE, at, approved_at=at, listed=True)

    def put_on_list(self, at: datetime) -> None:
        """Named in RIDER_IDS after asking (or after being taken off): active."""
        self.listed, self.state = True, RiderState.ACTIVE
        self.approved_at = self.approved_at or at

    def take_off_list(self) -> None:
        """No longer in RIDER_IDS: the rights the list gave are withdrawn."""
        self.listed = False
        if self.is_active:
            self.suspend()

    @property
    def is_active(self) -> bool:
        return self.state is RiderState.ACTIVE

    def reapply(self, name: str, at: datetime) -> None:
        """/rider again: start over unless already approved or suspended; a request sent
        is replaced only after a few minutes, a declined one asked again only the next day
        (each request is an alert in the store's chat)."""
        if self.state in (RiderState.ACTIVE, RiderState.SUSPENDED):
            raise InvalidTransition(f"rider_already_{self.state.value}")
        if self.state is RiderState.PENDING and at < self.applied_at + REQUEST_WAIT:
            raise InvalidTransition("rider_request_sent")
        if self.state is RiderState.DECLINED and at < self.applied_at + ASK_AGAIN_AFTER:
            raise InvalidTransition("rider_declined_recently")
        self.name, self.state, self.applied_at, self.vehicle = name, RiderState.APPLYING, at, None

    @property
    def request(self) -> int:
        """Which request this is (when it was begun, in whole seconds): the store's decision
        names the one it saw."""
        return int(self.applied_at.timestamp())

    def choose_vehicle(self, vehicle: Vehicle) -> None:
        """Completes the request; once sent, the store decides on what it saw (a rider who
        picked the wrong vehicle asks again with /rider)."""
        if self.state is not RiderState.APPLYING:
            raise InvalidTransition("rider_application_closed")
        self.vehicle, self.state = vehicle, RiderState.PENDING

    def approve(self, at: datetime, seen: int | None = None) -> None:
        """The store says yes to the request it saw (`seen`; None from an older card)."""
        self._require_request(seen)
        self.state, self.approved_at = RiderState.ACTIVE, at

    def decline(self, seen: int | None = None) -> None:
        self._require_request(seen)
        self.state = RiderState.DECLINED

    def _require_request(self, seen: int | None) -> None:
        self._require(RiderState.PENDING, "rider_not_pending")
        if seen is not None and seen != self.request:
            raise InvalidTransition("rider_request_replaced", name=self.name)

    def suspend(self) -> None:
        self._require(RiderState.ACTIVE, "rider_not_active")
        self.state, self.online = RiderState.SUSPENDED, False

    def reinstate(self) -> None:
        self._require(RiderState.SUSPENDED, "rider_not_suspended")
        self.state = RiderState.ACTIVE

    def go_online(self) -> None:
        if not self.is_active:
            raise NotAllowed("riders_only")
        self.online, self.missed_offers = True, 0

    def go_offline(self) -> None:
        self.online = False

    def move_to(self, lat: float, lon: float, at: datetime) -> None:
        self.lat, self.lon, self.seen_at = lat, lon, at

    def position(self, now: datetime, max_age: timedelta) -> Position | None:
        """Where the rider is, if seen recently enough to trust."""
        if self.lat is None or self.lon is None or self.seen_at is None:
            return None
        if now - self.seen_at > max_age:
            return None
        return Position(self.lat, self.lon, self.seen_at)

    def can_carry(self, heavy: bool) -> bool:
        """Heavy parcels need a motorbike or a car (riders listed in the configuration are
        trusted with anything: the store vouched for them)."""
        return not heavy or self.vehicle is None or self.vehicle in HEAVY_VEHICLES

    def answered_offer(self) -> None:
        self.missed_offers = 0

    def missed_offer(self) -> bool:
        """An offer to this rider timed out; True when that sets them offline."""
        self.missed_offers += 1
        if self.missed_offers >= MISSED_OFFERS_LIMIT and self.online:
            self.online = False
            return True
        return False

    def _require(self, state: RiderState, code: str) -> None:
        if self.state is not state:
            raise InvalidTransition(code, state=self.state.value)
