"""Quoting the price of a parcel delivery: one pure function, its rules in configuration."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from domain.orders.model import Parcel, Size


def _default_base() -> dict[Size, int]:
    return {Size.SMALL: 4000, Size.MEDIUM: 6000, Size.LARGE: 9000}


@dataclass(frozen=True)
class PricingRules:
    """Prices in whole won. Defaults suit a city quick-courier; every one is configurable."""

    base_by_size: dict[Size, int] = field(default_factory=_default_base)
    included_kg: float = 2.0
    per_extra_kg: int = 500
    heavy_surcharge: int = 3000
    included_km: float = 3.0
    per_extra_km: int = 800
    round_to: int = 100


def quote(parcel: Parcel, rules: PricingRules) -> int:
    """Base price by size, plus weight over the included kilos, a heavy surcharge, and distance."""
    price = rules.base_by_size[parcel.size]
    extra_kg = math.ceil(max(0.0, parcel.weight_kg - rules.included_kg))
    price += extra_kg * rules.per_extra_kg
    if parcel.is_heavy:
        price += rules.heavy_surcharge
    km = parcel.pickup.km_to(parcel.destination)
    if km is not None:
        price += math.ceil(max(0.0, km - rules.included_km)) * rules.per_extra_km
    return math.ceil(price / rules.round_to) * rules.round_to
