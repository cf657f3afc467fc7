"""Use cases for announcements and for watching deliveries: preview, send, schedule, cancel,
list; what the outbox holds. Staff only, except muting, which is every customer's choice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import DeliveryCounts, OutboxMessage, Priority
from domain.broadcasts.model import Audience, Broadcast, BroadcastState
from domain.people.model import Person, User
from domain.shared.clock import Clock
from domain.shared.errors import NotFound
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class BroadcastView:
    broadcast: Broadcast
    counts: DeliveryCounts


@dataclass(frozen=True)
class OutboxReport:
    counts: DeliveryCounts
    oldest_pending_at: datetime | None
    recent_failures: list[OutboxMessage]


class Broadcasts:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        check_staff: Callable[[Person], object],
        list_limit: int = 10,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.check_staff = check_staff
        self.list_limit = list_limit

    async def prepare(
        self,
        admin: Person,
        audience: Audience,
        text: str,
        scheduled_for: datetime | None = None,
    ) -> tuple[Broadcast, int]:
        """A draft the admin previews before sending; returns it and how many would get it."""
        self.check_staff(admin)
        broadcast = Broadcast.draft(audience, text, admin.user_id, self.clock.now(),
                                    scheduled_for)
        async with self.uow() as uow:
            await uow.broadcasts.add(broadcast)
            recipients = await uow.broadcasts.count_recipients(audience)
            await uow.commit()
        return broadcast, recipients

    async def confirm(
        self, admin: Person, broadcast_id: int, chat_id: int, message_id: int
    ) -> BroadcastView:
        """Send was pressed: queue it now, or keep it for its time. `message_id` is the
        message that will show its progress."""
        self.check_staff(admin)
        async with self.uow() as uow:
            broadcast = await self._get(uow, broadcast_id)
            now = self.clock.now()
            if broadcast.confirm(now, chat_id, message_id):
                await self._start(uow, broadcast, now)
            await uow.commit()
        return BroadcastView(broadcast, await self._counts(broadcast_id))

    async def cancel(self, admin: Person, broadcast_id: int) -> BroadcastView:
        """Stop it: what was sent stays sent, nothing more goes out."""
        self.check_staff(admin)
        async with self.uow() as uow:
            broadcast = await self._get(uow, broadcast_id)
            if broadcast.cancel(self.clock.now()) is BroadcastState.SENDING:
                await uow.outbox.cancel_broadcast(broadcast_id)
            await uow.commit()
        return BroadcastView(broadcast, await self._counts(broadcast_id))

    async def recent(self, admin: Person) -> list[BroadcastView]:
        self.check_staff(admin)
        async with self.uow() as uow:
            found = await uow.broadcasts.recent(self.list_limit)
            return [BroadcastView(b, await uow.outbox.counts(b.id)) for b in found]

    async def start_due(self) -> list[Broadcast]:
        """Start the scheduled broadcasts whose time has come (the scheduler's sweep)."""
        async with self.uow() as uow:
            now = self.clock.now()
            due = await uow.broadcasts.due(now, limit=10)
            for broadcast in due:
                await self._start(uow, broadcast, now)
            await uow.commit()
            return due

    async def outbox_report(self, admin: Person, failures: int = 5) -> OutboxReport:
        self.check_staff(admin)
        async with self.uow() as uow:
            return OutboxReport(
                await uow.outbox.counts(),
                await uow.outbox.oldest_pending(),
                await uow.outbox.recent_failures(failures),
            )

    # --- for the sender ---------------------------------------------------------------------

    async def unreported(self) -> list[BroadcastView]:
        """Broadcasts under way, or ended without their final report yet."""
        async with self.uow() as uow:
            found = await uow.broadcasts.unreported()
            return [BroadcastView(b, await uow.outbox.counts(b.id)) for b in found]

    async def conclude(self, broadcast_id: int) -> BroadcastView | None:
        """If every message of the broadcast has ended (or it was cancelled), finish it and queue
        the final report to the admin who sent it; returns it then, otherwise None."""
        async with self.uow() as uow:
            broadcast = await uow.broadcasts.get_for_update(broadcast_id)
            if broadcast is None or not broadcast.needs_report:
                return None
            counts = await uow.outbox.counts(broadcast_id)
            now = self.clock.now()
            if broadcast.state is BroadcastState.SENDING:
                if counts.pending:
                    return None
                broadcast.finish(now)
            broadcast.reported_at = now
            await uow.alert(OutboxMessage(
                broadcast.created_by, AlertKind.BROADCAST_REPORT, now,
                {"id": broadcast.id, "state": broadcast.state.value, "total": broadcast.total,
                 "sent": counts.sent, "unreachable": counts.unreachable,
                 "failed": counts.failed, "cancelled": counts.cancelled},
                priority=Priority.ALERT,
            ))
            await uow.commit()
            return BroadcastView(broadcast, counts)

    # --- customers ----------------------------------------------------------------------------

    async def set_muted(self, person: Person, muted: bool) -> User:
        """Opt out of (or back into) announcements; order alerts always arrive."""
        async with self.uow() as uow:
            user = await uow.users.get_or_add(person.user_id, person.name, self.clock.now())
            user.muted_at = self.clock.now() if muted else None
            await uow.commit()
            return user

    # --- helpers ------------------------------------------------------------------------------

    async def _start(self, uow: UnitOfWork, broadcast: Broadcast, now: datetime) -> None:
        total = await uow.broadcasts.fan_out(broadcast, now)
        broadcast.start(now, total)
        uow.wake_sender()

    async def _get(self, uow: UnitOfWork, broadcast_id: int) -> Broadcast:
        broadcast = await uow.broadcasts.get_for_update(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast_not_found", id=broadcast_id)
        return broadcast

    async def _counts(self, broadcast_id: int) -> DeliveryCounts:
        async with self.uow() as uow:
            return await uow.outbox.counts(broadcast_id)
