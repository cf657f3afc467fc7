"""The transactional outbox: chat messages owed to people, stored with the change behind them.

A row is pending until it ends in one of four states: sent, unreachable (the person blocked
the bot), failed (with the reason) or cancelled (a broadcast stopped before reaching it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from domain.alerts.kinds import AlertKind


class Delivery(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"


class Priority(IntEnum):
    """Lower goes first: order alerts never wait behind a broadcast."""

    ALERT = 0
    BROADCAST = 1


@dataclass(eq=False)
class OutboxMessage:
    """One message for one chat. `kind` and `params` are rendered in the reader's language."""

    chat_id: int
    kind: AlertKind
    created_at: datetime
    params: dict[str, Any] = field(default_factory=dict)
    order_number: int | None = None
    priority: int = Priority.ALERT
    broadcast_id: int | None = None
    state: Delivery = Delivery.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    claimed_until: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.kind = AlertKind(self.kind)  # an unknown kind is refused here, not at send time

    @property
    def is_alert(self) -> bool:
        return self.broadcast_id is None

    def claim(self, until: datetime) -> None:
        """A sender is about to send it; if that sender dies, the claim lapses at `until`."""
        self.claimed_until = until

    def release(self) -> None:
        """Claimed but not sent (the sender paused or stopped first): free to take again."""
        self.claimed_until = None

    def mark_sent(self, at: datetime) -> None:
        self._end(Delivery.SENT, None)
        self.sent_at = at

    def mark_unreachable(self, error: str) -> None:
        """The person blocked the bot: never retried."""
        self._end(Delivery.UNREACHABLE, error)

    def mark_failed(self, error: str) -> None:
        self._end(Delivery.FAILED, error)

    def postpone(self, until: datetime, reason: str) -> None:
        """Telegram asked us to slow down: try again then, without counting it as a failure."""
        self.next_attempt_at = until
        self.claimed_until = None
        self.last_error = reason

    def retry_later(self, error: str, at: datetime, delay: timedelta, give_up_after: timedelta
                    ) -> None:
        """A passing failure: try again after `delay`, or give up once it has been due for
        longer than `give_up_after` (time, not a count: an outage of any length up to that
        holds it rather than failing it)."""
        if at - self.created_at >= give_up_after:
            hours = give_up_after.total_seconds() / 3600
            self._end(Delivery.FAILED,
                      f"gave up after {self.attempts + 1} attempts in {hours:g} h: {error}")
            return
        self.attempts += 1
        self.last_error = error
        self.next_attempt_at = at + delay
        self.claimed_until = None

    def _end(self, state: Delivery, error: str | None) -> None:
        self.state = state
        self.attempts += 1
        self.claimed_until = None
        if error is not None:
            self.last_error = error


@dataclass(frozen=True)
class DeliveryCounts:
    """How many rows are in each state (of the whole outbox, or of one broadcast)."""

    pending: int = 0
    sent: int = 0
    failed: int = 0
    unreachable: int = 0
    cancelled: int = 0

    @classmethod
    def of(cls, counts: dict[Delivery, int]) -> DeliveryCounts:
        return cls(**{state.value: counts.get(state, 0) for state in Delivery})

    @property
    def total(self) -> int:
        return self.pending + self.sent + self.failed + self.unreachable + self.cancelled


@dataclass(eq=False)
class OrderCard:
    """Which chat message shows an order's current picture, so it can be edited in place."""

    order_number: int
    chat_id: int
    message_id: int
    updated_at: datetime


@dataclass(eq=False)
class StoreCard:
    """The store's message about an order in one of its chats (the new-order alert), edited
    as the order moves."""

    order_number: int
    chat_id: int
    message_id: int
    updated_at: datetime


@dataclass(eq=False)
class LiveMap:
    """Which message in the customer's chat is the live location of their order's rider."""

    order_number: int
    chat_id: int
    message_id: int
    stopped: bool
    updated_at: datetime


@dataclass(eq=False)
class Notice:
    """A condition the admins are told of once and that lasts until it ends (an outage):
    `key` names it, `since` is when it began, `detail` what else it needs to remember."""

    key: str
    since: datetime
    detail: str | None = None


def person_alert(chat_id: int, kind: AlertKind, at: datetime, **params: Any) -> OutboxMessage:
    """A message to one person (about their order when `params` has its number)."""
    return OutboxMessage(chat_id, kind, at, dict(params), order_number=params.get("number"))


def store_alerts(store_chats: tuple[int, ...], kind: AlertKind, at: datetime,
                 order_number: int | None = None, **params: Any) -> list[OutboxMessage]:
    """The same message to every store chat (the admins, or the staff group)."""
    return [OutboxMessage(chat, kind, at, dict(params), order_number=order_number)
            for chat in store_chats]
