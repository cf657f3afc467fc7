"""The parcel order wizard, as a stored draft.

The wizard's current step is derived from which answers the draft already holds, so a
customer half-way through an order continues from the same question after a restart.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.orders.model import Parcel, PaymentMethod, Place, Size
from domain.orders.requests import Offered, Requests
from domain.shared.errors import InvalidAnswer, OutOfDate
from domain.shared.text import normalized, utf16_length
from domain.shop.zone import DeliveryZone


class Step(StrEnum):
    SIZE = "size"
    WEIGHT = "weight"
    PICKUP = "pickup"
    DESTINATION = "destination"
    PHONE = "phone"
    PAYMENT = "payment"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class DraftRules:
    max_weight_kg: float = 30.0
    max_address_chars: int = 300  # UTF-16 units, as Telegram counts
    saved_addresses: int = 5  # the latest distinct places each customer keeps (0: none)


SIZE_WORDS = {
    Size.SMALL: {"small", "s", "소형", "작은", "소"},
    Size.MEDIUM: {"medium", "m", "중형", "중간", "중"},
    Size.LARGE: {"large", "l", "대형", "큰", "대"},
}
PAYMENT_WORDS = {
    PaymentMethod.CASH: {"cash", "cash on delivery", "cod", "현금", "착불", "현금 착불",
                         "만나서 결제", "현장 결제", "만나서 현금 결제"},
    PaymentMethod.PREPAID: {"prepaid", "prepay", "선불", "선결제"},
}
PHONE_CHARS = re.compile(r"^\+?[\d\s\-().]+$")
WEIGHT = re.compile(r"^-?\d+(?:[.,]\d+)?$")  # 2, 2.5, 2,5 (no exponents, no underscores)
MAX_PHONE_CHARS = 20  # ASCII once normalised: characters and UTF-16 units alike


def first_version() -> int:
    """Where a new draft's (or cart's) versions start: random, so that a button under a
    summary of an earlier draft, since placed or cancelled, never matches a later one; each
    change then adds one. Well inside the column's 32 bits."""
    return secrets.randbelow(2**30)


def check_version(seen: int | None, current: int) -> None:
    """Refuse a button that answered another version than the current one (None: a button
    from before buttons carried versions)."""
    if seen != current:
        raise OutOfDate("summary_changed")


def parse_size(text: str) -> Size:
    word = normalized(text).lower()
    for size, words in SIZE_WORDS.items():
        if word in words:
            return size
    raise InvalidAnswer("size_choose")


def parse_weight(text: str, rules: DraftRules) -> float:
    cleaned = normalized(text).lower().removesuffix("kg").strip()
    if not WEIGHT.match(cleaned):
        raise InvalidAnswer("weight_not_number")
    kg = float(cleaned.replace(",", "."))
    kg = round(kg, 2)  # what we store; 0.001 kg rounds to nothing
    if kg <= 0:
        raise InvalidAnswer("weight_positive")
    if kg > rules.max_weight_kg:
        raise InvalidAnswer("weight_max", max=rules.max_weight_kg)
    return kg


def parse_address(text: str, rules: DraftRules) -> str:
    address = normalized(text)
    if not address:
        raise InvalidAnswer("address_empty")
    if utf16_length(address) > rules.max_address_chars:
        raise InvalidAnswer("address_too_long", max=rules.max_address_chars)
    return address


def parse_phone(text: str) -> str:
    phone = normalized(text)
    digits = sum(ch.isdigit() for ch in phone)
    if not PHONE_CHARS.match(phone) or not 7 <= digits <= 15 or len(phone) > MAX_PHONE_CHARS:
        raise InvalidAnswer("phone_invalid")
    return phone


def parse_payment(text: str) -> PaymentMethod:
    word = normalized(text).lower()
    for method, words in PAYMENT_WORDS.items():
        if word in words:
            return method
    raise InvalidAnswer("payment_choose")


def parse_coordinates(lat: float, lon: float) -> Place:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidAnswer("location_invalid")
    return Place(lat=round(lat, 6), lon=round(lon, 6))


@dataclass(eq=False)
class ParcelDraft:
    """A customer's order in progress; one per customer."""

    customer_id: int
    started_at: datetime
    size: Size | None = None
    weight_kg: float | None = None
    pickup_address: str | None = None
    pickup_lat: float | None = None
    pickup_lon: float | None = None
    destination_address: str | None = None
    destination_lat: float | None = None
    destination_lon: float | None = None
    recipient_phone: str | None = None
    payment: PaymentMethod | None = None
    requests: dict[str, Any] | None = None  # Requests, asked on the summary (JSON)
    version: int = field(default_factory=first_version)  # one more with every change

    OFFERED = Offered(rider=True, cutlery=False)  # a parcel: no meal, always a rider

    @property
    def asked(self) -> Requests:
        return Requests.from_json(self.requests)

    def ask(self, action: str, value: str, seen: int | None) -> None:
        """A request button under the summary of version `seen`: an ask of the rider on or
        off, or a note to write (or not, after all)."""
        if self.step is not Step.CONFIRM:
            raise InvalidAnswer("stale_button")
        self.check_seen(seen)
        self.requests = change_requests(self.asked, action, value, self.OFFERED).to_json()
        self.version += 1

    @classmethod
    def again(cls, customer_id: int, now: datetime, parcel: Parcel) -> ParcelDraft:
        """A new draft with a past order's answers; only the payment is asked again (paying
        in Telegram may be paused today)."""
        pickup, destination = parcel.pickup, parcel.destination
        return cls(customer_id, now, parcel.size, parcel.weight_kg,
                   pickup.address, pickup.lat, pickup.lon,
                   destination.address, destination.lat, destination.lon,
                   parcel.recipient_phone)

    @property
    def pickup(self) -> Place | None:
        return _place(self.pickup_address, self.pickup_lat, self.pickup_lon)

    @property
    def destination(self) -> Place | None:
        return _place(self.destination_address, self.destination_lat, self.destination_lon)

    @property
    def step(self) -> Step:
        """The next question to ask: the first one without an answer."""
        answers = [
            (Step.SIZE, self.size),
            (Step.WEIGHT, self.weight_kg),
            (Step.PICKUP, self.pickup),
            (Step.DESTINATION, self.destination),
            (Step.PHONE, self.recipient_phone),
            (Step.PAYMENT, self.payment),
        ]
        return next((step for step, value in answers if value is None), Step.CONFIRM)

    def answer_text(self, text: str, rules: DraftRules) -> None:
        """Fill the current step from typed text, or raise InvalidAnswer with the reason."""
        self._fill_from_text(text, rules)
        self.version += 1

    def _fill_from_text(self, text: str, rules: DraftRules) -> None:
        step = self.step
        if step is Step.SIZE:
            self.size = parse_size(text)
        elif step is Step.WEIGHT:
            self.weight_kg = parse_weight(text, rules)
        elif step is Step.PICKUP:
            self.pickup_address = parse_address(text, rules)
        elif step is Step.DESTINATION:
            self.destination_address = parse_address(text, rules)
        elif step is Step.PHONE:
            self.recipient_phone = parse_phone(text)
        elif step is Step.PAYMENT:
            self.payment = parse_payment(text)
        else:  # on the summary: a note
            self.requests = self.asked.write(text, self.OFFERED).to_json()

    def answer_location(self, lat: float, lon: float, zone: DeliveryZone | None = None) -> None:
        """Fill the pickup or destination step from a shared location; a destination beyond
        the delivery zone is refused."""
        place = parse_coordinates(lat, lon)
        if self.step is Step.PICKUP:
            self.pickup_lat, self.pickup_lon = place.lat, place.lon
        elif self.step is Step.DESTINATION:
            if zone is not None:
                zone.check(place)
            self.destination_lat, self.destination_lon = place.lat, place.lon
        else:
            raise InvalidAnswer("location_not_expected")
        self.version += 1

    def answer_saved(self, place: Place, zone: DeliveryZone | None = None) -> None:
        """A saved address pressed: the answer to the pickup or destination question (a
        destination beyond the delivery zone is refused, like a point shared now)."""
        if self.step is Step.PICKUP:
            self.pickup_address = place.address
            self.pickup_lat, self.pickup_lon = place.lat, place.lon
        elif self.step is Step.DESTINATION:
            if zone is not None:
                zone.check(place)
            self.destination_address = place.address
            self.destination_lat, self.destination_lon = place.lat, place.lon
        else:
            raise InvalidAnswer("stale_button")
        self.version += 1

    def answer_button(self, step: Step, value: str, rules: DraftRules) -> None:
        """A pressed button answers only the question it was shown with."""
        if step is not self.step:
            raise InvalidAnswer("stale_button")
        self.answer_text(value, rules)

    def check_seen(self, version: int | None) -> None:
        """Refuse a Confirm pressed under a summary of another version than this one."""
        check_version(version, self.version)

    def to_parcel(self) -> Parcel:
        size, weight, pickup = self.size, self.weight_kg, self.pickup
        destination, phone = self.destination, self.recipient_phone
        if (size is None or weight is None or pickup is None or destination is None
                or phone is None or self.payment is None):
            raise InvalidAnswer("draft_incomplete")
        return Parcel(size, weight, pickup, destination, phone)


def change_requests(requests: Requests, action: str, value: str, offered: Offered
                    ) -> Requests:
    """What a request button under a summary does: `toggle` an ask, `write` a note, `back`
    from writing one."""
    if action == "toggle":
        return requests.toggle(value, offered)
    if action == "write":
        return requests.start_writing(value, offered)
    if action == "back":
        return requests.stop_writing()
    raise InvalidAnswer("stale_button")


def _place(address: str | None, lat: float | None, lon: float | None) -> Place | None:
    if address is None and (lat is None or lon is None):
        return None
    return Place(address, lat, lon)
