"""Fakes for unit tests of the domain: an in-memory unit of work and a clock that we move."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from domain.drafts import ParcelDraft
from domain.model import Order, Status
from domain.outbox import Delivery, OutboxMessage
from domain.people import Rider, User
from domain.repositories import (
    DraftRepository,
    OrderRepository,
    OutboxRepository,
    RiderRepository,
    UserRepository,
)
from domain.unit_of_work import UnitOfWork


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakeStore:
    """What the fake database holds, shared by every fake unit of work."""

    def __init__(self) -> None:
        self.orders: dict[int, Order] = {}
        self.drafts: dict[int, ParcelDraft] = {}
        self.users: dict[int, User] = {}
        self.riders: dict[int, Rider] = {}
        self.outbox: list[OutboxMessage] = []
        self.last_number = 0


class FakeOrders(OrderRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.store = store

    async def next_number(self) -> int:
        self.store.last_number += 1
        return self.store.last_number

    async def _add(self, order: Order) -> None:
        self.store.orders[order.number] = order

    async def _get(self, number: int, lock: bool) -> Order | None:
        return self.store.orders.get(number)

    async def for_customer(self, customer_id: int, limit: int) -> list[Order]:
        mine = [o for o in self.store.orders.values() if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: -o.number)[:limit]

    async def with_status(self, status: Status, limit: int) -> list[Order]:
        found = [o for o in self.store.orders.values() if o.status is status]
        return sorted(found, key=lambda o: o.number)[:limit]

    async def for_rider(self, rider_id: int, statuses: Iterable[Status], limit: int) -> list[Order]:
        wanted = set(statuses)
        found = [o for o in self.store.orders.values()
                 if o.rider_id == rider_id and o.status in wanted]
        return sorted(found, key=lambda o: o.number)[:limit]


class FakeDrafts(DraftRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, customer_id: int) -> ParcelDraft | None:
        return self.store.drafts.get(customer_id)

    async def get_for_update(self, customer_id: int) -> ParcelDraft | None:
        return self.store.drafts.get(customer_id)

    async def add(self, draft: ParcelDraft) -> None:
        self.store.drafts[draft.customer_id] = draft

    async def delete(self, draft: ParcelDraft) -> None:
        self.store.drafts.pop(draft.customer_id, None)


class FakeUsers(UserRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, user_id: int) -> User | None:
        return self.store.users.get(user_id)

    async def add(self, user: User) -> None:
        self.store.users[user.user_id] = user


class FakeRiders(RiderRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, user_id: int) -> Rider | None:
        return self.store.riders.get(user_id)

    async def add(self, rider: Rider) -> None:
        self.store.riders[rider.user_id] = rider

    async def all(self) -> list[Rider]:
        return list(self.store.riders.values())

    async def remove(self, rider: Rider) -> None:
        self.store.riders.pop(rider.user_id, None)


class FakeOutbox(OutboxRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, message: OutboxMessage) -> None:
        message.id = len(self.store.outbox) + 1
        self.store.outbox.append(message)

    async def get(self, message_id: int) -> OutboxMessage | None:
        return next((m for m in self.store.outbox if m.id == message_id), None)

    async def due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        blocked: set[int] = set()
        found = []
        for message in self.store.outbox:
            if message.state is not Delivery.PENDING:
                continue
            if message.chat_id not in blocked and (
                message.next_attempt_at is None or message.next_attempt_at <= now
            ):
                found.append(message)
            blocked.add(message.chat_id)
        return found[:limit]


class FakeUnitOfWork(UnitOfWork):
    def __init__(self, store: FakeStore, store_chat_ids: tuple[int, ...] = ()) -> None:
        super().__init__(store_chat_ids)
        self.store = store
        self.committed = False
        self.orders = FakeOrders(store)
        self.drafts = FakeDrafts(store)
        self.users = FakeUsers(store)
        self.riders = FakeRiders(store)
        self.outbox = FakeOutbox(store)

    async def _commit(self) -> None:
        self.committed = True

    async def _rollback(self) -> None:
        pass
