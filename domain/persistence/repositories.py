"""SQLAlchemy implementations of the repositories. They flush but never commit."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import (
    Delivery,
    DeliveryCounts,
    LiveMap,
    Notice,
    OrderCard,
    OutboxMessage,
    Priority,
    StoreCard,
)
from domain.broadcasts.model import Audience, Broadcast, BroadcastState
from domain.dispatch.offers import Offer, OfferState
from domain.dispatch.riders import Rider, RiderState
from domain.dispatch.tracking import Tracking
from domain.menu.carts import Cart
from domain.menu.catalog import MenuItem
from domain.orders.addresses import SavedAddress
from domain.orders.model import SETTLED, Fulfilment, Order, OrderKind, Status
from domain.parcels.drafts import ParcelDraft
from domain.payments.model import Payment, RefundState
from domain.people.model import User
from domain.persistence import tables
from domain.persistence.types import UTCDateTime
from domain.shared.deadlines import Deadline, DeadlineKind
from domain.shared.repositories import (
    AddressRepository,
    BroadcastRepository,
    CartRepository,
    DeadlineRepository,
    DraftRepository,
    ItemRepository,
    LiveMapRepository,
    OfferRepository,
    OrderCardRepository,
    OrderFilter,
    OrderRepository,
    OutboxRepository,
    PaymentRepository,
    RiderRepository,
    ShopStateRepository,
    StoreCardRepository,
    TrackingRepository,
    UserRepository,
)
from domain.shop.opening import ONE_ROW, ShopState

ORDER_COUNTER = "order_number"
o = tables.orders.c


# The queries run on every update are built once, on first use (the domain's classes are
# mapped at run time), with bound parameters: building a statement costs several times what
# running a prebuilt one does.
@cache
def _by(entity: type, column: ColumnElement[Any], *, lock: bool = False) -> Select[Any]:
    """`entity` rows whose `column` equals :key; with `lock`, its table's rows locked (FOR
    UPDATE OF) and read afresh over what the session holds."""
    query: Select[Any] = select(entity).where(column == bindparam("key"))
    if lock:
        query = query.with_for_update(of=column.table).execution_options(populate_existing=True)
    return query


@cache
def _among(entity: type, column: ColumnElement[Any]) -> Select[Any]:
    """`entity` rows whose `column` is in :keys."""
    return select(entity).where(column.in_(bindparam("keys", expanding=True)))


async def _add_unless_taken(session: AsyncSession, row: object) -> bool:
    """Insert the row in a savepoint; False (nothing stored, the rest of the transaction
    kept) when a unique key of it is taken, perhaps by a transaction that just committed."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        return False
    return True


_BUMP_ORDER_COUNTER = (
    update(tables.counters)
    .where(tables.counters.c.name == ORDER_COUNTER)
    .values(value=tables.counters.c.value + 1)
    .returning(tables.counters.c.value)
)


@cache
def _customer_orders() -> Select[Any]:
    return _by(Order, o.customer_id).order_by(o.number.desc()).limit(bindparam("limit"))


_RIDERS_WITH_JOBS = select(o.rider_id).where(
    o.status.in_([Status.ASSIGNED, Status.PICKED_UP]), o.rider_id.is_not(None)).distinct()


class SqlOrderRepository(OrderRepository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__()
        self.session = session

    async def next_number(self) -> int:
        number = (await self.session.execute(_BUMP_ORDER_COUNTER)).scalar_one_or_none()
        if number is None:  # a database created without the migration's seed row
            await self.session.execute(insert(tables.counters).values(name=ORDER_COUNTER, value=1))
            number = 1
        return int(number)

    async def _add(self, order: Order) -> None:
        self.session.add(order)
        await self.session.flush()

    async def _get(self, number: int, lock: bool) -> Order | None:
        query = _by(Order, o.number, lock=lock)
        return (await self.session.execute(query, {"key": number})).scalar_one_or_none()

    async def _many(self, numbers: Collection[int]) -> list[Order]:
        query = _among(Order, o.number)
        return list((await self.session.scalars(query, {"keys": list(numbers)})).all())

    async def for_customer(self, customer_id: int, limit: int) -> list[Order]:
        params = {"key": customer_id, "limit": limit}
        return list((await self.session.scalars(_customer_orders(), params)).all())

    async def with_status(self, status: Status, limit: int) -> list[Order]:
        query = select(Order).where(o.status == status).order_by(o.number)
        return list((await self.session.scalars(query.limit(limit))).all())

    async def count_with_status(self, status: Status) -> int:
        query = select(func.count()).select_from(Order).where(o.status == status)
        return int((await self.session.execute(query)).scalar_one())

    async def promised_before(self, now: datetime, limit: int) -> list[Order]:
        query = (
            select(Order)
            .where(o.promised_at <= now, o.status.not_in(list(SETTLED)))
            .order_by(o.promised_at, o.number)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())

    async def for_rider(self, rider_id: int, statuses: Iterable[Status], limit: int) -> list[Order]:
        query = (
            select(Order)
            .where(o.rider_id == rider_id, o.status.in_(list(statuses)))
            .order_by(o.number)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())

    async def riders_with_jobs(self) -> set[int]:
        rider_ids: Sequence[int] = (await self.session.scalars(_RIDERS_WITH_JOBS)).all()
        return {int(rider_id) for rider_id in rider_ids}


    async def waiting_for_rider(self, limit: int) -> list[Order]:
        waiting = or_(
            and_(o.kind == OrderKind.PARCEL, o.status == Status.APPROVED),
            and_(o.kind == OrderKind.MENU, o.status == Status.READY,
                 o.fulfilment == Fulfilment.DELIVERY),
        )
        query = select(Order).where(waiting).order_by(o.number).limit(limit)
        return list((await self.session.scalars(query)).all())

    async def unmade_with_item(self, item_key: str, statuses: Collection[Status]) -> list[int]:
        lines = tables.order_lines.c
        query = (
            select(o.number).distinct()
            .join(tables.order_lines, lines.order_number == o.number)
            .where(lines.item_key == item_key, o.status.in_(list(statuses)))
            .order_by(o.number)
        )
        numbers: Sequence[int] = (await self.session.scalars(query)).all()
        return [int(number) for number in numbers]

    async def changed_between(self, start: datetime, end: datetime) -> list[Order]:
        query = select(Order).where(o.created_at >= start, o.created_at < end).order_by(o.number)
        return list((await self.session.scalars(query)).all())

    async def moved_between(self, start: datetime, end: datetime) -> list[Order]:
        t = tables.order_timeline.c
        moved = select(t.order_number).where(t.at >= start, t.at < end)
        query = (
            select(Order)
            .where(o.number.in_(moved)
                   | and_(o.cash_collected_at >= start, o.cash_collected_at < end))
            .order_by(o.number)
        )
        return list((await self.session.scalars(query)).all())

    async def newest(self, where: OrderFilter, limit: int) -> list[Order]:
        query = select(Order).order_by(o.number.desc()).limit(limit)
        if where.statuses:
            query = query.where(o.status.in_(sorted(where.statuses)))
        if where.since is not None:
            query = query.where(o.created_at >= where.since)
        if where.until is not None:
            query = query.where(o.created_at < where.until)
        if where.before is not None:
            query = query.where(o.number < where.before)
        return list((await self.session.scalars(query)).all())


class SqlCartRepository(CartRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int) -> Cart | None:
        return await self.session.get(Cart, customer_id)

    async def get_for_update(self, customer_id: int) -> Cart | None:
        query = (select(Cart).where(tables.carts.c.customer_id == customer_id).with_for_update()
                 .execution_options(populate_existing=True))
        return (await self.session.execute(query)).scalar_one_or_none()

    async def add(self, cart: Cart) -> None:
        self.session.add(cart)

    async def delete(self, cart: Cart) -> None:
        await self.session.delete(cart)


@cache
def _customer_addresses() -> Select[Any]:
    c = tables.saved_addresses.c
    return _by(SavedAddress, c.customer_id).order_by(c.last_used_at.desc(), c.id.desc())


class SqlAddressRepository(AddressRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_customer(self, customer_id: int) -> list[SavedAddress]:
        return list((await self.session.scalars(_customer_addresses(),
                                                {"key": customer_id})).all())

    async def get(self, address_id: int) -> SavedAddress | None:
        return await self.session.get(SavedAddress, address_id)

    async def add(self, address: SavedAddress) -> None:
        self.session.add(address)

    async def delete(self, address: SavedAddress) -> None:
        await self.session.delete(address)


class SqlItemRepository(ItemRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str) -> MenuItem | None:
        return await self.session.get(MenuItem, key)

    async def get_for_update(self, key: str) -> MenuItem | None:
        query = (select(MenuItem).where(tables.menu_items.c.key == key).with_for_update()
                 .execution_options(populate_existing=True))
        return (await self.session.execute(query)).scalar_one_or_none()

    async def add(self, item: MenuItem) -> bool:
        return await _add_unless_taken(self.session, item)

    async def delete_others(self, keys: Collection[str]) -> None:
        await self.session.execute(
            delete(tables.menu_items).where(tables.menu_items.c.key.not_in(list(keys)))
            .execution_options(synchronize_session=False))

    async def all(self) -> list[MenuItem]:
        query = select(MenuItem).order_by(tables.menu_items.c.position, tables.menu_items.c.key)
        return list((await self.session.scalars(query)).all())


class SqlPaymentRepository(PaymentRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, payment: Payment) -> bool:
        return await _add_unless_taken(self.session, payment)  # a repeated charge id

    async def for_order(self, order_number: int) -> Payment | None:
        query = (select(Payment).where(tables.payments.c.order_number == order_number)
                 .order_by(tables.payments.c.id).limit(1))
        return (await self.session.scalars(query)).first()

    async def to_settle(self, order_number: int) -> Payment | None:
        p = tables.payments.c
        query = (select(Payment)
                 .where(p.order_number == order_number, p.refund_state == RefundState.TO_SETTLE)
                 .order_by(p.id).limit(1))
        return (await self.session.scalars(query)).first()

    async def get_for_update(self, payment_id: int) -> Payment | None:
        query = (select(Payment).where(tables.payments.c.id == payment_id).with_for_update()
                 .execution_options(populate_existing=True))
        return (await self.session.execute(query)).scalar_one_or_none()

    async def next_refund(self, now: datetime) -> Payment | None:
        p = tables.payments.c
        query = (
            select(Payment)
            .where(p.refund_state == RefundState.PENDING, p.refund_due_at <= now)
            .order_by(p.refund_due_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return (await self.session.execute(query)).scalar_one_or_none()


class SqlDraftRepository(DraftRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int) -> ParcelDraft | None:
        return await self.session.get(ParcelDraft, customer_id)

    async def get_for_update(self, customer_id: int) -> ParcelDraft | None:
        query = _by(ParcelDraft, tables.drafts.c.customer_id, lock=True)
        return (await self.session.execute(query, {"key": customer_id})).scalar_one_or_none()

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

    async def many(self, user_ids: Collection[int]) -> dict[int, User]:
        query = _among(User, tables.users.c.user_id)
        users = (await self.session.scalars(query, {"keys": list(user_ids)})).all()
        return {user.user_id: user for user in users}


class SqlRiderRepository(RiderRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> Rider | None:
        return await self.session.get(Rider, user_id)

    async def get_for_update(self, user_id: int) -> Rider | None:
        query = _by(Rider, tables.riders.c.user_id, lock=True)
        return (await self.session.execute(query, {"key": user_id})).scalar_one_or_none()

    async def add(self, rider: Rider) -> bool:
        return await _add_unless_taken(self.session, rider)

    async def all(self) -> list[Rider]:
        r = tables.riders.c
        return list((await self.session.scalars(select(Rider).order_by(r.name, r.user_id))).all())

    async def online(self) -> list[Rider]:
        r = tables.riders.c
        query = select(Rider).where(r.state == RiderState.ACTIVE, r.online.is_(True))
        return list((await self.session.scalars(query.order_by(r.user_id))).all())


@cache
def _order_offers() -> Select[Any]:
    return _by(Offer, tables.offers.c.order_number).order_by(tables.offers.c.id)


class SqlOfferRepository(OfferRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, offer: Offer) -> bool:
        return await _add_unless_taken(self.session, offer)

    async def get(self, offer_id: int) -> Offer | None:
        return await self.session.get(Offer, offer_id)

    async def get_for_update(self, offer_id: int) -> Offer | None:
        query = _by(Offer, tables.offers.c.id, lock=True)
        return (await self.session.execute(query, {"key": offer_id})).scalar_one_or_none()

    async def for_order(self, order_number: int) -> list[Offer]:
        return list((await self.session.scalars(_order_offers(), {"key": order_number})).all())

    async def pending(self) -> list[Offer]:
        f = tables.offers.c
        query = select(Offer).where(f.state == OfferState.PENDING).order_by(f.id)
        return list((await self.session.scalars(query)).all())


class SqlDeadlineRepository(DeadlineRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, deadline: Deadline) -> None:
        self.session.add(deadline)

    async def next_due(self, now: datetime, skip: Collection[int] = ()) -> Deadline | None:
        d = tables.deadlines.c
        query = (
            select(Deadline)
            .where(d.fired_at.is_(None), d.due_at <= now, d.id.not_in(list(skip)))
            .order_by(d.due_at, d.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def pending_for_order(self, order_number: int, kind: DeadlineKind) -> Deadline | None:
        d = tables.deadlines.c
        query = (
            select(Deadline)
            .where(d.order_number == order_number, d.kind == kind, d.fired_at.is_(None))
            .order_by(d.due_at, d.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(query)).scalar_one_or_none()



_box = tables.outbox.c
# The same card's refreshes queued after `after` and not in another sender's hands.
_COVER_LATER = (
    update(tables.outbox)
    .where(_box.kind == bindparam("card_kind"), _box.order_number == bindparam("number"),
           _box.chat_id == bindparam("chat"), _box.state == Delivery.PENDING,
           _box.id > bindparam("after"),
           _box.claimed_until.is_(None) | (_box.claimed_until <= bindparam("now")))
    .values(state=Delivery.SENT, sent_at=bindparam("now"))
)
# A rider's map: not past the map's stop, as what follows it is a new map (another rider's).
_MAP_STOP = (select(func.min(_box.id))
             .where(_box.kind == AlertKind.RIDER_LOCATION_END,
                    _box.order_number == bindparam("number"), _box.chat_id == bindparam("chat"),
                    _box.state == Delivery.PENDING, _box.id > bindparam("after"))
             .scalar_subquery())
_COVER_LATER_MOVES = _COVER_LATER.where(or_(_MAP_STOP.is_(None), _box.id < _MAP_STOP))


@cache
def _due(skipping: bool) -> Select[Any]:
    """The rows due to be sent, oldest first, at most one per chat (none of a chat with an
    older row pending), leaving out the chats in :skip when `skipping`."""
    earlier = aliased(tables.outbox)
    older_pending_same_chat = exists().where(
        earlier.c.chat_id == _box.chat_id,
        earlier.c.state == Delivery.PENDING,
        earlier.c.id < _box.id,
        earlier.c.priority <= _box.priority,
    )
    query = (
        select(OutboxMessage)
        .where(
            _box.state == Delivery.PENDING,
            _box.priority <= bindparam("max_priority"),
            _box.next_attempt_at.is_(None) | (_box.next_attempt_at <= bindparam("now")),
            _box.claimed_until.is_(None) | (_box.claimed_until <= bindparam("now")),
            ~older_pending_same_chat,
        )
        .order_by(_box.priority, _box.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True, of=tables.outbox)
        .execution_options(populate_existing=True)
    )
    if skipping:
        query = query.where(_box.chat_id.not_in(bindparam("skip", expanding=True)))
    return query


class SqlOutboxRepository(OutboxRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, message: OutboxMessage) -> None:
        self.session.add(message)

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self.session.get(OutboxMessage, message_id)

    async def many(self, message_ids: Collection[int]) -> dict[int, OutboxMessage]:
        query = _among(OutboxMessage, tables.outbox.c.id)
        rows = (await self.session.scalars(query, {"keys": list(message_ids)})).all()
        return {row.id: row for row in rows}

    async def cover_later_refreshes(self, card: OutboxMessage, now: datetime) -> int:
        covered = _COVER_LATER_MOVES if card.kind is AlertKind.RIDER_LOCATION else _COVER_LATER
        result = await self.session.execute(covered, {
            "card_kind": card.kind, "number": card.order_number, "chat": card.chat_id,
            "after": card.id, "now": now})
        return int(getattr(result, "rowcount", 0) or 0)

    async def due(
        self,
        now: datetime,
        *,
        max_priority: int,
        skip_chats: Iterable[int] = (),
        limit: int = 1,
    ) -> list[OutboxMessage]:
        skip = list(skip_chats)
        params: dict[str, Any] = {"now": now, "max_priority": max_priority, "limit": limit}
        if skip:
            params["skip"] = skip
        return list((await self.session.scalars(_due(bool(skip)), params)).all())

    async def counts(self, broadcast_id: int | None = None) -> DeliveryCounts:
        box = tables.outbox.c
        query = select(box.state, func.count()).group_by(box.state)
        if broadcast_id is not None:
            query = query.where(box.broadcast_id == broadcast_id)
        rows: Sequence[Any] = (await self.session.execute(query)).all()
        return DeliveryCounts.of({Delivery(state): count for state, count in rows})

    async def oldest_pending(self) -> datetime | None:
        box = tables.outbox.c
        query = select(func.min(box.created_at)).where(box.state == Delivery.PENDING)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def recent_failures(self, limit: int) -> list[OutboxMessage]:
        box = tables.outbox.c
        query = (
            select(OutboxMessage)
            .where(box.state.in_([Delivery.FAILED, Delivery.UNREACHABLE]))
            .order_by(box.id.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())

    async def cancel_broadcast(self, broadcast_id: int) -> int:
        box = tables.outbox.c
        result = await self.session.execute(
            update(tables.outbox)
            .where(box.broadcast_id == broadcast_id, box.state == Delivery.PENDING)
            .values(state=Delivery.CANCELLED, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def release_claims(self) -> int:
        box = tables.outbox.c
        result = await self.session.execute(
            update(tables.outbox)
            .where(box.state == Delivery.PENDING, box.claimed_until.is_not(None))
            .values(claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def extend_claims(self, message_ids: Collection[int], until: datetime) -> None:
        box = tables.outbox.c
        await self.session.execute(
            update(tables.outbox)
            .where(box.id.in_(list(message_ids)), box.state == Delivery.PENDING)
            .values(claimed_until=until)
            .execution_options(synchronize_session=False)
        )

    async def retry_held_now(self, now: datetime) -> int:
        box = tables.outbox.c
        result = await self.session.execute(
            update(tables.outbox)
            .where(box.state == Delivery.PENDING, box.next_attempt_at > now)
            .values(next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def count_held_alerts(self, except_kinds: Collection[str] = ()) -> int:
        box = tables.outbox.c
        query = select(func.count()).where(box.state == Delivery.PENDING,
                                           box.priority == Priority.ALERT)
        if except_kinds:
            query = query.where(box.kind.not_in(list(except_kinds)))
        return int((await self.session.execute(query)).scalar_one())

    async def notice(self, key: str) -> Notice | None:
        return await self.session.get(Notice, key, populate_existing=True)

    async def add_notice(self, notice: Notice) -> bool:
        return await _add_unless_taken(self.session, notice)

    async def remove_notice(self, key: str) -> Notice | None:
        n = tables.notices.c
        removed = (await self.session.execute(
            delete(tables.notices).where(n.key == key).returning(n.key, n.since, n.detail)
            .execution_options(synchronize_session=False)
        )).one_or_none()
        if removed is None:
            return None
        stale = await self.session.get(Notice, key)  # loaded earlier in this transaction
        if stale is not None:
            self.session.expunge(stale)
        return Notice(removed.key, removed.since, removed.detail)

    async def move_chat(self, from_chat_id: int, to_chat_id: int, at: datetime) -> None:
        moves = tables.chat_moves.c
        known = await self.session.scalar(select(moves.to_chat_id).where(
            moves.from_chat_id == from_chat_id))
        if known is None:
            try:  # in a savepoint: another process may record the same move at once
                async with self.session.begin_nested():
                    await self.session.execute(insert(tables.chat_moves).values(
                        from_chat_id=from_chat_id, to_chat_id=to_chat_id, moved_at=at))
            except IntegrityError:
                pass
        await self.session.execute(
            update(tables.outbox)
            .where(tables.outbox.c.chat_id == from_chat_id,
                   tables.outbox.c.state == Delivery.PENDING)
            .values(chat_id=to_chat_id, next_attempt_at=None, claimed_until=None)
            .execution_options(synchronize_session=False))

    async def chat_moves(self) -> dict[int, int]:
        moves = tables.chat_moves.c
        rows: Sequence[Any] = (await self.session.execute(
            select(moves.from_chat_id, moves.to_chat_id))).all()
        return {int(old): int(new) for old, new in rows}


class SqlBroadcastRepository(BroadcastRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, broadcast: Broadcast) -> None:
        self.session.add(broadcast)
        await self.session.flush()

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self.session.get(Broadcast, broadcast_id)

    async def get_for_update(self, broadcast_id: int) -> Broadcast | None:
        query = (
            select(Broadcast)
            .where(tables.broadcasts.c.id == broadcast_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def recent(self, limit: int) -> list[Broadcast]:
        query = select(Broadcast).order_by(tables.broadcasts.c.id.desc()).limit(limit)
        return list((await self.session.scalars(query)).all())

    async def due(self, now: datetime, limit: int) -> list[Broadcast]:
        b = tables.broadcasts.c
        query = (
            select(Broadcast)
            .where(b.state == BroadcastState.SCHEDULED, b.scheduled_for <= now)
            .order_by(b.scheduled_for, b.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return list((await self.session.scalars(query)).all())

    async def unreported(self) -> list[Broadcast]:
        b = tables.broadcasts.c
        query = (
            select(Broadcast)
            .where(b.started_at.is_not(None), b.reported_at.is_(None))
            .order_by(b.id)
        )
        return list((await self.session.scalars(query)).all())

    async def count_recipients(self, audience: Audience) -> int:
        recipients = _recipients(audience).subquery()
        query = select(func.count()).select_from(recipients)
        return int((await self.session.execute(query)).scalar_one())

    async def fan_out(self, broadcast: Broadcast, at: datetime) -> int:
        box = tables.outbox.c
        recipients = _recipients(broadcast.audience).subquery()
        rows = select(
            recipients.c.chat_id,
            literal(AlertKind.BROADCAST.value),
            literal({}, JSON),
            literal(int(Priority.BROADCAST)),
            literal(broadcast.id),
            literal(at, UTCDateTime),
            literal(Delivery.PENDING.value),
            literal(0),
        ).order_by(recipients.c.chat_id)
        columns = [box.chat_id, box.kind, box.params, box.priority, box.broadcast_id,
                   box.created_at, box.state, box.attempts]
        result = await self.session.execute(insert(tables.outbox).from_select(columns, rows))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _recipients(audience: Audience) -> Select:
    """Chat ids of an audience, one column `chat_id`. Customers are the people who talked to
    the bot and are not active riders, less those who muted announcements; active riders
    always hear."""
    users, riders = tables.users.c, tables.riders.c
    active = select(riders.user_id).where(riders.state == RiderState.ACTIVE)
    rider_ids = select(riders.user_id.label("chat_id")).where(riders.state == RiderState.ACTIVE)
    customer_ids = select(users.user_id.label("chat_id")).where(
        users.muted_at.is_(None), users.user_id.not_in(active)
    )
    if audience is Audience.RIDERS:
        return rider_ids
    if audience is Audience.CUSTOMERS:
        return customer_ids
    return select(union(customer_ids, rider_ids).subquery().c.chat_id)


class SqlOrderCardRepository(OrderCardRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, order_number: int) -> OrderCard | None:
        return await self.session.get(OrderCard, order_number)

    async def many(self, order_numbers: Collection[int]) -> dict[int, OrderCard]:
        query = _among(OrderCard, tables.order_cards.c.order_number)
        cards = (await self.session.scalars(query, {"keys": list(order_numbers)})).all()
        return {card.order_number: card for card in cards}

    async def add(self, card: OrderCard) -> None:
        self.session.add(card)


class SqlTrackingRepository(TrackingRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_for_update(self, order_number: int) -> Tracking | None:
        query = _by(Tracking, tables.trackings.c.order_number, lock=True)
        return (await self.session.execute(query, {"key": order_number})).scalar_one_or_none()

    async def following(self, rider_id: int) -> list[Tracking]:
        t = tables.trackings.c
        query = (select(Tracking).where(t.rider_id == rider_id, t.ended_at.is_(None))
                 .order_by(t.order_number))
        return list((await self.session.scalars(query)).all())

    async def many(self, order_numbers: Collection[int]) -> dict[int, Tracking]:
        query = _among(Tracking, tables.trackings.c.order_number)
        trackings = (await self.session.scalars(query, {"keys": list(order_numbers)})).all()
        return {tracking.order_number: tracking for tracking in trackings}

    async def add(self, tracking: Tracking) -> None:
        self.session.add(tracking)


class SqlLiveMapRepository(LiveMapRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def many(self, order_numbers: Collection[int]) -> dict[int, LiveMap]:
        query = _among(LiveMap, tables.live_maps.c.order_number)
        maps = (await self.session.scalars(query, {"keys": list(order_numbers)})).all()
        return {shown.order_number: shown for shown in maps}

    async def add(self, live_map: LiveMap) -> None:
        self.session.add(live_map)


class SqlStoreCardRepository(StoreCardRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def many(self, order_numbers: Collection[int]) -> dict[tuple[int, int], StoreCard]:
        query = _among(StoreCard, tables.store_cards.c.order_number)
        cards = (await self.session.scalars(query, {"keys": list(order_numbers)})).all()
        return {(card.order_number, card.chat_id): card for card in cards}

    async def add(self, card: StoreCard) -> None:
        self.session.add(card)


class SqlShopStateRepository(ShopStateRepository):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self) -> ShopState | None:
        return await self.session.get(ShopState, ONE_ROW, populate_existing=True)

    async def get_for_update(self) -> ShopState:
        query = (select(ShopState).where(tables.shop_state.c.id == ONE_ROW)
                 .with_for_update().execution_options(populate_existing=True))
        found = (await self.session.execute(query)).scalar_one_or_none()
        if found is not None:
            return found
        state = ShopState()
        if await _add_unless_taken(self.session, state):
            return state
        return (await self.session.execute(query)).scalar_one()  # another made it meanwhile
