"""Use cases about riders themselves: joining, the store's decision, duty and position."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import person_alert, store_alerts
from domain.dispatch.dispatcher import Dispatcher
from domain.dispatch.following import Following
from domain.dispatch.riders import Rider, RiderState, Vehicle
from domain.orders.model import Actor, Role, Status
from domain.people.model import Person
from domain.shared.clock import Clock
from domain.shared.errors import InvalidAnswer, NotAllowed, NotFound
from domain.shared.text import normalized, utf16_length
from domain.shared.unit_of_work import UnitOfWork

MAX_NAME_CHARS = 60  # a rider's name, in UTF-16 units
CONFIGURATION = Actor(Role.STORE, 0, "RIDER_IDS")  # who acts when the rider list changes


class Fleet:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        dispatcher: Dispatcher,
        check_staff: Callable[[Person], Actor],
        store_chats: tuple[int, ...] = (),
        following: Following | None = None,
    ) -> None:
        self.uow = uow
        self.following = following
        self.clock = clock
        self.dispatcher = dispatcher
        self.check_staff = check_staff
        self.store_chats = store_chats

    # --- joining ------------------------------------------------------------------------

    async def apply(self, person: Person, name: str = "") -> Rider:
        """/rider [name]: start (or restart) an application; the vehicle is asked next."""
        name = normalized(name) or normalized(person.name)
        if not name or utf16_length(name) > MAX_NAME_CHARS:
            raise InvalidAnswer("rider_name", max=MAX_NAME_CHARS)
        async with self.uow() as uow:
            rider = await uow.riders.get_for_update(person.user_id)
            if rider is None:
                rider = Rider.apply(person.user_id, name, self.clock.now())
                await uow.riders.add(rider)
            else:
                rider.reapply(name, self.clock.now())
            await uow.commit()
            return rider

    async def choose_vehicle(self, person: Person, vehicle: str) -> Rider:
        """The application is complete: the store is asked to approve it."""
        try:
            chosen = Vehicle(vehicle)
        except ValueError:
            raise InvalidAnswer("vehicle_choose") from None
        async with self.uow() as uow:
            rider = await self._mine(uow, person)
            rider.choose_vehicle(chosen)
            await uow.alert(*store_alerts(self.store_chats, AlertKind.RIDER_REQUEST,
                                          self.clock.now(), user_id=rider.user_id,
                                          name=rider.name, vehicle=chosen.value,
                                          request=rider.request))
            await uow.commit()
            return rider

    # --- the store's decisions ------------------------------------------------------------

    async def approve(self, rider_id: int, staff: Person, seen: int | None = None) -> Rider:
        """Yes to the request the store saw (`seen`, see Rider.request)."""
        return await self._decide(rider_id, staff, lambda r, now: r.approve(now, seen),
                                  AlertKind.RIDER_APPROVED)

    async def decline(self, rider_id: int, staff: Person, seen: int | None = None) -> Rider:
        return await self._decide(rider_id, staff, lambda r, now: r.decline(seen),
                                  AlertKind.RIDER_DECLINED)

    async def suspend(self, rider_id: int, staff: Person) -> Rider:
        """No more offers or jobs; an offer they hold goes to the next rider."""
        store = self.check_staff(staff)
        async with self.uow() as uow:
            rider = await self._get(uow, rider_id)
            rider.suspend()
            await self._withdraw(uow, rider, store)
            await uow.commit()
            return rider

    async def sync_listed(self, listed: dict[int, str]) -> None:
        """Riders named in the configuration (RIDER_IDS) are active without asking; anyone
        taken off the list is suspended as `/suspend` would (riders who joined with /rider
        stay)."""
        now = self.clock.now()
        async with self.uow() as uow:
            for rider in await uow.riders.all():
                if rider.listed and rider.user_id not in listed:
                    was_active = rider.is_active
                    rider.take_off_list()
                    if was_active:
                        await self._withdraw(uow, rider, CONFIGURATION)
            for user_id, name in listed.items():
                known = await uow.riders.get(user_id)
                # Another replica starting at the same moment may add the rider first.
                if known is None and await uow.riders.add(Rider.from_list(user_id, name, now)):
                    continue
                known = known or await uow.riders.get(user_id)
                if known is not None and not known.listed:
                    known.put_on_list(now)
            await uow.commit()

    async def _withdraw(self, uow: UnitOfWork, rider: Rider, store: Actor) -> None:
        """A rider just suspended: their offer and unpicked jobs go to others; they are told."""
        await self._hand_back_offers(uow, rider)
        await self._hand_back_jobs(uow, rider, store)
        if self.following is not None:
            await self.following.rider_withdrawn(uow, rider)
        await uow.alert(person_alert(rider.user_id, AlertKind.RIDER_SUSPENDED, self.clock.now()))

    async def reinstate(self, rider_id: int, staff: Person) -> Rider:
        return await self._decide(rider_id, staff, lambda r, now: r.reinstate(),
                                  AlertKind.RIDER_REINSTATED)

    async def riders(self, staff: Person) -> list[Rider]:
        self.check_staff(staff)
        async with self.uow() as uow:
            return await uow.riders.all()

    async def roster(self) -> list[Rider]:
        """Every rider the bot knows, in any state (for the command menus at start)."""
        async with self.uow() as uow:
            return await uow.riders.all()

    async def busy_riders(self) -> set[int]:
        async with self.uow() as uow:
            return await uow.orders.riders_with_jobs()

    async def _decide(self, rider_id: int, staff: Person,
                      change: Callable[[Rider, datetime], None], kind: AlertKind) -> Rider:
        self.check_staff(staff)
        async with self.uow() as uow:
            rider = await self._get(uow, rider_id)
            now = self.clock.now()
            change(rider, now)
            await uow.alert(person_alert(rider.user_id, kind, now))
            await uow.commit()
            return rider

    # --- on duty --------------------------------------------------------------------------

    async def on_duty(self, person: Person) -> bool:
        """Whether the person is a rider on duty now."""
        async with self.uow() as uow:
            rider = await uow.riders.get(person.user_id)
            return rider is not None and rider.is_active and rider.online

    async def go_online(self, person: Person) -> tuple[Rider, int | None]:
        """On duty; a waiting order is offered at once. Returns the rider and the number of
        the order offered, if any."""
        async with self.uow() as uow:
            rider = await self._mine(uow, person)
            rider.go_online()
            offer = await self.dispatcher.offer_waiting_to(uow, rider, self.clock.now())
            await uow.commit()
            return rider, offer.order_number if offer else None

    async def go_offline(self, person: Person) -> Rider:
        """Off duty: no more offers; one they hold now goes to the next rider; customers no
        longer see them (sharing the position was agreed to by going online)."""
        async with self.uow() as uow:
            rider = await self._mine(uow, person)
            await self._off_duty(uow, rider)
            await uow.commit()
            return rider

    async def lost_touch(self, person: Person) -> None:
        """The person blocked the bot: a rider on duty goes off duty as with /offline, since
        no offer would reach them (nothing happens to anyone else)."""
        async with self.uow() as uow:
            rider = await uow.riders.get_for_update(person.user_id)
            if rider is None or not rider.online:
                return
            await self._off_duty(uow, rider)
            await uow.commit()

    async def _off_duty(self, uow: UnitOfWork, rider: Rider) -> None:
        rider.go_offline()
        await self._hand_back_offers(uow, rider)
        if self.following is not None:
            await self.following.rider_withdrawn(uow, rider)

    async def move(self, person: Person, lat: float, lon: float) -> Rider | None:
        """A shared or live location from a rider; None when they are not one."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidAnswer("location_invalid")
        async with self.uow() as uow:
            rider = await uow.riders.get_for_update(person.user_id)
            if rider is None or rider.state is not RiderState.ACTIVE:
                return None
            rider.move_to(lat, lon, self.clock.now())
            if self.following is not None:
                await self.following.rider_moved(uow, rider)
            await uow.commit()
            return rider

    # --- helpers --------------------------------------------------------------------------

    async def _hand_back_offers(self, uow: UnitOfWork, rider: Rider) -> None:
        """The rider's open offer goes to the next rider (locks: rider, order, offer)."""
        now = self.clock.now()
        for seen in await uow.offers.pending():
            if seen.rider_id != rider.user_id:
                continue
            order = await uow.orders.get_for_update(seen.order_number)
            offer = await uow.offers.get_for_update(seen.id)  # type: ignore[arg-type]
            if offer is None or not offer.is_pending:  # accepted or lapsed meanwhile
                continue
            offer.withdraw(now)
            if order is not None and order.awaits_rider:
                await self.dispatcher.offer_next(uow, order, now, tell_store=True,
                                                 also_exclude=frozenset({rider.user_id}))

    async def _hand_back_jobs(self, uow: UnitOfWork, rider: Rider, store: Actor) -> None:
        """Jobs the rider has not picked up yet are offered to others (the customer is told);
        a parcel already picked up the rider may still deliver."""
        now = self.clock.now()
        for taken in await uow.orders.for_rider(rider.user_id, [Status.ASSIGNED], 100):
            order = await uow.orders.get_for_update(taken.number)
            if order is None or order.status is not Status.ASSIGNED:
                continue
            order.release(store, now)
            await self.dispatcher.offer_next(uow, order, now, tell_store=True,
                                             also_exclude=frozenset({rider.user_id}))

    async def _mine(self, uow: UnitOfWork, person: Person) -> Rider:
        rider = await uow.riders.get_for_update(person.user_id)
        if rider is None:
            raise NotAllowed("not_a_rider")
        return rider

    async def _get(self, uow: UnitOfWork, rider_id: int) -> Rider:
        rider = await uow.riders.get_for_update(rider_id)
        if rider is None:
            raise NotFound("rider_not_found", id=rider_id)
        return rider

