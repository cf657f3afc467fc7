"""The webhook inbox: every update Telegram pushes is stored before it is acknowledged, so

- an update delivered twice (Telegram retries, several replicas) is handled once: its
  update_id is the primary key;
- one chat's updates are handled one at a time, in update_id order, by whichever replica
  claims them: only the oldest unfinished update of a chat can be claimed, and a claim is a
  conditional update (a lease), so two replicas never hold the same chat;
- an update acknowledged by a replica that then died is not lost: its lease runs out and
  another replica claims it (so a handler may, rarely, run twice for one update; the use
  cases' own checks make that harmless).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.persistence.tables import inbox


@dataclass(frozen=True)
class InboxUpdate:
    update_id: int
    chat_key: int
    payload: str  # the update as Telegram sent it (JSON)
    attempts: int  # claims so far, this one included


class Inbox:
    def __init__(self, engine: AsyncEngine, owner: str, lease: timedelta) -> None:
        self.engine = engine
        self.owner = owner[:64]
        self.lease = lease

    async def add(self, update_id: int, chat_key: int, payload: str, now: datetime) -> bool:
        """Store a pushed update; False if it was stored before (a repeat delivery)."""
        row = {"update_id": update_id, "chat_key": chat_key, "payload": payload,
               "received_at": now, "attempts": 0}
        upsert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = upsert(inbox).values(**row).on_conflict_do_nothing(
            index_elements=["update_id"])
        async with self.engine.begin() as conn:
            result = await conn.execute(statement)
        return result.rowcount == 1

    async def claim(self, now: datetime, limit: int) -> list[InboxUpdate]:
        """Lease up to `limit` updates, each the oldest unfinished one of its chat."""
        earlier = inbox.alias("earlier")
        older_pending = exists().where(
            earlier.c.chat_key == inbox.c.chat_key,
            earlier.c.done_at.is_(None),
            earlier.c.update_id < inbox.c.update_id,
        )
        free = or_(inbox.c.leased_until.is_(None), inbox.c.leased_until < now)
        heads = (select(inbox.c.update_id)
                 .where(inbox.c.done_at.is_(None), free, ~older_pending)
                 .order_by(inbox.c.update_id).limit(limit))
        claimed: list[InboxUpdate] = []
        async with self.engine.begin() as conn:
            for update_id in (await conn.execute(heads)).scalars().all():
                # Conditional: a replica that got there first leaves nothing to update.
                taken = await conn.execute(
                    update(inbox)
                    .where(inbox.c.update_id == update_id, inbox.c.done_at.is_(None), free)
                    .values(leased_until=now + self.lease, leased_by=self.owner,
                            attempts=inbox.c.attempts + 1)
                    .returning(inbox.c.chat_key, inbox.c.payload, inbox.c.attempts))
                row = taken.first()
                if row is not None:
                    claimed.append(InboxUpdate(update_id, row.chat_key, row.payload,
                                               row.attempts))
        return claimed

    async def finish(self, update_id: int, now: datetime) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(inbox)
                .where(inbox.c.update_id == update_id, inbox.c.leased_by == self.owner)
                .values(done_at=now, leased_until=None))

    async def release(self, update_ids: list[int]) -> None:
        """Give back leases this process will not use (shutting down), for others to take."""
        if not update_ids:
            return
        async with self.engine.begin() as conn:
            await conn.execute(
                update(inbox)
                .where(inbox.c.update_id.in_(update_ids), inbox.c.done_at.is_(None),
                       inbox.c.leased_by == self.owner)
                .values(leased_until=None, leased_by=None))

    async def prune(self, before: datetime) -> int:
        """Forget finished updates received before `before` (Telegram stops retrying long
        before a day)."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                delete(inbox).where(inbox.c.done_at.is_not(None), inbox.c.received_at < before))
        return result.rowcount
