"""The rider on the customer's map: from the moment a rider takes an order until it is
delivered (or given back, or cancelled), the customer sees one live location that follows
the rider, and hears once when the rider is close with their order.

    assigned --first fresh position--> shown --moved far enough, long enough after--> shown
        \\--delivered / released / cancelled--> ended (the map stops, the point is forgotten)

Only the last point shown is kept, and only while the job is active: ending forgets it.
The customer's chat gets the point through the outbox like every other message (the sender
keeps which message is the live map, notifier/live_maps.py), so a restart or a second
replica goes on moving the same map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.shared.geo import distance_km


@dataclass(frozen=True)
class TrackingRules:
    # Telegram lets a bot edit a chat's message about once a second; a map moving every
    # ten seconds by at least thirty metres is smooth enough and stays well under that.
    every: timedelta = timedelta(seconds=10)
    min_metres: float = 30.0
    nearby_metres: float = 300.0  # NEARBY_METERS: "the rider is almost there"


class Tell(Enum):
    """What the customer's chat gets from a tracking change."""

    MOVE = "move"  # show the map, or move it to the new point
    NEARBY = "nearby"  # one short alert: the rider is almost there
    STOP = "stop"  # the job is over: the map stops


@dataclass(eq=False)
class Tracking:
    order_number: int
    customer_id: int
    rider_id: int
    started_at: datetime
    lat: float | None = None  # the last point shown to the customer
    lon: float | None = None
    shown_at: datetime | None = None
    nearby_told: bool = False
    ended_at: datetime | None = None

    @classmethod
    def start(cls, order_number: int, customer_id: int, rider_id: int, at: datetime
              ) -> Tracking:
        return cls(order_number, customer_id, rider_id, at)

    def restart(self, rider_id: int, at: datetime) -> None:
        """Given back earlier and taken again: a new map follows the new rider."""
        self.rider_id, self.started_at = rider_id, at
        self.lat = self.lon = self.shown_at = self.ended_at = None
        self.nearby_told = False

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def point(self) -> tuple[float, float] | None:
        """What the customer's map shows now; None before the first point and after the end."""
        if self.lat is None or self.lon is None or not self.active:
            return None
        return self.lat, self.lon

    def follow(self, lat: float, lon: float, at: datetime, rules: TrackingRules,
               heading_to: tuple[float, float] | None = None) -> list[Tell]:
        """The rider is at (lat, lon). The map moves if this is the first point, or if it has
        moved `min_metres` at least `every` after the last; `heading_to`: where the rider
        carries the order (after pickup, with coordinates), for the one nearby alert."""
        if not self.active:
            return []
        told: list[Tell] = []
        if self._worth_moving(lat, lon, at, rules):
            self.lat, self.lon, self.shown_at = lat, lon, at
            told.append(Tell.MOVE)
        if (heading_to is not None and not self.nearby_told
                and _metres(lat, lon, *heading_to) <= rules.nearby_metres):
            self.nearby_told = True
            told.append(Tell.NEARBY)
        return told

    def end(self, at: datetime) -> list[Tell]:
        """The job is over: the map stops (if it was shown) and the point is forgotten."""
        if not self.active:
            return []
        shown = self.shown_at is not None
        self.ended_at, self.lat, self.lon = at, None, None
        return [Tell.STOP] if shown else []

    def _worth_moving(self, lat: float, lon: float, at: datetime, rules: TrackingRules) -> bool:
        if self.lat is None or self.lon is None or self.shown_at is None:
            return True
        if at - self.shown_at < rules.every:
            return False
        return _metres(lat, lon, self.lat, self.lon) >= rules.min_metres


def _metres(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    return distance_km(a_lat, a_lon, b_lat, b_lon) * 1000
