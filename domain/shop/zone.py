"""Where the shop delivers: within a radius of its place, with a fee by distance.

DELIVERY_RADIUS_KM is the edge (without it, the last fee band's distance is); a shared point
beyond it is refused with how far it is. DELIVERY_FEE_BANDS price a menu delivery by the
straight-line distance to a shared point; a typed address, which has no coordinates, pays
the base fee: the first band's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.orders.model import Place
from domain.shared.errors import InvalidAnswer

FeeBand = tuple[float, int]  # up to this many km, this fee in won


@dataclass(frozen=True)
class DeliveryZone:
    centre: Place = field(default_factory=Place)
    radius_km: float | None = None
    bands: tuple[FeeBand, ...] = ()  # nearest first

    @property
    def edge_km(self) -> float | None:
        if self.radius_km is not None:
            return self.radius_km
        return self.bands[-1][0] if self.bands else None

    def check(self, destination: Place) -> None:
        """Refuse a shared point beyond the edge, saying how far it is and how far we go."""
        km, edge = self.centre.km_to(destination), self.edge_km
        if km is not None and edge is not None and km > edge:
            raise InvalidAnswer("outside_zone", km=round(km, 1), radius=edge)

    def fee_to(self, destination: Place | None, base: int) -> int:
        """The delivery fee to `destination`: its band's when it has coordinates, else the
        base (the first band's fee; `base` when there are no bands)."""
        if not self.bands:
            return base
        km = self.centre.km_to(destination) if destination is not None else None
        if km is None:
            return self.bands[0][1]
        return next((fee for up_to, fee in self.bands if km <= up_to), self.bands[-1][1])

    def base_fee_for(self, destination: Place | None) -> bool:
        """Whether `destination` pays the base fee only because it is typed (no
        coordinates), where fees go by distance."""
        return bool(self.bands) and (destination is None or not destination.has_coordinates)
