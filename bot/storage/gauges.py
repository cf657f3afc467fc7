"""What the operations gauges show, read straight from the database at each /metrics scrape:
orders by status, the outbox backlog, the running broadcasts' progress, the webhook inbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.alerts.outbox import Delivery
from domain.broadcasts.model import BroadcastState
from domain.persistence.tables import broadcasts, inbox, orders, outbox


@dataclass
class Gauges:
    orders_by_status: dict[str, int] = field(default_factory=dict)
    outbox_backlog: int = 0
    oldest_unsent: datetime | None = None
    # broadcast id -> {delivery state: messages}, for broadcasts being sent
    broadcasts: dict[int, dict[str, int]] = field(default_factory=dict)
    inbox_backlog: int = 0
    oldest_update: datetime | None = None


async def read_gauges(engine: AsyncEngine) -> Gauges:
    gauges = Gauges()
    async with engine.connect() as conn:
        by_status: Sequence[Any] = (await conn.execute(
            select(orders.c.status, func.count()).group_by(orders.c.status))).all()
        for status, count in by_status:
            gauges.orders_by_status[str(status)] = count
        backlog = (await conn.execute(
            select(func.count(), func.min(outbox.c.created_at))
            .where(outbox.c.state == Delivery.PENDING))).one()
        gauges.outbox_backlog, gauges.oldest_unsent = backlog[0], backlog[1]
        sending = select(broadcasts.c.id).where(broadcasts.c.state == BroadcastState.SENDING)
        progress: Sequence[Any] = (await conn.execute(
            select(outbox.c.broadcast_id, outbox.c.state, func.count())
            .where(outbox.c.broadcast_id.in_(sending))
            .group_by(outbox.c.broadcast_id, outbox.c.state))).all()
        for broadcast_id, state, count in progress:
            gauges.broadcasts.setdefault(broadcast_id, {})[str(state)] = count
        waiting = (await conn.execute(
            select(func.count(), func.min(inbox.c.received_at))
            .where(inbox.c.done_at.is_(None)))).one()
        gauges.inbox_backlog, gauges.oldest_update = waiting[0], waiting[1]
    return gauges
