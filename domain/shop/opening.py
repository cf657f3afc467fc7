"""Whether the shop takes orders now: its opening hours, and a pause staff set in chat.

Hours come from OPENING_HOURS unless staff typed others with /hours; both those and a pause
are kept in one row (ShopState), so every replica reads the same and a restart forgets
nothing. Outside the hours, or paused, an order is neither started nor placed; carts and
drafts stay as they are for when the shop opens again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.shared.errors import InvalidAnswer, NotAllowed
from domain.shop.hours import OpeningHours, parse_hours

if TYPE_CHECKING:
    from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class OpeningRules:
    hours: OpeningHours | None = None  # OPENING_HOURS; None: always open
    tz: tzinfo = field(default=UTC)  # the hours are the shop's own time (TIMEZONE)


ONE_ROW = 1  # the id of ShopState's only row


@dataclass(eq=False)
class ShopState:
    """What staff set in chat (one row): hours typed with /hours (None: OPENING_HOURS), and
    a pause (until `paused_until`, or until /resume when that is None)."""

    id: int = ONE_ROW
    hours: str | None = None
    paused_since: datetime | None = None
    paused_until: datetime | None = None

    def is_paused(self, now: datetime) -> bool:
        return self.paused_since is not None and (self.paused_until is None
                                                  or now < self.paused_until)

    def pause(self, now: datetime, until: datetime | None) -> None:
        self.paused_since, self.paused_until = now, until

    def resume(self) -> None:
        self.paused_since = self.paused_until = None

    def hours_in_force(self, rules: OpeningRules) -> OpeningHours | None:
        if self.hours is None:
            return rules.hours
        try:
            return parse_hours(self.hours)
        except InvalidAnswer:  # checked before it was stored; only a newer format could fail
            return rules.hours


class Door(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # outside the opening hours
    PAUSED = "paused"  # staff paused orders


@dataclass(frozen=True)
class Opening:
    """Whether orders are taken now and, when not, from when again (in the shop's time;
    None when nobody can tell: paused until /resume, or no day has hours)."""

    door: Door
    opens_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.door is Door.OPEN

    def refusal(self) -> ShopClosed:
        return ShopClosed(f"shop_{self.door.value}" + ("" if self.opens_at else "_for_now"),
                          **({"opens": self.opens_at} if self.opens_at else {}))


class ShopClosed(NotAllowed):
    """No orders now (closed or paused); `opens` says when again, when known."""


def decide(now: datetime, rules: OpeningRules, state: ShopState | None) -> Opening:
    """Open, closed by the hours, or paused; and when orders are taken again."""
    state = state or ShopState()
    hours = state.hours_in_force(rules)
    if state.is_paused(now):
        if state.paused_until is None:
            return Opening(Door.PAUSED)
        back = state.paused_until.astimezone(rules.tz)
        return Opening(Door.PAUSED, hours.opens_at(back) if hours else back)
    local = now.astimezone(rules.tz)
    if hours is None or hours.is_open(local):
        return Opening(Door.OPEN)
    return Opening(Door.CLOSED, hours.opens_at(local))


async def check_open(uow: UnitOfWork, now: datetime, rules: OpeningRules) -> None:
    """Refuse (ShopClosed) an order started or placed while the shop takes none."""
    opening = decide(now, rules, await uow.shop_state.get())
    if not opening.is_open:
        raise opening.refusal()
