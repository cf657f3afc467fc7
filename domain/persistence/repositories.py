"""SQLAlchemy implementations of the repositories. They flush but never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import exists, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.drafts import ParcelDraft
from domain.model import Order, Status
from domain.outbox import Delivery, OutboxMessage
from domain.people import Rider, User
from domain.persistence import tables
from domain.repositories import (
    DraftRepository,
    OrderRepository,
    OutboxRepository,
    RiderRepository,
    UserRepository,
)

ORDER_COUNTER = "order_number"
o = tables.orders.c


class SqlOrderRepository(OrderRepository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__()
        self.session = session

    async def next_number(self) -> int:
        bump = (
            update(tables.counters)
            .where(tables.counters.c.name == ORDER_COUNTER)
            .values(value=tables.counters.c.value + 1)
            .returning(tables.counters.c.value)
        )
        number = (await self.session.execute(bump)).scalar_one_or_none()
        if number is None:  # a database created without the migration's seed row
            await self.session.execute(insert(tables.counters).values(name=ORDER_COUNTER, value=1))
            number = 1
        return int(number)

    async def _add(self, order: Order) -> None:
        self.session.add(order)
        await self.session.flush()

    async def _get(self, number: int, lock: bool) -> Order | None:
        query = select(Order).where(o.number == number)
        if lock:
            query = query.with_for_update(of=tables.orders).execution_options(
                populate_existing=True
            )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def for_customer(self, customer_id: int, limit: int) -> list[Order]:
        query = select(Order).where(o.customer_id == customer_id).order_by(o.number.desc())
        return list((await self.session.scalars(query.limit(limit))).all())

    async def with_status(self, status: Status, limit: int) -> list[Order]:
        query = select(Order).where(o.status == status).order_by(o.number)
        return list((await self.session.scalars(query.limit(limit))).all())

    async def for_rider(self, rider_id: int, statuses: Iterable[Status], limit: int) -> list[Order]:
        query = (
            select(Order)
            .where(o.rider_id == rider_id, o.status.in_(list(statuses)))
            .order_by(o.number)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())


class SqlDraftRepository(DraftRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int) -> ParcelDraft | None:
        return await self.session.get(ParcelDraft, customer_id)

    async def get_for_update(self, customer_id: int) -> ParcelDraft | None:
        query = (
            select(ParcelDraft)
            .where(tables.drafts.c.customer_id == customer_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def add(self, draft: ParcelDraft) -> None:
        self.session.add(draft)

    async def delete(self, draft: ParcelDraft) -> None:
        await self.session.delete(draft)


class SqlUserRepository(UserRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def add(self, user: User) -> None:
        self.session.add(user)


class SqlRiderRepository(RiderRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> Rider | None:
        return await self.session.get(Rider, user_id)

    async def add(self, rider: Rider) -> None:
        self.session.add(rider)

    async def all(self) -> list[Rider]:
        return list((await self.session.scalars(select(Rider))).all())

    async def remove(self, rider: Rider) -> None:
        await self.session.delete(rider)


class SqlOutboxRepository(OutboxRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, message: OutboxMessage) -> None:
        self.session.add(message)

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self.session.get(OutboxMessage, message_id)

    async def due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        box = tables.outbox.c
        earlier = aliased(tables.outbox)
        older_pending_same_chat = exists().where(
            earlier.c.chat_id == box.chat_id,
            earlier.c.state == Delivery.PENDING,
            earlier.c.id < box.id,
        )
        query = (
            select(OutboxMessage)
            .where(
                box.state == Delivery.PENDING,
                (box.next_attempt_at.is_(None)) | (box.next_attempt_at <= now),
                ~older_pending_same_chat,
            )
            .order_by(box.id)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())
