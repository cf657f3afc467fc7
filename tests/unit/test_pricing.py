"""Quoting prices from size, weight and distance."""

from domain.orders.model import Parcel, Place, Size
from domain.parcels.pricing import PricingRules, quote

RULES = PricingRules()
SEOUL_CITY_HALL = Place(lat=37.5663, lon=126.9779)
GANGNAM_STATION = Place(lat=37.4979, lon=127.0276)


TYPED_A, TYPED_B = Place("A"), Place("B")


def parcel(size=Size.SMALL, kg=1.0, pickup=TYPED_A, destination=TYPED_B) -> Parcel:
    return Parcel(size, kg, pickup, destination, "010-0000-0000")


def test_base_price_depends_on_size():
    assert quote(parcel(Size.SMALL), RULES) == 4000
    assert quote(parcel(Size.MEDIUM), RULES) == 6000
    assert quote(parcel(Size.LARGE), RULES) == 9000


def test_each_started_kilo_over_the_included_weight_costs_extra():
    assert quote(parcel(kg=2.0), RULES) == 4000
    assert quote(parcel(kg=2.1), RULES) == 4500
    assert quote(parcel(kg=4.0), RULES) == 5000


def test_heavy_parcels_pay_a_surcharge():
    assert quote(parcel(kg=11), RULES) == 4000 + 9 * 500 + 3000


def test_distance_counts_only_when_both_ends_are_locations():
    km = SEOUL_CITY_HALL.km_to(GANGNAM_STATION)
    assert km is not None and 8.5 < km < 9.0
    assert SEOUL_CITY_HALL.km_to(Place("Gangnam")) is None
    assert quote(parcel(pickup=SEOUL_CITY_HALL, destination=Place("Gangnam")), RULES) == 4000
    # 8.7 km: 6 started kilometres beyond the 3 included
    assert quote(parcel(pickup=SEOUL_CITY_HALL, destination=GANGNAM_STATION), RULES) == 8800


def test_rules_come_from_configuration():
    cheap = PricingRules(base_by_size={Size.SMALL: 1000, Size.MEDIUM: 1, Size.LARGE: 1},
                         round_to=500)
    assert quote(parcel(kg=2.5), cheap) == 1500
