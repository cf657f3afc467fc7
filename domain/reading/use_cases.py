"""Reading orders for the store's dashboard, the read API and /stats: a page of orders, one
order with its timeline, and a day's numbers. Read-only: nothing here commits.

Who may read pages and stats is decided by the caller (the API's bearer token, the chat's
staff check); the daily report checks for staff itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from domain.orders.model import Order, Status
from domain.people.model import Person, Staff
from domain.reading.report import ENDED, DailyReport, daily_report
from domain.shared.clock import Clock
from domain.shared.repositories import OrderFilter
from domain.shared.unit_of_work import UnitOfWork

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
FINISHED = ENDED | {Status.COMPLETED}
LIVE = tuple(status for status in Status if status not in FINISHED)  # in the model's order
ALL = OrderFilter()


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The day as [start, end) in the store's time zone."""
    return (datetime.combine(day, time(), tz),
            datetime.combine(day + timedelta(days=1), time(), tz))


@dataclass(frozen=True)
class OrderPage:
    orders: list[Order]  # newest (highest number) first
    next_before: int | None  # `before` for the next page; None on the last one


@dataclass(frozen=True)
class DayStats:
    """The orders created on `day` (the day /report looks at, here with the unpaid ones too),
    by their status now, and how fast those delivered that day got there."""

    day: date
    by_status: dict[Status, int]  # every status, zeros included
    delivered: int  # delivered that day (some may be completed since)
    average_delivery_minutes: float | None  # placed -> delivered; None when none was
    riders_online: int  # now, whatever the day

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def completed(self) -> int:
        return self.by_status[Status.COMPLETED]

    @property
    def cancelled(self) -> int:
        return self.by_status[Status.CANCELLED]


def _first(order: Order, status: Status) -> datetime | None:
    return next((entry.at for entry in order.timeline if entry.status is status), None)


def delivery_minutes(order: Order) -> float | None:
    """From placed (a prepaid order: once paid) to delivered, if it was delivered."""
    placed, delivered = _first(order, Status.PLACED), _first(order, Status.DELIVERED)
    if placed is None or delivered is None:
        return None
    return (delivered - placed).total_seconds() / 60


def day_stats(day: date, tz: tzinfo, orders: Iterable[Order], riders_online: int) -> DayStats:
    """Counts over the orders placed on `day`; the average over those delivered that day."""
    start, end = day_bounds(day, tz)
    by_status = dict.fromkeys(Status, 0)
    minutes: list[float] = []
    for order in orders:
        by_status[order.status] += 1
        delivered = _first(order, Status.DELIVERED)
        took = delivery_minutes(order)
        if delivered is not None and start <= delivered < end and took is not None:
            minutes.append(took)
    average = round(sum(minutes) / len(minutes), 1) if minutes else None
    return DayStats(day, by_status, len(minutes), average, riders_online)


class Reading:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock,
                 staff: Staff | None = None) -> None:
        self.uow = uow
        self.clock = clock
        self.staff = staff or Staff()

    async def orders(self, where: OrderFilter = ALL, limit: int = PAGE_SIZE) -> OrderPage:
        """Newest first, at most `limit` (1 to MAX_PAGE_SIZE); the next page is the same
        filter with `before` set to this page's `next_before`."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be 1 to {MAX_PAGE_SIZE}")
        async with self.uow() as uow:
            found = await uow.orders.newest(where, limit + 1)
        page = found[:limit]
        return OrderPage(page, page[-1].number if len(found) > limit else None)

    async def order(self, number: int) -> Order:
        """One order, timeline included."""
        async with self.uow() as uow:
            return await uow.orders.require(number, lock=False)

    async def stats(self, tz: tzinfo, day: date | None = None) -> DayStats:
        """A day's numbers (today in `tz` unless `day` is given) and the riders online now."""
        day = day or self.clock.now().astimezone(tz).date()
        start, end = day_bounds(day, tz)
        async with self.uow() as uow:
            orders = await uow.orders.changed_between(start, end)
            online = await uow.riders.online()
        return day_stats(day, tz, orders, len(online))

    async def daily_report(self, person: Person, tz: tzinfo) -> DailyReport:
        """/report: today's orders (in the store's time zone), cash and payments."""
        self.staff.check(person)
        today = self.clock.now().astimezone(tz).date()
        start, end = day_bounds(today, tz)
        async with self.uow() as uow:
            orders = await uow.orders.moved_between(start, end)
        return daily_report(today, start, end, orders)
