"""The use cases: one method per thing a person can do. Each is one transaction.

Every use case checks who is asking (role, ownership) itself, so a typed command and a
pressed button go through exactly the same checks.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from domain.broadcasting import Broadcasting
from domain.cancellation import wind_up
from domain.clock import Clock
from domain.deadlines import Deadline, DeadlineKind, DeadlineRules
from domain.dispatch import DispatchRules, Offer
from domain.dispatching import Dispatcher
from domain.drafts import DraftRules, ParcelDraft, Step
from domain.errors import (
    Conflict,
    DomainError,
    InvalidAnswer,
    InvalidTransition,
    NotAllowed,
    NotFound,
)
from domain.fleet import Fleet
from domain.model import Actor, Order, Role, Status, WrongCode
from domain.paying import PaymentService
from domain.payments import PaymentRules
from domain.people import LANGUAGES, Person, User
from domain.placing import place_new_order
from domain.pricing import PricingRules, quote
from domain.reading import Reading, day_bounds
from domain.report import DailyReport, daily_report
from domain.riders import Rider
from domain.shop import MenuRules, ShopService
from domain.sweep import DeadlineSweep
from domain.unit_of_work import UnitOfWork

RIDER_ACTIVE = (Status.ASSIGNED, Status.PICKED_UP)


@dataclass(frozen=True)
class Rules:
    """The business's configuration, as the use cases need it."""

    admin_ids: frozenset[int] = frozenset()
    pricing: PricingRules = field(default_factory=PricingRules)
    drafts: DraftRules = field(default_factory=DraftRules)
    dispatch: DispatchRules = field(default_factory=DispatchRules)
    deadlines: DeadlineRules = field(default_factory=DeadlineRules)
    menu: MenuRules = field(default_factory=MenuRules)
    payments: PaymentRules = field(default_factory=PaymentRules)
    list_limit: int = 20


def random_code() -> str:
    """A 4-digit delivery code."""
    return f"{secrets.randbelow(10_000):04d}"


class Services:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        rules: Rules,
        codes: Callable[[], str] = random_code,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.rules = rules
        self.codes = codes
        self.broadcasting = Broadcasting(uow, clock, self.check_staff)
        self.dispatcher = Dispatcher(rules.dispatch)
        self.fleet = Fleet(uow, clock, self.dispatcher, self._staff)
        self.sweep = DeadlineSweep(uow, clock, self.dispatcher)
        self.shop = ShopService(uow, clock, rules.menu, rules.drafts, rules.payments,
                                self.dispatcher, rules.deadlines, self._staff)
        self.paying = PaymentService(uow, clock, rules.payments, rules.deadlines, self._staff)
        self.reading = Reading(uow, clock)

    # --- people -------------------------------------------------------------------------

    def is_staff(self, person: Person) -> bool:
        return person.user_id in self.rules.admin_ids

    def check_staff(self, person: Person) -> None:
        """Refuse anyone who is not store staff."""
        self._staff(person)

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
            uow.repeatable = True  # marking it again changes nothing
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
        """Apply RIDER_IDS at start (see Fleet.sync_listed)."""
        await self.fleet.sync_listed(riders)

    # --- the order wizard -----------------------------------------------------------------

    async def start_draft(self, customer: Person) -> tuple[ParcelDraft, bool]:
        """Begin an order, or continue the unfinished one. Returns (draft, resumed)."""
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is not None:
                return draft, True
            if await uow.carts.get(customer.user_id) is not None:
                raise InvalidAnswer("cart_open")
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

    async def place_order(self, customer: Person, seen: int | None) -> Order:
        """The customer confirmed the summary of version `seen` (None: a Confirm from before
        buttons carried one): the draft becomes order #N (waiting for the payment first, when
        prepaid), or OutOfDate when the draft is no longer what that summary showed."""
        async with self.uow() as uow:
            draft = await uow.drafts.get_for_update(customer.user_id)
            if draft is None:
                raise InvalidAnswer("no_draft")
            draft.check_seen(seen)
            parcel = draft.to_parcel()
            assert draft.payment is not None  # a complete draft has one
            order = await place_new_order(uow, customer, parcel, draft.payment,
                                          quote(parcel, self.rules.pricing), self.clock.now(),
                                          self.rules.payments, self.rules.deadlines)
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
            await wind_up(uow, order, self.clock.now())
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
            await self.dispatcher.offer_next(uow, order, self.clock.now(), tell_store=True)
            await uow.commit()
            return order

    async def waive_code(self, number: int, person: Person) -> Order:
        """/waive N: the rider may deliver without the recipient's code."""
        actor = self._staff(person)
        async with self.uow() as uow:
            order = await self._get(uow, number)
            order.waive_code(actor, self.clock.now())
            await uow.commit()
            return order

    async def reject_order(self, number: int, person: Person, reason: str) -> Order:
        actor = self._staff(person)
        if not reason.strip():
            raise InvalidAnswer("reject_reason_required", number=number)
        async with self.uow() as uow:
            order = await self._get(uow, number)
            order.reject(actor, reason.strip(), self.clock.now())
            await wind_up(uow, order, self.clock.now())
            await uow.commit()
            return order

    async def daily_report(self, person: Person, tz: tzinfo) -> DailyReport:
        """/report: today's orders (in the store's time zone), cash and payments."""
        self._staff(person)
        today = self.clock.now().astimezone(tz).date()
        start, end = day_bounds(today, tz)
        async with self.uow() as uow:
            orders = await uow.orders.moved_between(start, end)
        return daily_report(today, start, end, orders)

    # --- rider moves ----------------------------------------------------------------------

    async def open_jobs(self, person: Person) -> list[Order]:
        """Approved orders nobody has taken and nobody is being offered right now."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person)
            offered = {offer.order_number for offer in await uow.offers.pending()}
            waiting = await uow.orders.waiting_for_rider(self.rules.list_limit)
            return [order for order in waiting
                    if order.number not in offered and rider.can_carry(order.is_heavy)]

    async def my_jobs(self, person: Person) -> list[Order]:
        async with self.uow() as uow:
            await self._rider(uow, person)
            return await uow.orders.for_rider(person.user_id, RIDER_ACTIVE, self.rules.list_limit)

    async def accept_job(
        self, number: int, person: Person, acted_at: datetime | None = None
    ) -> Order:
        """/accept N from the job list. First rider wins: the order row is locked while it is
        read and changed. An order being offered to someone else is theirs to answer first,
        unless this rider was offered it before and acted (`acted_at`: when a typed /accept
        was sent; None for a press, which Telegram does not date) before that offer's
        countdown ended: their answer was only read late, so the job is theirs and the other
        offer, not yet accepted, is withdrawn. If the job is gone all the same, the miss the
        sweep counted for that offer is forgiven."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            order = await self._get(uow, number)
            if not rider.can_carry(order.is_heavy):
                raise NotAllowed("cannot_carry", number=number)
            offers = await uow.offers.for_order(number)
            in_time = acted_at is not None and any(
                offer.rider_id == rider.user_id and offer.answered_in_time(acted_at)
                for offer in offers)
            if not in_time:
                for offer in offers:
                    if offer.is_pending and offer.rider_id != rider.user_id:
                        raise InvalidTransition("being_offered", number=number)
            try:
                await self._take(uow, order, rider, actor)
            except DomainError:
                if in_time:
                    rider.answered_offer()
                    await uow.commit()
                raise
            await uow.commit()
            return order

    async def accept_offer(self, offer_id: int, person: Person) -> Order:
        """The Accept button of an offer; refused once the offer expired, was declined or
        withdrawn, so an old offer message cannot take the order. A press carries no time, so
        it is judged by the offer still being open: one whose countdown ran out while nobody
        swept (the bot was down, say) is still honoured."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            _, order = await self._offer_and_order(uow, offer_id, rider)
            await self._take(uow, order, rider, actor)
            await uow.commit()
            return order

    async def decline_offer(self, offer_id: int, person: Person) -> int:
        """The Decline button: the order goes to the next rider. Returns the order number."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person, lock=True)
            offer, order = await self._offer_and_order(uow, offer_id, rider)
            now = self.clock.now()
            offer.decline(now)
            rider.answered_offer()
            await self.dispatcher.offer_next(uow, order, now, tell_store=True)
            await self.dispatcher.offer_waiting_to(uow, rider, now)  # free again: the next one
            await uow.commit()
            return offer.order_number

    async def release_job(self, number: int, person: Person) -> Order:
        """/release N before pickup: the job is offered to another rider."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True)
            order = await self._get(uow, number)
            now = self.clock.now()
            order.release(actor, now)
            rider.awaiting_code_for = None
            await self.dispatcher.offer_next(uow, order, now, tell_store=True,
                                             also_exclude=frozenset({rider.user_id}))
            await uow.commit()
            return order

    async def pick_up(self, number: int, person: Person) -> Order:
        async with self.uow() as uow:
            _, actor = await self._rider_and_actor(uow, person)
            order = await self._get(uow, number)
            order.pick_up(actor, self.clock.now())
            await uow.commit()
            return order

    async def ask_code(self, number: int, person: Person) -> Order:
        """The Delivered button: the rider's next 4-digit message is taken as the code."""
        async with self.uow() as uow:
            rider, _ = await self._rider_and_actor(uow, person, lock=True, any_state=True)
            order = await self._get(uow, number, lock=False)
            if order.rider_id != rider.user_id:
                raise NotAllowed("not_your_job", number=number)
            if order.status is not Status.PICKED_UP:
                raise InvalidTransition("invalid_transition", number=number,
                                        status=order.status.value,
                                        target=Status.DELIVERED.value)
            rider.awaiting_code_for = number
            await uow.commit()
            return order

    async def awaited_code(self, person: Person) -> int | None:
        """The order whose delivery code this rider was asked for, if any."""
        async with self.uow() as uow:
            rider = await uow.riders.get(person.user_id)
            return rider.awaiting_code_for if rider else None

    async def deliver(self, number: int, person: Person, code: str | None = None) -> Order:
        """Handover with the recipient's code. A wrong code is refused and counted (the fifth
        locks the order and tells the store). A rider suspended meanwhile may still finish."""
        async with self.uow() as uow:
            rider, actor = await self._rider_and_actor(uow, person, lock=True, any_state=True)
            order = await self._get(uow, number)
            now = self.clock.now()
            try:
                order.deliver(actor, now, code)
            except WrongCode:
                if order.code_locked:
                    rider.awaiting_code_for = None
                await uow.commit()  # the failed try counts
                raise
            rider.awaiting_code_for = None
            after = self.rules.deadlines.auto_complete_after
            if after.total_seconds() > 0:
                await uow.deadlines.add(Deadline(DeadlineKind.AUTO_COMPLETE, number, now + after))
            await self.dispatcher.offer_waiting_to(uow, rider, now)  # hands free: the next one
            await uow.commit()
            return order

    async def collect_cash(self, number: int, person: Person) -> Order:
        """/collected N: the rider took the cash for a cash order (or staff, at the counter)."""
        async with self.uow() as uow:
            if self.is_staff(person) and not await uow.riders.get(person.user_id):
                actor = self._staff(person)
            else:
                _, actor = await self._rider_and_actor(uow, person, any_state=True)
            order = await self._get(uow, number)
            order.collect_cash(actor, self.clock.now())
            await uow.commit()
            return order

    async def _take(self, uow: UnitOfWork, order: Order, rider: Rider, actor: Actor) -> None:
        now = self.clock.now()
        order.assign(actor, now, self.codes(), rider.vehicle.value if rider.vehicle else None)
        for offer in await uow.offers.for_order(order.number):
            if offer.is_pending:
                if offer.rider_id == rider.user_id:
                    offer.accept(now)
                else:
                    offer.withdraw(now)
        rider.answered_offer()

    async def _offer_and_order(
        self, uow: UnitOfWork, offer_id: int, rider: Rider
    ) -> tuple[Offer, Order]:
        """The rider's offer, still open, and its order, both locked (the order first)."""
        seen = await uow.offers.get(offer_id)
        if seen is None or seen.rider_id != rider.user_id:
            raise NotFound("offer_unknown")
        order = await self._get(uow, seen.order_number)
        offer = await uow.offers.get_for_update(offer_id)
        # Open until the sweep times it out: an answer read late (after a restart, say) is
        # honoured, and the sweep then finds it answered and counts no miss.
        if offer is None or not offer.is_pending:
            raise InvalidTransition("offer_gone", number=seen.order_number)
        return offer, order

    # --- checks ---------------------------------------------------------------------------

    def _staff(self, person: Person) -> Actor:
        if not self.is_staff(person):
            raise NotAllowed("staff_only")
        return Actor(Role.STORE, person.user_id, person.name)

    async def _rider(self, uow: UnitOfWork, person: Person) -> Actor:
        _, actor = await self._rider_and_actor(uow, person)
        return actor

    async def _rider_and_actor(
        self, uow: UnitOfWork, person: Person, lock: bool = False, any_state: bool = False
    ) -> tuple[Rider, Actor]:
        """The asking rider; `lock` when the use case changes the rider's row (locks are
        taken rider, then order, then offer, everywhere, so no two transactions wait for
        each other in a circle); `any_state` lets a suspended rider finish a job."""
        rider = await (uow.riders.get_for_update(person.user_id) if lock
                       else uow.riders.get(person.user_id))
        if rider is None or not (rider.is_active or any_state):
            raise NotAllowed("riders_only")
        # Riders from RIDER_IDS never gave a name: they go by their Telegram name.
        return rider, Actor(Role.RIDER, rider.user_id, person.name if rider.listed else rider.name)

    async def _get(self, uow: UnitOfWork, number: int, lock: bool = True) -> Order:
        order = await (uow.orders.get_for_update(number) if lock else uow.orders.get(number))
        if order is None:
            raise NotFound("order_not_found", number=number)
        return order
