"""Fakes for unit tests of the domain: an in-memory unit of work and a clock that we move."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta

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
from domain.broadcasts.model import Audience, Broadcast
from domain.dispatch.offers import Offer
from domain.dispatch.riders import Rider
from domain.dispatch.tracking import Tracking
from domain.menu.carts import Cart
from domain.menu.catalog import MenuItem
from domain.orders.addresses import SavedAddress
from domain.orders.model import SETTLED, Order, Status
from domain.parcels.drafts import ParcelDraft
from domain.payments.model import Payment, RefundState
from domain.people.model import User
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
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.opening import ShopState


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class AheadClock:
    """The real time, which a test can move forward: for a running bot whose waits (a
    retry's backoff, say) a test should not sit through."""

    def __init__(self) -> None:
        self.ahead = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.ahead

    def advance(self, **delta: float) -> None:
        self.ahead += timedelta(**delta)


class FakeStore:
    """What the fake database holds, shared by every fake unit of work."""

    def __init__(self) -> None:
        self.orders: dict[int, Order] = {}
        self.drafts: dict[int, ParcelDraft] = {}
        self.users: dict[int, User] = {}
        self.riders: dict[int, Rider] = {}
        self.outbox: list[OutboxMessage] = []
        self.notices: dict[str, Notice] = {}
        self.chat_moves: dict[int, int] = {}
        self.broadcasts: dict[int, Broadcast] = {}
        self.cards: dict[int, OrderCard] = {}
        self.store_cards: dict[tuple[int, int], StoreCard] = {}
        self.offers: list[Offer] = []
        self.deadlines: list[Deadline] = []
        self.carts: dict[int, Cart] = {}
        self.items: dict[str, MenuItem] = {}
        self.payments: list[Payment] = []
        self.trackings: dict[int, Tracking] = {}
        self.live_maps: dict[int, LiveMap] = {}
        self.addresses: dict[int, SavedAddress] = {}
        self.shop_state: ShopState | None = None
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

    async def _many(self, numbers: Collection[int]) -> list[Order]:
        return [self.store.orders[n] for n in numbers if n in self.store.orders]

    async def for_customer(self, customer_id: int, limit: int) -> list[Order]:
        mine = [o for o in self.store.orders.values() if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: -o.number)[:limit]

    async def with_status(self, status: Status, limit: int) -> list[Order]:
        found = [o for o in self.store.orders.values() if o.status is status]
        return sorted(found, key=lambda o: o.number)[:limit]

    async def count_with_status(self, status: Status) -> int:
        return sum(o.status is status for o in self.store.orders.values())

    async def promised_before(self, now: datetime, limit: int) -> list[Order]:
        found = [o for o in self.store.orders.values()
                 if o.promised_at is not None and o.promised_at <= now and o.status not in SETTLED]
        return sorted(found, key=lambda o: (o.promised_at, o.number))[:limit]

    async def for_rider(self, rider_id: int, statuses: Iterable[Status], limit: int) -> list[Order]:
        wanted = set(statuses)
        found = [o for o in self.store.orders.values()
                 if o.rider_id == rider_id and o.status in wanted]
        return sorted(found, key=lambda o: o.number)[:limit]

    async def riders_with_jobs(self) -> set[int]:
        return {o.rider_id for o in self.store.orders.values()
                if o.rider_id is not None and o.status in (Status.ASSIGNED, Status.PICKED_UP)}


    async def waiting_for_rider(self, limit: int) -> list[Order]:
        found = [o for o in self.store.orders.values() if o.awaits_rider]
        return sorted(found, key=lambda o: o.number)[:limit]

    async def unmade_with_item(self, item_key: str, statuses: Collection[Status]) -> list[int]:
        return sorted(o.number for o in self.store.orders.values()
                      if o.status in statuses and any(ln.item_key == item_key for ln in o.lines))

    async def changed_between(self, start: datetime, end: datetime) -> list[Order]:
        return sorted((o for o in self.store.orders.values() if start <= o.created_at < end),
                      key=lambda o: o.number)

    async def moved_between(self, start: datetime, end: datetime) -> list[Order]:
        def within(at: datetime | None) -> bool:
            return at is not None and start <= at < end
        return sorted((o for o in self.store.orders.values()
                       if within(o.cash_collected_at) or any(within(e.at) for e in o.timeline)),
                      key=lambda o: o.number)

    async def newest(self, where: OrderFilter, limit: int) -> list[Order]:
        found = [o for o in self.store.orders.values() if where.matches(o)]
        return sorted(found, key=lambda o: -o.number)[:limit]


class FakeCarts(CartRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, customer_id: int) -> Cart | None:
        return self.store.carts.get(customer_id)

    async def get_for_update(self, customer_id: int) -> Cart | None:
        return self.store.carts.get(customer_id)

    async def add(self, cart: Cart) -> None:
        self.store.carts[cart.customer_id] = cart

    async def delete(self, cart: Cart) -> None:
        self.store.carts.pop(cart.customer_id, None)


class FakeAddresses(AddressRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def for_customer(self, customer_id: int) -> list[SavedAddress]:
        mine = [a for a in self.store.addresses.values() if a.customer_id == customer_id]
        return sorted(mine, key=lambda a: (a.last_used_at, a.id or 0), reverse=True)

    async def get(self, address_id: int) -> SavedAddress | None:
        return self.store.addresses.get(address_id)

    async def add(self, address: SavedAddress) -> None:
        address.id = max(self.store.addresses, default=0) + 1
        self.store.addresses[address.id] = address

    async def delete(self, address: SavedAddress) -> None:
        assert address.id is not None
        self.store.addresses.pop(address.id, None)


class FakeItems(ItemRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, key: str) -> MenuItem | None:
        return self.store.items.get(key)

    async def get_for_update(self, key: str) -> MenuItem | None:
        return self.store.items.get(key)

    async def add(self, item: MenuItem) -> bool:
        if item.key in self.store.items:
            return False
        self.store.items[item.key] = item
        return True

    async def delete_others(self, keys: Collection[str]) -> None:
        self.store.items = {key: item for key, item in self.store.items.items() if key in keys}

    async def all(self) -> list[MenuItem]:
        return sorted(self.store.items.values(), key=lambda i: (i.position, i.key))


class FakePayments(PaymentRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, payment: Payment) -> bool:
        if any(p.charge_id == payment.charge_id for p in self.store.payments):
            return False
        payment.id = len(self.store.payments) + 1
        self.store.payments.append(payment)
        return True

    async def for_order(self, order_number: int) -> Payment | None:
        return next((p for p in self.store.payments if p.order_number == order_number), None)

    async def to_settle(self, order_number: int) -> Payment | None:
        return next((p for p in self.store.payments if p.order_number == order_number
                     and p.refund_state is RefundState.TO_SETTLE), None)

    async def get_for_update(self, payment_id: int) -> Payment | None:
        return next((p for p in self.store.payments if p.id == payment_id), None)

    async def next_refund(self, now: datetime) -> Payment | None:
        due = [p for p in self.store.payments if p.refund_state is RefundState.PENDING
               and p.refund_due_at is not None and p.refund_due_at <= now]
        return min(due, key=lambda p: p.refund_due_at or now, default=None)


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


class FakeShopState(ShopStateRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self) -> ShopState | None:
        return self.store.shop_state

    async def get_for_update(self) -> ShopState:
        if self.store.shop_state is None:
            self.store.shop_state = ShopState()
        return self.store.shop_state


class FakeUsers(UserRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, user_id: int) -> User | None:
        return self.store.users.get(user_id)

    async def add(self, user: User) -> None:
        self.store.users[user.user_id] = user

    async def many(self, user_ids: Collection[int]) -> dict[int, User]:
        return {i: self.store.users[i] for i in user_ids if i in self.store.users}


class FakeRiders(RiderRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, user_id: int) -> Rider | None:
        return self.store.riders.get(user_id)

    async def get_for_update(self, user_id: int) -> Rider | None:
        return self.store.riders.get(user_id)

    async def add(self, rider: Rider) -> bool:
        if rider.user_id in self.store.riders:
            return False
        self.store.riders[rider.user_id] = rider
        return True

    async def all(self) -> list[Rider]:
        return sorted(self.store.riders.values(), key=lambda r: (r.name, r.user_id))

    async def online(self) -> list[Rider]:
        return [r for r in sorted(self.store.riders.values(), key=lambda r: r.user_id)
                if r.is_active and r.online]


class FakeOffers(OfferRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, offer: Offer) -> bool:
        if any(o.is_pending and (o.order_number == offer.order_number
                                 or o.rider_id == offer.rider_id) for o in self.store.offers):
            return False
        offer.id = len(self.store.offers) + 1
        self.store.offers.append(offer)
        return True

    async def get(self, offer_id: int) -> Offer | None:
        return next((o for o in self.store.offers if o.id == offer_id), None)

    async def get_for_update(self, offer_id: int) -> Offer | None:
        return await self.get(offer_id)

    async def for_order(self, order_number: int) -> list[Offer]:
        return [o for o in self.store.offers if o.order_number == order_number]

    async def pending(self) -> list[Offer]:
        return [o for o in self.store.offers if o.is_pending]


class FakeDeadlines(DeadlineRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, deadline: Deadline) -> None:
        deadline.id = len(self.store.deadlines) + 1
        self.store.deadlines.append(deadline)

    async def next_due(self, now: datetime, skip: Collection[int] = ()) -> Deadline | None:
        due = [d for d in self.store.deadlines
               if d.fired_at is None and d.due_at <= now and d.id not in skip]
        return min(due, key=lambda d: (d.due_at, d.id or 0), default=None)

    async def pending_for_order(self, order_number: int, kind: DeadlineKind) -> Deadline | None:
        pending = [d for d in self.store.deadlines
                   if d.order_number == order_number and d.kind is kind and d.fired_at is None]
        return min(pending, key=lambda d: (d.due_at, d.id or 0), default=None)



class FakeOutbox(OutboxRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, message: OutboxMessage) -> None:
        message.id = len(self.store.outbox) + 1
        self.store.outbox.append(message)

    async def get(self, message_id: int) -> OutboxMessage | None:
        return next((m for m in self.store.outbox if m.id == message_id), None)

    async def many(self, message_ids: Collection[int]) -> dict[int, OutboxMessage]:
        return {m.id: m for m in self.store.outbox if m.id in message_ids}  # type: ignore[misc]

    async def cover_later_refreshes(self, card: OutboxMessage, now: datetime) -> int:
        same = [m for m in self.store.outbox if (m.order_number, m.chat_id, m.state) ==
                (card.order_number, card.chat_id, Delivery.PENDING)
                and m.id > card.id]  # type: ignore[operator]
        stops = [m.id for m in same if card.kind is AlertKind.RIDER_LOCATION
                 and m.kind is AlertKind.RIDER_LOCATION_END]
        later = [m for m in same if m.kind == card.kind
                 and (not stops or m.id < min(stops))]  # type: ignore[operator]
        for message in later:
            message.mark_sent(now)
        return len(later)

    async def due(self, now: datetime, *, max_priority: int, skip_chats: Iterable[int] = (),
                  limit: int = 1) -> list[OutboxMessage]:
        skip = set(skip_chats)
        pending = [m for m in self.store.outbox if m.state is Delivery.PENDING]
        found: list[OutboxMessage] = []
        for message in sorted(pending, key=lambda m: (m.priority, m.id)):
            older = any(o.chat_id == message.chat_id and o.id < message.id  # type: ignore[operator]
                        and o.priority <= message.priority for o in pending)
            if (message.priority <= max_priority and message.chat_id not in skip and not older
                    and (message.next_attempt_at is None or message.next_attempt_at <= now)
                    and (message.claimed_until is None or message.claimed_until <= now)):
                found.append(message)
        return found[:limit]

    async def counts(self, broadcast_id: int | None = None) -> DeliveryCounts:
        found: dict[Delivery, int] = {}
        for m in self.store.outbox:
            if broadcast_id is None or m.broadcast_id == broadcast_id:
                found[m.state] = found.get(m.state, 0) + 1
        return DeliveryCounts.of(found)

    async def oldest_pending(self) -> datetime | None:
        return min((m.created_at for m in self.store.outbox if m.state is Delivery.PENDING),
                   default=None)

    async def recent_failures(self, limit: int) -> list[OutboxMessage]:
        failed = [m for m in self.store.outbox
                  if m.state in (Delivery.FAILED, Delivery.UNREACHABLE)]
        return failed[::-1][:limit]

    async def cancel_broadcast(self, broadcast_id: int) -> int:
        cancelled = 0
        for m in self.store.outbox:
            if m.broadcast_id == broadcast_id and m.state is Delivery.PENDING:
                m.state = Delivery.CANCELLED
                cancelled += 1
        return cancelled

    async def release_claims(self) -> int:
        claimed = [m for m in self.store.outbox
                   if m.state is Delivery.PENDING and m.claimed_until is not None]
        for m in claimed:
            m.claimed_until = None
        return len(claimed)

    async def extend_claims(self, message_ids: Collection[int], until: datetime) -> None:
        for m in self.store.outbox:
            if m.id in message_ids and m.state is Delivery.PENDING:
                m.claimed_until = until

    async def retry_held_now(self, now: datetime) -> int:
        held = [m for m in self.store.outbox if m.state is Delivery.PENDING
                and m.next_attempt_at is not None and m.next_attempt_at > now]
        for m in held:
            m.next_attempt_at = now
        return len(held)

    async def count_held_alerts(self, except_kinds: Collection[str] = ()) -> int:
        return sum(1 for m in self.store.outbox if m.state is Delivery.PENDING
                   and m.priority == Priority.ALERT and m.kind not in except_kinds)

    async def notice(self, key: str) -> Notice | None:
        return self.store.notices.get(key)

    async def add_notice(self, notice: Notice) -> bool:
        if notice.key in self.store.notices:
            return False
        self.store.notices[notice.key] = notice
        return True

    async def remove_notice(self, key: str) -> Notice | None:
        return self.store.notices.pop(key, None)

    async def move_chat(self, from_chat_id: int, to_chat_id: int, at: datetime) -> None:
        self.store.chat_moves.setdefault(from_chat_id, to_chat_id)
        for m in self.store.outbox:
            if m.chat_id == from_chat_id and m.state is Delivery.PENDING:
                m.chat_id, m.next_attempt_at, m.claimed_until = to_chat_id, None, None

    async def chat_moves(self) -> dict[int, int]:
        return dict(self.store.chat_moves)


class FakeBroadcasts(BroadcastRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, broadcast: Broadcast) -> None:
        broadcast.id = len(self.store.broadcasts) + 1
        self.store.broadcasts[broadcast.id] = broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return self.store.broadcasts.get(broadcast_id)

    async def get_for_update(self, broadcast_id: int) -> Broadcast | None:
        return self.store.broadcasts.get(broadcast_id)

    async def recent(self, limit: int) -> list[Broadcast]:
        return sorted(self.store.broadcasts.values(), key=lambda b: -(b.id or 0))[:limit]

    async def due(self, now: datetime, limit: int) -> list[Broadcast]:
        return [b for b in self.store.broadcasts.values() if b.is_due(now)][:limit]

    async def unreported(self) -> list[Broadcast]:
        return [b for b in self.store.broadcasts.values() if b.needs_report]

    def _recipients(self, audience: Audience) -> list[int]:
        riders = {r.user_id for r in self.store.riders.values() if r.is_active}
        customers = {u.user_id for u in self.store.users.values()
                     if u.muted_at is None and u.user_id not in riders}
        chosen = {Audience.CUSTOMERS: customers, Audience.RIDERS: riders,
                  Audience.ALL: customers | riders}[audience]
        return sorted(chosen)

    async def count_recipients(self, audience: Audience) -> int:
        return len(self._recipients(audience))

    async def fan_out(self, broadcast: Broadcast, at: datetime) -> int:
        recipients = self._recipients(broadcast.audience)
        for chat_id in recipients:
            message = OutboxMessage(chat_id, AlertKind.BROADCAST, at, priority=Priority.BROADCAST,
                                    broadcast_id=broadcast.id)
            message.id = len(self.store.outbox) + 1
            self.store.outbox.append(message)
        return len(recipients)


class FakeCards(OrderCardRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get(self, order_number: int) -> OrderCard | None:
        return self.store.cards.get(order_number)

    async def many(self, order_numbers: Collection[int]) -> dict[int, OrderCard]:
        return {n: self.store.cards[n] for n in order_numbers if n in self.store.cards}

    async def add(self, card: OrderCard) -> None:
        self.store.cards[card.order_number] = card


class FakeStoreCards(StoreCardRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def many(self, order_numbers: Collection[int]) -> dict[tuple[int, int], StoreCard]:
        return {key: card for key, card in self.store.store_cards.items()
                if key[0] in order_numbers}

    async def add(self, card: StoreCard) -> None:
        self.store.store_cards[(card.order_number, card.chat_id)] = card


class FakeTrackings(TrackingRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def get_for_update(self, order_number: int) -> Tracking | None:
        return self.store.trackings.get(order_number)

    async def following(self, rider_id: int) -> list[Tracking]:
        return [tracking for number, tracking in sorted(self.store.trackings.items())
                if tracking.rider_id == rider_id and tracking.active]

    async def many(self, order_numbers: Collection[int]) -> dict[int, Tracking]:
        return {number: tracking for number, tracking in self.store.trackings.items()
                if number in order_numbers}

    async def add(self, tracking: Tracking) -> None:
        self.store.trackings[tracking.order_number] = tracking


class FakeLiveMaps(LiveMapRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def many(self, order_numbers: Collection[int]) -> dict[int, LiveMap]:
        return {number: shown for number, shown in self.store.live_maps.items()
                if number in order_numbers}

    async def add(self, live_map: LiveMap) -> None:
        self.store.live_maps[live_map.order_number] = live_map


class FakeUnitOfWork(UnitOfWork):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.store = store
        self.committed = False
        self.orders = FakeOrders(store)
        self.drafts = FakeDrafts(store)
        self.users = FakeUsers(store)
        self.riders = FakeRiders(store)
        self.outbox = FakeOutbox(store)
        self.broadcasts = FakeBroadcasts(store)
        self.cards = FakeCards(store)
        self.store_cards = FakeStoreCards(store)
        self.offers = FakeOffers(store)
        self.deadlines = FakeDeadlines(store)
        self.carts = FakeCarts(store)
        self.items = FakeItems(store)
        self.payments = FakePayments(store)
        self.trackings = FakeTrackings(store)
        self.live_maps = FakeLiveMaps(store)
        self.addresses = FakeAddresses(store)
        self.shop_state = FakeShopState(store)

    async def _commit(self, wake_sender: bool) -> None:
        self.committed = True

    async def _rollback(self) -> None:
        pass


# --- reading what the fake outbox holds ----------------------------------------------------


def alerts(store: FakeStore) -> list[tuple[int, str]]:
    """(chat, kind) of every alert queued, the cards' refreshes (the customer's and the
    store's) left out."""
    return [(m.chat_id, m.kind) for m in store.outbox if m.kind not in CARDS]


CARDS = ("order_card", "store_card")


def told(store: FakeStore, chat_id: int) -> list[str]:
    return [kind for chat, kind in alerts(store) if chat == chat_id]


def sent(store: FakeStore, chat_id: int, kind: str) -> list[dict]:
    return [m.params for m in store.outbox if m.chat_id == chat_id and m.kind == kind]
