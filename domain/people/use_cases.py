"""Use cases about the people themselves: who is talking, their language, whether the bot
can reach them, and whether they are staff or a rider."""

from __future__ import annotations

from collections.abc import Callable

from domain.people.model import LANGUAGES, Person, Staff, User, language_for
from domain.shared.clock import Clock
from domain.shared.errors import Conflict, InvalidAnswer
from domain.shared.unit_of_work import UnitOfWork


class People:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, staff: Staff) -> None:
        self.uow = uow
        self.clock = clock
        self.staff = staff

    def is_staff(self, person: Person) -> bool:
        return self.staff.includes(person)

    def check_staff(self, person: Person) -> None:
        """Refuse anyone who is not store staff."""
        self.staff.check(person)

    async def is_rider(self, person: Person) -> bool:
        """An approved rider, not suspended."""
        async with self.uow() as uow:
            rider = await uow.riders.get(person.user_id)
            return rider is not None and rider.is_active

    async def remember_user(self, person: Person, language_code: str | None) -> User:
        """Record who is talking (name, Telegram language); writes only when something changed."""
        try:
            return await self._remember_user(person, language_code)
        except Conflict:  # another replica recorded the same new person at the same moment
            return await self._remember_user(person, language_code)

    async def _remember_user(self, person: Person, language_code: str | None) -> User:
        async with self.uow() as uow:
            uow.repeatable = True  # writing the same name again changes nothing
            user = await uow.users.get(person.user_id)
            if user is None:
                user = User(person.user_id, person.name, self.clock.now(), language_code)
                await uow.users.add(user)
            elif (user.first_name, user.language_code) != (person.name, language_code):
                user.first_name, user.language_code = person.name, language_code
                user.mark_reachable()
            elif not user.reachable:  # they write to us, so they unblocked the bot
                user.mark_reachable()
            else:
                return user
            await uow.commit()
            return user

    async def language_of(self, person: Person, language_code: str | None) -> str:
        """The language to answer in, changing nothing: their choice if they made one, else
        their Telegram's (for someone acting outside a private chat with the bot)."""
        async with self.uow() as uow:
            user = await uow.users.get(person.user_id)
        return user.language if user is not None else language_for(language_code)

    async def set_reachable(self, person: Person, reachable: bool) -> None:
        """The person blocked the bot (nothing more is sent to them) or unblocked it."""
        async with self.uow() as uow:
            uow.repeatable = True  # marking it again changes nothing
            user = await uow.users.get_or_add(person.user_id, person.name, self.clock.now())
            if reachable:
                user.mark_reachable()
            else:
                user.mark_unreachable(self.clock.now())
            await uow.commit()

    async def choose_language(self, person: Person, language: str) -> User:
        if language not in LANGUAGES:
            raise InvalidAnswer("language_unknown", choices=", ".join(LANGUAGES))
        async with self.uow() as uow:
            user = await uow.users.get_or_add(person.user_id, person.name, self.clock.now())
            user.chosen_language = language
            await uow.commit()
            return user
