"""Telling the admins once that Telegram cannot be reached and alerts are held, and once that
they flow again: not once per held message.

Two notices keep the state in the database. FAILING is written at the first passing failure
(a network error, a timeout, a 5xx) after a successful send; its detail is the time of the
latest failure. When failures have gone on for OUTAGE_AFTER with no send succeeding in
between, OUTAGE is written and the admins are told, once. The first successful send removes
both; if OUTAGE was there, every held message is made due at once and the admins are told
that alerts flow again. Both reports go through the outbox like any alert, so in practice
they arrive after the outage, in order.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Notice, OutboxMessage
from domain.shared.repositories import OutboxRepository

FAILING = "failing"
OUTAGE = "outage"
REPORTS = (AlertKind.OUTAGE_STARTED, AlertKind.OUTAGE_ENDED)
# Held messages are retried at least once a minute (the sender's backoff is capped there),
# so failures further apart than this belong to different troubles, not one long one.
QUIET_BETWEEN = timedelta(minutes=5)


async def note_failure(
    outbox: OutboxRepository, admin_ids: Collection[int], now: datetime,
    outage_after: timedelta,
) -> list[OutboxMessage]:
    """A send failed in a way that may mean Telegram is unreachable; returns the reports to
    queue (only the first time the failing has lasted `outage_after`)."""
    failing = await outbox.notice(FAILING)
    if failing is None:
        await outbox.add_notice(Notice(FAILING, now, now.isoformat()))
        return []
    if now - _latest(failing) > QUIET_BETWEEN:
        failing.since = now  # a new trouble, not the last one going on
    failing.detail = now.isoformat()
    if now - failing.since < outage_after or await outbox.notice(OUTAGE) is not None:
        return []
    if not await outbox.add_notice(Notice(OUTAGE, failing.since)):
        return []  # another sender told them a moment ago
    params = {"since": failing.since.isoformat()}
    return [OutboxMessage(admin, AlertKind.OUTAGE_STARTED, now, dict(params))
            for admin in sorted(admin_ids)]


async def note_success(
    outbox: OutboxRepository, admin_ids: Collection[int], now: datetime
) -> list[OutboxMessage]:
    """A send succeeded: whatever was failing is over; returns the reports to queue (only
    when the admins had been told of an outage)."""
    await outbox.remove_notice(FAILING)
    outage = await outbox.remove_notice(OUTAGE)
    if outage is None:
        return []
    held = await outbox.count_held_alerts(except_kinds=REPORTS)
    await outbox.retry_held_now(now)  # Telegram answers again: no held message waits longer
    params = {"since": outage.since.isoformat(), "at": now.isoformat(), "held": held}
    return [OutboxMessage(admin, AlertKind.OUTAGE_ENDED, now, dict(params))
            for admin in sorted(admin_ids)]


def _latest(failing: Notice) -> datetime:
    return datetime.fromisoformat(failing.detail) if failing.detail else failing.since
