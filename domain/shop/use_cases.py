"""Staff open, close and pause the shop in chat; everyone may ask whether it is open.

Each method is one use case and one transaction, like domain.services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from domain.people.model import Person, Staff
from domain.shared.clock import Clock
from domain.shared.errors import InvalidAnswer
from domain.shared.text import normalized
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.hours import OpeningHours, parse_hours
from domain.shop.opening import Opening, OpeningRules, ShopState, decide

MAX_PAUSE_MINUTES = 7 * 24 * 60
DEFAULT_HOURS = "default"  # /hours default: back to OPENING_HOURS


class ShopHours:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, rules: OpeningRules,
                 staff: Staff) -> None:
        self.uow = uow
        self.clock = clock
        self.rules = rules
        self.staff = staff

    async def opening(self) -> Opening:
        """Whether the shop takes orders now."""
        async with self.uow() as uow:
            return decide(self.clock.now(), self.rules, await uow.shop_state.get())

    async def hours(self) -> tuple[OpeningHours | None, Opening]:
        """The hours in force (None: always open) and whether the shop is open now."""
        async with self.uow() as uow:
            state = await uow.shop_state.get() or ShopState()
            return state.hours_in_force(self.rules), decide(self.clock.now(), self.rules, state)

    async def set_hours(self, text: str, person: Person) -> tuple[OpeningHours | None, Opening]:
        """/hours TEXT: the hours from now on, for every replica and after restarts;
        `/hours default` goes back to OPENING_HOURS."""
        self.staff.check(person)
        written = normalized(text)
        typed = None if written.lower() == DEFAULT_HOURS else written
        if typed is not None:
            parse_hours(typed)  # refused here, with the part it could not read
        return await self._change(lambda state: setattr(state, "hours", typed))

    async def pause(self, minutes: int | None, person: Person) -> Opening:
        """/pause [minutes]: no new orders, for that long or until /resume."""
        self.staff.check(person)
        if minutes is not None and not 1 <= minutes <= MAX_PAUSE_MINUTES:
            raise InvalidAnswer("pause_minutes", max=MAX_PAUSE_MINUTES)
        now = self.clock.now()
        until = now + timedelta(minutes=minutes) if minutes is not None else None
        _, opening = await self._change(lambda state: state.pause(now, until))
        return opening

    async def resume(self, person: Person) -> Opening:
        """/resume: orders again (within the opening hours)."""
        self.staff.check(person)
        _, opening = await self._change(ShopState.resume)
        return opening

    async def _change(self, change: Callable[[ShopState], None]
                      ) -> tuple[OpeningHours | None, Opening]:
        async with self.uow() as uow:
            state = await uow.shop_state.get_for_update()
            change(state)
            await uow.commit()
            return state.hours_in_force(self.rules), decide(self.clock.now(), self.rules, state)
