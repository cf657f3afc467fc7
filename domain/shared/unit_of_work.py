"""One transaction per command: state changes and the alerts they cause commit together."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING

from domain.shared.errors import AlreadyApplied
from domain.shared.handling import update_in_hand
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
    OrderRepository,
    OutboxRepository,
    PaymentRepository,
    RiderRepository,
    ShopStateRepository,
    StoreCardRepository,
    TrackingRepository,
    UserRepository,
)

if TYPE_CHECKING:
    from domain.alerts.outbox import OutboxMessage
    from domain.orders.events import OrderEvent
    from domain.orders.model import Order

    # Who is told what when an order changes (domain.orders.alerts.alerts_for, with the
    # store's chats from the rules): set on every unit of work by domain.services.
    AlertRoute = Callable[[Order, OrderEvent], list[OutboxMessage]]
    # What else follows from a change, in the same transaction (the rider's map starts or
    # stops, the arrival time moves): set by domain.services too.
    Reaction = Callable[["UnitOfWork", Order, OrderEvent], Awaitable[None]]

log = logging.getLogger(__name__)


class UnitOfWork(ABC):
    """Use as `async with uow:`; nothing is kept unless `await uow.commit()` is called.

    While an update is in hand (domain.shared.handling), a commit is one of its effects: it is
    counted in the same transaction, and skipped (AlreadyApplied) when a re-run reaches an
    effect an earlier run committed. Set `repeatable` on work that may harmlessly run twice.
    """

    orders: OrderRepository
    drafts: DraftRepository
    users: UserRepository
    riders: RiderRepository
    outbox: OutboxRepository
    broadcasts: BroadcastRepository
    cards: OrderCardRepository
    store_cards: StoreCardRepository
    offers: OfferRepository
    deadlines: DeadlineRepository
    carts: CartRepository
    items: ItemRepository
    payments: PaymentRepository
    trackings: TrackingRepository
    live_maps: LiveMapRepository
    addresses: AddressRepository
    shop_state: ShopStateRepository

    def __init__(self, on_alerts: Callable[[], None] | None = None) -> None:
        self.route: AlertRoute | None = None
        self.reactions: tuple[Reaction, ...] = ()
        self._on_alerts = on_alerts
        self._wake_sender = False
        self.repeatable = False

    async def alert(self, *messages: OutboxMessage) -> None:
        """Queue messages in this transaction: the one way to send an alert. They go only if
        the transaction commits, and the sender is woken when it does."""
        for message in messages:
            await self.outbox.add(message)
        if messages:
            self._wake_sender = True

    def wake_sender(self) -> None:
        """A repository queued rows in bulk (a broadcast's fan-out): wake the sender on commit."""
        self._wake_sender = True

    async def __aenter__(self) -> UnitOfWork:
        await self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._rollback()
        await self._close()

    async def commit(self) -> None:
        """Store the outbox rows for every recorded event, then commit everything at once."""
        in_hand = None if self.repeatable else update_in_hand()
        effect = in_hand.next_effect() if in_hand is not None else None
        if in_hand is not None and effect is None:
            raise AlreadyApplied(orders=sorted(order.number for order in self.orders.seen))
        try:
            await self._store_and_commit(in_hand.update_id if in_hand else None, effect)
        except BaseException:
            if in_hand is not None:
                in_hand.effect_failed()
            raise

    async def _store_and_commit(self, update_id: int | None, effect: int | None) -> None:
        happened: list[tuple[int, str]] = []
        for order in list(self.orders.seen):
            for event in order.pop_events():
                if self.route is None:
                    raise RuntimeError(f"order {order.number} changed in a unit of work that "
                                       "does not know who to tell (domain.services sets it)")
                happened.append((order.number, type(event).__name__))
                await self.alert(*self.route(order, event))
                for react in self.reactions:
                    await react(self, order, event)
        wake, self._wake_sender = self._wake_sender, False
        if update_id is not None and effect is not None:
            await self._record_effect(update_id, effect)
        await self._commit(wake)
        for number, event_name in happened:  # one log line per event, once it is kept
            log.info("order %s: %s", number, event_name, extra={"order": number})
        if wake and self._on_alerts:
            self._on_alerts()

    async def _begin(self) -> None:  # noqa: B027  (optional hook)
        """Open the transaction (the SQL unit of work opens its session here)."""

    async def _close(self) -> None:  # noqa: B027  (optional hook)
        """Release resources after the transaction ended."""

    async def _record_effect(self, update_id: int, effect: int) -> None:  # noqa: B027
        """Store, in this transaction, that the update's effect number `effect` committed."""

    @abstractmethod
    async def _commit(self, wake_sender: bool) -> None:
        """Commit; `wake_sender` asks to wake senders in other processes too, where the
        database can (PostgreSQL NOTIFY)."""

    @abstractmethod
    async def _rollback(self) -> None: ...
