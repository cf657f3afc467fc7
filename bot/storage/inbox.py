"""The inbox: every update is stored before it is acknowledged to Telegram (before the 200
in webhook mode, before the next getUpdates offset moves past it in polling mode), so

- an update delivered twice (Telegram retries, several replicas) is handled once: its
  update_id is the primary key;
- one chat's updates are handled one at a time, in update_id order, by whichever replica
  claims them: only the oldest unfinished update of a chat can be claimed, and a claim is a
  conditional update (a lease), so two replicas never hold the same chat. (`chat_key` is
  the update's lane: its chat, or for a press deciding on one order, that order's lane in
  the chat; see bot/updates.py);
- a holder renews its leases while it handles them, and finishing or releasing is fenced by
  the claim's attempt count, so a holder whose lease ran out cannot finish what another
  claim now holds;
- an update acknowledged by a process that then died is not lost: its short lease runs out
  and another replica claims it, or the restarted process frees it at once (one process on
  SQLite). A re-run is told how many of the update's effects committed (`effects`, counted
  by the units of work in their own transactions, see domain/shared/handling.py), so it applies
  none of them twice.

Updates Telegram waits on an answer for (a checkout must be answered within 10 s, a press
within about 15 s) are claimed before other lanes' heads; within a lane the order holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Insert, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.persistence.tables import inbox

# The kinds of update Telegram waits on the bot's answer for.
AWAITED = ("pre_checkout_query", "callback_query")


def awaited(payload: str) -> bool:
    """Whether Telegram waits on an answer to this update (unreadable JSON: no)."""
    try:
        update = json.loads(payload)
    except ValueError:
        return False
    return isinstance(update, dict) and any(kind in update for kind in AWAITED)


# The statements run for every update, built once: building a statement costs several times
# what running it costs (a prebuilt one only takes its parameters).
_FREE = or_(inbox.c.leased_until.is_(None), inbox.c.leased_until < bindparam("now"))


def _added(insert: Callable[[Any], Any]) -> Insert:
    return insert(inbox).values(
        update_id=bindparam("new_id"), chat_key=bindparam("lane"),
        payload=bindparam("text"), received_at=bindparam("now"), attempts=0,
        awaited=bindparam("waits")).on_conflict_do_nothing(index_elements=["update_id"])


_ADD = {"postgresql": _added(pg_insert), "sqlite": _added(sqlite_insert)}

# One head per chat (grouped along the index on done_at, chat_key, update_id): a backlog
# behind busy chats costs one pass, not a look-back for every pending row.
_HEADS = (select(func.min(inbox.c.update_id).label("update_id"))
          .where(inbox.c.done_at.is_(None)).group_by(inbox.c.chat_key).subquery())
_READY = (select(inbox.c.update_id)
          .join(_HEADS, inbox.c.update_id == _HEADS.c.update_id)
          .where(_FREE, inbox.c.update_id.not_in(bindparam("skip", expanding=True)))
          .order_by(inbox.c.awaited.desc(), inbox.c.update_id).limit(bindparam("limit"))
          # PostgreSQL: rows another replica is claiming are passed over, not waited for
          # (SQLite has one writer at a time and ignores it).
          .with_for_update(skip_locked=True, of=inbox))
# One statement: the conditions are checked again on each row as it is updated, so a
# replica that got there first leaves nothing to update.
_CLAIM = (update(inbox)
          .where(inbox.c.update_id.in_(_READY.scalar_subquery()), inbox.c.done_at.is_(None),
                 _FREE)
          .values(leased_until=bindparam("until"), leased_by=bindparam("owner"),
                  attempts=inbox.c.attempts + 1)
          .returning(inbox.c.update_id, inbox.c.chat_key, inbox.c.payload, inbox.c.attempts,
                     inbox.c.effects, inbox.c.awaited))
# A claim counts attempts, so a holder whose lease ran out and was claimed again (by anyone,
# this process too) no longer matches: a stale run cannot finish the update.
_HELD = and_(inbox.c.done_at.is_(None), inbox.c.leased_by == bindparam("owner"),
             inbox.c.update_id == bindparam("held_id"),
             inbox.c.attempts == bindparam("held_attempts"))
_FINISH = update(inbox).where(_HELD).values(done_at=bindparam("now"), leased_until=None)
_FINISH_FORGETTING = _FINISH.values(payload=bindparam("text"))


@dataclass(frozen=True)
class InboxUpdate:
    update_id: int
    chat_key: int
    payload: str  # the update as Telegram sent it (JSON)
    attempts: int  # claims so far, this one included
    effects: int = 0  # effect transactions earlier runs committed


class Inbox:
    def __init__(self, engine: AsyncEngine, owner: str, lease: timedelta) -> None:
        self.engine = engine
        self.owner = owner[:64]
        self.lease = lease

    async def add(self, update_id: int, chat_key: int, payload: str, now: datetime) -> bool:
        """Store a pushed update; False if it was stored before (a repeat delivery)."""
        return await self.add_many([(update_id, chat_key, payload)], now) == 1

    async def add_many(self, updates: Collection[tuple[int, int, str]], now: datetime) -> int:
        """Store (update_id, chat_key, payload) updates in one transaction; how many were new
        (the others were stored before: a repeat delivery)."""
        if not updates:
            return 0
        add = _ADD[self.engine.dialect.name]
        added = 0
        async with self.engine.begin() as conn:
            for update_id, chat_key, payload in updates:
                result = await conn.execute(add, {
                    "new_id": update_id, "lane": chat_key, "text": payload, "now": now,
                    "waits": awaited(payload)})
                added += result.rowcount
        return added

    async def claim(self, now: datetime, limit: int,
                    skip: Collection[int] = ()) -> list[InboxUpdate]:
        """Lease up to `limit` updates, each the oldest unfinished one of its chat, leaving out
        `skip` (those this process is handling: their leases are renewed, never re-claimed)."""
        async with self.engine.begin() as conn:
            rows = (await conn.execute(_CLAIM, {
                "now": now, "skip": list(skip), "limit": limit, "until": now + self.lease,
                "owner": self.owner})).all()
        # RETURNING has no order of its own: the awaited first, then the oldest.
        return [InboxUpdate(row.update_id, row.chat_key, row.payload, row.attempts, row.effects)
                for row in sorted(rows, key=lambda row: (not row.awaited, row.update_id))]

    async def renew(self, held: Collection[InboxUpdate], now: datetime) -> None:
        """Extend the leases of updates still being handled, so no one claims them again."""
        if not held:
            return
        async with self.engine.begin() as conn:
            await conn.execute(
                update(inbox)
                .where(self._still_held(held))
                .values(leased_until=now + self.lease))

    async def finish(self, held: InboxUpdate, now: datetime) -> bool:
        """Mark a handled update done; False if its lease was lost (claimed again since). A
        shared location is forgotten then: the row stays a day (to know the update was seen),
        and a rider's live location would otherwise leave a day's trail of where they rode."""
        params: dict[str, object] = {"now": now, "owner": self.owner,
                                     "held_id": held.update_id, "held_attempts": held.attempts}
        forgotten = without_location(held.payload)
        if forgotten is not None:
            params["text"] = forgotten
        async with self.engine.begin() as conn:
            result = await conn.execute(
                _FINISH if forgotten is None else _FINISH_FORGETTING, params)
        return result.rowcount == 1

    async def release(self, held: Collection[InboxUpdate], *, started: bool) -> None:
        """Give back leases this process will not use (shutting down), for others to take.
        A claim never started was no attempt: it is taken back off the count, so the next
        claim is as first as this one would have been."""
        if not held:
            return
        attempts = inbox.c.attempts if started else inbox.c.attempts - 1
        async with self.engine.begin() as conn:
            await conn.execute(
                update(inbox).where(self._still_held(held))
                .values(leased_until=None, leased_by=None, attempts=attempts))

    async def release_all(self) -> int:
        """Free every lease: for a process that knows no other can be running (SQLite allows
        one), whatever is leased was held by a process that died."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(inbox).where(inbox.c.done_at.is_(None), inbox.c.leased_until.is_not(None))
                .values(leased_until=None, leased_by=None))
        return result.rowcount

    async def unfinished(self, received_by: datetime) -> int:
        """How many updates stored by `received_by` are not finished yet."""
        async with self.engine.connect() as conn:
            return (await conn.execute(
                select(func.count()).select_from(inbox)
                .where(inbox.c.done_at.is_(None), inbox.c.received_at <= received_by))
            ).scalar_one()

    def _still_held(self, held: Collection[InboxUpdate]) -> ColumnElement[bool]:
        """`_HELD` for several updates at once (renewing, releasing)."""
        return and_(inbox.c.done_at.is_(None), inbox.c.leased_by == self.owner,
                    or_(*(and_(inbox.c.update_id == item.update_id,
                               inbox.c.attempts == item.attempts) for item in held)))

    async def prune(self, before: datetime) -> int:
        """Forget finished updates received before `before` (Telegram stops retrying long
        before a day)."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                delete(inbox).where(inbox.c.done_at.is_not(None), inbox.c.received_at < before))
        return result.rowcount


def without_location(payload: str) -> str | None:
    """The update with the location of its message taken out; None when it has none."""
    try:
        update = json.loads(payload)
    except ValueError:
        return None
    message = (update.get("message") or update.get("edited_message")
               if isinstance(update, dict) else None)
    if not isinstance(message, dict) or "location" not in message:
        return None
    message["location"] = {"forgotten": True}
    return json.dumps(update)
