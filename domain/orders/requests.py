"""What a customer asks besides the order itself (요청사항): a note to the store, a note to the
rider with the common asks as buttons (leave it at the door, don't ring, call on arrival), the
destination's detail (apartment and unit, the entrance code) and, for a meal, no disposable
cutlery.

They are asked on the order's summary, before Confirm: skipping them costs nothing. The store
reads its note and the cutlery; the rider, once the job is theirs, the rider's asks and the
detail. Typed parts are normalised and capped like every other answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from domain.shared.errors import InvalidAnswer
from domain.shared.text import normalized, utf16_length

MAX_NOTE_CHARS = 80  # a note to the store or to the rider, in UTF-16 units
MAX_DETAIL_CHARS = 60  # "101동 1203호, 공동현관 #1234"


class RiderAsk(StrEnum):
    """The asks of a rider that most customers make, as buttons."""

    DOOR = "door"  # leave it at the door
    NO_BELL = "no_bell"  # don't ring the bell, don't knock
    CALL = "call"  # call on arrival


class Writing(StrEnum):
    """Which typed note the customer is writing."""

    STORE = "store"
    RIDER = "rider"
    DETAIL = "detail"


LIMITS = {Writing.STORE: MAX_NOTE_CHARS, Writing.RIDER: MAX_NOTE_CHARS,
          Writing.DETAIL: MAX_DETAIL_CHARS}


@dataclass(frozen=True)
class Offered:
    """Which requests an order can have: a rider's only when one delivers it, cutlery only
    for a meal."""

    rider: bool
    cutlery: bool

    @property
    def writable(self) -> tuple[Writing, ...]:
        if self.rider:
            return Writing.STORE, Writing.RIDER, Writing.DETAIL
        return (Writing.STORE,)


@dataclass(frozen=True)
class Requests:
    store_note: str | None = None
    rider_note: str | None = None
    address_detail: str | None = None
    rider_asks: tuple[RiderAsk, ...] = ()
    no_cutlery: bool = False
    writing: Writing | None = None  # the customer's next typed text is this note

    @property
    def empty(self) -> bool:
        return not (self.store_note or self.rider_note or self.address_detail
                    or self.rider_asks or self.no_cutlery)

    def toggle(self, ask: str, offered: Offered) -> Requests:
        """A button pressed: an ask of the rider, or no cutlery, on or off."""
        if ask == "cutlery" and offered.cutlery:
            return replace(self, no_cutlery=not self.no_cutlery, writing=None)
        try:
            chosen = RiderAsk(ask)
        except ValueError:
            raise InvalidAnswer("stale_button") from None
        if not offered.rider:
            raise InvalidAnswer("stale_button")
        asks = tuple(a for a in RiderAsk if (a in self.rider_asks) != (a is chosen))
        return replace(self, rider_asks=asks, writing=None)

    def start_writing(self, what: str, offered: Offered) -> Requests:
        try:
            writing = Writing(what)
        except ValueError:
            raise InvalidAnswer("stale_button") from None
        if writing not in offered.writable:
            raise InvalidAnswer("stale_button")
        return replace(self, writing=writing)

    def stop_writing(self) -> Requests:
        return replace(self, writing=None)

    def write(self, text: str, offered: Offered) -> Requests:
        """Typed text: the note being written, or, when none is, a note to whoever brings
        the order (the rider; the store for a counter pickup). An empty note clears it."""
        writing = self.writing or (Writing.RIDER if offered.rider else Writing.STORE)
        note = normalized(text) or None
        limit = LIMITS[writing]
        if note is not None and utf16_length(note) > limit:
            raise InvalidAnswer("note_too_long", max=limit)
        if writing is Writing.STORE:
            return replace(self, writing=None, store_note=note)
        if writing is Writing.RIDER:
            return replace(self, writing=None, rider_note=note)
        return replace(self, writing=None, address_detail=note)

    def kept(self, offered: Offered) -> Requests:
        """What the order keeps: the requests it can have (a rider's are dropped when the
        customer switched to collecting it), not a note being written."""
        if offered.rider:
            return replace(self, writing=None, no_cutlery=self.no_cutlery and offered.cutlery)
        return replace(self, writing=None, rider_note=None, address_detail=None, rider_asks=(),
                       no_cutlery=self.no_cutlery and offered.cutlery)

    def to_json(self) -> dict[str, Any] | None:
        if self.empty and self.writing is None:
            return None
        return {"store_note": self.store_note, "rider_note": self.rider_note,
                "address_detail": self.address_detail,
                "rider_asks": [ask.value for ask in self.rider_asks],
                "no_cutlery": self.no_cutlery,
                "writing": self.writing.value if self.writing else None}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Requests:
        if not data:
            return cls()
        return cls(data.get("store_note"), data.get("rider_note"), data.get("address_detail"),
                   tuple(RiderAsk(ask) for ask in data.get("rider_asks", ())),
                   bool(data.get("no_cutlery")),
                   Writing(data["writing"]) if data.get("writing") else None)
