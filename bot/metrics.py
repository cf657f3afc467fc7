"""Prometheus metrics of one process. Counters and the latency histogram are this process's;
the gauges (orders, backlogs, broadcasts) are read from the shared database at each scrape,
so every replica reports the same figures for them."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update

from bot.storage.gauges import read_gauges

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class Outcome:
    """How handling one update ended; the error handler marks it (see bot/app.py)."""

    value: str = "ok"


current_outcome: contextvars.ContextVar[Outcome | None] = contextvars.ContextVar(
    "current_outcome", default=None)


def update_kind(update: object) -> str:
    """message, command, callback_query, pre_checkout_query... ("other" for the rest)."""
    if not isinstance(update, Update):
        return "other"
    message = update.message
    if message is not None:
        if message.successful_payment is not None:
            return "payment"
        if message.text and message.text.startswith("/"):
            return "command"
        return "location" if message.location is not None else "message"
    for kind in ("callback_query", "pre_checkout_query", "edited_message", "my_chat_member"):
        if getattr(update, kind, None) is not None:
            return kind
    return "other"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter("ppalli_updates", "Updates handled, by kind and outcome "
                               "(ok, refused, error, duplicate)", ["kind", "outcome"], registry=r)
        self.handler_seconds = Histogram("ppalli_handler_seconds", "Time to handle an update",
                                         ["kind"], buckets=LATENCY_BUCKETS, registry=r)
        self.sends = Counter("ppalli_sends", "Outbox messages by how sending them ended",
                             ["outcome"], registry=r)
        self.orders = Gauge("ppalli_orders", "Orders by status", ["status"], registry=r)
        self.outbox_backlog = Gauge("ppalli_outbox_backlog", "Messages waiting to be sent",
                                    registry=r)
        self.outbox_oldest = Gauge("ppalli_outbox_oldest_unsent_age_seconds",
                                   "Age of the oldest message waiting to be sent (0: none)",
                                   registry=r)
        self.broadcast_messages = Gauge("ppalli_broadcast_messages", "Messages of broadcasts "
                                        "being sent, by state", ["broadcast", "state"], registry=r)
        self.inbox_backlog = Gauge("ppalli_inbox_backlog", "Webhook updates waiting to be "
                                   "handled", registry=r)
        self.inbox_oldest = Gauge("ppalli_inbox_oldest_age_seconds", "Age of the oldest "
                                  "webhook update waiting (0: none)", registry=r)

    async def measure(self, update: object, handling: Awaitable[object]) -> None:
        """Handle one update, counting it by kind and outcome and timing it."""
        outcome = Outcome()
        token = current_outcome.set(outcome)
        kind = update_kind(update)
        started = time.perf_counter()
        try:
            await handling
        except BaseException:
            outcome.value = "error"
            raise
        finally:
            self.handler_seconds.labels(kind).observe(time.perf_counter() - started)
            self.updates.labels(kind, outcome.value).inc()
            current_outcome.reset(token)

    def duplicate(self, update: object) -> None:
        self.updates.labels(update_kind(update), "duplicate").inc()

    def sent(self, outcome: str) -> None:
        self.sends.labels(outcome).inc()

    async def render(self, engine: AsyncEngine, now: datetime) -> bytes:
        """The text exposition, gauges refreshed from the database first."""
        gauges = await read_gauges(engine)
        self.orders.clear()
        for status, count in gauges.orders_by_status.items():
            self.orders.labels(status).set(count)
        self.outbox_backlog.set(gauges.outbox_backlog)
        self.outbox_oldest.set(_age(gauges.oldest_unsent, now))
        self.broadcast_messages.clear()
        for broadcast_id, states in gauges.broadcasts.items():
            for state, count in states.items():
                self.broadcast_messages.labels(str(broadcast_id), state).set(count)
        self.inbox_backlog.set(gauges.inbox_backlog)
        self.inbox_oldest.set(_age(gauges.oldest_update, now))
        return generate_latest(self.registry)


def _age(since: datetime | None, now: datetime) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


def mark_outcome(value: str) -> None:
    """Called by the error handler: the update ended in a refusal or an error."""
    outcome = current_outcome.get()
    if outcome is not None:
        outcome.value = value
