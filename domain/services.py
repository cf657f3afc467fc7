"""The use cases: one method per thing a person can do. Each is one transaction.

Every use case checks who is asking (role, ownership) itself, so a typed command and a
pressed button go through exactly the same checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.broadcasting import Broadcasting
from domain.clock import Clock
from domain.drafts import DraftRules, ParcelDraft, Step
from domain.errors import Conflict, InvalidAnswer, NotAllowed, NotFound
from domain.model import Actor, Order, Role, Status
from domain.people import LANGUAGES, Person, Rider, User
from domain.pricing import PricingRules, quote
from domain.unit_of_work import UnitOfWork

RIDER_ACTIVE = (Status.ASSIGNED, Status.PICKED_UP)


@dataclass(frozen=True)
class Rules:
    """The business's configuration, as the use cases need it."""

    admin_ids: frozenset[int] = frozenset()
    pricing: PricingRules = field(default_factory=PricingRules)
    drafts: DraftRules = field(default_factory=DraftRules)
    list_limit: int = 20


class Services:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, rules: Rules) -> None:
        self.uow = uow
        self.clock = clock
        self.rules = rules
        self.broadcasting = Broadcasting(uow, clock, self.check_staff)

    # --- people -------------------------------------------------------------------------

    def is_staff(self, person: Person) -> bool:
        return person.user_id in self.rules.admin_ids

    def check_staff(self, person: Person) -> None:
        """Refuse anyone who is not store staff."""
        self._staff(person)

    async def is_rider(self, person: Person) -> bool:
        async with self.uow() as uow:
            return await uow.riders.get(person.user_id) is not None

    async def remember_user(self, person: Person, language_code: str | None) -> User:
        """Record who is talking (name, Telegram language); writes only when something changed."""
        try:
            return await self._remember_user(person, language_code)
        except Conflict:  # another replica recorded the same new person at the same moment
            return await self._remember_user(person, language_code)

    async def _remember_user(self, person: Person, language_code: str | None) -> User:
        async with self.uow() as uow:
            user = await uow.users.get(person.user_id)
            if user is None:
                user = User(person.user_id, person.name, self.clock.now(), language_code)
                await uow.users.add(user)
            elif (user.first_name, user.language_code) != (person.name, language_code):
                user.first_name, user.language_code = person.name, language_code
                user.unreachable_since = None
            elif not user.reachable:  # they write to us, so they unblocked the bot
                user.unreachable_since = None
            else:
                return user
            await uow.commit()
            return user

    async def set_reachable(self, person: Person, reachable: bool) -> None:
        """The person blocked the bot (nothing more is sent to them) or unblocked it."""
        async with self.uow() as uow:
            user = await uow.users.get_or_add(person.user_id, person.name, self.clock.now())
            user.unreachable_since = None if reachable else self.clock.now()
            await uow.commit()

    async def choose_language(self, person: Person, language: str) -> User:
        if language not in LANGUAGES:
            raise InvalidAnswer("language_unknown", choices=", ".join(LANGUAGES))
        async with self.uow() as uow:
            user = await uow.users.get_or_add(person.user_id, person.name, self.clock.now())
            user.chosen_language = language
            await uow.commit()
            return user

    async def sync_riders(self, riders: dict[int, str]) -> None:
        """The approved riders are exactly those configured (RIDER_IDS): add the new ones,
        and withdraw the rights of anyone taken off the list."""
        async with self.uow() as uow:
            for rider in await uow.riders.all():
                if rider.user_id not in riders:
                    await uow.riders.remove(rider)
            for user_id, name in riders.items():
                if await uow.riders.get(user_id) is None:
                    await uow.riders.add(Rider(user_id, name, self.clock.now()))
            await uow.commit()

    # --- the order wizard -----------------------------------------------------------------

    async def start_draft(self, customer: Person) -> tuple[ParcelDraft, bool]:
        """Begin an order, or continue the unfinished one. Returns (draft, resumed)."""
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is not None:
                return draft, True
            draft = ParcelDraft(customer.user_id, self.clock.now())
            await uow.drafts.add(draft)
            await uow.commit()
            return draft, False

    async def current_draft(self, customer: Person) -> ParcelDraft | None:
        async with self.uow() as uow:
            return await uow.drafts.get(customer.user_id)

    async def answer_draft(self, customer: Person, text: str) -> ParcelDraft | None:
        """Typed answer to the current question; None when no order is in progress."""
        return await self._change_draft(customer, lambda d: d.answer_text(text, self.rules.drafts))

    async def answer_draft_location(
        self, customer: Person, lat: float, lon: float
    ) -> ParcelDraft | None:
        return await self._change_draft(customer, lambda d: d.answer_location(lat, lon))

    async def answer_draft_button(
        self, customer: Person, step: Step, value: str
    ) -> ParcelDraft | None:
        return await self._change_draft(
            customer, lambda d: d.answer_button(step, value, self.rules.drafts)
        )

    async def _change_draft(
        self, customer: Person, change: Callable[[ParcelDraft], None]
    ) -> ParcelDraft | None:
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is None:
                return None
            change(draft)
            await uow.commit()
            return draft

    def quote(self, draft: ParcelDraft) -> int:
        return quote(draft.to_parcel(), self.rules.pricing)

    async def abandon_draft(self, customer: Person) -> bool:
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is None:
                return False
            await uow.drafts.delete(draft)
            await uow.commit()
            return True

    async def place_order(self, customer: Person) -> Order:
        """The customer confirmed the summary: the draft becomes order #N."""
        async with self.uow() as uow:
            draft = await uow.drafts.get_for_update(customer.user_id)
            if draft is None:
                raise InvalidAnswer("no_draft")
            parcel = draft.to_parcel()
            number = await uow.orders.next_number()
            order = Order.place(
                number,
                Actor(Role.CUSTOMER, customer.user_id, customer.name),
                parcel,
                payment=draft.payment,  # type: ignore[arg-type]  # complete drafts have one
                price=quote(parcel, self.rules.pricing),
                at=self.clock.now(),
            )
            await uow.orders.add(order)
            await uow.drafts.delete(draft)
            await uow.commit()
            return order

    # --- looking at orders ------------------------------------------------------------------

    async def my_orders(self, customer: Person) -> list[Order]:
        async with self.uow() as uow:
            return await uow.orders.for_customer(customer.user_id, self.rules.list_limit)

    async def view_order(self, number: int, person: Person) -> Order:
        """The customer sees their own orders, the rider their jobs, the store everything."""
        async with self.uow() as uow:
            order = await self._get(uow, number, lock=False)
            if not (
                order.customer_id == person.user_id
                or order.rider_id == person.user_id
                or self.is_staff(person)
            ):
                raise NotAllowed("not_your_order", number=number)
            return order

    # --- customer moves -------------------------------------------------------------------

    async def cancel_order(self, number: int, person: Person, reason: str | None = None) -> Order:
        """The customer cancels their own order; the store cancels any, giving a reason."""
        async with self.uow() as uow:
            order = await self._get(uow, number)
            if order.customer_id == person.user_id:
                actor = Actor(Role.CUSTOMER, person.user_id, person.name)
            elif self.is_staff(person):
                actor = self._staff(person)
            else:
                raise NotAllowed("not_your_order", number=number)
            order.cancel(actor, self.clock.now(), reason)
            await uow.commit()
            return order

    async def confirm_receipt(self, number: int, person: Person) -> Order:
        async with self.uow() as uow:
            order = await self._get(uow, number)
            order.complete(Actor(Role.CUSTOMER, person.user_id, person.name), self.clock.now())
            await uow.commit()
            return order

    # --- store moves ----------------------------------------------------------------------

    async def pending_orders(self, person: Person) -> list[Order]:
        self._staff(person)
        async with self.uow() as uow:
            return await uow.orders.with_status(Status.PLACED, self.rules.list_limit)

    async def approve_order(self, number: int, person: Person) -> Order:
        actor = self._staff(person)
        async with self.uow() as uow:
            order = await self._get(uow, number)
            order.approve(actor, self.clock.now())
            await uow.commit()
            return order

    async def reject_order(self, number: int, person: Person, reason: str) -> Order:
        actor = self._staff(person)
        if not reason.strip():
            raise InvalidAnswer("reject_reason_required", number=number)
        async with self.uow() as uow:
            order = await self._get(uow, number)
            order.reject(actor, reason.strip(), self.clock.now())
            await uow.commit()
            return order

    # --- rider moves ----------------------------------------------------------------------

    async def open_jobs(self, person: Person) -> list[Order]:
        async with self.uow() as uow:
            await self._rider(uow, person)
            return await uow.orders.with_status(Status.APPROVED, self.rules.list_limit)

    async def my_jobs(self, person: Person) -> list[Order]:
        async with self.uow() as uow:
            await self._rider(uow, person)
            return await uow.orders.for_rider(person.user_id, RIDER_ACTIVE, self.rules.list_limit)

    async def accept_job(self, number: int, person: Person) -> Order:
        """First rider wins: the order row is locked while it is read and changed."""
        return await self._rider_move(number, person, Order.assign)

    async def pick_up(self, number: int, person: Person) -> Order:
        return await self._rider_move(number, person, Order.pick_up)

    async def deliver(self, number: int, person: Person) -> Order:
        return await self._rider_move(number, person, Order.deliver)

    async def _rider_move(self, number: int, person: Person, move: Callable) -> Order:
        async with self.uow() as uow:
            actor = await self._rider(uow, person)
            order = await self._get(uow, number)
            move(order, actor, self.clock.now())
            await uow.commit()
            return order

    # --- checks ---------------------------------------------------------------------------

    def _staff(self, person: Person) -> Actor:
        if not self.is_staff(person):
            raise NotAllowed("staff_only")
        return Actor(Role.STORE, person.user_id, person.name)

    async def _rider(self, uow: UnitOfWork, person: Person) -> Actor:
        if await uow.riders.get(person.user_id) is None:
            raise NotAllowed("riders_only")
        return Actor(Role.RIDER, person.user_id, person.name)

    async def _get(self, uow: UnitOfWork, number: int, lock: bool = True) -> Order:
        order = await (uow.orders.get_for_update(number) if lock else uow.orders.get(number))
        if order is None:
            raise NotFound("order_not_found", number=number)
        return order
