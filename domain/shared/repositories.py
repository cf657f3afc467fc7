"""What the use cases need from storage. Implementations never commit; the unit of work does."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from domain.shared.errors import NotFound

if TYPE_CHECKING:  # the parts' models, for the signatures only
    from domain.alerts.outbox import (
        DeliveryCounts,
        LiveMap,
        Notice,
        OrderCard,
        OutboxMessage,
        StoreCard,
    )
    from domain.broadcasts.model import Audience, Broadcast
    from domain.dispatch.offers import Offer
    from domain.dispatch.riders import Rider
    from domain.dispatch.tracking import Tracking
    from domain.menu.carts import Cart
    from domain.menu.catalog import MenuItem
    from domain.orders.addresses import SavedAddress
    from domain.orders.model import Order, Status
    from domain.parcels.drafts import ParcelDraft
    from domain.payments.model import Payment
    from domain.people.model import User
    from domain.shared.deadlines import Deadline, DeadlineKind
    from domain.shop.opening import ShopState


@dataclass(frozen=True)
class OrderFilter:
    """Orders in `statuses` (any when empty), placed in [since, until), numbered below
    `before`; each bound only when given."""

    statuses: frozenset[Status] = frozenset()
    since: datetime | None = None
    until: datetime | None = None
    before: int | None = None

    def matches(self, order: Order) -> bool:
        return ((not self.statuses or order.status in self.statuses)
                and (self.since is None or order.created_at >= self.since)
                and (self.until is None or order.created_at < self.until)
                and (self.before is None or order.number < self.before))


class OrderRepository(ABC):
    """Orders by number. Remembers every order it handed out, so their events get stored."""

    def __init__(self) -> None:
        self.seen: list[Order] = []

    async def add(self, order: Order) -> None:
        await self._add(order)
        self._remember(order)

    async def get(self, number: int) -> Order | None:
        """Read an order without locking it."""
        return self._remember(await self._get(number, lock=False))

    async def get_for_update(self, number: int) -> Order | None:
        """Read an order to change it; concurrent changers wait (row lock where the DB has one)."""
        return self._remember(await self._get(number, lock=True))

    async def require(self, number: int, lock: bool = True) -> Order:
        """The order, locked to change it unless `lock` is False; NotFound when there is none."""
        order = await (self.get_for_update(number) if lock else self.get(number))
        if order is None:
            raise NotFound("order_not_found", number=number)
        return order

    async def many(self, numbers: Collection[int]) -> dict[int, Order]:
        """Read these orders without locking them (the ones that exist), by number."""
        found = await self._many(numbers)
        for order in found:
            self._remember(order)
        return {order.number: order for order in found}

    def _remember(self, order: Order | None) -> Order | None:
        if order is not None and order not in self.seen:
            self.seen.append(order)
        return order

    @abstractmethod
    async def next_number(self) -> int: ...

    @abstractmethod
    async def _add(self, order: Order) -> None: ...

    @abstractmethod
    async def _get(self, number: int, lock: bool) -> Order | None: ...

    @abstractmethod
    async def _many(self, numbers: Collection[int]) -> list[Order]: ...

    @abstractmethod
    async def for_customer(self, customer_id: int, limit: int) -> list[Order]:
        """The customer's newest orders first."""

    @abstractmethod
    async def with_status(self, status: Status, limit: int) -> list[Order]:
        """Oldest first: the queue order for the store and riders."""

    @abstractmethod
    async def count_with_status(self, status: Status) -> int: ...

    @abstractmethod
    async def promised_before(self, now: datetime, limit: int) -> list[Order]:
        """Orders not settled whose promised time is `now` or before, the earliest promise
        first (domain.orders.eta.is_late tells which are late)."""

    @abstractmethod
    async def for_rider(self, rider_id: int, statuses: Iterable[Status], limit: int) -> list[Order]:
        ...

    @abstractmethod
    async def riders_with_jobs(self) -> set[int]:
        """Riders carrying an order now (assigned or picked up)."""

    @abstractmethod
    async def waiting_for_rider(self, limit: int) -> list[Order]:
        """Oldest first: approved parcels and ready menu deliveries nobody has taken."""

    @abstractmethod
    async def unmade_with_item(self, item_key: str, statuses: Collection[Status]) -> list[int]:
        """Numbers of menu orders in these statuses that hold the item."""

    @abstractmethod
    async def changed_between(self, start: datetime, end: datetime) -> list[Order]:
        """Orders placed in [start, end) (for a day's numbers)."""

    @abstractmethod
    async def moved_between(self, start: datetime, end: datetime) -> list[Order]:
        """Orders that changed status (a timeline entry) or had their cash recorded in
        [start, end): the store's daily report picks from these."""

    @abstractmethod
    async def newest(self, where: OrderFilter, limit: int) -> list[Order]:
        """The orders `where` lets through, highest number first."""


class DraftRepository(ABC):
    @abstractmethod
    async def get(self, customer_id: int) -> ParcelDraft | None: ...

    @abstractmethod
    async def get_for_update(self, customer_id: int) -> ParcelDraft | None:
        """Read the draft to turn it into an order; a second Confirm waits, then finds none."""

    @abstractmethod
    async def add(self, draft: ParcelDraft) -> None: ...

    @abstractmethod
    async def delete(self, draft: ParcelDraft) -> None: ...


class AddressRepository(ABC):
    """Customers' saved addresses (domain.orders.addresses)."""

    @abstractmethod
    async def for_customer(self, customer_id: int) -> list[SavedAddress]:
        """All of the customer's, the latest used first."""

    @abstractmethod
    async def get(self, address_id: int) -> SavedAddress | None: ...

    @abstractmethod
    async def add(self, address: SavedAddress) -> None: ...

    @abstractmethod
    async def delete(self, address: SavedAddress) -> None: ...


class CartRepository(ABC):
    @abstractmethod
    async def get(self, customer_id: int) -> Cart | None: ...

    @abstractmethod
    async def get_for_update(self, customer_id: int) -> Cart | None: ...

    @abstractmethod
    async def add(self, cart: Cart) -> None: ...

    @abstractmethod
    async def delete(self, cart: Cart) -> None: ...


class ItemRepository(ABC):
    """The menu's items, with their stock."""

    @abstractmethod
    async def get(self, key: str) -> MenuItem | None: ...

    @abstractmethod
    async def get_for_update(self, key: str) -> MenuItem | None: ...

    @abstractmethod
    async def add(self, item: MenuItem) -> bool:
        """Store a new item; False (nothing stored) when its key is already taken, perhaps by
        another process that added it a moment ago."""

    @abstractmethod
    async def delete_others(self, keys: Collection[str]) -> None:
        """Delete every item whose key is not in `keys`."""

    @abstractmethod
    async def all(self) -> list[MenuItem]:
        """In menu order."""


class PaymentRepository(ABC):
    @abstractmethod
    async def add(self, payment: Payment) -> bool:
        """Store a new charge; False (nothing stored) if its charge id is already known."""

    @abstractmethod
    async def for_order(self, order_number: int) -> Payment | None: ...

    @abstractmethod
    async def to_settle(self, order_number: int) -> Payment | None:
        """The order's oldest card payment that staff are still to pay back."""

    @abstractmethod
    async def get_for_update(self, payment_id: int) -> Payment | None: ...

    @abstractmethod
    async def next_refund(self, now: datetime) -> Payment | None:
        """A Stars refund due now, locked (skipping rows another process holds)."""


class UserRepository(ABC):
    @abstractmethod
    async def get(self, user_id: int) -> User | None: ...

    @abstractmethod
    async def add(self, user: User) -> None: ...

    @abstractmethod
    async def many(self, user_ids: Collection[int]) -> dict[int, User]:
        """The stored ones of these people, by user id."""

    async def get_or_add(self, user_id: int, name: str, now: datetime) -> User:
        """The person's record, created if they never wrote to the bot before."""
        user = await self.get(user_id)
        if user is None:
            user = User(user_id, name, now)
            await self.add(user)
        return user


class RiderRepository(ABC):
    @abstractmethod
    async def get(self, user_id: int) -> Rider | None: ...

    @abstractmethod
    async def get_for_update(self, user_id: int) -> Rider | None: ...

    @abstractmethod
    async def add(self, rider: Rider) -> bool:
        """False (nothing stored) when the rider was added meanwhile by another process."""

    @abstractmethod
    async def all(self) -> list[Rider]:
        """Every rider, in any state, by name."""

    @abstractmethod
    async def online(self) -> list[Rider]:
        """Active riders on duty."""


class OfferRepository(ABC):
    @abstractmethod
    async def add(self, offer: Offer) -> bool:
        """Store the offer and give it its id; False (nothing stored) when the order or the
        rider already has a pending offer, which a concurrent transaction may just have made."""

    @abstractmethod
    async def get(self, offer_id: int) -> Offer | None: ...

    @abstractmethod
    async def get_for_update(self, offer_id: int) -> Offer | None: ...

    @abstractmethod
    async def for_order(self, order_number: int) -> list[Offer]:
        """Every offer of this order, oldest first."""

    @abstractmethod
    async def pending(self) -> list[Offer]:
        """Offers waiting for an answer."""


class DeadlineRepository(ABC):
    @abstractmethod
    async def add(self, deadline: Deadline) -> None: ...

    @abstractmethod
    async def next_due(self, now: datetime, skip: Collection[int] = ()) -> Deadline | None:
        """The earliest unfired deadline due by `now` and not in `skip`, locked (on PostgreSQL
        skipping any another process holds)."""

    @abstractmethod
    async def pending_for_order(self, order_number: int, kind: DeadlineKind) -> Deadline | None:
        """The order's unfired deadline of this kind, locked; None as well when another
        process holds it (on PostgreSQL), as the sweep does while firing it."""


class OutboxRepository(ABC):
    @abstractmethod
    async def add(self, message: OutboxMessage) -> None: ...

    @abstractmethod
    async def get(self, message_id: int) -> OutboxMessage | None: ...

    @abstractmethod
    async def many(self, message_ids: Collection[int]) -> dict[int, OutboxMessage]:
        """These rows, by id (rows that are gone are left out)."""

    @abstractmethod
    async def cover_later_refreshes(self, card: OutboxMessage, now: datetime) -> int:
        """Mark sent the refreshes of the same card (kind, order, chat) queued after `card`
        and not held by a sender: a card shows the order as it is when sent, so sending
        `card` shows their moves too. Returns how many."""

    @abstractmethod
    async def due(
        self,
        now: datetime,
        *,
        max_priority: int,
        skip_chats: Iterable[int] = (),
        limit: int = 1,
    ) -> list[OutboxMessage]:
        """The pending messages to send next, at most `limit`. Alerts before broadcasts, then
        oldest first; due (no retry waiting), not claimed by a live sender, not in
        `skip_chats`, and with no older pending message for the same chat (one chat's alerts
        never overtake each other, so at most one per chat). On PostgreSQL the rows are
        locked, skipping rows other senders hold."""

    async def next_due(
        self, now: datetime, *, max_priority: int, skip_chats: Iterable[int] = ()
    ) -> OutboxMessage | None:
        """The one message to send next, or None (see `due`)."""
        found = await self.due(now, max_priority=max_priority, skip_chats=skip_chats)
        return found[0] if found else None

    @abstractmethod
    async def counts(self, broadcast_id: int | None = None) -> DeliveryCounts:
        """Rows by state: the whole outbox, or one broadcast's."""

    @abstractmethod
    async def oldest_pending(self) -> datetime | None: ...

    @abstractmethod
    async def recent_failures(self, limit: int) -> list[OutboxMessage]:
        """Failed and unreachable rows, newest first."""

    @abstractmethod
    async def cancel_broadcast(self, broadcast_id: int) -> int:
        """Mark the broadcast's pending rows cancelled; returns how many."""

    @abstractmethod
    async def release_claims(self) -> int:
        """Free every claimed pending row at once; returns how many. Only for a process that
        has just become the sender: any claim left is its dead or former predecessor's."""

    @abstractmethod
    async def extend_claims(self, message_ids: Collection[int], until: datetime) -> None:
        """Keep these rows (still pending) claimed until `until`: a batch is taking long."""

    @abstractmethod
    async def retry_held_now(self, now: datetime) -> int:
        """Make every pending row that waits for a retry due now (an outage just ended);
        returns how many."""

    @abstractmethod
    async def count_held_alerts(self, except_kinds: Collection[str] = ()) -> int:
        """Pending alerts (not broadcast messages), less those of `except_kinds`."""

    # Notices live beside the outbox: conditions the admins are told of once (an outage, a
    # store chat the bot cannot post in; see domain.alerts.outages and domain.alerts.chats).

    @abstractmethod
    async def notice(self, key: str) -> Notice | None: ...

    @abstractmethod
    async def add_notice(self, notice: Notice) -> bool:
        """Store it; False (nothing stored, the transaction kept) if its key is taken."""

    @abstractmethod
    async def remove_notice(self, key: str) -> Notice | None:
        """Delete it; returns what was stored, None if there was nothing (perhaps another
        transaction just removed it)."""

    @abstractmethod
    async def move_chat(self, from_chat_id: int, to_chat_id: int, at: datetime) -> None:
        """A group became a supergroup with a new id: remember it, and send what waits for
        the old id to the new one."""

    @abstractmethod
    async def chat_moves(self) -> dict[int, int]:
        """Every chat that moved: old id -> the id it has now."""


class BroadcastRepository(ABC):
    @abstractmethod
    async def add(self, broadcast: Broadcast) -> None: ...

    @abstractmethod
    async def get(self, broadcast_id: int) -> Broadcast | None: ...

    @abstractmethod
    async def get_for_update(self, broadcast_id: int) -> Broadcast | None: ...

    @abstractmethod
    async def recent(self, limit: int) -> list[Broadcast]:
        """Newest first."""

    @abstractmethod
    async def due(self, now: datetime, limit: int) -> list[Broadcast]:
        """Scheduled ones whose time has come, locked (skipping any another process holds)."""

    @abstractmethod
    async def unreported(self) -> list[Broadcast]:
        """Started ones whose final report is not out yet (sending, or just ended)."""

    @abstractmethod
    async def count_recipients(self, audience: Audience) -> int: ...

    @abstractmethod
    async def fan_out(self, broadcast: Broadcast, at: datetime) -> int:
        """Queue one outbox row per recipient (muted customers left out); returns how many."""


class OrderCardRepository(ABC):
    @abstractmethod
    async def get(self, order_number: int) -> OrderCard | None: ...

    @abstractmethod
    async def many(self, order_numbers: Collection[int]) -> dict[int, OrderCard]:
        """The cards of these orders (those shown already), by order number."""

    @abstractmethod
    async def add(self, card: OrderCard) -> None: ...


class TrackingRepository(ABC):
    @abstractmethod
    async def get_for_update(self, order_number: int) -> Tracking | None: ...

    @abstractmethod
    async def following(self, rider_id: int) -> list[Tracking]:
        """The active trackings of this rider's jobs (not locked: lock the order, then
        `get_for_update`)."""

    @abstractmethod
    async def many(self, order_numbers: Collection[int]) -> dict[int, Tracking]: ...

    @abstractmethod
    async def add(self, tracking: Tracking) -> None: ...


class LiveMapRepository(ABC):
    @abstractmethod
    async def many(self, order_numbers: Collection[int]) -> dict[int, LiveMap]:
        """The live maps shown for these orders, by order number."""

    @abstractmethod
    async def add(self, live_map: LiveMap) -> None: ...


class StoreCardRepository(ABC):
    @abstractmethod
    async def many(self, order_numbers: Collection[int]) -> dict[tuple[int, int], StoreCard]:
        """The store's cards of these orders, by (order number, chat)."""

    @abstractmethod
    async def add(self, card: StoreCard) -> None: ...


class ShopStateRepository(ABC):
    """The one row of what staff set in chat (hours, a pause)."""

    @abstractmethod
    async def get(self) -> ShopState | None:
        """The row, None before staff ever changed anything."""

    @abstractmethod
    async def get_for_update(self) -> ShopState:
        """The row, locked; made (with nothing set) if there is none yet."""
