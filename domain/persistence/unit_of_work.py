"""The unit of work on a real database: one session, one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from domain.persistence.repositories import (
    SqlAddressRepository,
    SqlBroadcastRepository,
    SqlCartRepository,
    SqlDeadlineRepository,
    SqlDraftRepository,
    SqlItemRepository,
    SqlLiveMapRepository,
    SqlOfferRepository,
    SqlOrderCardRepository,
    SqlOrderRepository,
    SqlOutboxRepository,
    SqlPaymentRepository,
    SqlRiderRepository,
    SqlShopStateRepository,
    SqlStoreCardRepository,
    SqlTrackingRepository,
    SqlUserRepository,
)
from domain.persistence.tables import inbox
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork

OUTBOX_CHANNEL = "ppalli_outbox"


# Run in every effect's transaction: built once (see bot/storage/inbox.py).
_RECORD_EFFECT = (update(inbox).where(inbox.c.update_id == bindparam("held_id"))
                  .values(effects=bindparam("count")))


class SqlUnitOfWork(UnitOfWork):
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        on_alerts: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(on_alerts)
        self._sessions = sessions

    async def _begin(self) -> None:
        self.session = self._sessions()
        self.orders = SqlOrderRepository(self.session)
        self.drafts = SqlDraftRepository(self.session)
        self.users = SqlUserRepository(self.session)
        self.riders = SqlRiderRepository(self.session)
        self.outbox = SqlOutboxRepository(self.session)
        self.broadcasts = SqlBroadcastRepository(self.session)
        self.cards = SqlOrderCardRepository(self.session)
        self.store_cards = SqlStoreCardRepository(self.session)
        self.offers = SqlOfferRepository(self.session)
        self.deadlines = SqlDeadlineRepository(self.session)
        self.carts = SqlCartRepository(self.session)
        self.items = SqlItemRepository(self.session)
        self.payments = SqlPaymentRepository(self.session)
        self.trackings = SqlTrackingRepository(self.session)
        self.live_maps = SqlLiveMapRepository(self.session)
        self.addresses = SqlAddressRepository(self.session)
        self.shop_state = SqlShopStateRepository(self.session)

    async def _record_effect(self, update_id: int, effect: int) -> None:
        await self.session.execute(_RECORD_EFFECT, {"held_id": update_id, "count": effect})

    async def _commit(self, wake_sender: bool) -> None:
        if wake_sender and self.session.get_bind().dialect.name == "postgresql":
            # Delivered at commit to the sender of whichever process holds the sending lock.
            await self.session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
        try:
            await self.session.commit()
        except (StaleDataError, IntegrityError) as error:
            # Another transaction changed or inserted the same thing since we read it.
            raise Conflict() from error

    async def _rollback(self) -> None:
        # Detach first: what a use case returns stays readable after the session is gone.
        self.session.expunge_all()
        await self.session.rollback()

    async def _close(self) -> None:
        await self.session.close()
