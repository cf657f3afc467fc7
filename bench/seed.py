"""History for the order benchmark: customers and orders already in the database, written in
bulk, shaped as the bot itself leaves them.

A completed order leaves its row, six timeline rows, an accepted offer, a fired deadline and
six sent alerts; an open one (placed, waiting for the store) its row, one timeline row and a
store deadline that falls due tomorrow, so nothing fires during a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, update

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Delivery
from domain.dispatch.offers import OfferState
from domain.orders.model import PaymentMethod, Role, Size, Status
from domain.persistence import tables
from domain.persistence.database import create_engine
from domain.persistence.repositories import ORDER_COUNTER
from domain.shared.clock import SystemClock
from domain.shared.deadlines import DeadlineKind

FIRST_SEEDED_CUSTOMER = 5_000_001  # apart from the benchmark's own people
SEEDED_RIDER = 4_999_999
BATCH = 5_000
COMPLETED_PATH = (Status.PLACED, Status.APPROVED, Status.ASSIGNED, Status.PICKED_UP,
                  Status.DELIVERED, Status.COMPLETED)


@dataclass(frozen=True)
class History:
    """How much is stored before a run."""

    customers: int
    completed: int
    open: int

    @property
    def orders(self) -> int:
        return self.completed + self.open


async def seed(url: str, history: History) -> None:
    """Write the history into a migrated, empty database; order numbers continue after it."""
    now = SystemClock().now()
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await _insert(conn, tables.users, _users(history, now))
            await _insert(conn, tables.orders, _orders(history, now))
            await _insert(conn, tables.order_timeline, _timeline(history, now))
            await _insert(conn, tables.offers, _offers(history, now))
            await _insert(conn, tables.deadlines, _deadlines(history, now))
            await _insert(conn, tables.outbox, _outbox(history, now))
            await conn.execute(update(tables.counters)
                               .where(tables.counters.c.name == ORDER_COUNTER)
                               .values(value=history.orders))
    finally:
        await engine.dispose()


async def _insert(conn: object, table: tables.Table, rows: Iterator[dict]) -> None:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            await conn.execute(insert(table), batch)  # type: ignore[attr-defined]
            batch = []
    if batch:
        await conn.execute(insert(table), batch)  # type: ignore[attr-defined]


def _customer(number: int, history: History) -> int:
    return FIRST_SEEDED_CUSTOMER + number % max(history.customers, 1)


def _placed_at(number: int, history: History, now: datetime) -> datetime:
    """Completed orders spread over the past days; open ones placed in the last minutes."""
    if number > history.completed:
        return now - timedelta(seconds=history.orders - number + 1)
    return now - timedelta(days=1, minutes=history.completed - number)


def _users(history: History, now: datetime) -> Iterator[dict]:
    for index in range(history.customers):
        yield {"user_id": FIRST_SEEDED_CUSTOMER + index, "first_name": f"Customer {index}",
               "created_at": now - timedelta(days=30), "language_code": "en",
               "chosen_language": None, "muted_at": None, "unreachable_since": None}


def _orders(history: History, now: datetime) -> Iterator[dict]:
    for number in range(1, history.orders + 1):
        completed = number <= history.completed
        yield {
            "number": number, "customer_id": _customer(number, history),
            "customer_name": "Customer", "size": Size.SMALL, "weight_kg": 1.5,
            "pickup_address": "12 Sejong-daero", "pickup_lat": None, "pickup_lon": None,
            "destination_address": "34 Teheran-ro", "destination_lat": None,
            "destination_lon": None, "recipient_phone": "010-1234-5678",
            "payment": PaymentMethod.CASH, "price": 4000,
            "status": Status.COMPLETED if completed else Status.PLACED,
            "created_at": _placed_at(number, history, now),
            "rider_id": SEEDED_RIDER if completed else None,
            "rider_name": "Seeded rider" if completed else None,
            "reason": None, "delivery_code": "1234", "code_failures": 0, "code_waived": False,
            "version": len(COMPLETED_PATH) if completed else 1,
            "paid_at": None,
            "cash_collected_at": _placed_at(number, history, now) if completed else None,
        }


def _timeline(history: History, now: datetime) -> Iterator[dict]:
    for number in range(1, history.orders + 1):
        path = COMPLETED_PATH if number <= history.completed else COMPLETED_PATH[:1]
        for step, status in enumerate(path):
            yield {"order_number": number, "status": status,
                   "at": _placed_at(number, history, now) + timedelta(minutes=step),
                   "actor_role": Role.CUSTOMER, "actor_id": _customer(number, history),
                   "actor_name": "Customer", "reason": None}


def _offers(history: History, now: datetime) -> Iterator[dict]:
    for number in range(1, history.completed + 1):
        at = _placed_at(number, history, now) + timedelta(minutes=1)
        yield {"order_number": number, "rider_id": SEEDED_RIDER, "offered_at": at,
               "expires_at": at + timedelta(minutes=1), "distance_km": None,
               "state": OfferState.ACCEPTED, "decided_at": at}


def _deadlines(history: History, now: datetime) -> Iterator[dict]:
    for number in range(1, history.orders + 1):
        placed = _placed_at(number, history, now)
        if number <= history.completed:
            yield {"kind": DeadlineKind.STORE_EXPIRY, "order_number": number,
                   "due_at": placed + timedelta(minutes=10), "offer_id": None,
                   "fired_at": placed + timedelta(minutes=10)}
        else:
            yield {"kind": DeadlineKind.STORE_EXPIRY, "order_number": number,
                   "due_at": now + timedelta(days=1), "offer_id": None, "fired_at": None}


def _outbox(history: History, now: datetime) -> Iterator[dict]:
    for number in range(1, history.completed + 1):
        placed = _placed_at(number, history, now)
        for step, status in enumerate(COMPLETED_PATH):
            yield {"chat_id": _customer(number, history), "kind": AlertKind(status.value),
                   "params": {"number": number}, "order_number": number, "priority": 0,
                   "broadcast_id": None, "created_at": placed + timedelta(minutes=step),
                   "state": Delivery.SENT, "attempts": 1, "next_attempt_at": None,
                   "claimed_until": None, "last_error": None,
                   "sent_at": placed + timedelta(minutes=step)}
