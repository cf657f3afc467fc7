"""Use cases of the parcel wizard: the stored draft answered step by step, its price, and
placing it as an order."""

from __future__ import annotations

from collections.abc import Callable

from domain.orders.addresses import own_address, remember
from domain.orders.again import Change, ChangeKind, of_kind, past_order
from domain.orders.model import Order, OrderKind, Parcel
from domain.orders.placing import (
    ChatMessage,
    OrderLimits,
    check_customer_limits,
    place_new_order,
)
from domain.parcels.drafts import DraftRules, ParcelDraft, Step
from domain.parcels.pricing import PricingRules, quote
from domain.payments.model import PaymentRules
from domain.people.model import Person
from domain.shared.clock import Clock
from domain.shared.deadlines import DeadlineRules
from domain.shared.errors import InvalidAnswer
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.opening import OpeningRules, check_open
from domain.shop.zone import DeliveryZone


class Parcels:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock, drafts: DraftRules,
                 pricing: PricingRules, payments: PaymentRules,
                 deadlines: DeadlineRules, limits: OrderLimits | None = None,
                 opening: OpeningRules | None = None, zone: DeliveryZone | None = None) -> None:
        self.uow = uow
        self.clock = clock
        self.drafts = drafts
        self.pricing = pricing
        self.payments = payments
        self.deadlines = deadlines
        self.limits = limits or OrderLimits()
        self.opening = opening or OpeningRules()
        self.zone = zone or DeliveryZone()

    async def start_draft(self, customer: Person) -> tuple[ParcelDraft, bool]:
        """Begin an order, or continue the unfinished one. Returns (draft, resumed). Refused
        while the shop takes no orders (an unfinished draft is kept)."""
        async with self.uow() as uow:
            await check_open(uow, self.clock.now(), self.opening)
            draft = await uow.drafts.get(customer.user_id)
            if draft is not None:
                return draft, True
            if await uow.carts.get(customer.user_id) is not None:
                raise InvalidAnswer("cart_open")
            await check_customer_limits(uow, customer.user_id, self.clock.now(), self.limits)
            draft = ParcelDraft(customer.user_id, self.clock.now())
            await uow.drafts.add(draft)
            await uow.commit()
            return draft, False

    async def current_draft(self, customer: Person) -> ParcelDraft | None:
        async with self.uow() as uow:
            return await uow.drafts.get(customer.user_id)

    async def answer(self, customer: Person, text: str) -> ParcelDraft | None:
        """Typed answer to the current question; None when no order is in progress."""
        return await self._change(customer, lambda d: d.answer_text(text, self.drafts))

    async def answer_location(self, customer: Person, lat: float,
                              lon: float) -> ParcelDraft | None:
        return await self._change(customer, lambda d: d.answer_location(lat, lon, self.zone))

    async def answer_button(self, customer: Person, step: Step,
                            value: str) -> ParcelDraft | None:
        return await self._change(customer, lambda d: d.answer_button(step, value, self.drafts))

    async def _change(self, customer: Person,
                      change: Callable[[ParcelDraft], None]) -> ParcelDraft | None:
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is None:
                return None
            change(draft)
            await uow.commit()
            return draft

    async def ask(self, customer: Person, action: str, value: str, seen: int | None
                  ) -> ParcelDraft | None:
        """A request button under the summary of version `seen` (see ParcelDraft.ask)."""
        return await self._change(customer, lambda d: d.ask(action, value, seen))

    async def answer_saved(self, customer: Person, address_id: int,
                           seen: int | None) -> ParcelDraft | None:
        """A saved address pressed under the pickup or destination question of draft
        version `seen` (OutOfDate under another); None when no order is in progress."""
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is None:
                return None
            draft.check_seen(seen)
            draft.answer_saved((await own_address(uow, customer, address_id)).place, self.zone)
            await uow.commit()
            return draft

    async def order_again(self, customer: Person, number: int) -> tuple[ParcelDraft, list[Change]]:
        """The customer's parcel order #number as a new draft, at today's fare (what changed
        is said), its payment asked again."""
        async with self.uow() as uow:
            order = of_kind(await past_order(uow, customer, number), OrderKind.PARCEL)
            now = self.clock.now()
            await check_open(uow, now, self.opening)
            await check_customer_limits(uow, customer.user_id, now, self.limits)
            parcel = Parcel(order.size, order.weight_kg, order.pickup, order.destination,
                            order.recipient_phone)
            draft = ParcelDraft.again(customer.user_id, now, parcel)
            try:
                self.zone.check(parcel.destination)
            except InvalidAnswer:  # no longer delivered there: the destination is asked again
                draft.destination_address = draft.destination_lat = None
                draft.destination_lon = None
                await uow.drafts.add(draft)
                await uow.commit()
                return draft, [Change(ChangeKind.OUTSIDE_ZONE)]
            await uow.drafts.add(draft)
            await uow.commit()
        fare = quote(parcel, self.pricing)
        changes = [] if fare == order.price else [Change(ChangeKind.FARE, price=fare,
                                                         was=order.price)]
        return draft, changes

    def quote(self, draft: ParcelDraft) -> int:
        return quote(draft.to_parcel(), self.pricing)

    async def abandon(self, customer: Person) -> bool:
        """Drop the unfinished draft; False when there was none."""
        async with self.uow() as uow:
            draft = await uow.drafts.get(customer.user_id)
            if draft is None:
                return False
            await uow.drafts.delete(draft)
            await uow.commit()
            return True

    async def place(self, customer: Person, seen: int | None,
                    card: ChatMessage | None = None) -> Order:
        """The customer confirmed the summary of version `seen` (None: a Confirm from before
        buttons carried one): the draft becomes order #N (waiting for the payment first, when
        prepaid), or OutOfDate when the draft is no longer what that summary showed. Refused
        while the shop takes no orders, the draft kept."""
        async with self.uow() as uow:
            await check_open(uow, self.clock.now(), self.opening)
            draft = await uow.drafts.get_for_update(customer.user_id)
            if draft is None:
                raise InvalidAnswer("no_draft")
            draft.check_seen(seen)
            parcel = draft.to_parcel()
            self.zone.check(parcel.destination)  # the zone may have shrunk since it was asked
            assert draft.payment is not None  # a complete draft has one
            order = await place_new_order(uow, customer, parcel, draft.payment,
                                          quote(parcel, self.pricing), self.clock.now(),
                                          self.payments, self.deadlines,
                                          limits=self.limits, card=card,
                                          requests=draft.asked.kept(draft.OFFERED))
            await remember(uow, customer.user_id, [parcel.pickup, parcel.destination],
                           order.created_at, self.drafts.saved_addresses)
            await uow.drafts.delete(draft)
            await uow.commit()
            return order
